/**
 * Which fields are never captured (DESIGN.md §3 "Entry": "Never captured: password, hidden and file fields,
 * `autocomplete="cc-*"`, fields an office marks sensitive"; §3 "Login": "Fields of a login form are not entries").
 *
 * Decisions:
 * - Reasons are checked in this order, so the most specific one is reported: password, hidden, file, payment,
 *   office-sensitive, login-form, not-text.
 * - `password` also covers credentials shown as text: `autocomplete` `current-password`, `new-password` or
 *   `one-time-code` (a "show password" toggle turns the input into `type="text"`; one-time codes are credentials).
 * - `payment`: any `autocomplete` token starting with `cc-` (tokens may carry `section-*`, `shipping`/`billing`).
 * - `office-sensitive`: the field's `name` or `id` equals one of the office-marked keys, compared trimmed and
 *   case-insensitively (excluding too much is the safe direction).
 * - Text-like only: `text`, `search`, `email`, `tel`, `url`, `number`, plus `textarea` and `contenteditable`
 *   (callers pass these two as the type). A missing type is `text`, and so is an unknown one, as HTML treats it.
 *   Excluded as `not-text`: checkbox, radio, range, color, submit, button, image, reset, select elements
 *   (`select`, `select-one`, `select-multiple`), and the picker types date, datetime-local, month, week and time —
 *   their value is picked, not typed, and today's date recurs in every form, which would only add noise repeats.
 */

export type ExclusionReason = 'password' | 'hidden' | 'file' | 'payment' | 'office-sensitive' | 'login-form' | 'not-text';

export interface CaptureCandidate {
  type?: string;
  autocomplete?: string;
  name?: string;
  id?: string;
  /** Field keys (name or id) the office marked sensitive. */
  sensitiveKeys?: readonly string[];
  isLoginForm?: boolean;
}

export interface CaptureDecision {
  capture: boolean;
  reason?: ExclusionReason;
}

export const TEXT_LIKE_TYPES: readonly string[] = ['text', 'search', 'email', 'tel', 'url', 'number', 'textarea', 'contenteditable'];

export const NOT_TEXT_TYPES: readonly string[] = [
  'checkbox',
  'radio',
  'range',
  'color',
  'submit',
  'button',
  'image',
  'reset',
  'select',
  'select-one',
  'select-multiple',
  'date',
  'datetime-local',
  'month',
  'week',
  'time',
];

const CREDENTIAL_AUTOCOMPLETE = new Set(['current-password', 'new-password', 'one-time-code']);

function reasonFor(field: CaptureCandidate): ExclusionReason | null {
  const type = (field.type ?? '').trim().toLowerCase() || 'text';
  const autocomplete = (field.autocomplete ?? '').trim().toLowerCase().split(/\s+/);
  if (type === 'password' || autocomplete.some((t) => CREDENTIAL_AUTOCOMPLETE.has(t))) return 'password';
  if (type === 'hidden') return 'hidden';
  if (type === 'file') return 'file';
  if (autocomplete.some((t) => t.startsWith('cc-'))) return 'payment';
  if (isOfficeSensitive(field)) return 'office-sensitive';
  if (field.isLoginForm) return 'login-form';
  if (NOT_TEXT_TYPES.includes(type)) return 'not-text';
  return null;
}

function isOfficeSensitive({ name, id, sensitiveKeys }: CaptureCandidate): boolean {
  if (!sensitiveKeys || sensitiveKeys.length === 0) return false;
  const keys = new Set(sensitiveKeys.map((k) => k.trim().toLowerCase()).filter((k) => k !== ''));
  return [name, id].some((k) => k !== undefined && keys.has(k.trim().toLowerCase()));
}

export function shouldCapture(field: CaptureCandidate): CaptureDecision {
  const reason = reasonFor(field);
  return reason ? { capture: false, reason } : { capture: true };
}
