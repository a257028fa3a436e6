import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PORTAL_HOSTS, type PortalServer, type RecordedRequest, startPortalServer } from '../portals/server';
import { dumpExtensionStorage, EXTENSION_ID, launch, type Session, settlesAt, until } from './harness';
import { addPortalInSettings } from './pages';
import { type ImageFixtures, makeImages } from './upload-fixtures';

// Story: a village cadre uploads the same evidence photo and report to several systems — through a visible
// file box, a button hiding the input, a drop zone, a pasted screenshot, a strict-CSP system and a framework
// page whose file input is never attached — and once more as the shrunken copy a chat app makes of it. The
// dashboard shows the repeats and the near-repeat; every portal gets every file intact; nothing about the
// files (names, bytes, plain SHA-256) is kept by the extension.
const UPLOAD = 'upload-sim-gov-cn';
const CSP = 'csp-sim-gov-cn';
const SPA = 'spa-sim-gov-cn';

const PHOTO_NAME = '王小明危房改造现场照片.jpg';
const HALF_NAME = '微信图片_王小明现场.jpg';
const REPORT_NAME = '青山镇溪口村低保复核报告.docx';
const SHEET_NAME = '溪口村困难群众花名册.et';
const LEAD_CANARY = 'BBCANARY-LEAD-5d1e9';

let server: PortalServer;
let session: Session;
let images: ImageFixtures;
let report: Buffer;
let sheet: Buffer;
let dir: string;
const consoleLines: string[] = [];

const sha = (b: Buffer) => createHash('sha256').update(b).digest();
/**
 * Files go in by path: Chromium then fills the input itself and fires a trusted change, as a real file dialog
 * does (Playwright's in-memory buffers arrive with an untrusted, synthetic change, which the observer ignores).
 */
const file = (name: string) => path.join(dir, name);

beforeAll(async () => {
  server = await startPortalServer();
  session = await launch({ grantOrigins: [PORTAL_HOSTS.upload, PORTAL_HOSTS.csp, PORTAL_HOSTS.spa].map((h) => `http://${h}/*`) });
  session.context.on('console', (m) => consoleLines.push(m.text()));
  for (const [host, name] of [
    [PORTAL_HOSTS.upload, '材料上传系统'],
    [PORTAL_HOSTS.csp, '安全加固系统'],
    [PORTAL_HOSTS.spa, '申报系统'],
  ] as const) {
    await (await addPortalInSettings(session, `http://${host}:${server.httpPort}`, name)).close();
  }
  images = await makeImages(session.context);
  report = Buffer.concat([Buffer.from(`PK\u0003\u0004${LEAD_CANARY}`, 'latin1'), Buffer.alloc(300_000, 7)]);
  sheet = Buffer.concat([Buffer.from('\u00d0\u00cf\u0011\u00e0BBCANARY-SHEET', 'latin1'), Buffer.alloc(50_000, 3)]);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bb-uploads-'));
  for (const [name, bytes] of [
    [PHOTO_NAME, images.photo],
    [HALF_NAME, images.photoHalfQ60],
    [REPORT_NAME, report],
    [SHEET_NAME, sheet],
  ] as const) {
    fs.writeFileSync(path.join(dir, name), bytes);
  }
}, 120_000);
afterAll(async () => {
  await session?.close();
  await server?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

async function uploadsSummary() {
  const page = await session.openExtensionPage('dashboard.html#uploads');
  const totals = page.getByTestId('uploads-totals');
  await totals.waitFor();
  const num = async (name: string) => Number(await totals.getAttribute(`data-${name}`));
  const result = {
    uploads: await num('uploads'),
    repeats: await num('repeats'),
    nearRepeats: await num('near-repeats'),
    photos: await num('photos'),
    screenshots: await num('screenshots'),
    text: await page.locator('body').innerText(),
    pairs: await page.$$eval('[data-testid^="uploads-pair-"]', (rows) =>
      Object.fromEntries(
        rows.map((r) => [r.getAttribute('data-testid')!.slice('uploads-pair-'.length), `${r.getAttribute('data-repeats')}/${r.getAttribute('data-near-repeats')}`]),
      ),
    ),
  };
  await page.close();
  return result;
}

/** Waits until the uploads counted are exactly `n` and stay so; fails if they go past. */
const uploadsSettleAt = (n: number) => settlesAt(async () => (await uploadsSummary()).uploads, n, { timeoutMs: 20_000 });

/** The files the portal's server received in `request`, as sha256 hex, sorted. */
const receivedShas = (request: RecordedRequest) => (request.uploadedFiles ?? []).map((f) => f.sha256).sort();
const hexes = (...buffers: Buffer[]) => buffers.map((b) => sha(b).toString('hex')).sort();

const isHasher = (url: string) => url.startsWith('chrome-extension://') && new URL(url).pathname === '/file-hasher.html';
/** URLs of the extension's hasher frames as they load in `page` (each is gone once its files are hashed). */
function watchHasherFrames(page: Page): string[] {
  const seen: string[] = [];
  page.on('framenavigated', (frame) => {
    if (isHasher(frame.url())) seen.push(frame.url());
  });
  return seen;
}
const hasherFramesIn = (page: Page) => page.frames().filter((f) => isHasher(f.url())).length;
/** Where the worker was told each digest of this session was computed (upload-service.ts, HASHED_BY_KEY). */
const hashedBy = async () => ((await dumpExtensionStorage(session)).session as Record<string, unknown>).uploadsHashedBy as Record<string, number>;
/** How many digests the extension's frame computed (crypto.subtle for files up to 32 MB, else WebAssembly). */
const inFrame = (tally: Record<string, number>) => (tally['frame-subtle'] ?? 0) + (tally['frame-wasm'] ?? 0);

async function chooseWithPicker(page: Page, testid: string, files: string[]) {
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId(testid).click();
  await (await chooser).setFiles(files);
}

/**
 * The cadre's uploads across the widgets, run once for the tests that need it (whichever runs first), so each of
 * them can also run alone: the sandbox test relies on the report having been fingerprinted in the frame before.
 */
let story: Promise<void> | undefined;
const uploadStory = () => (story ??= runUploadStory());

async function runUploadStory() {
  const before = await uploadsSummary();
  const tallyBefore = (await hashedBy()) ?? {};
  const upload = await session.context.newPage();
  const uploadHashers = watchHasherFrames(upload);
  await upload.goto(server.url(PORTAL_HOSTS.upload, '/'));

  // 1. Visible multiple-file input in a native form: a photo with camera metadata and a report.
  await upload.getByTestId('visible-file-input').setInputFiles([file(PHOTO_NAME), file(REPORT_NAME)]);
  await uploadsSettleAt(before.uploads + 2);
  // The files were hashed in the extension's own frame, which left the page when it was done. It was loaded
  // from the per-session URL: the page cannot probe the pinned id to learn the extension is installed.
  expect(uploadHashers.length).toBeGreaterThan(0);
  await expect.poll(() => hasherFramesIn(upload)).toBe(0);
  const probe = await upload.evaluate((id) => fetch(`chrome-extension://${id}/file-hasher.html`).then(() => 'loaded', () => 'refused'), EXTENSION_ID);
  expect(probe).toBe('refused');
  const first = await hashedBy();
  expect([inFrame(first) - inFrame(tallyBefore), first['page-js']]).toEqual([2, tallyBefore['page-js']]);
  server.clearRequests();
  await upload.getByTestId('native-upload-submit').click();
  const native = await server.waitForRequest((r) => r.method === 'POST' && r.path === '/upload' && r.host === PORTAL_HOSTS.upload);
  expect(receivedShas(native)).toEqual(hexes(images.photo, report));
  await upload.getByTestId('back-link').click();
  await upload.getByTestId('hidden-file-button').waitFor();

  // 2. The input hidden behind a styled button: the same photo again.
  server.clearRequests();
  await chooseWithPicker(upload, 'hidden-file-button', [file(PHOTO_NAME)]);
  expect(receivedShas(await server.waitForRequest((r) => r.path === '/upload'))).toEqual(hexes(images.photo));

  // 3. A trusted drop onto the drop zone: the photo as a chat app shrank it (50 %, quality 60).
  server.clearRequests();
  const zone = (await upload.getByTestId('dropzone').boundingBox())!;
  const cdp = await session.context.newCDPSession(upload);
  const data = { items: [], files: [file(HALF_NAME)], dragOperationsMask: 1 };
  for (const type of ['dragEnter', 'dragOver', 'drop'] as const) {
    await cdp.send('Input.dispatchDragEvent', { type, x: zone.x + zone.width / 2, y: zone.y + zone.height / 2, data });
  }
  await cdp.detach();
  expect(receivedShas(await server.waitForRequest((r) => r.path === '/upload'))).toEqual(hexes(images.photoHalfQ60));

  // 4. A screenshot pasted from the clipboard into the editor. Writing an image needs a secure context.
  const clip = await session.context.newPage();
  await clip.goto(server.url('127.0.0.1', '/intranet/'));
  await session.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(clip.url()).origin });
  await clip.evaluate(async (b64) => {
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    await navigator.clipboard.write([new ClipboardItem({ 'image/png': new Blob([bytes], { type: 'image/png' }) })]);
  }, images.screenshot.toString('base64'));
  await clip.close();
  server.clearRequests();
  await upload.bringToFront();
  await upload.getByTestId('paste-target').click();
  await upload.keyboard.press('Control+V');
  const pasted = await server.waitForRequest((r) => r.path === '/upload');
  expect(pasted.uploadedFiles).toHaveLength(1);
  // The page shows what the server acknowledged: the same bytes it was given.
  await expect.poll(() => upload.locator('[data-source="paste"]').getAttribute('data-sha256')).toBe(pasted.uploadedFiles![0]!.sha256);

  // 5. The strict-CSP system (no inline script, no WASM): the original photo again, on another portal.
  const csp = await session.context.newPage();
  const cspHashers = watchHasherFrames(csp);
  await csp.goto(server.url(PORTAL_HOSTS.csp, '/'));
  await expect.poll(() => csp.locator('body').getAttribute('data-script')).toBe('ok');
  // Fingerprinting must not trip the page's CSP: a violation event is visible to the page and can be reported.
  await csp.evaluate(() => {
    const w = window as unknown as { violations: string[] };
    w.violations = [];
    document.addEventListener('securitypolicyviolation', (e) => w.violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  server.clearRequests();
  await csp.getByTestId('async-file-input').setInputFiles([file(PHOTO_NAME)]);
  expect(receivedShas(await server.waitForRequest((r) => r.host === PORTAL_HOSTS.csp && r.path === '/upload'))).toEqual(hexes(images.photo));
  // The hasher frame loaded there (the page's CSP does not apply to the extension's frame) and tripped nothing.
  await expect.poll(() => cspHashers.length).toBeGreaterThan(0);
  await expect.poll(() => hasherFramesIn(csp)).toBe(0);
  expect(await csp.evaluate(() => (window as unknown as { violations: string[] }).violations)).toEqual([]);

  // 6. The framework page's never-attached file input: the report again, and a WPS spreadsheet.
  const spa = await session.context.newPage();
  await spa.goto(server.url(PORTAL_HOSTS.spa, '/spa/apply'));
  server.clearRequests();
  await chooseWithPicker(spa, 'upload-button', [file(REPORT_NAME), file(SHEET_NAME)]);
  expect(receivedShas(await server.waitForRequest((r) => r.host === PORTAL_HOSTS.spa && r.path === '/api/upload'))).toEqual(hexes(report, sheet));
  await expect.poll(() => spa.getByTestId('upload-status').getAttribute('data-count')).toBe('2');

  await uploadsSettleAt(before.uploads + 8);
  const summary = await uploadsSummary();
  expect({
    uploads: summary.uploads - before.uploads,
    repeats: summary.repeats - before.repeats,
    nearRepeats: summary.nearRepeats - before.nearRepeats,
    photos: summary.photos - before.photos,
    screenshots: summary.screenshots - before.screenshots,
  }).toEqual({ uploads: 8, repeats: 3, nearRepeats: 1, photos: 3, screenshots: 1 });
  expect(summary.pairs).toEqual({ [`${CSP}--${UPLOAD}`]: '1/0', [`${SPA}--${UPLOAD}`]: '1/0' });
  for (const name of [PHOTO_NAME, HALF_NAME, REPORT_NAME, SHEET_NAME]) expect(summary.text).not.toContain(name);
  // Every digest came from the extension's frame; the page hashed nothing itself.
  const all = await hashedBy();
  expect([inFrame(all) - inFrame(tallyBefore), all['page-js']]).toEqual([8, tallyBefore['page-js']]);
  for (const page of [upload, csp, spa]) await page.close();
}

describe('repeated uploads', () => {
  it('captures every widget, finds repeats and the near-repeat, and the portals still get every file intact', async () => {
    await uploadStory();
  }, 120_000);

  it('ignores files a page script puts into an input and announces with a synthetic change', async () => {
    const before = (await uploadsSummary()).uploads;
    const page = await session.context.newPage();
    await page.goto(server.url(PORTAL_HOSTS.upload, '/'));
    await page.evaluate(() => {
      const input = document.querySelector<HTMLInputElement>('[data-testid="visible-file-input"]')!;
      const transfer = new DataTransfer();
      transfer.items.add(new File(['forged'], 'forged.txt', { type: 'text/plain' }));
      input.files = transfer.files;
      input.dispatchEvent(new Event('change', { bubbles: true }));
    });
    // Nothing may arrive: the count must stand still at what it was for the whole settle window.
    await uploadsSettleAt(before);
  });

  it('hashes in the page when the extension frame cannot run (a script-less sandbox), with the same digest', async () => {
    await uploadStory();
    const before = await uploadsSummary();
    const tally = await hashedBy();
    const page = await session.context.newPage();
    await page.goto(server.url(PORTAL_HOSTS.upload, '/sandboxed'));
    server.clearRequests();
    const form = page.frameLocator('[data-testid="sandboxed-frame"]');
    await form.getByTestId('sandboxed-file-input').setInputFiles(file(REPORT_NAME));
    await uploadsSettleAt(before.uploads + 1);
    const after = await uploadsSummary();
    // The report was hashed in the frame before: the page's JavaScript digest is the same, so it is a repeat.
    expect(after.repeats).toBe(before.repeats + 1);
    const now = await hashedBy();
    expect([inFrame(now), now['page-js']]).toEqual([inFrame(tally), (tally['page-js'] ?? 0) + 1]);
    await expect.poll(() => hasherFramesIn(page)).toBe(0);
    await form.getByTestId('sandboxed-upload-submit').click();
    expect(receivedShas(await server.waitForRequest((r) => r.path === '/upload'))).toEqual(hexes(report));
    await page.close();
  });

  it('shows progress on the badge for a large file, and a page closed mid-way leaves an unfinished fingerprint in the gap log', async () => {
    const big = path.join(dir, '全村影像资料.zip');
    const fd = fs.openSync(big, 'w');
    for (let i = 0; i < 12; i++) fs.writeSync(fd, Buffer.alloc(16 * 1024 ** 2, i + 1));
    fs.closeSync(fd);
    const page = await session.context.newPage();
    await page.goto(server.url(PORTAL_HOSTS.upload, '/?large-file')); // a URL no other open tab has
    await page.getByTestId('visible-file-input').setInputFiles(big);
    const worker = await session.worker();
    const badge = await until(
      () =>
        worker.evaluate(async (url) => {
          const c = (globalThis as unknown as { chrome: { tabs: { query(q: object): Promise<{ id: number; url?: string }[]> }; action: { getBadgeText(d: object): Promise<string> } } }).chrome;
          const tab = (await c.tabs.query({})).find((t) => t.url === url);
          return tab ? c.action.getBadgeText({ tabId: tab.id }) : '';
        }, page.url()),
      (text) => /^\d{1,3}%$/.test(text),
      15_000,
    );
    expect(badge).toMatch(/%$/);
    await page.close(); // before the fingerprint is done
    const dump = await dumpExtensionStorage(session);
    const gaps = dump.indexedDb['burden-barometer']!.gaps as { portalId: string; reason: string }[];
    expect(gaps.filter((g) => g.reason === 'upload-unfinished')).toEqual([expect.objectContaining({ portalId: UPLOAD })]);
    fs.rmSync(big);
  });

  it('keeps no file name, leading bytes or plain SHA-256 of any uploaded file in storage or logs', async () => {
    await uploadStory();
    const dump = JSON.stringify(await dumpExtensionStorage(session));
    const haystack = `${dump}\n${consoleLines.join('\n')}`;
    expect(dump).toContain(UPLOAD); // the dump is real: it holds the upload rows
    expect(dump).toContain('"kind":"photo"');
    const canaries = [PHOTO_NAME, HALF_NAME, REPORT_NAME, SHEET_NAME, '全村影像资料', PHOTO_NAME.replace(/\.jpg$/, ''), LEAD_CANARY, 'BBCANARY-SHEET'];
    for (const [label, bytes] of Object.entries({ ...images, report, sheet })) {
      const digest = sha(bytes);
      canaries.push(
        digest.toString('hex'),
        digest.toString('base64'),
        digest.toString('base64url'),
        bytes.subarray(0, 24).toString('hex'),
        bytes.subarray(0, 24).toString('base64'),
        JSON.stringify(bytes.subarray(0, 12).toString('latin1')).slice(1, -1),
      );
      expect(label).toBeTruthy();
    }
    for (const canary of canaries) expect(haystack, canary).not.toContain(canary);
  });
});
