import { describe, expect, it } from 'vitest';
import { decodeToken, encodeToken, splitTokensHeader, tokenMessage } from '../../../../core/tokens/token-message';
import { spendDecision, tokensByWeek } from '../../../../core/tokens/token-check';

const nonce = Uint8Array.from({ length: 32 }, (_, i) => i);
const signature = Uint8Array.from({ length: 256 }, (_, i) => 255 - (i % 256));

describe('token message and wire form', () => {
  it('binds the week and the nonce and nothing else', () => {
    const m = tokenMessage('2026-W49', nonce);
    expect(new TextDecoder().decode(m.subarray(0, 24))).toBe('burden-token/1 2026-W49 ');
    expect([...m.subarray(24)]).toEqual([...nonce]);
    expect(() => tokenMessage('2026-W54', nonce)).toThrow();
    expect(() => tokenMessage('2026-W49', nonce.subarray(1))).toThrow();
  });

  it('round-trips through its printable form', () => {
    const text = encodeToken({ week: '2026-W49', nonce, signature });
    expect(text).toMatch(/^bt1\.2026-W49\.[A-Za-z0-9_-]{43}\.[A-Za-z0-9_-]{342}$/);
    expect(decodeToken(text)).toEqual({ ok: true, token: { week: '2026-W49', nonce, signature } });
  });

  it.each([
    'bt1.2026-W49.AAAA.BBBB',
    'bt2.2026-W49.x.y',
    `bt1.2026-W99.${'A'.repeat(43)}.${'A'.repeat(342)}`,
    `bt1.2026-W49.${'A'.repeat(43)}.${'A'.repeat(342)}=`,
    'not a token',
  ])('refuses the malformed %j', (text) => {
    expect(decodeToken(text).ok).toBe(false);
  });

  it('reads a header of several tokens and matches them to weeks', () => {
    const a = encodeToken({ week: '2026-W48', nonce, signature });
    const b = encodeToken({ week: '2026-W49', nonce, signature });
    const split = splitTokensHeader(` ${a}, ${b} ,`);
    expect(split).toEqual([a, b]);
    expect([...tokensByWeek(split).keys()]).toEqual(['2026-W48', '2026-W49']);
  });

  it('a re-send with the same reportId replaces; another reportId is a second spend', () => {
    expect(spendDecision(undefined, 'r1')).toBe('first-spend');
    expect(spendDecision('r1', 'r1')).toBe('re-send');
    expect(spendDecision('r1', 'r2')).toBe('token-spent');
  });
});
