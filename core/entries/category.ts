/**
 * Field category of an entry (DESIGN.md §3 "Entry": name, id-number, phone, address, date, number, long-text,
 * other — "from label, name, autocomplete and value shape"). Only the category is kept; labels never are.
 *
 * Decision order (first that applies wins):
 * 1. Value shape, strong: an 18-character ID number valid under GB 11643-1999 → `id-number`; a mainland mobile
 *    number → `phone`. These override a misleading label (an ID number typed into "备注" is still an ID number).
 *    Spaces and hyphens are ignored for these shapes (`110105 19491231 002X`, `+86 138-0013-8000`).
 * 2. Field evidence, strongest source first: the `autocomplete` field name (standard tokens such as `name`,
 *    `tel`, `street-address`, `bday`), then the label, the placeholder, the `name` attribute, the `id` attribute.
 *    The first source with a keyword decides. Within one text, the keyword whose match *ends last* wins (Chinese and
 *    English noun phrases put the head last: 联系人电话 → phone, 申请人身份证号码 → id-number, 身份证地址 → address,
 *    contactPhone → phone); on a tie the longer match wins (出生地 → address over 出生 → date, phoneNumber → phone
 *    over number). Chinese keywords match anywhere in the text; English and pinyin keywords match whole words, where
 *    words are split at non-letters and camelCase boundaries (`idCard` → id card, `lxdh` stays one word, so `xm`
 *    does not match inside `xml`). Keywords of the category `other` (e-mail, URL, IP address) only stop the search.
 * 3. The input `type` / `inputMode`: tel → phone; number, numeric, decimal → number; date, datetime-local, month,
 *    week, time → date; email, url → other.
 * 4. Value shape, weak: a date (2026-11-27, 2026/11/27, 2026.11.27, 2026年11月27日, 2026年11月, optionally with a
 *    time; month and day checked) → `date`; a number (sign, thousands separators, decimals, ¥ prefix, % / 元 / 万元
 *    suffix) → `number`; a compact 8-digit date such as 20261127 is a date only when the field says so (step 2/3),
 *    otherwise a number.
 * 5. A multiline field, or a value longer than `LONG_TEXT_CODE_POINTS` code points → `long-text`; else `other`.
 *
 * Expects the value returned by `normaliseValue` (NFKC already maps full-width digits and letters).
 */
import type { EntryCategory } from '../contracts/report-schema';
import { codePointLength } from './normalise';

export type Category = EntryCategory;

export const LONG_TEXT_CODE_POINTS = 50;

export interface FieldDescription {
  label?: string;
  name?: string;
  id?: string;
  placeholder?: string;
  autocomplete?: string;
  type?: string;
  inputMode?: string;
  multiline: boolean;
}

// ---------------------------------------------------------------------------------------------------------------
// GB 11643-1999 citizen identity number

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const ID_CHECK_CHARS = '10X98765432';

/** The check character (0–9 or X) of the first 17 digits, or null when they are not 17 digits. */
export function chineseIdCheckChar(first17: string): string | null {
  if (!/^\d{17}$/.test(first17)) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (ID_WEIGHTS[i] ?? 0);
  return ID_CHECK_CHARS[sum % 11] ?? null;
}

function isCalendarDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
  return day <= days;
}

/**
 * True for an 18-character citizen identity number valid under GB 11643-1999: 17 digits and a check character
 * (mod 11, weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2, check characters 1 0 X 9 8 7 6 5 4 3 2; a lower-case x is
 * accepted), a birth date (characters 7–14) that is a real calendar date in 1900–2099, and an address code whose
 * first digit is 1–8 (every province-level code does). No spaces are allowed here; callers strip them.
 */
export function isValidChineseIdNumber(s: string): boolean {
  if (!/^\d{17}[\dXx]$/.test(s)) return false;
  if (s[0] === '0' || s[0] === '9') return false;
  const year = Number(s.slice(6, 10));
  if (year < 1900 || year > 2099) return false;
  if (!isCalendarDate(year, Number(s.slice(10, 12)), Number(s.slice(12, 14)))) return false;
  return chineseIdCheckChar(s.slice(0, 17)) === s[17]!.toUpperCase();
}

const MOBILE = /^(?:(?:\+|00)?86)?1[3-9]\d{9}$/;

/** A mainland mobile number: 1[3-9] and 9 digits, optionally after +86, 0086 or 86; spaces and hyphens ignored. */
export function isMainlandMobile(value: string): boolean {
  return MOBILE.test(value.replace(/[\s-]/g, ''));
}

// ---------------------------------------------------------------------------------------------------------------
// Keywords

/** Chinese keywords: matched as substrings. */
const CHINESE_KEYWORDS: ReadonlyArray<readonly [string, Category]> = [
  ...(['姓名', '名字', '名称', '联系人', '申请人', '户主', '负责人', '法定代表人', '经办人', '监护人', '填报人'] as const).map(
    (k) => [k, 'name'] as const,
  ),
  ...(['身份证', '证件号', '公民身份号码', '身份号码', '护照'] as const).map((k) => [k, 'id-number'] as const),
  ...(['手机', '电话', '联系方式', '固话', '座机'] as const).map((k) => [k, 'phone'] as const),
  ...(['地址', '住址', '户籍', '居住地', '所在地', '出生地', '籍贯', '门牌', '街道'] as const).map(
    (k) => [k, 'address'] as const,
  ),
  ...(['日期', '时间', '出生', '年月', '生日', '有效期', '期限'] as const).map((k) => [k, 'date'] as const),
  ...(['金额', '数量', '面积', '人数', '数目', '数额', '件数', '户数', '次数', '年龄', '费用', '价格', '收入'] as const).map(
    (k) => [k, 'number'] as const,
  ),
  ...(['情况说明', '说明', '备注', '描述', '内容', '意见', '原因', '事由', '简介', '经过'] as const).map(
    (k) => [k, 'long-text'] as const,
  ),
  ...(['邮箱', '电子邮件', '邮件地址', '网址', 'ip地址'] as const).map((k) => [k, 'other'] as const),
];

/** English and pinyin-abbreviation keywords: sequences of whole words. */
const WORD_KEYWORDS: ReadonlyArray<readonly [readonly string[], Category]> = [
  ...['name', 'xm', 'xingming', 'lxr', 'sqr', 'fullname', 'surname', 'firstname', 'lastname'].map((k) => [[k], 'name'] as const),
  ...[['idcard'], ['id', 'card'], ['id', 'no'], ['id', 'number'], ['id', 'num'], ['id', 'code'], ['sfz'], ['sfzh'], ['sfzhm'], ['zjhm'], ['gmsfhm'], ['identity'], ['passport']].map(
    (k) => [k, 'id-number'] as const,
  ),
  ...[['mobile'], ['phone'], ['tel'], ['telephone'], ['cellphone'], ['mobilephone'], ['sjh'], ['sjhm'], ['lxdh'], ['dh'], ['lxfs'], ['phone', 'number'], ['mobile', 'number'], ['tel', 'number'], ['contact', 'number']].map(
    (k) => [k, 'phone'] as const,
  ),
  ...['address', 'addr', 'dz', 'zz', 'hjdz', 'jzdz', 'jtzz', 'xzz', 'txdz', 'street', 'residence', 'domicile'].map(
    (k) => [[k], 'address'] as const,
  ),
  ...['date', 'birthday', 'birthdate', 'birth', 'dob', 'rq', 'csrq', 'time', 'datetime'].map((k) => [[k], 'date'] as const),
  ...['amount', 'amt', 'number', 'num', 'count', 'quantity', 'qty', 'total', 'price', 'fee', 'age', 'income', 'je', 'sl', 'mj', 'rs'].map(
    (k) => [[k], 'number'] as const,
  ),
  ...['remark', 'remarks', 'description', 'desc', 'note', 'notes', 'comment', 'comments', 'memo', 'content', 'detail', 'details', 'reason', 'summary', 'bz', 'qksm'].map(
    (k) => [[k], 'long-text'] as const,
  ),
  ...[['email'], ['e', 'mail'], ['mail'], ['email', 'address'], ['e', 'mail', 'address'], ['url'], ['website'], ['web', 'address'], ['ip', 'address']].map(
    (k) => [k, 'other'] as const,
  ),
];

const AUTOCOMPLETE: Readonly<Record<string, Category>> = {
  name: 'name',
  'honorific-prefix': 'name',
  'given-name': 'name',
  'additional-name': 'name',
  'family-name': 'name',
  'honorific-suffix': 'name',
  nickname: 'name',
  organization: 'name',
  'street-address': 'address',
  'address-line1': 'address',
  'address-line2': 'address',
  'address-line3': 'address',
  'address-level1': 'address',
  'address-level2': 'address',
  'address-level3': 'address',
  'address-level4': 'address',
  country: 'address',
  'country-name': 'address',
  'postal-code': 'address',
  tel: 'phone',
  'tel-country-code': 'phone',
  'tel-national': 'phone',
  'tel-area-code': 'phone',
  'tel-local': 'phone',
  'tel-local-prefix': 'phone',
  'tel-local-suffix': 'phone',
  'tel-extension': 'phone',
  bday: 'date',
  'bday-day': 'date',
  'bday-month': 'date',
  'bday-year': 'date',
  'transaction-amount': 'number',
  email: 'other',
  url: 'other',
  impp: 'other',
  username: 'other',
  sex: 'other',
  language: 'other',
  'organization-title': 'other',
};

const TYPE_HINTS: Readonly<Record<string, Category>> = {
  tel: 'phone',
  number: 'number',
  numeric: 'number',
  decimal: 'number',
  date: 'date',
  'datetime-local': 'date',
  month: 'date',
  week: 'date',
  time: 'date',
  email: 'other',
  url: 'other',
};

/** At most this much of a label or attribute is searched; real labels are short. */
const MAX_EVIDENCE_UNITS = 256;

interface Word {
  text: string;
  start: number;
  end: number;
}

const WORD = /[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|\d+/g;

function words(text: string): Word[] {
  return Array.from(text.matchAll(WORD), (m) => ({
    text: m[0].toLowerCase(),
    start: m.index,
    end: m.index + m[0].length,
  }));
}

interface Match {
  category: Category;
  end: number;
  length: number;
}

function better(a: Match | null, b: Match): Match {
  if (!a || b.end > a.end || (b.end === a.end && b.length > a.length)) return b;
  return a;
}

/** The category named by a label or attribute text, or null when it names none. */
export function categoryFromText(raw: string | undefined): Category | null {
  if (!raw) return null;
  const text = raw.normalize('NFKC').slice(0, MAX_EVIDENCE_UNITS);
  const lower = text.toLowerCase();
  let best: Match | null = null;
  for (const [keyword, category] of CHINESE_KEYWORDS) {
    const at = lower.lastIndexOf(keyword);
    if (at >= 0) best = better(best, { category, end: at + keyword.length, length: keyword.length });
  }
  const ws = words(text);
  for (const [keyword, category] of WORD_KEYWORDS) {
    for (let i = ws.length - keyword.length; i >= 0; i--) {
      if (keyword.every((k, j) => ws[i + j]?.text === k)) {
        const first = ws[i]!;
        const last = ws[i + keyword.length - 1]!;
        best = better(best, { category, end: last.end, length: last.end - first.start });
        break;
      }
    }
  }
  return best?.category ?? null;
}

/** The category named by an `autocomplete` attribute: its last token is the field name. */
export function categoryFromAutocomplete(autocomplete: string | undefined): Category | null {
  const tokens = (autocomplete ?? '').trim().toLowerCase().split(/\s+/);
  const fieldName = tokens.find((t) => Object.hasOwn(AUTOCOMPLETE, t)) ?? tokens.at(-1) ?? '';
  return Object.hasOwn(AUTOCOMPLETE, fieldName) ? (AUTOCOMPLETE[fieldName] ?? null) : null;
}

function categoryFromType(field: FieldDescription): Category | null {
  for (const hint of [field.type, field.inputMode]) {
    const key = (hint ?? '').trim().toLowerCase();
    if (Object.hasOwn(TYPE_HINTS, key)) return TYPE_HINTS[key] ?? null;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------------------------
// Weak value shapes

const DATE_SHAPES: readonly RegExp[] = [
  /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$/,
  /^(\d{4}) ?年 ?(\d{1,2}) ?月 ?(\d{1,2}) ?[日号](?: ?\d{1,2}[:时点]\d{0,2}分?)?$/,
  /^(\d{4}) ?年 ?(\d{1,2}) ?月$/,
];

/** A date written with separators or 年月日, with a real month and day (years 1000–2999). */
export function isDateShape(value: string): boolean {
  for (const shape of DATE_SHAPES) {
    const m = shape.exec(value);
    if (!m) continue;
    const year = Number(m[1]);
    if (year < 1000 || year > 2999) return false;
    return isCalendarDate(year, Number(m[2]), m[3] === undefined ? 1 : Number(m[3]));
  }
  return false;
}

const NUMBER_SHAPE = /^[¥$]?[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:%|元|万元)?$/;

export function isNumberShape(value: string): boolean {
  return NUMBER_SHAPE.test(value);
}

// ---------------------------------------------------------------------------------------------------------------

export function classifyField(field: FieldDescription, normalisedValue: string): Category {
  const compact = normalisedValue.length <= 40 ? normalisedValue.replace(/[\s-]/g, '') : '';
  if (isValidChineseIdNumber(compact)) return 'id-number';
  if (isMainlandMobile(compact)) return 'phone';

  const fromField =
    categoryFromAutocomplete(field.autocomplete) ??
    categoryFromText(field.label) ??
    categoryFromText(field.placeholder) ??
    categoryFromText(field.name) ??
    categoryFromText(field.id) ??
    categoryFromType(field);
  if (fromField) return fromField;

  if (isDateShape(normalisedValue)) return 'date';
  if (isNumberShape(normalisedValue)) return 'number';
  if (field.multiline || codePointLength(normalisedValue) > LONG_TEXT_CODE_POINTS) return 'long-text';
  return 'other';
}
