import { describe, expect, it } from 'vitest';
import { imageDimensions } from '../../../../core/uploads/image-dimensions';

const png = (w: number, h: number) => {
  const b = new Uint8Array(33);
  b.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  new DataView(b.buffer).setUint32(16, w);
  new DataView(b.buffer).setUint32(20, h);
  return b;
};
// SOI, an APP0 segment, then SOF2 (progressive) with height 1080 and width 1920.
const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 4, 0, 0, 0xff, 0xc4, 0, 2, 0xff, 0xc2, 0, 11, 8, 0x04, 0x38, 0x07, 0x80, 3, 0, 0, 0]);

describe('image dimensions from leading bytes', () => {
  it('PNG', () => expect(imageDimensions(png(1920, 1080))).toEqual({ width: 1920, height: 1080 }));
  it('JPEG, skipping segments and the DHT marker that shares the SOF range', () => expect(imageDimensions(jpeg)).toEqual({ width: 1920, height: 1080 }));
  it('GIF', () => expect(imageDimensions(new Uint8Array([0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 0x80, 0x07, 0x38, 0x04]))).toEqual({ width: 1920, height: 1080 }));
  it('not an image', () => expect(imageDimensions(new TextEncoder().encode('PK\u0003\u0004 not an image at all'))).toBeNull());
  it('a truncated JPEG', () => expect(imageDimensions(jpeg.subarray(0, 12))).toBeNull());
});
