import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Papa from 'papaparse';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WeeklyReport } from '../../core/contracts/report-schema';
import { builtManifest, launch, type Session } from './harness';
import { CATALOG, FORMULA_PAYLOAD, HTML_PAYLOAD, SMALL_PORTAL, WEEKS, cadreReport, writeOfficeFolder, type OfficeFolder } from './office-fixtures';
import { OFFICE_RESULTS_READY } from './pages';


// Story: an office drops a folder of weekly reports — most valid, some broken or hostile — on its workspace,
// reads the aggregates with small cells suppressed, exports CSV for Excel and prints an evidence sheet per portal.

const zh = JSON.parse(fs.readFileSync('public/_locales/zh_CN/messages.json', 'utf8')) as Record<string, { message: string }>;
const zhMessage = (key: string) => zh[key.replace(/-/g, '_')]!.message;

// ---- Expected figures, computed here from the generated reports, without the extension's code. ----

function medianOf(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}
const round1 = (n: number) => Math.round(n * 10) / 10;

function expectedPortal(reports: WeeklyReport[], portal: string) {
  const using = reports.filter((r) => r.portals.some((p) => p.portal === portal));
  const perWeek = new Map<string, number>();
  for (const r of using) perWeek.set(r.week, (perWeek.get(r.week) ?? 0) + 1);
  const minutes = using.map((r) => r.portals.find((p) => p.portal === portal)!.activeMinutes);
  return {
    people: Math.max(...perWeek.values()),
    cadreWeeks: using.length,
    activeMinutes: minutes.reduce((a, b) => a + b, 0),
    medianActiveMinutes: round1(medianOf(minutes)),
    usageShare: using.length / reports.length,
  };
}

function expectedPairWork(reports: WeeklyReport[], a: string, b: string): number {
  let work = 0;
  for (const r of reports) {
    for (const q of r.pairs) {
      if (q.a === a && q.b === b) work += q.crossPortalRepeats + 10 * q.duplicateFilings + q.transfers + q.repeatedUploads;
    }
  }
  return work;
}

// ---- Reading the page. ----

async function cell(page: Page, table: string, key: string, col: string): Promise<string> {
  return page.locator(`[data-testid="office-row-${table}-${key}"] td[data-col="${col}"]`).getAttribute('data-csv') as Promise<string>;
}

async function rowOf(page: Page, table: string, key: string) {
  return page.locator(`[data-testid="office-row-${table}-${key}"]`);
}

/** The table as shown: header texts, then each row's cells (the exact value behind each shown text). */
async function shownTable(page: Page, table: string): Promise<string[][]> {
  return page.getByTestId(`office-table-${table}`).evaluate((wrap) => {
    const headers = [...wrap.querySelectorAll('thead th[data-col]')].map((th) => th.textContent ?? '');
    const rows = [...wrap.querySelectorAll('tbody tr[data-key]')].map((tr) =>
      [...tr.querySelectorAll('td[data-col]')].map((td) => {
        const exact = td.getAttribute('data-csv') ?? '';
        // What the eye sees must be that value (digit grouping aside).
        const seen = (td.textContent ?? '').replace(/,/g, '');
        if (seen !== exact.replace(/,/g, '')) throw new Error(`cell shows ${td.textContent} but holds ${exact}`);
        return exact;
      }),
    );
    return [headers, ...rows];
  });
}

async function downloadCsv(page: Page, table: string): Promise<Buffer> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(`office-csv-${table}`).click()]);
  return fs.readFileSync((await download.path())!);
}

async function setK(page: Page, k: string) {
  await page.getByTestId('office-k').fill(k);
  await page.getByTestId('office-k').blur();
}

async function noScriptRan(page: Page) {
  return page.evaluate(() => ({
    pwned: (window as unknown as { __pwned?: unknown }).__pwned ?? null,
    images: document.querySelectorAll('img').length,
    scripts: [...document.querySelectorAll('script')].filter((s) => !s.src).length,
  }));
}

/** OFFICE_SCREENSHOT=/tmp/office: the whole page in 1000-pixel slices, for a person to look at. */
async function screenshots(page: Page, prefix: string) {
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  const width = page.viewportSize()?.width ?? 1280;
  for (let y = 0, i = 0; y < height; y += 1000, i++) {
    await page.screenshot({ path: `${prefix}-${i}.png`, fullPage: true, clip: { x: 0, y, width, height: Math.min(1000, height - y) } });
  }
}

describe('office workspace', () => {
  let session: Session;
  let page: Page;
  let folder: OfficeFolder;
  let root: string;
  let valid: WeeklyReport[];
  const unexpectedDialogs: string[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'bb-office-'));
    folder = writeOfficeFolder(root);
    valid = folder.reports.filter((r) => r !== folder.outlier);
    session = await launch({});
    page = await session.openExtensionPage('office.html');
    page.on('pageerror', (e) => pageErrors.push(String(e)));
    page.on('dialog', (d) => {
      if (d.type() !== 'confirm') unexpectedDialogs.push(`${d.type()}: ${d.message()}`);
    });
  });
  afterAll(async () => {
    await session?.close();
    if (root) fs.rmSync(root, { recursive: true, force: true });
  });

  it('imports a folder, keeps every valid report once and lists every rejected file with its reason in Chinese', async () => {
    await page.getByTestId('office-empty').waitFor();
    await page.getByTestId('office-folder-input').setInputFiles(folder.dir);
    const summary = page.getByTestId('office-import-summary');
    await summary.waitFor({ timeout: 60_000 });

    expect(await summary.getAttribute('data-files')).toBe(String(folder.totalFiles));
    expect(await summary.getAttribute('data-accepted')).toBe(String(folder.reports.length)); // 72 + the outlier
    expect(await summary.getAttribute('data-accepted-files')).toBe(String(folder.acceptedFiles));
    expect(await summary.getAttribute('data-duplicates')).toBe(String(folder.duplicateReports));
    expect(await summary.getAttribute('data-rejected')).toBe(String(Object.keys(folder.rejects).length));

    const rows = await page.getByTestId('office-rejected-row').evaluateAll((trs) =>
      trs.map((tr) => ({
        file: tr.getAttribute('data-file')!,
        reason: tr.getAttribute('data-reason')!,
        text: tr.querySelector('[data-testid="office-rejected-reason"]')!.textContent!,
      })),
    );
    const top = path.basename(folder.dir);
    expect(Object.fromEntries(rows.map((r) => [r.file, r.reason]))).toEqual(
      Object.fromEntries(Object.entries(folder.rejects).map(([name, reason]) => [`${top}/${name}`, reason])),
    );
    for (const row of rows) {
      expect(row.text).toBe(zhMessage(`office_reason_${row.reason}`));
      expect(row.text).toMatch(/[\u4e00-\u9fff]/);
    }
    // The unknown key is named in the details; the file's other fields are not echoed.
    const unknown = page.locator(`[data-testid="office-rejected-row"][data-file="${top}/unknown-keys.json"]`);
    expect(await unknown.innerText()).toContain('reports[0].cadreName');
    expect(await unknown.innerText()).toContain(zhMessage('office_issue_unrecognized_key'));

    const progress = page.getByTestId('office-progress');
    expect(await progress.getAttribute('data-phase')).toBe('storing');
    expect(await progress.evaluate((p: HTMLProgressElement) => [p.value, p.max])).toEqual([folder.reports.length, folder.reports.length]);
    expect(await page.getByTestId('office-stored-count').getAttribute('data-count')).toBe(String(folder.reports.length));
  });

  it('shows reports, cadre-weeks and per-portal figures that match an independent computation', async () => {
    await page.locator(OFFICE_RESULTS_READY).waitFor();
    expect(await page.getByTestId('office-report-count').getAttribute('data-value')).toBe(String(folder.reports.length));
    expect(await page.getByTestId('office-cadre-week-count').getAttribute('data-value')).toBe(String(valid.length));
    expect(await page.getByTestId('office-people-count').getAttribute('data-value')).toBe('24');
    expect(await page.getByTestId('office-k-shown').innerText()).toBe('10');

    for (const portal of ['zj-mzxt', 'zj-sbxt', 'jcb-ybt']) {
      const want = expectedPortal(valid, portal);
      expect(await (await rowOf(page, 'portals', portal)).getAttribute('data-suppressed')).toBe('false');
      expect(Number(await cell(page, 'portals', portal, 'people')), portal).toBe(want.people);
      expect(Number(await cell(page, 'portals', portal, 'cadreWeeks')), portal).toBe(want.cadreWeeks);
      expect(Number(await cell(page, 'portals', portal, 'activeMinutes')), portal).toBe(want.activeMinutes);
      expect(Number(await cell(page, 'portals', portal, 'medianActiveMinutes')), portal).toBe(want.medianActiveMinutes);
    }
    expect(Number(await cell(page, 'pairs', 'zj-mzxt|zj-sbxt', 'duplicatedWork'))).toBe(expectedPairWork(valid, 'zj-mzxt', 'zj-sbxt'));
    for (const week of WEEKS) expect(Number(await cell(page, 'weeks', week, 'cadreWeeks'))).toBe(24);
    expect(Number(await cell(page, 'levels', 'township', 'cadreWeeks'))).toBe(valid.filter((r) => r.profile?.level === 'township').length);
    // The outlier is counted nowhere; its limit's cell holds one report, so it is suppressed, and neither its
    // reportId nor its value is on the page (issue 15).
    expect(await page.getByTestId('office-outlier-count').innerText()).toBe('1');
    expect(await (await rowOf(page, 'outliers', 'activeMinutes')).getAttribute('data-suppressed')).toBe('true');
    expect(await page.getByTestId('office-results').innerText()).not.toContain(folder.outlier.reportId);
  });

  it('suppresses the portal used by 9 cadres at k = 10 in every table where it appears, and shows it at k = 5', async () => {
    const marker = zhMessage('office_suppressed').replace('$1', '10');
    expect(marker).toBe('<10 人，不显示');
    const small = await rowOf(page, 'portals', SMALL_PORTAL);
    expect(await small.getAttribute('data-suppressed')).toBe('true');
    expect(await small.locator('td[data-col="people"]').innerText()).toBe(marker);
    const figures = await small.locator('td[data-col]').evaluateAll((tds) =>
      tds.filter((td) => !['portal', 'name', 'department', 'people'].includes(td.getAttribute('data-col')!)).map((td) => td.textContent),
    );
    expect(new Set(figures)).toEqual(new Set(['']));
    expect(await page.getByTestId(`office-evidence-${SMALL_PORTAL}`).count()).toBe(0);

    // Every pair with the small portal is suppressed too, though the pair has the most duplicated work.
    const pairKeys = await page.locator('[data-testid^="office-row-pairs-"]').evaluateAll((trs) =>
      trs.map((tr) => [tr.getAttribute('data-key')!, tr.getAttribute('data-suppressed')!] as const),
    );
    const withSmall = pairKeys.filter(([key]) => key.split('|').includes(SMALL_PORTAL));
    expect(withSmall.length).toBe(1);
    expect(withSmall.every(([, suppressed]) => suppressed === 'true')).toBe(true);
    // Only those 9 cadres visit ranking pages: that tag is suppressed as well.
    expect(await (await rowOf(page, 'tags', 'ranking')).getAttribute('data-suppressed')).toBe('true');

    // The chart (loaded on demand) draws neither the portal nor its pair.
    const graph = page.getByTestId('office-graph');
    await expect.poll(() => graph.getAttribute('data-state'), { timeout: 20_000 }).toBe('ready');
    expect((await graph.getAttribute('data-nodes'))!.split(' ')).not.toContain(SMALL_PORTAL);
    expect(await graph.getAttribute('data-edges')).toBe('2');
    expect(await page.locator('.office-graph-canvas canvas').count()).toBe(1);
    // Its data table is one keypress away and can be focused and scrolled from the keyboard.
    await page.getByTestId('office-graph-table-link').press('Enter');
    expect(await page.evaluate(() => location.hash)).toBe('#office-table-pairs');
    expect(await page.getByTestId('office-table-pairs').getAttribute('tabindex')).toBe('0');

    await setK(page, '5');
    await expect.poll(() => page.getByTestId('office-k-shown').innerText()).toBe('5');
    const want = expectedPortal(valid, SMALL_PORTAL);
    expect(want.people).toBe(9);
    expect(await (await rowOf(page, 'portals', SMALL_PORTAL)).getAttribute('data-suppressed')).toBe('false');
    expect(Number(await cell(page, 'portals', SMALL_PORTAL, 'people'))).toBe(9);
    expect(Number(await cell(page, 'portals', SMALL_PORTAL, 'medianActiveMinutes'))).toBe(want.medianActiveMinutes);
    // Unsuppressed, its pair tops the integration candidates.
    expect(await page.locator('[data-testid^="office-row-pairs-"]').first().getAttribute('data-key')).toBe(`${SMALL_PORTAL}|zj-mzxt`);
    expect(Number(await cell(page, 'pairs', `${SMALL_PORTAL}|zj-mzxt`, 'duplicatedWork'))).toBe(expectedPairWork(valid, SMALL_PORTAL, 'zj-mzxt'));

    // k can never go below 5.
    await setK(page, '3');
    await page.getByTestId('office-k-note').waitFor();
    expect(await page.getByTestId('office-k-shown').innerText()).toBe('5');
    await setK(page, '10');
    await expect.poll(() => page.getByTestId('office-k-shown').innerText()).toBe('10');
    expect(await (await rowOf(page, 'portals', SMALL_PORTAL)).getAttribute('data-suppressed')).toBe('true');
  });

  it('renders hostile file names and catalog text as text, and runs none of it', async () => {
    await page.getByTestId('office-catalog-input').setInputFiles({
      name: 'catalog.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(CATALOG)),
    });
    await expect.poll(() => page.getByTestId('office-catalog-status').innerText()).toContain('catalog.json');
    expect(await page.locator('[data-testid="office-row-portals-zj-mzxt"] td[data-col="name"]').textContent()).toBe(CATALOG[0]!.name);
    expect(await page.locator('[data-testid="office-row-portals-zj-sbxt"] td[data-col="department"]').textContent()).toBe(CATALOG[1]!.department);
    expect(await page.locator('[data-testid="office-row-portals-zj-sbxt"] td[data-col="name"]').textContent()).toBe(FORMULA_PAYLOAD);
    const hostileName = page.locator('[data-testid="office-rejected-row"] .office-file-name', { hasText: 'onerror' });
    expect(await hostileName.textContent()).toContain('<img src=x onerror="window.__pwned=2">.json');
    // The graph's names come from the catalog too; give the chart time to draw them.
    await expect.poll(() => page.getByTestId('office-graph').getAttribute('data-state')).toBe('ready');
    await page.getByTestId('office-graph').hover();
    expect(HTML_PAYLOAD).toContain('<img');
    expect(await noScriptRan(page)).toEqual({ pwned: null, images: 0, scripts: 0 });
    if (process.env.OFFICE_SCREENSHOT) await screenshots(page, process.env.OFFICE_SCREENSHOT);
  });

  it('exports CSV that starts with a BOM, parses back to the shown table and neutralises formulas', async () => {
    for (const table of ['portals', 'pairs', 'tags', 'weeks']) {
      const bytes = await downloadCsv(page, table);
      expect([...bytes.subarray(0, 3)], table).toEqual([0xef, 0xbb, 0xbf]);
      const parsed = Papa.parse<string[]>(bytes.toString('utf8').slice(1), { newline: '\r\n' }).data;
      const shown = await shownTable(page, table);
      expect(parsed.length, table).toBe(shown.length);
      parsed.forEach((row, i) =>
        row.forEach((value, j) => {
          const want = shown[i]![j]!;
          // A cell a spreadsheet would run as a formula carries one leading apostrophe; nothing else differs.
          expect(value === want || (value === `'${want}` && /^[=+\-@]/.test(want)), `${table} row ${i} col ${j}: ${value} vs ${want}`).toBe(true);
        }),
      );
    }
    const portals = Papa.parse<string[]>((await downloadCsv(page, 'portals')).toString('utf8').slice(1), { newline: '\r\n' }).data;
    const header = portals[0]!;
    const byKey = new Map(portals.slice(1).map((r) => [r[header.indexOf('平台编号')]!, r]));
    expect(byKey.get('zj-sbxt')![header.indexOf('平台名称')]).toBe(`'${FORMULA_PAYLOAD}`);
    expect(byKey.get('jcb-ybt')![header.indexOf('主管部门')]).toBe("'+SUM(1,2)");
    expect(byKey.get('zj-mzxt')![header.indexOf('平台名称')]).toBe(CATALOG[0]!.name);
    expect(byKey.get(SMALL_PORTAL)![header.indexOf('人数')]).toBe('<10 人，不显示');
    expect(byKey.get(SMALL_PORTAL)![header.indexOf('操作分钟（每人周中位数）')]).toBe('');
  });

  it('opens a printable evidence sheet for a portal with its figures, definitions, k and versions', async () => {
    await page.getByTestId('office-evidence-zj-mzxt').click();
    const sheet = page.getByTestId('office-evidence-sheet');
    await sheet.waitFor();
    expect(await page.getByTestId('office-page').isHidden()).toBe(true);
    expect(await page.getByTestId('office-evidence-name').textContent()).toBe(`${CATALOG[0]!.name}（zj-mzxt）`);
    expect(await page.getByTestId('office-evidence-k').innerText()).toBe('10');
    expect(await page.getByTestId('office-evidence-schema').innerText()).toBe('burden-report/1');
    expect(await page.getByTestId('office-evidence-version').innerText()).toBe(String(builtManifest().version));
    const median = expectedPortal(valid, 'zj-mzxt').medianActiveMinutes;
    expect(await sheet.locator('[data-col="medianActiveMinutes"] dd').innerText()).toBe(String(median));
    expect(await sheet.innerText()).toContain('不得用于个人考核');
    if (process.env.OFFICE_SCREENSHOT) await screenshots(page, `${process.env.OFFICE_SCREENSHOT}-evidence`);
    expect(await sheet.innerText()).toContain(zhMessage('office_def_suppression').replace('$1', '10'));
    // Its integration candidates: shown pairs only, never the suppressed one.
    const pairs = await page.getByTestId('office-evidence-pairs').innerText();
    expect(pairs).toContain('zj-sbxt');
    expect(pairs).not.toContain(SMALL_PORTAL);

    await page.evaluate(() => {
      window.print = () => ((window as unknown as { __printed: boolean }).__printed = true);
    });
    await page.getByTestId('office-evidence-print').click();
    expect(await page.evaluate(() => (window as unknown as { __printed?: boolean }).__printed)).toBe(true);
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByTestId('office-evidence-print').isVisible()).toBe(false);
    expect(await sheet.isVisible()).toBe(true);
    await page.emulateMedia({ media: 'screen' });
    await page.getByTestId('office-evidence-close').click();
    await page.locator(OFFICE_RESULTS_READY).waitFor();
    expect(await noScriptRan(page)).toEqual({ pwned: null, images: 0, scripts: 0 });
  });

  it('narrows the weeks and turns medians into estimated person-hours with a headcount', async () => {
    await page.getByTestId('office-week-from').selectOption(WEEKS[1]);
    const inRange = valid.filter((r) => r.week >= WEEKS[1]);
    await expect.poll(() => page.getByTestId('office-cadre-week-count').getAttribute('data-value')).toBe(String(inRange.length));
    expect(await page.getByTestId('office-report-count').getAttribute('data-value')).toBe(String(inRange.length + 1));
    expect(Number(await cell(page, 'portals', 'zj-mzxt', 'medianActiveMinutes'))).toBe(expectedPortal(inRange, 'zj-mzxt').medianActiveMinutes);
    await page.getByTestId('office-week-from').selectOption('');

    await page.getByTestId('office-headcount').fill('1200');
    await page.getByTestId('office-headcount').blur();
    const want = expectedPortal(valid, 'jcb-ybt');
    const hours = Math.round((medianOf(valid.filter((r) => r.portals.some((p) => p.portal === 'jcb-ybt')).map((r) => r.portals.find((p) => p.portal === 'jcb-ybt')!.activeMinutes)) / 60) * 52 * 1200 * want.usageShare);
    await expect.poll(() => cell(page, 'portals', 'jcb-ybt', 'estimatedPersonHoursPerYear')).toBe(String(hours));
  });

  it('takes dropped files, keeps reports until cleared, and clears only after confirmation', async () => {
    const text = fs.readFileSync(path.join(folder.dir, folder.cadreFile(3)), 'utf8');
    await page.evaluate((content) => {
      const data = new DataTransfer();
      data.items.add(new File([content], 'dropped.json', { type: 'application/json' }));
      document.querySelector('[data-testid="office-dropzone"]')!.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    }, text);
    const summary = page.getByTestId('office-import-summary');
    await expect.poll(() => summary.getAttribute('data-files')).toBe('1');
    expect(await summary.getAttribute('data-accepted')).toBe('0');
    expect(await summary.getAttribute('data-duplicates')).toBe(String(WEEKS.length));
    expect(cadreReport(3, 0).reportId).toBe(JSON.parse(text).reports[0].reportId);

    // Reports and settings survive a reload.
    await setK(page, '12');
    await expect.poll(() => page.getByTestId('office-k-shown').innerText()).toBe('12');
    await page.reload();
    await page.locator(OFFICE_RESULTS_READY).waitFor();
    expect(await page.getByTestId('office-stored-count').getAttribute('data-count')).toBe(String(folder.reports.length));
    expect(await page.getByTestId('office-k-shown').innerText()).toBe('12');

    page.once('dialog', (d) => d.dismiss());
    await page.getByTestId('office-clear').click();
    expect(await page.getByTestId('office-stored-count').getAttribute('data-count')).toBe(String(folder.reports.length));
    page.once('dialog', (d) => d.accept());
    await page.getByTestId('office-clear').click();
    await page.getByTestId('office-empty').waitFor();
    expect(await page.getByTestId('office-stored-count').getAttribute('data-count')).toBe('0');
    await page.reload();
    await page.getByTestId('office-empty').waitFor();

    expect(unexpectedDialogs).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
