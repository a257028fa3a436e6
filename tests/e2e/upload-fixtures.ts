import type { BrowserContext } from 'playwright-core';

/**
 * Test files made in the browser itself (no image library on the test side): a camera-like photo with EXIF
 * capture metadata, the same photo at 50 % size and JPEG quality 60 (what a chat app makes of it), a 1920×1080
 * screenshot, and a different scene. Each is deterministic for a seed.
 */
export interface ImageFixtures {
  photo: Buffer;
  photoHalfQ60: Buffer;
  screenshot: Buffer;
  otherScene: Buffer;
}

export async function makeImages(context: BrowserContext): Promise<ImageFixtures> {
  const page = await context.newPage();
  const out = await page.evaluate(async () => {
    const rng = (seed: number) => () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
    const scene = (w: number, h: number, seed: number) => {
      const c = new OffscreenCanvas(w, h);
      const g = c.getContext('2d')!;
      const r = rng(seed);
      const sky = g.createLinearGradient(0, 0, 0, h);
      sky.addColorStop(0, `hsl(${200 + r() * 40},60%,${50 + r() * 30}%)`);
      sky.addColorStop(1, `hsl(${80 + r() * 60},40%,${20 + r() * 30}%)`);
      g.fillStyle = sky;
      g.fillRect(0, 0, w, h);
      for (let i = 0; i < 40; i++) {
        g.fillStyle = `hsla(${r() * 360},${30 + r() * 50}%,${20 + r() * 60}%,${0.3 + r() * 0.6})`;
        g.beginPath();
        g.ellipse(r() * w, r() * h, 20 + r() * w * 0.2, 20 + r() * h * 0.2, r() * Math.PI, 0, Math.PI * 2);
        g.fill();
      }
      // sensor-like noise, so recompression changes bytes everywhere
      const img = g.getImageData(0, 0, w, h);
      for (let i = 0; i < img.data.length; i += 4) {
        const n = (r() - 0.5) * 24;
        img.data[i] = img.data[i]! + n;
        img.data[i + 1] = img.data[i + 1]! + n;
        img.data[i + 2] = img.data[i + 2]! + n;
      }
      g.putImageData(img, 0, 0);
      return c;
    };
    const b64 = async (blob: Blob) => {
      const bytes = new Uint8Array(await blob.arrayBuffer());
      let s = '';
      for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      return btoa(s);
    };
    const original = scene(1600, 1200, 7);
    const photo = await original.convertToBlob({ type: 'image/jpeg', quality: 0.92 });
    const decoded = await createImageBitmap(photo);
    const half = new OffscreenCanvas(800, 600);
    half.getContext('2d')!.drawImage(decoded, 0, 0, 800, 600);
    const photoHalfQ60 = await half.convertToBlob({ type: 'image/jpeg', quality: 0.6 });
    const shot = new OffscreenCanvas(1920, 1080);
    const s = shot.getContext('2d')!;
    s.fillStyle = '#f4f6f9';
    s.fillRect(0, 0, 1920, 1080);
    s.fillStyle = '#1f5fa8';
    s.fillRect(0, 0, 1920, 64);
    s.fillStyle = '#333';
    s.font = '28px sans-serif';
    for (let y = 140; y < 1000; y += 48) s.fillText('政务服务事项办理情况 ' + y, 80, y);
    const screenshot = await shot.convertToBlob({ type: 'image/png' });
    const otherScene = await scene(1200, 900, 99).convertToBlob({ type: 'image/jpeg', quality: 0.9 });
    return { photo: await b64(photo), photoHalfQ60: await b64(photoHalfQ60), screenshot: await b64(screenshot), otherScene: await b64(otherScene) };
  });
  await page.close();
  return {
    photo: withCameraExif(Buffer.from(out.photo, 'base64')),
    photoHalfQ60: Buffer.from(out.photoHalfQ60, 'base64'),
    screenshot: Buffer.from(out.screenshot, 'base64'),
    otherScene: Buffer.from(out.otherScene, 'base64'),
  };
}

/** Inserts an EXIF block naming a camera (Make "HUA") right after a JPEG's start-of-image marker. */
export function withCameraExif(jpeg: Buffer): Buffer {
  const tiff = Buffer.from([
    0x49, 0x49, 0x2a, 0x00, 0x08, 0x00, 0x00, 0x00, // little-endian TIFF, IFD0 at 8
    0x01, 0x00, // one entry
    0x0f, 0x01, 0x02, 0x00, 0x04, 0x00, 0x00, 0x00, 0x48, 0x55, 0x41, 0x00, // Make, ASCII, 4, "HUA\0"
    0x00, 0x00, 0x00, 0x00, // no next IFD
  ]);
  const body = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
  const app1 = Buffer.concat([Buffer.from([0xff, 0xe1, (body.length + 2) >> 8, (body.length + 2) & 0xff]), body]);
  return Buffer.concat([jpeg.subarray(0, 2), app1, jpeg.subarray(2)]);
}
