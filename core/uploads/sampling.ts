/**
 * Files up to this size are fingerprinted whole. Above it (scanned archives, videos) the fingerprint covers the
 * size and SAMPLE_REGIONS evenly spaced regions of SAMPLE_REGION_BYTES, first and last included: two such files
 * that differ only between the regions look the same, which at that size is a fair trade for not reading
 * gigabytes in a portal page.
 */
export const SAMPLE_ABOVE_BYTES = 1024 ** 3;
export const SAMPLE_REGIONS = 64;
export const SAMPLE_REGION_BYTES = 1024 ** 2;

/** Byte ranges [start, end) to read for a file of `size` bytes; the whole file when it is small enough. */
export function regionsToRead(size: number): { sampled: boolean; regions: [number, number][] } {
  if (size <= SAMPLE_ABOVE_BYTES) return { sampled: false, regions: [[0, size]] };
  const step = (size - SAMPLE_REGION_BYTES) / (SAMPLE_REGIONS - 1);
  const regions: [number, number][] = [];
  for (let i = 0; i < SAMPLE_REGIONS; i++) {
    const start = Math.round(i * step);
    regions.push([start, start + SAMPLE_REGION_BYTES]);
  }
  return { sampled: true, regions };
}

/** What a sampled digest starts with, so it can never equal the digest of a small file's bytes by design. */
export function sampledPrefix(size: number): Uint8Array {
  const out = new Uint8Array(16);
  out.set(new TextEncoder().encode('sampled\u0000'));
  new DataView(out.buffer).setFloat64(8, size);
  return out;
}

/** The regions cut into reads of at most `readBytes`, in file order. */
export function chunksToRead(regions: [number, number][], readBytes: number): [number, number][] {
  return regions.flatMap(([start, end]) => {
    const out: [number, number][] = [];
    for (let at = start; at < end; at += readBytes) out.push([at, Math.min(end, at + readBytes)]);
    return out;
  });
}
