/**
 * The one rule for "this is a login form" (DESIGN.md §3 "Login"), shared by the entry observer (login-form fields
 * are never entries) and the submission observer (a submission from such a form is a login). Fields arrive as
 * plain descriptions read in the page; nothing here sees a value.
 *
 * Decisions:
 * - A field is a one-time code when `autocomplete="one-time-code"` or its name, id, placeholder or label says
 *   so (短信验证码, 动态码, otp, sms); a captcha when they say 验证码 / 校验码 / captcha / vcode and it is not a
 *   one-time code (短信验证码 contains 验证码, so the one-time code is checked first).
 * - A form is a login form when it asks for a secret (password, one-time code or captcha) or sits on a page the
 *   catalog tags `login`, AND it has at most 3 text-like fields besides passwords. A long application form that
 *   also sets a password (registration, account opening) stays data entry.
 * - The account is the first text-like field that is neither a captcha nor a one-time code (用户名, 手机号, …).
 */

export interface FieldShape {
  type: string;
  autocomplete?: string;
  name?: string;
  id?: string;
  placeholder?: string;
  label?: string;
}

export type FieldRole = 'password' | 'one-time-code' | 'captcha' | 'text' | 'other';

export interface LoginFormVerdict {
  login: boolean;
  captcha: boolean;
  oneTimeCode: boolean;
  /** Index into the fields of the account-name field, when it is a login form and one exists. */
  accountIndex: number | null;
}

const TEXT_TYPES = new Set(['text', 'search', 'email', 'tel', 'url', 'number', 'textarea']);
const ONE_TIME_CODE = /one[-_ ]?time|\botp\b|otp[-_]?code|sms|短信|动态码|动态口令|动态密码|手机验证码|校验短信/i;
const CAPTCHA = /captcha|verif(y|ication)?[-_ ]?code|vcode|valid[-_]?code|check[-_]?code|yzm|验证码|校验码|图形码|图片码/i;
export const MAX_LOGIN_TEXT_FIELDS = 3;

export function fieldRole(field: FieldShape): FieldRole {
  const type = field.type.trim().toLowerCase() || 'text';
  const autocomplete = (field.autocomplete ?? '').toLowerCase();
  if (type === 'password' || /(current|new)-password/.test(autocomplete)) return 'password';
  if (!TEXT_TYPES.has(type)) return 'other';
  const words = [field.name, field.id, field.placeholder, field.label].filter(Boolean).join(' ');
  if (autocomplete.includes('one-time-code') || ONE_TIME_CODE.test(words)) return 'one-time-code';
  if (CAPTCHA.test(words)) return 'captcha';
  return 'text';
}

export function judgeLoginForm(fields: readonly FieldShape[], opts: { taggedLogin?: boolean } = {}): LoginFormVerdict {
  const roles = fields.map(fieldRole);
  const captcha = roles.includes('captcha');
  const oneTimeCode = roles.includes('one-time-code');
  const asksSecret = roles.includes('password') || captcha || oneTimeCode;
  const textLike = roles.filter((r) => r === 'text' || r === 'captcha' || r === 'one-time-code').length;
  const login = (asksSecret || !!opts.taggedLogin) && textLike <= MAX_LOGIN_TEXT_FIELDS;
  const account = roles.indexOf('text');
  return { login, captcha: login && captcha, oneTimeCode: login && oneTimeCode, accountIndex: login && account >= 0 ? account : null };
}

/** The account name as it is fingerprinted: NFKC, trimmed, case-folded (账号 matching is case-insensitive on most portals). */
export function normaliseAccount(raw: string): string {
  return raw.normalize('NFKC').trim().replace(/\s+/g, '').toLowerCase().slice(0, 256);
}
