import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSha256 } from '../../../../core/uploads/sha256-stream';

describe('streaming SHA-256', () => {
  it.each([0, 1, 3, 55, 56, 57, 63, 64, 65, 119, 120, 127, 128, 1000, 70_001])('equals node crypto for %i bytes split anywhere', (n) => {
    const bytes = randomBytes(n);
    for (const cut of [0, 1, n >> 1, Math.max(0, n - 1), n]) {
      const h = createSha256();
      h.update(bytes.subarray(0, cut));
      h.update(bytes.subarray(cut));
      expect(h.digestHex()).toBe(createHash('sha256').update(bytes).digest('hex'));
    }
  });

  it('streams a few megabytes in uneven chunks', () => {
    const bytes = randomBytes(5 * 1024 * 1024 + 17);
    const h = createSha256();
    for (let i = 0; i < bytes.length; i += 999_983) h.update(bytes.subarray(i, i + 999_983));
    expect(h.digestHex()).toBe(createHash('sha256').update(bytes).digest('hex'));
  });

  it('refuses to be updated after the digest', () => {
    const h = createSha256();
    h.digestHex();
    expect(() => h.update(new Uint8Array(1))).toThrow();
  });
});
