/**
 * Width and height from an image's leading bytes (PNG, JPEG, GIF, BMP, WebP), without decoding it: enough to
 * tell a screen-sized image, and the decode can then go straight to the 32×32 the perceptual hash needs.
 */
export function imageDimensions(head: Uint8Array): { width: number; height: number } | null {
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  const ascii = (at: number, n: number) => String.fromCharCode(...head.subarray(at, at + n));
  if (head.length >= 24 && head[0] === 0x89 && ascii(1, 3) === 'PNG' && ascii(12, 4) === 'IHDR') {
    return { width: view.getUint32(16), height: view.getUint32(20) };
  }
  if (head.length >= 10 && ascii(0, 3) === 'GIF') return { width: view.getUint16(6, true), height: view.getUint16(8, true) };
  if (head.length >= 26 && ascii(0, 2) === 'BM') return { width: Math.abs(view.getInt32(18, true)), height: Math.abs(view.getInt32(22, true)) };
  if (head.length >= 30 && ascii(0, 4) === 'RIFF' && ascii(8, 4) === 'WEBP') {
    const chunk = ascii(12, 4);
    if (chunk === 'VP8 ') return { width: view.getUint16(26, true) & 0x3fff, height: view.getUint16(28, true) & 0x3fff };
    if (chunk === 'VP8L') {
      const bits = view.getUint32(21, true);
      return { width: (bits & 0x3fff) + 1, height: ((bits >> 14) & 0x3fff) + 1 };
    }
    if (chunk === 'VP8X') {
      const w = head[24]! | (head[25]! << 8) | (head[26]! << 16);
      const h = head[27]! | (head[28]! << 8) | (head[29]! << 16);
      return { width: w + 1, height: h + 1 };
    }
    return null;
  }
  if (head[0] === 0xff && head[1] === 0xd8) {
    let p = 2;
    while (p + 9 <= head.length) {
      if (head[p] !== 0xff) return null;
      const marker = head[p + 1]!;
      if (marker === 0xff) {
        p++;
        continue;
      }
      const length = view.getUint16(p + 2);
      // SOF0–SOF15 carry the frame size; C4 (DHT), C8 (JPG) and CC (DAC) share the range but do not.
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
        return { width: view.getUint16(p + 7), height: view.getUint16(p + 5) };
      }
      if (length < 2) return null;
      p += 2 + length;
    }
  }
  return null;
}
