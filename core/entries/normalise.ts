/**
 * Normalisation of committed entry values (DESIGN.md §3 "Entry"): Unicode NFKC (full-width → half-width), trim,
 * collapse white space; values longer than 64 KB are fingerprinted on a bounded prefix plus their length.
 *
 * Decisions (contract for the capture and fingerprint code):
 * - **The bound is on the raw value**: `MAX_NORMALISED_UNITS` = 65 536 UTF-16 code units (the JS string length,
 *   known in O(1) before any work). A longer value is cut to that prefix (one unit less if the cut would split a
 *   surrogate pair) *before* NFKC, so NFKC, the white-space pass and the code-point count never see more than
 *   64 K units whatever the paste size. NFKC may expand text (up to 18× per character): a normalised result longer
 *   than the bound is cut to it as well (and the value counts as truncated), so `value` never exceeds 64 K units
 *   and `fingerprintInput` never exceeds `MAX_FINGERPRINT_INPUT_UNITS`.
 * - **What gets hashed** is `fingerprintInput`, never the raw value: the normalised value itself when the value
 *   and its normalised form were within the bound; otherwise `"\u0000" + rawLength + "\u0000" + normalisedPrefix`.
 *   Normalised values never contain U+0000 (control characters are dropped, below), so a bounded input can never
 *   equal a whole value. Two huge values with the same first 64 K units and the same raw length get the same
 *   fingerprint: accepted. A huge value whose first 64 K units are all white space normalises to "" and is then
 *   trivial (`isTrivial`), like any blank value.
 * - **`length`** is the number of code points of the normalised value when within the bound. For a truncated
 *   value it is the raw UTF-16 length (counting the code points of 10 MB is the unbounded work we avoid); it is
 *   only used for "characters re-typed", where a >64 K typed value does not occur in practice.
 * - Besides NFKC: C0/C1 control characters other than white space are dropped (they cannot be typed); the
 *   invisible format characters soft hyphen U+00AD, zero-width space U+200B, word joiner U+2060 and BOM U+FEFF
 *   are dropped (pasting from Word or a web page inserts them); every run of white space (`\s` — which includes
 *   U+3000 ideographic space, no-break space, line and paragraph separators, newlines and tabs — and U+0085) becomes
 *   one U+0020; the result is trimmed.
 */

/** Values longer than this many UTF-16 code units (64 K) are normalised and fingerprinted on this prefix only. */
export const MAX_NORMALISED_UNITS = 65_536;

/** Upper bound of `fingerprintInput.length`: the bounded value, two separators and a decimal length. */
export const MAX_FINGERPRINT_INPUT_UNITS = MAX_NORMALISED_UNITS + 2 + 16;

export interface NormalisedValue {
  /** The normalised value (of the bounded prefix when `truncated`). Never stored; used to classify and hash. */
  value: string;
  /** Code points of `value`; for a truncated value, the raw value's UTF-16 length. */
  length: number;
  /** True when the raw value, or its normalised form, was longer than `MAX_NORMALISED_UNITS`. */
  truncated: boolean;
  /** Exactly what must be fingerprinted (bounded: at most the normalised prefix plus a few characters). */
  fingerprintInput: string;
}

const DROPPED = /[\u0000-\u0008\u000e-\u001f\u007f-\u0084\u0086-\u009f\u00ad\u200b\u2060\ufeff]/g;
const WHITE_SPACE_RUN = /[\s\u0085]+/g;

/** NFKC, drop controls and invisible format characters, collapse white space, trim. */
function normaliseBounded(text: string): string {
  return text.normalize('NFKC').replace(DROPPED, '').replace(WHITE_SPACE_RUN, ' ').trim();
}

/** Number of code points (a surrogate pair counts once). */
export function codePointLength(text: string): number {
  let n = text.length;
  for (let i = 0; i < text.length - 1; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}

/** The first `MAX_NORMALISED_UNITS` units of `text`, without splitting a surrogate pair. */
function boundedPrefix(text: string): string {
  if (text.length <= MAX_NORMALISED_UNITS) return text;
  let end = MAX_NORMALISED_UNITS;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return text.slice(0, end);
}

export function normaliseValue(raw: string): NormalisedValue {
  const normalised = normaliseBounded(boundedPrefix(raw));
  if (raw.length <= MAX_NORMALISED_UNITS && normalised.length <= MAX_NORMALISED_UNITS) {
    return { value: normalised, length: codePointLength(normalised), truncated: false, fingerprintInput: normalised };
  }
  const value = boundedPrefix(normalised).trimEnd();
  return {
    value,
    length: raw.length,
    truncated: true,
    fingerprintInput: `\u0000${raw.length}\u0000${value}`,
  };
}

/**
 * Values ignored as trivial (compared case-insensitively with the whole normalised value). DESIGN.md names
 * 是/否/无/0/1; the rest are the answers and placeholders that fill government forms and say nothing about the
 * person: yes/no and their abbreviations, true/false, OK, the dialog buttons 确定/取消, "empty" (空, null, n/a,
 * none, na), dashes, "as above" (同上), "omitted" (略), "none yet" (暂无, 没有) and "unknown" (不详).
 * Single characters are listed for documentation; they are already trivial by length.
 */
export const TRIVIAL_VALUES: readonly string[] = [
  '是', '否', '无', '有', '0', '1', '男', '女', '对', '错',
  'yes', 'no', 'y', 'n', 'true', 'false', 'ok',
  '确定', '取消', '空', 'null', 'n/a', 'na', 'none', '-', '--', '同上', '略', '暂无', '没有', '不详',
];

const TRIVIAL_SET = new Set(TRIVIAL_VALUES);
const HAS_LETTER_OR_NUMBER = /[\p{L}\p{N}]/u;

/**
 * True for values that are ignored: fewer than 2 code points, a value of the stop list `TRIVIAL_VALUES`
 * (case-insensitive), or a value without any letter, digit or ideograph (only punctuation, symbols or spaces,
 * such as "...", "///" or "——"). Expects a value returned by `normaliseValue`.
 */
export function isTrivial(normalised: string): boolean {
  if (codePointLength(normalised) < 2) return true;
  if (normalised.length <= 8 && TRIVIAL_SET.has(normalised.toLowerCase())) return true;
  return !HAS_LETTER_OR_NUMBER.test(normalised);
}
