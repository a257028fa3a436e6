/**
 * Issue 15, office side, in the built extension: the page imports and aggregates in a worker under the extension
 * page's CSP and stays responsive while it does — importing, opening, changing views (no main-thread task over
 * 200 ms, PerformanceObserver "longtask"); a file posing as several cadres is refused with its reason in Chinese;
 * "Clear" is reachable on a reopened page before the stored reports are read back.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { REPORT_NOTICE, REPORT_SCHEMA_ID, type WeeklyReport } from '../../core/contracts/report-schema';
import { cadreWeek } from '../unit/core/office/generated-reports';
import { launch, type Session } from './harness';
import { OFFICE_RESULTS_READY } from './pages';


const WEEKS = ['2026-W10', '2026-W11', '2026-W12', '2026-W13'];
const CADRES = 1500; // × 4 weeks = 6,000 reports in 1,500 files
const PORTALS = ['zj-mzxt', 'zj-sbxt', 'jcb-ybt', 'zj-zwfw', 'zj-rsxt'];
const LEVELS = ['township', 'village', 'community', 'street'] as const;

function zh(key: string): string {
  const messages = JSON.parse(fs.readFileSync('public/_locales/zh_CN/messages.json', 'utf8')) as Record<string, { message: string }>;
  return messages[key]!.message;
}

function cadreFile(c: number): string {
  const reports: WeeklyReport[] = WEEKS.map((week, w) =>
    cadreWeek({
      id: `safety-${c}-${w}`,
      week,
      level: LEVELS[c % LEVELS.length],
      region: `3301${String(2 + (c % 9)).padStart(2, '0')}`,
      portals: PORTALS.filter((_, p) => (c + p) % 3 !== 0).map((portal, p) => ({ portal, activeMinutes: 20 + ((c * 7 + w * 13 + p) % 300), entries: 5, submissions: 2 })),
    }),
  );
  return JSON.stringify({ schema: REPORT_SCHEMA_ID, notice: REPORT_NOTICE, reports });
}

/** Long tasks seen by the page since the observer was installed (at document start, by an init script). */
const longTasks = (page: Page) => page.evaluate(() => (globalThis as unknown as { __longTasks: { start: number; duration: number }[] }).__longTasks.slice());

describe('office page safety', () => {
  let session: Session;
  let page: Page;
  let dir: string;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bb-office-safety-'));
    for (let c = 0; c < CADRES; c++) fs.writeFileSync(path.join(dir, `cadre-${c}.json`), cadreFile(c));
    const two = [0, 1].map((i) => cadreWeek({ id: `two-${i}`, week: WEEKS[0], portals: [{ portal: 'zj-mzxt', activeMinutes: 5 }] }));
    fs.writeFileSync(path.join(dir, 'two-of-one-week.json'), JSON.stringify({ schema: REPORT_SCHEMA_ID, notice: REPORT_NOTICE, reports: two }));
    session = await launch({});
    await session.context.addInitScript(() => {
      const seen: { start: number; duration: number }[] = [];
      (globalThis as unknown as { __longTasks: typeof seen }).__longTasks = seen;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) seen.push({ start: entry.startTime, duration: entry.duration });
      }).observe({ type: 'longtask' });
    });
    page = await session.openExtensionPage('office.html');
    page.on('pageerror', (e) => pageErrors.push(String(e)));
    page.on('dialog', (d) => void d.accept());
  }, 120_000);
  afterAll(async () => {
    await session?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('imports 6,000 reports, refuses the file posing as two cadres, and aggregates in the worker with no task over 200 ms', async () => {
    await page.getByTestId('office-empty').waitFor();
    // The browser builds the folder's FileList (1,500 files) and fires "change" inside one task of its own; what
    // counts here is the page's share of it, from the change event on, and every task after it.
    await page.evaluate(() => {
      const w = globalThis as unknown as { __changeAt?: number };
      document.addEventListener('change', () => (w.__changeAt ??= performance.now()), true);
    });
    await page.getByTestId('office-folder-input').setInputFiles(dir);
    const summary = page.getByTestId('office-import-summary');
    await summary.waitFor({ timeout: 120_000 });
    expect(await summary.getAttribute('data-accepted')).toBe(String(CADRES * WEEKS.length));
    const refused = page.locator('[data-testid="office-rejected-row"][data-reason="same-week-twice"]');
    expect(await refused.getAttribute('data-file')).toBe(`${path.basename(dir)}/two-of-one-week.json`);
    expect(await refused.getByTestId('office-rejected-reason').innerText()).toBe(zh('office_reason_same_week_twice'));
    await page.locator(OFFICE_RESULTS_READY).waitFor({ timeout: 60_000 });
    // The files were read, judged and stored by the worker: the page's thread only drew the progress and tables.
    const changeAt = await page.evaluate(() => (globalThis as unknown as { __changeAt: number }).__changeAt);
    const importTasks = (await longTasks(page))
      .filter((task) => task.start + task.duration > changeAt)
      .map((task) => (task.start < changeAt ? { start: changeAt, duration: task.start + task.duration - changeAt } : task));
    expect(await page.getByTestId('office-cadre-week-count').getAttribute('data-value')).toBe(String(CADRES * WEEKS.length));
    // The tables came from the page's worker, which the extension page's CSP let run.
    expect(page.workers().some((w) => /aggregation-worker/.test(w.url()))).toBe(true);

    // Aggregation only: reopen the page (the worker reads 6,000 stored reports back), then ask for other views;
    // long tasks are counted from the first request of another view to the last view shown, its rendering included.
    await page.reload();
    await page.locator(OFFICE_RESULTS_READY).waitFor({ timeout: 60_000 });
    const loadTasks = await longTasks(page);
    const from = await page.evaluate(() => performance.now());
    for (const k of ['5', '12', '10']) {
      await page.getByTestId('office-k').fill(k);
      await page.getByTestId('office-k').press('Enter');
      await page.getByTestId('office-k-shown').filter({ hasText: k }).waitFor();
    }
    await page.getByTestId('office-week-from').selectOption(WEEKS[1]!);
    await page.getByTestId('office-week-count').filter({ hasText: '3' }).waitFor();
    await page.locator(OFFICE_RESULTS_READY).waitFor();
    const during = (await longTasks(page)).filter((task) => task.start >= from);
    const show = (list: { start: number; duration: number }[]) => list.map((task) => `${Math.round(task.duration)} ms at ${Math.round(task.start)}`).join(', ');
    console.log(`office page long tasks — import: ${show(importTasks) || 'none'}; opening: ${show(loadTasks) || 'none'}; while views were aggregated: ${show(during) || 'none'}`);
    expect(Math.max(0, ...importTasks.map((task) => task.duration)), `long tasks during import: ${show(importTasks)}`).toBeLessThan(200);
    expect(Math.max(0, ...loadTasks.map((task) => task.duration)), `long tasks on opening: ${show(loadTasks)}`).toBeLessThan(200);
    expect(Math.max(0, ...during.map((task) => task.duration)), `long tasks: ${show(during)}`).toBeLessThan(200);
    expect(pageErrors).toEqual([]);
  }, 300_000);

  it('"Clear" is reachable on a reopened page before the stored reports are read back', async () => {
    await page.reload();
    const clear = page.getByTestId('office-clear');
    await clear.waitFor();
    expect(await page.getByTestId('office-stored-count').getAttribute('data-count')).toBe(String(CADRES * WEEKS.length));
    // Clicked at once: the page does not wait for the worker's read, and the read in flight is dropped.
    await clear.click();
    await page.getByTestId('office-stored-count').and(page.locator('[data-count="0"]')).waitFor();
    await page.getByTestId('office-empty').waitFor();
    await page.reload();
    await page.getByTestId('office-empty').waitFor();
    expect(await page.getByTestId('office-stored-count').getAttribute('data-count')).toBe('0');
  }, 120_000);
});
