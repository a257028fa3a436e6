/**
 * 64-bit perceptual hash (the DCT "pHash"): the image reduced to 32×32 grey levels, its 2-D DCT, and one bit per
 * low-frequency coefficient (the 8×8 block without the DC term's row and column mean) set when above the median.
 * Resizing and recompression move few bits; different scenes differ in about half.
 */
export const PHASH_SIZE = 32;

/**
 * Near-repeat threshold in bits, chosen from measurements on real photographs (tests/unit/perceptual-hash-photos
 * .test.ts prints them): resized and recompressed copies stayed far below it, distinct photographs far above.
 */
export const NEAR_REPEAT_MAX_DISTANCE = 10;

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
  // Only the 8×8 low-frequency block is needed: rows first, then columns.
  const rows = new Float64Array(8 * n);
  for (let u = 0; u < 8; u++) {
    for (let y = 0; y < n; y++) {
      let s = 0;
      for (let x = 0; x < n; x++) s += grey[y * n + x]! * COS[u * n + x]!;
      rows[u * n + y] = s;
    }
  }
  const block: number[] = [];
  for (let v = 0; v < 8; v++) {
    for (let u = 0; u < 8; u++) {
      let s = 0;
      for (let y = 0; y < n; y++) s += rows[u * n + y]! * COS[v * n + y]!;
      block.push(s);
    }
  }
  // The DC term says only how bright the image is; leave it out of the median.
  const median = [...block.slice(1)].sort((a, b) => a - b)[31]!;
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
