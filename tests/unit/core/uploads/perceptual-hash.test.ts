import { describe, expect, it } from 'vitest';
import { hammingDistance, NEAR_REPEAT_MAX_DISTANCE, PHASH_SIZE, perceptualHash } from '../../../../core/uploads/perceptual-hash';

/** A 32×32 grey image from a function of (x, y) in [0, 1). */
const image = (f: (x: number, y: number) => number) => {
  const g = new Float64Array(PHASH_SIZE * PHASH_SIZE);
  for (let y = 0; y < PHASH_SIZE; y++) for (let x = 0; x < PHASH_SIZE; x++) g[y * PHASH_SIZE + x] = f(x / PHASH_SIZE, y / PHASH_SIZE);
  return g;
};
const scene = (x: number, y: number) => 128 + 60 * Math.sin(6 * x + 2 * y) + 40 * Math.cos(9 * y - 3 * x * x);
const other = (x: number, y: number) => 128 + 70 * Math.cos(11 * x * y + 4 * x) - 30 * Math.sin(5 * y);

describe('perceptual hash', () => {
  it('is 16 hex digits and stable', () => {
    expect(perceptualHash(image(scene))).toMatch(/^[0-9a-f]{16}$/);
    expect(perceptualHash(image(scene))).toBe(perceptualHash(image(scene)));
  });

  it('ignores brightness and contrast changes', () => {
    expect(hammingDistance(perceptualHash(image(scene)), perceptualHash(image((x, y) => 20 + 0.7 * scene(x, y))))).toBe(0);
  });

  it('moves little under noise and far between different scenes', () => {
    let seed = 1;
    const noise = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32 - 0.5) * 4; // what is left of sensor noise after reduction to 32×32
    const noisy = perceptualHash(image((x, y) => scene(x, y) + noise()));
    expect(hammingDistance(perceptualHash(image(scene)), noisy)).toBeLessThanOrEqual(NEAR_REPEAT_MAX_DISTANCE);
    expect(hammingDistance(perceptualHash(image(scene)), perceptualHash(image(other)))).toBeGreaterThan(16);
  });

  it('counts differing bits', () => {
    expect(hammingDistance('0000000000000000', 'ffffffffffffffff')).toBe(64);
    expect(hammingDistance('0123456789abcdef', '0123456789abcdee')).toBe(1);
  });

  it('refuses an image of the wrong size', () => {
    expect(() => perceptualHash(new Float64Array(10))).toThrow();
  });
});
