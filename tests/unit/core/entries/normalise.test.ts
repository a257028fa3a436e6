import { describe, expect, it } from 'vitest';
import {
  codePointLength,
  isTrivial,
  MAX_FINGERPRINT_INPUT_UNITS,
  MAX_NORMALISED_UNITS,
  normaliseValue,
  TRIVIAL_VALUES,
} from '../../../../core/entries/normalise';

describe('normaliseValue: NFKC, white space, invisible characters', () => {
  it.each([
    ['full-width letters and digits', 'ＡＢＣａｂｃ１２３', 'ABCabc123'],
    ['full-width punctuation', '（１２３）：，；！？', '(123):,;!?'],
    ['full-width comma between Chinese names', '张三，李四', '张三,李四'],
    ['full-width ID number with x', '１１０１０５１９４９１２３１００２Ｘ', '11010519491231002X'],
    ['ideographic spaces inside', '１３８　００１３　　８０００', '138 0013 8000'],
    ['ideographic spaces around', '\u3000\u3000张三\u3000', '张三'],
    ['newlines and tabs collapse', '  第一行\r\n\r\n第二行\t 第三行  ', '第一行 第二行 第三行'],
    ['no-break and narrow spaces', 'a\u00a0\u202fb', 'a b'],
    ['line and paragraph separators', 'a\u2028\u2029b', 'a b'],
    ['next line U+0085', 'a\u0085b', 'a b'],
    ['zero-width space and BOM dropped', '\ufeff张\u200b三', '张三'],
    ['soft hyphen and word joiner dropped', 'ab\u00adc\u2060d', 'abcd'],
    ['control characters dropped', 'a\u0000b\u0007c\u009fd', 'abcd'],
    ['circled digits', '①②③', '123'],
    ['squared era name expands', '㍻', '平成'],
    ['half-width katakana becomes full-width', 'ｶﾀｶﾅ', 'カタカナ'],
    ['ideographic punctuation has no compatibility form', '你好。、', '你好。、'],
    ['already normal', 'Zhang San', 'Zhang San'],
  ])('%s', (_name, raw, expected) => {
    const result = normaliseValue(raw);
    expect(result.value).toBe(expected);
    expect(result.truncated).toBe(false);
    expect(result.fingerprintInput).toBe(expected);
    expect(result.length).toBe(codePointLength(expected));
  });

  it.each([
    ['张三', 2],
    ['𠀀𠀁', 2],
    ['a😀b', 3],
    ['', 0],
  ])('length of %s counts %i code points', (raw, length) => {
    expect(normaliseValue(raw).length).toBe(length);
  });
});

describe('normaliseValue: the 64 K bound', () => {
  it('a value of exactly the bound is normalised whole', () => {
    const raw = 'Ａ'.repeat(MAX_NORMALISED_UNITS);
    const result = normaliseValue(raw);
    expect(result).toMatchObject({ truncated: false, length: MAX_NORMALISED_UNITS });
    expect(result.value).toBe('A'.repeat(MAX_NORMALISED_UNITS));
  });

  it('one unit more is normalised on the prefix and fingerprinted with its length', () => {
    const raw = 'Ａ'.repeat(MAX_NORMALISED_UNITS + 1);
    const result = normaliseValue(raw);
    expect(result.truncated).toBe(true);
    expect(result.value).toBe('A'.repeat(MAX_NORMALISED_UNITS));
    expect(result.length).toBe(MAX_NORMALISED_UNITS + 1);
    expect(result.fingerprintInput).toBe(`\u0000${MAX_NORMALISED_UNITS + 1}\u0000${'A'.repeat(MAX_NORMALISED_UNITS)}`);
  });

  it('a 10 MB paste yields a bounded fingerprint input', () => {
    const raw = '１２３４５６７８９０\u3000'.repeat(1_000_000); // 11 M UTF-16 units
    const result = normaliseValue(raw);
    expect(result.truncated).toBe(true);
    expect(result.length).toBe(raw.length);
    expect(result.value.length).toBeLessThanOrEqual(MAX_NORMALISED_UNITS);
    expect(result.fingerprintInput.length).toBeLessThanOrEqual(MAX_NORMALISED_UNITS + 2 + String(raw.length).length);
    expect(result.fingerprintInput.startsWith(`\u0000${raw.length}\u0000`)).toBe(true);
    expect(result.fingerprintInput.length).toBeLessThanOrEqual(MAX_FINGERPRINT_INPUT_UNITS);
  });

  it.each([
    ['㍻ (2 units each) within the raw bound', '㍻'.repeat(40_000), 40_000],
    ['U+FDFA (18 units each) at the raw bound', '\ufdfa'.repeat(MAX_NORMALISED_UNITS), MAX_NORMALISED_UNITS],
  ])('NFKC expansion beyond the bound is cut too: %s', (_name, raw, rawLength) => {
    const result = normaliseValue(raw);
    expect(result.truncated).toBe(true);
    expect(result.length).toBe(rawLength);
    expect(result.value.length).toBeLessThanOrEqual(MAX_NORMALISED_UNITS);
    expect(result.fingerprintInput.length).toBeLessThanOrEqual(MAX_FINGERPRINT_INPUT_UNITS);
  });

  it('a huge blank value normalises to an empty, trivial value', () => {
    const result = normaliseValue(' '.repeat(MAX_NORMALISED_UNITS * 2));
    expect(result.value).toBe('');
    expect(isTrivial(result.value)).toBe(true);
  });

  it('never splits a surrogate pair at the cut', () => {
    const raw = `${'a'.repeat(MAX_NORMALISED_UNITS - 1)}😀tail`;
    const result = normaliseValue(raw);
    expect(result.value).toBe('a'.repeat(MAX_NORMALISED_UNITS - 1));
  });

  it('huge values with the same prefix differ by length, and equal ones fingerprint the same', () => {
    const prefix = 'x'.repeat(MAX_NORMALISED_UNITS);
    const a = normaliseValue(`${prefix}${'y'.repeat(1000)}`);
    const b = normaliseValue(`${prefix}${'z'.repeat(1000)}`);
    const c = normaliseValue(`${prefix}${'z'.repeat(1001)}`);
    expect(a.fingerprintInput).toBe(b.fingerprintInput);
    expect(a.fingerprintInput).not.toBe(c.fingerprintInput);
  });

  it('a bounded input can never equal a whole normalised value', () => {
    expect(normaliseValue('\u0000123\u0000abc').fingerprintInput).toBe('123abc');
  });
});

describe('isTrivial', () => {
  it.each(TRIVIAL_VALUES.map((v) => [v]))('stop list: %s', (value) => {
    expect(isTrivial(value)).toBe(true);
  });

  it.each([
    ['YES'],
    ['No'],
    ['TRUE'],
    ['Ok'],
    ['NULL'],
    ['N/A'],
    ['None'],
  ])('stop list is case-insensitive: %s', (value) => {
    expect(isTrivial(value)).toBe(true);
  });

  it.each([
    ['', true],
    ['a', true],
    ['张', true],
    ['😀', true],
    ['...', true],
    ['——', true],
    ['// ', true],
    ['ab', false],
    ['张三', false],
    ['12', false],
    ['00', false],
    ['是的', false],
    ['同上。', false],
    ['yes please', false],
    ['2026-11-27', false],
  ])('%j trivial: %s', (value, trivial) => {
    expect(isTrivial(value)).toBe(trivial);
  });

  it('works on the normalised form: full-width ＹＥＳ and Ｎ／Ａ', () => {
    expect(isTrivial(normaliseValue('ＹＥＳ').value)).toBe(true);
    expect(isTrivial(normaliseValue('Ｎ／Ａ').value)).toBe(true);
    expect(isTrivial(normaliseValue('\u3000是\u3000').value)).toBe(true);
  });
});
