import { normaliseAccount } from '../../core/submissions/login-form';
import { type ControlShape, isSubmitLike } from '../../core/submissions/submit-control';
import { loginFormAround } from './form-shape';
import { focusedEditable } from './editable-field';
import { onEnterKey } from './enter-key';
import type { MainWorldChannel } from './main-world-channel';
import type { PageEvents } from './page-events';
import type { PageSend } from '../../core/contracts/messages';

export interface SubmitObserverDeps {
  events: PageEvents;
  channel: Pick<MainWorldChannel, 'onEnter'>;
  send: PageSend;
  /** The catalog tags this page `login`. */
  taggedLogin: () => boolean;
}

const CONTROL = 'button, input, a, [role="button"], [lay-submit], .el-button, .layui-btn';

function controlFrom(event: Event): Element | null {
  const direct = event.target;
  const target = direct instanceof Element && direct.shadowRoot ? event.composedPath()[0] : direct;
  return target instanceof Element ? target.closest(CONTROL) : null;
}

function shapeOf(el: Element): ControlShape {
  const tag = el.tagName.toLowerCase();
  const isInput = el instanceof HTMLInputElement;
  const text = isInput ? el.value : (el.textContent ?? '').trim().slice(0, 40);
  return {
    tag,
    type: (el.getAttribute('type') ?? '').toLowerCase(),
    label: text || el.getAttribute('aria-label') || el.getAttribute('title') || '',
    className: el.getAttribute('class') ?? '',
    laySubmit: el.hasAttribute('lay-submit'),
    role: el.getAttribute('role') ?? '',
    inForm: !!el.closest('form, .layui-form, .el-form'),
    inFormElement: !!(el as HTMLButtonElement).form,
  };
}

/**
 * Trusted actions that may submit (DESIGN.md §3 "Submission"): a click on a submit-like control, Enter in a
 * form's field, a form's own submit event. Each only *announces* a possible submission; the worker counts it
 * when a POST/PUT from this frame follows within 10 s, which it sees through webRequest without the body.
 * For a login form the account name goes to the worker in memory, is fingerprinted there and is dropped.
 * Passive capture listeners: the page's own handlers and its request are untouched.
 */
export function startSubmitObserver({ events, channel, send, taggedLogin }: SubmitObserverDeps) {
  // A click on a submit button (or Enter in a field) and the submit event it causes are one action.
  let lastAnnounced = -Infinity;
  const announce = (el: Element, via: 'click' | 'enter' | 'submit') => {
    const now = performance.now();
    if (via === 'submit' && now - lastAnnounced < 150) return;
    lastAnnounced = now;
    const form = loginFormAround(el, taggedLogin());
    const account = form.account ? normaliseAccount(form.account.value) : '';
    void send({
      type: 'page.submitIntent',
      payload: {
        via,
        // Heard in the capture phase on window, before any page handler could start a request for it.
        at: Date.now(),
        login: form.login ? { captcha: form.captcha, oneTimeCode: form.oneTimeCode, ...(account && { account }) } : null,
      },
    });
  };

  events.on('click', (event) => {
    if (!event.isTrusted) return;
    const control = controlFrom(event);
    if (control && isSubmitLike(shapeOf(control))) announce(control, 'click');
  });
  onEnterKey(events, channel, () => {
    const target = focusedEditable()?.el;
    // Enter in a field submits its form implicitly; layui and Element pages (vue-element-admin's login among
    // them) bind Enter to their submit too.
    if (target instanceof HTMLInputElement && target.closest('form, .layui-form, .el-form')) announce(target, 'enter');
  });
  events.on('submit', (event) => {
    if (event.isTrusted && event.target instanceof HTMLFormElement) announce(event.target, 'submit');
  });
}
