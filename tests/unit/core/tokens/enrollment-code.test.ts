import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateEnrollmentCode, parseEnrollmentCode } from '../../../../core/tokens/enrollment-code';

describe('enrollment codes', () => {
  it('prints as five groups of five and reads back as itself', () => {
    const code = generateEnrollmentCode((n) => randomBytes(n));
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}(-[0-9A-HJKMNP-TV-Z]{5}){4}$/);
    expect(parseEnrollmentCode(code)).toEqual({ ok: true, code });
  });

  it('forgives case, spaces, missing hyphens and the look-alike letters O, I and L', () => {
    const code = generateEnrollmentCode((n) => randomBytes(n));
    const typed = ` ${code.toLowerCase().replace(/-/g, ' ').replace(/0/g, 'o').replace(/1/g, 'l')} `;
    expect(parseEnrollmentCode(typed)).toEqual({ ok: true, code });
  });

  it('catches every single mistyped symbol and every swap of neighbours', () => {
    const code = generateEnrollmentCode((n) => randomBytes(n)).replace(/-/g, '');
    const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
    for (let i = 0; i < code.length; i++) {
      for (const ch of alphabet) {
        if (ch === code[i]) continue;
        const typo = code.slice(0, i) + ch + code.slice(i + 1);
        expect(parseEnrollmentCode(typo), `${i}:${ch}`).toEqual({ ok: false, problem: 'checksum' });
      }
      if (i + 1 < code.length && code[i] !== code[i + 1]) {
        const swapped = code.slice(0, i) + code[i + 1] + code[i] + code.slice(i + 2);
        expect(parseEnrollmentCode(swapped).ok).toBe(false);
      }
    }
  });

  it.each([
    ['', 'empty'],
    ['ABCDE-FGHJK', 'length'],
    ['ABCDE-FGHJK-MNPQR-STVWX-YZ01U', 'characters'],
    ['报名码', 'characters'],
  ])('refuses %j as %s', (input, problem) => {
    expect(parseEnrollmentCode(input)).toEqual({ ok: false, problem });
  });

  it('draws 115 bits: 2,000 codes never repeat and use every symbol', () => {
    const codes = Array.from({ length: 2000 }, () => generateEnrollmentCode((n) => randomBytes(n)));
    expect(new Set(codes).size).toBe(2000);
    expect(new Set(codes.join('').replace(/-/g, '')).size).toBe(32);
  });
});
