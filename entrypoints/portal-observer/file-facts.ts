import { imageDimensions } from '../../core/uploads/image-dimensions';
import { greyFromRgba, PHASH_SIZE, perceptualHash } from '../../core/uploads/perceptual-hash';
import { extensionOf, hasCameraMetadata, isImage, sizeBucket, uploadKind, type UploadKind } from '../../core/uploads/kind';

const HEAD_BYTES = 256 * 1024;
/** Larger images are fingerprinted but not decoded for a perceptual hash: decoding would cost the page memory. */
const PHASH_MAX_BYTES = 64 * 1024 ** 2;

export interface FileFacts {
  kind: UploadKind;
  sizeBucket: number;
  phash?: string;
}

/**
 * Kind, size bucket and (for images the browser decodes) the perceptual hash. The name is looked at for its
 * extension only and the leading bytes for metadata and size; both are dropped when this returns.
 */
export async function fileFacts(file: File): Promise<FileFacts> {
  const head = new Uint8Array(await file.slice(0, HEAD_BYTES).arrayBuffer());
  const base = { mime: file.type, extension: extensionOf(file.name ?? '') };
  const image = isImage(base) ? imageDimensions(head) : null;
  const kind = uploadKind({
    ...base,
    cameraMetadata: hasCameraMetadata(head),
    ...(image && { image }),
    screen: { width: Math.round(screen.width * devicePixelRatio), height: Math.round(screen.height * devicePixelRatio) },
  });
  const facts: FileFacts = { kind, sizeBucket: sizeBucket(file.size) };
  if (image && file.size <= PHASH_MAX_BYTES) {
    const phash = await imageHash(file).catch(() => undefined);
    if (phash) facts.phash = phash;
  }
  return facts;
}

/** Decoded and reduced to 32×32 by the browser off the main thread; only 1,024 grey levels are handled here. */
async function imageHash(file: Blob): Promise<string> {
  const bitmap = await createImageBitmap(file, { resizeWidth: PHASH_SIZE, resizeHeight: PHASH_SIZE, resizeQuality: 'high' });
  try {
    const canvas = new OffscreenCanvas(PHASH_SIZE, PHASH_SIZE);
    const context = canvas.getContext('2d', { willReadFrequently: true })!;
    context.drawImage(bitmap, 0, 0);
    return perceptualHash(greyFromRgba(context.getImageData(0, 0, PHASH_SIZE, PHASH_SIZE).data));
  } finally {
    bitmap.close();
  }
}
