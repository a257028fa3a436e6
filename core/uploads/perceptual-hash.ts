/**
 * 64-bit perceptual hash, a DCT "pHash": the image reduced to 32×32 grey levels, its 2-D DCT, and one bit per
 * low-frequency coefficient, set when above the median of the 64. The coefficients are the 8×8 block at
 * frequencies 1–8 in both directions, leaving out the first row and column (overall brightness and the purely
 * horizontal or vertical gradients): on real photographs that separated look-alike scenes (star clusters, sky
 * over land) far better than the classic block at 0–7, at the same robustness to resizing and recompression.
 */
export const PHASH_SIZE = 32;

/**
 * Near-repeat threshold in bits, chosen from measurements on 158 real photographs
 * (tests/e2e/perceptual-hash-photos.e2e.test.ts prints them): copies at 50 % size and JPEG quality 60, or full
 * size at quality 40, stayed within 6 bits; the closest two different photographs were 8 bits apart, and a second
 * shot of a scene (frame moved 10 %) at least 20. Hashes have 32 bits set, so distances are even: 6 is the
 * midpoint. Copies at 25 % size of small images can drift further and are then missed (README "Uploads").
 */
export const NEAR_REPEAT_MAX_DISTANCE = 6;

const COS = (() => {
  const table = new Float64Array(PHASH_SIZE * PHASH_SIZE);
  for (let u = 0; u < PHASH_SIZE; u++) {
    for (let x = 0; x < PHASH_SIZE; x++) table[u * PHASH_SIZE + x] = Math.cos(((2 * x + 1) * u * Math.PI) / (2 * PHASH_SIZE));
  }
  return table;
})();

/** Grey level of RGBA pixels (ITU-R BT.601 luma). */
export function greyFromRgba(rgba: Uint8ClampedArray | Uint8Array): Float64Array {
  const grey = new Float64Array(rgba.length / 4);
  for (let i = 0; i < grey.length; i++) grey[i] = 0.299 * rgba[i * 4]! + 0.587 * rgba[i * 4 + 1]! + 0.114 * rgba[i * 4 + 2]!;
  return grey;
}

/** The hash of a 32×32 grey image, as 16 lower-case hex digits. */
export function perceptualHash(grey: Float64Array): string {
  if (grey.length !== PHASH_SIZE * PHASH_SIZE) throw new Error(`perceptualHash wants ${PHASH_SIZE}x${PHASH_SIZE} pixels`);
  const n = PHASH_SIZE;
  // Only frequencies 1–8 are needed: rows first, then columns.
  const rows = new Float64Array(9 * n);
  for (let u = 1; u <= 8; u++) {
    for (let y = 0; y < n; y++) {
      let s = 0;
      for (let x = 0; x < n; x++) s += grey[y * n + x]! * COS[u * n + x]!;
      rows[u * n + y] = s;
    }
  }
  const block: number[] = [];
  for (let v = 1; v <= 8; v++) {
    for (let u = 1; u <= 8; u++) {
      let s = 0;
      for (let y = 0; y < n; y++) s += rows[u * n + y]! * COS[v * n + y]!;
      block.push(s);
    }
  }
  const median = [...block].sort((a, b) => a - b)[31]!;
  let hex = '';
  for (let i = 0; i < 64; i += 4) {
    let nibble = 0;
    for (let b = 0; b < 4; b++) nibble = (nibble << 1) | (block[i + b]! > median ? 1 : 0);
    hex += nibble.toString(16);
  }
  return hex;
}

const POPCOUNT = Array.from({ length: 16 }, (_, i) => (i & 1) + ((i >> 1) & 1) + ((i >> 2) & 1) + ((i >> 3) & 1));

export function hammingDistance(a: string, b: string): number {
  let d = 0;
  for (let i = 0; i < 16; i++) d += POPCOUNT[parseInt(a[i]!, 16) ^ parseInt(b[i]!, 16)]!;
  return d;
}
