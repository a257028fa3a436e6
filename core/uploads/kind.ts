/**
 * Upload kinds (DESIGN.md §3). Decided in the page from the MIME type, the name's extension and the leading
 * bytes, all held in memory only: neither the name nor any byte is kept or sent.
 */
export const UPLOAD_KINDS = ['photo', 'screenshot', 'other-image', 'document', 'spreadsheet', 'archive', 'other'] as const;
export type UploadKind = (typeof UPLOAD_KINDS)[number];

const DOCUMENT = new Set(['pdf', 'doc', 'docx', 'dot', 'dotx', 'wps', 'wpt', 'ofd', 'odt', 'rtf', 'txt', 'ppt', 'pptx', 'dps', 'odp', 'md']);
const SPREADSHEET = new Set(['xls', 'xlsx', 'xlsm', 'et', 'ett', 'csv', 'ods']);
const ARCHIVE = new Set(['zip', 'rar', '7z', 'tar', 'gz', 'tgz', 'bz2', 'xz', 'cab']);
const IMAGE = new Set(['jpg', 'jpeg', 'jfif', 'png', 'gif', 'bmp', 'webp', 'heic', 'heif', 'tif', 'tiff', 'avif', 'svg']);
/** Phone cameras write HEIC; the browser cannot decode it, but nothing else produces it. */
const CAMERA_ONLY = new Set(['heic', 'heif']);

/**
 * Screen sizes in device pixels (either orientation): desktop and laptop panels common in offices, and the
 * phones cadres screenshot from. The page adds the screen it runs on.
 */
export const COMMON_SCREENS: readonly (readonly [number, number])[] = [
  [1024, 768], [1280, 720], [1280, 800], [1280, 1024], [1366, 768], [1440, 900], [1536, 864], [1600, 900],
  [1680, 1050], [1920, 1080], [1920, 1200], [2560, 1080], [2560, 1440], [2560, 1600], [2880, 1800], [3840, 2160],
  [750, 1334], [828, 1792], [1080, 1920], [1080, 2340], [1080, 2400], [1125, 2436], [1170, 2532], [1179, 2556],
  [1242, 2688], [1284, 2778], [1290, 2796], [1440, 3200], [1200, 2640], [1260, 2800],
];

export interface UploadFacts {
  /** The File's MIME type as the browser reports it ('' when unknown). */
  mime: string;
  /** Lower-case extension of the name, without the dot ('' when none). */
  extension: string;
  /** Leading bytes show an image with camera capture metadata (EXIF make/model or exposure). */
  cameraMetadata: boolean;
  /** Decoded size of an image, when the browser could decode it. */
  image?: { width: number; height: number };
  /** The screen of the page in device pixels. */
  screen?: { width: number; height: number };
}

export function extensionOf(name: string): string {
  const m = /\.([A-Za-z0-9]{1,8})$/.exec(name);
  return m ? m[1]!.toLowerCase() : '';
}

export function isImage(facts: Pick<UploadFacts, 'mime' | 'extension'>): boolean {
  return facts.mime.startsWith('image/') || IMAGE.has(facts.extension);
}

function screenSized(image: { width: number; height: number }, screen?: { width: number; height: number }): boolean {
  const sizes = screen ? [...COMMON_SCREENS, [screen.width, screen.height] as const] : COMMON_SCREENS;
  return sizes.some(([w, h]) => (image.width === w && image.height === h) || (image.width === h && image.height === w));
}

export function uploadKind(facts: UploadFacts): UploadKind {
  const ext = facts.extension;
  if (isImage(facts)) {
    if (facts.cameraMetadata || CAMERA_ONLY.has(ext) || /^image\/hei[cf]/.test(facts.mime)) return 'photo';
    if (facts.image && screenSized(facts.image, facts.screen)) return 'screenshot';
    return 'other-image';
  }
  if (SPREADSHEET.has(ext) || /spreadsheet|ms-excel|\.et$|csv/.test(facts.mime)) return 'spreadsheet';
  if (DOCUMENT.has(ext) || /pdf|msword|wordprocessing|presentation|ofd|^text\//.test(facts.mime)) return 'document';
  if (ARCHIVE.has(ext) || /zip|rar|7z|x-tar|gzip/.test(facts.mime)) return 'archive';
  return 'other';
}

/** Size buckets kept instead of the size: 0 < 100 KB, 1 < 1 MB, 2 < 10 MB, 3 < 100 MB, 4 < 1 GB, 5 larger. */
export function sizeBucket(bytes: number): number {
  const limits = [100 * 1024, 1024 ** 2, 10 * 1024 ** 2, 100 * 1024 ** 2, 1024 ** 3];
  const i = limits.findIndex((l) => bytes < l);
  return i === -1 ? limits.length : i;
}

/**
 * Whether a JPEG's leading bytes carry camera capture metadata: an EXIF block whose first directory names the
 * camera (Make 0x010F, Model 0x0110) or whose EXIF directory has exposure facts (ExposureTime 0x829A, FNumber
 * 0x829D, ISO 0x8827, DateTimeOriginal 0x9003). Screenshots and re-encoded images have none of these.
 */
export function hasCameraMetadata(head: Uint8Array): boolean {
  if (head[0] !== 0xff || head[1] !== 0xd8) return false;
  let p = 2;
  while (p + 4 <= head.length && head[p] === 0xff) {
    const marker = head[p + 1]!;
    const length = (head[p + 2]! << 8) | head[p + 3]!;
    if (marker === 0xda || length < 2) return false; // image data begins: no metadata before it
    if (marker === 0xe1 && p + 10 <= head.length && String.fromCharCode(...head.subarray(p + 4, p + 8)) === 'Exif') {
      return exifHasCamera(head.subarray(p + 10, Math.min(head.length, p + 2 + length)));
    }
    p += 2 + length;
  }
  return false;
}

function exifHasCamera(tiff: Uint8Array): boolean {
  if (tiff.length < 8) return false;
  const little = tiff[0] === 0x49;
  const view = new DataView(tiff.buffer, tiff.byteOffset, tiff.byteLength);
  const u16 = (o: number) => (o + 2 <= tiff.length ? view.getUint16(o, little) : 0);
  const u32 = (o: number) => (o + 4 <= tiff.length ? view.getUint32(o, little) : 0);
  const tagsAt = (offset: number): Map<number, number> => {
    const tags = new Map<number, number>();
    const count = u16(offset);
    for (let i = 0; i < count && offset + 2 + i * 12 + 12 <= tiff.length; i++) {
      const entry = offset + 2 + i * 12;
      tags.set(u16(entry), u32(entry + 8));
    }
    return tags;
  };
  const ifd0 = tagsAt(u32(4));
  if (ifd0.has(0x010f) || ifd0.has(0x0110)) return true;
  const exifOffset = ifd0.get(0x8769);
  if (!exifOffset) return false;
  const exif = tagsAt(exifOffset);
  return [0x829a, 0x829d, 0x8827, 0x9003].some((tag) => exif.has(tag));
}
