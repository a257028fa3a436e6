import { describe, expect, it } from 'vitest';
import { PORTAL_HOSTS, startPortalServer } from '../portals/server';
import { launch, stable, until } from './harness';
import { addPortalInSettings, today } from './pages';
import { A, B, bed, bringToFront, settle, setUp, sleep, typeFor, useActiveTimeBed } from './active-time-bed';

// Active time in real time, while typing fast, and waiting (the worker's lifecycle: active-time-lifecycle.e2e).
useActiveTimeBed();

describe('active time, in real time', () => {
  it('follows tab switches, another window taking focus, the idle threshold and media playing without input', async () => {
    const { a, b, timeline } = await setUp(30);
    const start = Date.now();

    await bringToFront(a, A, timeline);
    await typeFor(a, A, timeline, 8_000);

    await bringToFront(b, B, timeline);
    await typeFor(b, B, timeline, 6_000);

    // Another window with a non-portal page takes the focus: nothing counts, B's recent input notwithstanding.
    const popup = await bed.session!.openExtensionPage('popup.html');
    const otherWindowId = await popup.evaluate(async (url) => {
      const c = (globalThis as unknown as { chrome: { windows: { create(o: object): Promise<{ id: number }> } } }).chrome;
      return (await c.windows.create({ url, focused: true })).id;
    }, bed.server!.url(PORTAL_HOSTS.upload, '/'));
    timeline.setFront(null);
    await sleep(5_000);

    // The other window is closed and B's window has the focus again; no more input: B counts until 30 s after
    // its last input, then it is idle.
    await popup.evaluate(async (id) => {
      const c = (globalThis as unknown as { chrome: { windows: { remove(id: number): Promise<void> } } }).chrome;
      await c.windows.remove(id);
    }, otherWindowId);
    await b.bringToFront();
    timeline.setFront(B);
    await sleep(32_000);

    // Media on A with no input at all: a cadre watching a training video is busy.
    await bringToFront(a, A, timeline);
    await a.evaluate(() => (document.getElementById('audio') as HTMLAudioElement).play());
    await a.waitForFunction(() => document.getElementById('audio')!.getAttribute('data-state') === 'playing');
    timeline.setMedia(A, true);
    await sleep(10_000);
    await a.evaluate(() => (document.getElementById('audio') as HTMLAudioElement).pause());
    timeline.setMedia(A, false);

    await settle(bed.session!, timeline);
    const truth = timeline.activeMs(start, Date.now());
    const measured = await today(bed.session!);
    console.log('ground truth ms', truth, 'measured ms', { A: measured[A]?.activeMs, B: measured[B]?.activeMs });
    expect(Math.abs((measured[A]?.activeMs ?? 0) - truth[A]!)).toBeLessThanOrEqual(2_000);
    expect(Math.abs((measured[B]?.activeMs ?? 0) - truth[B]!)).toBeLessThanOrEqual(2_000);
  });
});

describe('active time while typing fast', () => {
  // The page pauses its input listeners for 250 ms after each input it counts (README, "Active time"): if they
  // did not come back, the last keystroke seen would be the first, and the idle stretch would start 10 s early.
  it('10 s of typing without a break, then nothing: the typing plus the idle threshold counts (±2 s)', async () => {
    const { b, timeline } = await setUp(30);
    await bringToFront(b, B, timeline);
    await b.getByTestId('name').click();
    const start = Date.now();
    while (Date.now() < start + 10_000) {
      await b.keyboard.type('abcdefghij', { delay: 30 });
      timeline.input(B);
    }
    await sleep(33_000);
    await settle(bed.session!, timeline);
    const truth = timeline.activeMs(start, Date.now())[B] ?? 0;
    const counted = (await today(bed.session!))[B]?.activeMs ?? 0;
    console.log('fast typing', { truth, counted });
    expect(truth).toBeGreaterThanOrEqual(39_000);
    expect(Math.abs(counted - truth)).toBeLessThanOrEqual(2_000);
  });
});

describe('waiting', () => {
  it('records the slow page\'s waiting within ±10 %', async () => {
    bed.server = await startPortalServer();
    bed.session = await launch({ grantOrigins: [`http://${PORTAL_HOSTS.slow}/*`] });
    await addPortalInSettings(bed.session, `http://${PORTAL_HOSTS.slow}:${bed.server.httpPort}`, '慢系统');
    const page = await bed.session.context.newPage();
    const started = Date.now();
    await page.goto(bed.server.url(PORTAL_HOSTS.slow, '/?delay=3000&assetDelay=1000'), { waitUntil: 'load' });
    const wall = Date.now() - started;
    const portal = 'slow-sim-gov-cn';
    await until(async () => (await today(bed.session!))[portal]?.waitMs ?? 0, (ms) => ms > 0);
    const waitMs = await stable(async () => (await today(bed.session!))[portal]?.waitMs ?? 0);
    console.log('waiting', { wall, recorded: waitMs });
    expect(Math.abs(waitMs - wall) / wall).toBeLessThanOrEqual(0.1);
  });
});
