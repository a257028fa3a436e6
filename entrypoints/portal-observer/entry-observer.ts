import { classifyField } from '../../core/entries/category';
import { shouldCapture } from '../../core/entries/exclusion';
import { isTrivial, normaliseValue } from '../../core/entries/normalise';
import { pathTemplate } from '../../core/entries/path-template';
import { describe, type EditableField, editableFrom, focusedEditable, fieldKey, inLoginForm, valueOf } from './editable-field';
import { onEnterKey } from './enter-key';
import type { MainWorldChannel } from './main-world-channel';
import { createCooldown, INPUT_COOLDOWN_MS, type PageEvents, type PageEventSubscription } from './page-events';
import type { PageSend } from '../../core/contracts/messages';

type Method = 'typed' | 'pasted' | 'autofilled';

interface Pending {
  field: EditableField;
  startValue: string;
  method: Method | null;
  firstInputAt: number | null;
  lastInputAt: number;
  composing: boolean;
}

export interface EntryObserverDeps {
  signal: AbortSignal;
  events: PageEvents;
  channel: Pick<MainWorldChannel, 'onEnter' | 'open' | 'onInput'>;
  send: PageSend;
  sensitiveKeys?: readonly string[];
  /** The catalog tags this page `login`: its short forms are login forms even without a password field. */
  taggedLogin?: () => boolean;
}

const rank: Record<Method, number> = { typed: 0, autofilled: 1, pasted: 2 };

/**
 * Commits of editable fields (DESIGN.md §3 "Entry"): a value counts only if trusted user input changed it, and
 * is read once, when the field is left (focusout is composed, so shadow-root inputs reach us; change is not),
 * on Enter, or when the page goes away. The value is normalised and bounded here; the worker fingerprints it
 * and keeps only the fingerprint. Listeners are passive and capture-phase: the page sees nothing of us.
 */
export function startEntryObserver({ signal, events, channel, send, sensitiveKeys, taggedLogin = () => false }: EntryObserverDeps) {
  const pending = new Map<HTMLElement, Pending>();
  const options = { capture: true, passive: true, signal } as const;

  const track = (field: EditableField): Pending => {
    let p = pending.get(field.el);
    if (!p) {
      p = { field, startValue: valueOf(field), method: null, firstInputAt: null, lastInputAt: 0, composing: false };
      pending.set(field.el, p);
    }
    return p;
  };

  const commit = (el: HTMLElement) => {
    const p = pending.get(el);
    if (!p || p.composing) return;
    pending.delete(el);
    if (!p.method) return; // no trusted input: a value set by script is not the cadre's work
    // Autofill may have come while typing had the input handler paused; the field still shows it was autofilled.
    if (p.method === 'typed' && p.field.kind === 'input' && p.field.el.matches(':autofill')) p.method = 'autofilled';
    const raw = valueOf(p.field);
    if (raw === p.startValue) return;
    const described = describe(p.field);
    const key = fieldKey(p.field, described);
    const decision = shouldCapture({ ...described, sensitiveKeys, isLoginForm: inLoginForm(p.field, taggedLogin()) });
    if (!decision.capture) return;
    const normalised = normaliseValue(raw);
    if (isTrivial(normalised.value)) return;
    void send({
      type: 'page.entry',
      payload: {
        input: normalised.fingerprintInput,
        length: normalised.length,
        field: key,
        form: pathTemplate(location.pathname),
        category: classifyField(described, normalised.value),
        method: p.method,
        typingMs: p.firstInputAt === null ? 0 : Math.max(0, Math.round(p.lastInputAt - p.firstInputAt)),
      },
    });
  };

  // Once a field's method is known, typing on in it only moves its last-input time: its input handler pauses as the
  // activity clock's does, so most keystrokes never reach us. Whatever can change the method or the field ends the
  // pause first (paste and drop come before their input event); the cost is a last-input time up to 250 ms early.
  const inputSubs: PageEventSubscription[] = [];
  const cooldown = createCooldown(inputSubs, INPUT_COOLDOWN_MS, signal);
  events.on('focusin', (event) => {
    if (!event.isTrusted) return;
    cooldown.end();
    const field = editableFrom(event);
    if (field) track(field);
  });
  const noteInput = (field: EditableField, method: Method, now: number) => {
    const p = track(field);
    if (!p.method || rank[method] > rank[p.method]) p.method = method;
    p.firstInputAt ??= now;
    p.lastInputAt = now;
  };
  if (channel.open) {
    // Heard by the main-world script (a trusted input, typing at most once a pulse): no crossing per keystroke.
    channel.onInput((el, method, at) => {
      const field = editableFrom(inputLike(el));
      if (field) noteInput(field, method, at);
    });
  } else {
    inputSubs.push(
      events.on('input', (event) => {
        if (!event.isTrusted) return;
        const field = editableFrom(event);
        if (!field) return;
        const inputType = (event as InputEvent).inputType ?? '';
        const method: Method = /^insertFrom(Paste|Drop)/.test(inputType)
          ? 'pasted'
          : inputType === 'insertReplacementText' || (!inputType && field.el.matches(':autofill'))
            ? 'autofilled'
            : 'typed';
        noteInput(field, method, event.timeStamp);
        cooldown.start();
      }),
    );
  }
  events.on('paste', cooldown.end);
  events.on('drop', cooldown.end);
  events.on('compositionstart', (event) => {
    if (!event.isTrusted) return;
    const field = editableFrom(event);
    if (field) track(field).composing = true;
  });
  events.on('compositionend', (event) => {
    if (!event.isTrusted) return;
    const field = editableFrom(event);
    if (field) track(field).composing = false;
  });
  events.on('focusout', (event) => {
    if (!event.isTrusted) return;
    cooldown.end();
    const field = editableFrom(event);
    if (field) commit(field.el);
  });
  onEnterKey(events, channel, () => {
    const field = focusedEditable();
    if (field?.kind !== 'input') return;
    commit(field.el);
    cooldown.end(); // a page that empties the field on Enter gets the next value typed at once
  });
  // A designMode document is left by leaving its frame; everything open is committed when the page goes away.
  addEventListener('blur', () => [...pending.keys()].forEach(commit), options);
  addEventListener('pagehide', () => [...pending.keys()].forEach(commit), options);
}

/**
 * The input's target as a minimal event for editableFrom: a field in a shadow root reaches us as its host (the
 * node it was sent on is outside that tree), so the focused element inside the host is the field.
 */
function inputLike(el: EventTarget): Event {
  let inner: EventTarget = el;
  while (inner instanceof HTMLElement && inner.shadowRoot?.activeElement) inner = inner.shadowRoot.activeElement;
  return { target: el, composedPath: () => [inner] } as unknown as Event;
}
