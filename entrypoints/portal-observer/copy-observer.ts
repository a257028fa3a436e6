import { shouldCapture } from '../../core/entries/exclusion';
import { isTrivial, normaliseValue } from '../../core/entries/normalise';
import { describe, editableFrom, inLoginForm } from './editable-field';
import type { PageEvents } from './page-events';
import type { PageSend } from '../../core/contracts/messages';

export interface CopyObserverDeps {
  events: PageEvents;
  send: PageSend;
  sensitiveKeys?: readonly string[];
  /** The catalog tags this page `login`: every field of it is a login field. */
  taggedLogin?: () => boolean;
}

/**
 * Copies and cuts by the cadre (DESIGN.md §3 "Transfer": a value copied on one portal and pasted on another).
 * The copied text is normalised like an entry and sent for fingerprinting; the worker keeps the fingerprint in
 * session memory for the transfer window only. Nothing about the clipboard is changed: the listener is passive
 * and never reads the clipboard itself, only what the page had selected.
 */
export function startCopyObserver({ events, send, sensitiveKeys, taggedLogin = () => false }: CopyObserverDeps) {
  const onCopy = (event: Event) => {
    if (!event.isTrusted) return;
    const text = copiedText(event, sensitiveKeys, taggedLogin());
    if (text === null) return;
    const normalised = normaliseValue(text);
    if (isTrivial(normalised.value)) return;
    void send({ type: 'page.copy', payload: { input: normalised.fingerprintInput } });
  };
  events.on('copy', onCopy);
  events.on('cut', onCopy);
}

/** The selected text the copy takes, or null when it comes from a field that is never captured. */
function copiedText(event: Event, sensitiveKeys: readonly string[] | undefined, taggedLogin: boolean): string | null {
  const field = editableFrom(event);
  if (field && (field.kind === 'input' || field.kind === 'textarea')) {
    const decision = shouldCapture({ ...describe(field), sensitiveKeys, isLoginForm: inLoginForm(field, taggedLogin) });
    if (!decision.capture) return null;
    const el = field.el as HTMLInputElement | HTMLTextAreaElement;
    const start = el.selectionStart ?? 0;
    const end = el.selectionEnd ?? 0;
    // The whole selection, even a huge one: its length is part of a long value's fingerprint, so the paste of it
    // must be compared with the same length. The normalisation itself only looks at the first 64 K units.
    return el.value.slice(start, end);
  }
  if (field) {
    const decision = shouldCapture({ ...describe(field), sensitiveKeys, isLoginForm: taggedLogin });
    if (!decision.capture) return null;
  }
  const selection = (event.target instanceof Node ? event.target.ownerDocument : document)?.getSelection();
  return selection ? selection.toString() : null;
}
