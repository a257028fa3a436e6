/**
 * `npm run bench perceptual-hash-photos` (issue #6): the false-match rate of the near-repeat threshold on real
 * photographs. A measurement over ~435 MB of Debian photo packages, so it lives with the benchmarks; the
 * near-repeat behaviour itself is a browser test (tests/e2e/uploads.e2e.test.ts).
 */
import * as fs from 'node:fs';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { greyFromRgba, hammingDistance, NEAR_REPEAT_MAX_DISTANCE, perceptualHash } from '../../core/uploads/perceptual-hash';
import { CHROMIUM } from '../e2e/harness';
import { type Corpus, ensurePhotoPackages, photoCorpus } from '../e2e/photo-corpus';

// Measures the near-repeat threshold on real photographs, decoded and reduced by Chromium exactly as the page
// observer does (createImageBitmap to 32×32, 'high' quality), hashed by core/uploads/perceptual-hash.ts. Prints the rates.
const setup = ensurePhotoPackages();
if (!setup.ok) console.warn(`SKIPPED perceptual-hash measurement: ${setup.reason}`);

const ORIGIN = 'http://photos.test';
let browser: Browser;
let page: Page;
let corpus: Corpus;

/** What the browser makes of one file: its hash, and the hashes of the copies a cadre's tools would make. */
interface Measured {
  original: string;
  half60: string; // 50 % size, JPEG quality 60 (chat apps)
  quarter80: string; // 25 % size, quality 80 (thumbnails)
  full40: string; // same size, quality 40 (heavy recompression)
  shift10: string; // a second shot of the scene: the 80 % frame moved by 10 % of the width
  shift20: string; // … moved by 20 %
  frame0: string; // the 80 % frame not moved, for the shifts to be compared with
}

async function measure(file: string): Promise<Measured> {
  const rgba = await page.evaluate(async (url) => {
    const blob = await (await fetch(url)).blob();
    const at32 = async (source: Blob) => {
      const bitmap = await createImageBitmap(source, { resizeWidth: 32, resizeHeight: 32, resizeQuality: 'high' });
      const canvas = new OffscreenCanvas(32, 32);
      const context = canvas.getContext('2d')!;
      context.drawImage(bitmap, 0, 0);
      bitmap.close();
      return Array.from(context.getImageData(0, 0, 32, 32).data);
    };
    const full = await createImageBitmap(blob);
    const { width: w, height: h } = full;
    const draw = (cw: number, ch: number, sx = 0, sy = 0, sw = w, sh = h) => {
      const canvas = new OffscreenCanvas(Math.max(1, Math.round(cw)), Math.max(1, Math.round(ch)));
      canvas.getContext('2d')!.drawImage(full, sx, sy, sw, sh, 0, 0, canvas.width, canvas.height);
      return canvas;
    };
    const jpeg = (canvas: OffscreenCanvas, quality: number) => canvas.convertToBlob({ type: 'image/jpeg', quality });
    const frame = (fx: number) => jpeg(draw(w * 0.8, h * 0.8, w * fx, h * 0.1, w * 0.8, h * 0.8), 0.9);
    const out = {
      original: await at32(blob),
      half60: await at32(await jpeg(draw(w / 2, h / 2), 0.6)),
      quarter80: await at32(await jpeg(draw(w / 4, h / 4), 0.8)),
      full40: await at32(await jpeg(draw(w, h), 0.4)),
      frame0: await at32(await frame(0)),
      shift10: await at32(await frame(0.1)),
      shift20: await at32(await frame(0.2)),
    };
    full.close();
    return out;
  }, `${ORIGIN}/${encodeURIComponent(file)}`);
  if (process.env.BB_PHASH_DUMP) fs.appendFileSync(process.env.BB_PHASH_DUMP, `${JSON.stringify({ file, rgba })}\n`);
  const hash = (a: number[]) => perceptualHash(greyFromRgba(Uint8Array.from(a)));
  return Object.fromEntries(Object.entries(rgba).map(([k, v]) => [k, hash(v)])) as unknown as Measured;
}

beforeAll(async () => {
  if (!setup.ok) return;
  corpus = photoCorpus();
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
  page = await browser.newPage();
  await page.route(`${ORIGIN}/**`, (route) => {
    const p = decodeURIComponent(new URL(route.request().url()).pathname.slice(1));
    return p ? route.fulfill({ path: p }) : route.fulfill({ body: '<!doctype html><title>photos</title>', contentType: 'text/html' });
  });
  await page.goto(`${ORIGIN}/`);
}, 900_000);
afterAll(async () => {
  await browser?.close();
});

describe.skipIf(!setup.ok)('perceptual hash on real photographs', () => {
  it('finds every resized or recompressed copy and no two different photographs, even of one scene', async () => {
    const T = NEAR_REPEAT_MAX_DISTANCE;
    const measured: (Measured & { label: string })[] = [];
    for (const p of corpus.photos) measured.push({ label: p.label, ...(await measure(p.file)) });
    const n = measured.length;

    // Different photographs: every pair.
    const distinct: number[] = [];
    let closest = { d: 64, pair: '' };
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        const d = hammingDistance(measured[i]!.original, measured[j]!.original);
        distinct.push(d);
        if (d < closest.d) closest = { d, pair: `${measured[i]!.label} / ${measured[j]!.label}` };
      }
    }
    const falseMatches = distinct.filter((d) => d <= T).length;
    // Copies of one photograph.
    const copies = (k: keyof Measured) => measured.map((m) => hammingDistance(m.original, m[k]));
    const found = (ds: number[]) => ds.filter((d) => d <= T).length;
    // Different shots of one scene: the frame moved.
    const shift10 = measured.map((m) => hammingDistance(m.frame0, m.shift10));
    const shift20 = measured.map((m) => hammingDistance(m.frame0, m.shift20));

    const pct = (k: number, of: number) => `${k}/${of} (${((100 * k) / Math.max(of, 1)).toFixed(2)} %)`;
    const stats = (ds: number[]) => {
      const s = [...ds].sort((a, b) => a - b);
      return `min ${s[0]}, median ${s[s.length >> 1]}, max ${s.at(-1)}`;
    };
    console.log(
      [
        `perceptual hash, threshold ≤ ${T} bits, ${n} photographs (${corpus.photos.filter((p) => p.label.startsWith('stellarium/')).length} deep-sky, the rest wallpapers)`,
        `  false near-repeats between different photographs: ${pct(falseMatches, distinct.length)}; distances ${stats(distinct)}; closest ${closest.d} (${closest.pair})`,
        `  found: 50 % size + JPEG q60 ${pct(found(copies('half60')), n)} [${stats(copies('half60'))}]`,
        `         25 % size + JPEG q80 ${pct(found(copies('quarter80')), n)} [${stats(copies('quarter80'))}]`,
        `         full size, JPEG q40 ${pct(found(copies('full40')), n)} [${stats(copies('full40'))}]`,
        `  same scene, frame moved 10 %: flagged ${pct(found(shift10), n)} [${stats(shift10)}]`,
        `  same scene, frame moved 20 %: flagged ${pct(found(shift20), n)} [${stats(shift20)}]`,
      ].join('\n'),
    );

    expect(n).toBeGreaterThanOrEqual(100);
    expect(falseMatches, `closest different photographs: ${closest.pair}`).toBe(0);
    expect(found(shift10), 'a second shot of a scene (frame moved 10 %) is not a near-repeat').toBe(0);
    expect(found(shift20)).toBe(0);
    expect(found(copies('half60')), 'every 50 %/q60 copy is found').toBe(n);
    expect(found(copies('full40'))).toBe(n);
  }, 900_000);
});
