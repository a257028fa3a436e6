import { describe, expect, it } from 'vitest';
import { extensionOf, hasCameraMetadata, sizeBucket, uploadKind } from '../../../../core/uploads/kind';

/** A JPEG start with an EXIF block whose IFD0 holds `ifd0` entries (tag, inline 4-byte value). */
function jpegWithExif(ifd0: number[], exifTags: number[] = []): Uint8Array {
  const entries = (tags: number[]) => tags.flatMap((tag) => [tag & 0xff, tag >> 8, 4, 0, 1, 0, 0, 0, 0, 0, 0, 0]);
  const withPointer = exifTags.length ? [...ifd0, 0x8769] : ifd0;
  const ifd0Size = 2 + withPointer.length * 12 + 4;
  const exifOffset = 8 + ifd0Size;
  const ifd0Bytes = [withPointer.length, 0, ...entries(withPointer), 0, 0, 0, 0];
  if (exifTags.length) {
    const at = 2 + (withPointer.length - 1) * 12 + 8;
    ifd0Bytes[at] = exifOffset;
  }
  const exifBytes = exifTags.length ? [exifTags.length, 0, ...entries(exifTags), 0, 0, 0, 0] : [];
  const tiff = [0x49, 0x49, 0x2a, 0, 8, 0, 0, 0, ...ifd0Bytes, ...exifBytes];
  const body = [...'Exif\0\0'].map((c) => c.charCodeAt(0)).concat(tiff);
  const len = body.length + 2;
  return new Uint8Array([0xff, 0xd8, 0xff, 0xe1, len >> 8, len & 0xff, ...body, 0xff, 0xda, 0, 2]);
}

describe('camera metadata', () => {
  it.each([
    ['Make in IFD0', jpegWithExif([0x010f]), true],
    ['Model in IFD0', jpegWithExif([0x0110]), true],
    ['exposure time in the EXIF directory', jpegWithExif([0x0112], [0x829a]), true],
    ['DateTimeOriginal in the EXIF directory', jpegWithExif([0x0112], [0x9003]), true],
    ['only orientation and software (an edited or re-saved image)', jpegWithExif([0x0112, 0x0131]), false],
    ['no EXIF at all', new Uint8Array([0xff, 0xd8, 0xff, 0xdb, 0, 4, 0, 0, 0xff, 0xda]), false],
    ['a PNG', new Uint8Array([0x89, 0x50, 0x4e, 0x47]), false],
    ['truncated EXIF', jpegWithExif([0x010f]).subarray(0, 20), false],
  ])('%s → %s', (_label, head, expected) => {
    expect(hasCameraMetadata(head)).toBe(expected);
  });
});

describe('upload kinds (DESIGN.md §3)', () => {
  const screen = { width: 2560, height: 1440 };
  it.each([
    ['camera JPEG', { mime: 'image/jpeg', extension: 'jpg', cameraMetadata: true, image: { width: 4000, height: 3000 } }, 'photo'],
    ['HEIC from a phone', { mime: 'image/heic', extension: 'heic', cameraMetadata: false }, 'photo'],
    ['1920×1080 PNG', { mime: 'image/png', extension: 'png', cameraMetadata: false, image: { width: 1920, height: 1080 } }, 'screenshot'],
    ['phone screenshot, portrait', { mime: 'image/png', extension: 'png', cameraMetadata: false, image: { width: 1080, height: 2400 } }, 'screenshot'],
    ['this machine’s screen', { mime: 'image/png', extension: '', cameraMetadata: false, image: { width: 2560, height: 1440 }, screen }, 'screenshot'],
    ['a resized photo without metadata', { mime: 'image/jpeg', extension: 'jpg', cameraMetadata: false, image: { width: 800, height: 600 } }, 'other-image'],
    ['WPS document', { mime: '', extension: 'wps', cameraMetadata: false }, 'document'],
    ['OFD', { mime: '', extension: 'ofd', cameraMetadata: false }, 'document'],
    ['PDF by MIME only', { mime: 'application/pdf', extension: '', cameraMetadata: false }, 'document'],
    ['WPS spreadsheet (.et)', { mime: '', extension: 'et', cameraMetadata: false }, 'spreadsheet'],
    ['xlsx', { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extension: 'xlsx', cameraMetadata: false }, 'spreadsheet'],
    ['rar', { mime: '', extension: 'rar', cameraMetadata: false }, 'archive'],
    ['unknown binary', { mime: 'application/octet-stream', extension: 'bin', cameraMetadata: false }, 'other'],
  ] as const)('%s → %s', (_label, facts, kind) => {
    expect(uploadKind({ ...facts })).toBe(kind);
  });

  it('reads the extension only, case-insensitively', () => {
    expect(extensionOf('村情报告.DOCX')).toBe('docx');
    expect(extensionOf('无扩展名')).toBe('');
    expect(extensionOf('archive.tar.gz')).toBe('gz');
  });

  it.each([
    [0, 0],
    [100 * 1024 - 1, 0],
    [100 * 1024, 1],
    [5 * 1024 ** 2, 2],
    [256 * 1024 ** 2, 4],
    [3 * 1024 ** 3, 5],
  ])('size %i is in bucket %i', (bytes, bucket) => {
    expect(sizeBucket(bytes)).toBe(bucket);
  });
});
