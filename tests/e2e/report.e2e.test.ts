import { readFileSync } from 'node:fs';
import Ajv from 'ajv';
import type { Download, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fastCheckReportFile } from '../../core/contracts/report-fast-check';
import { ENTRY_CATEGORIES, LEVELS, PAGE_TAGS_IN_REPORT, REPORT_NOTICE, REPORT_SCHEMA_ID, reportFileSchema, WORK_DOMAINS, type ReportFile } from '../../core/contracts/report-schema';
import { PORTAL_HOSTS, type PortalServer, startPortalServer } from '../portals/server';
import { ActivityTimeline } from './ground-truth';
import { dumpExtensionStorage, launch, type Session, settlesAt, stable, until } from './harness';
import { addPortalInSettings, today } from './pages';

// Story: a cadre works a few minutes on the office's catalog portal and on a system they added themselves,
// typing the same applicant's details into both. They open 周报, see the exact bytes of this week's report,
// export it, and send it to the office's collector after confirming. The file carries counts only.
const NAME = '欧阳春梅';
const ID_NUMBER = '11010519491231002X';
const PHONE = '13912345678';
const CANARIES = [NAME, ID_NUMBER, PHONE, '政务服务网', '报表系统', '/app/form', 'sim.gov.cn', 'layui-sim-gov-cn', '127.0.0.1'];
const CATALOG_ID = 'sim-zwfw';
const CAMPAIGN = 'e2e-2026';
const LAYUI = 'layui-sim-gov-cn';
const IDLE_MS = 120_000;

let server: PortalServer;
let session: Session;
let endpoint: string;
/** Every request an extension context (worker or extension page) made, other than for its own files. */
const extensionRequests: { method: string; url: string }[] = [];
const timeline = new ActivityTimeline(IDLE_MS);

function fromExtension(req: Request): boolean {
  if (/^(chrome-extension|blob|data):/.test(req.url())) return false;
  if (req.serviceWorker()?.url().startsWith(`chrome-extension://${session.extensionId}/`)) return true;
  try {
    return req.frame().url().startsWith(`chrome-extension://${session.extensionId}/`);
  } catch {
    return false;
  }
}

beforeAll(async () => {
  server = await startPortalServer();
  endpoint = `https://${PORTAL_HOSTS.collector}:${server.httpsPort}/receiver`;
  session = await launch({
    grantOrigins: [`http://${PORTAL_HOSTS.zwfw}/*`, `http://${PORTAL_HOSTS.layui}/*`],
    policy: {
      catalog: [{ id: CATALOG_ID, name: '政务服务网', patterns: [`http://${PORTAL_HOSTS.zwfw}:${server.httpPort}`] }],
      campaign: CAMPAIGN,
      reportEndpoint: endpoint,
    },
  });
  session.context.on('request', (req) => {
    if (fromExtension(req)) extensionRequests.push({ method: req.method(), url: req.url() });
  });
  await (await addPortalInSettings(session, `http://${PORTAL_HOSTS.layui}:${server.httpPort}`, '报表系统')).close();
});
afterAll(async () => {
  await session?.close();
  await server?.close();
});

async function typeInto(page: Page, portal: string, testid: string, value: string) {
  await page.getByTestId(testid).click();
  for (const ch of value) {
    await page.keyboard.type(ch);
    timeline.input(portal);
    await page.waitForTimeout(60); // real time: a cadre's typing pace, measured against the ground truth below
  }
  await page.locator('body').click({ position: { x: 1, y: 1 } });
  timeline.input(portal);
}

async function pasteInto(page: Page, portal: string, testid: string, value: string) {
  const source = await session.context.newPage();
  timeline.setFront(null);
  await source.setContent('<textarea id="src"></textarea>');
  await source.locator('#src').fill(value);
  await source.locator('#src').selectText();
  await source.keyboard.press('Control+C');
  await source.close();
  await page.bringToFront();
  timeline.setFront(portal);
  await page.getByTestId(testid).click();
  await page.keyboard.press('Control+V');
  timeline.input(portal);
  await page.locator('body').click({ position: { x: 1, y: 1 } });
  timeline.input(portal);
}

async function download(page: Page, testid: string): Promise<{ bytes: Buffer; name: string }> {
  const [file] = await Promise.all([page.waitForEvent('download') as Promise<Download>, page.getByTestId(testid).click()]);
  return { bytes: readFileSync((await file.path())!), name: file.suggestedFilename() };
}

/** Every string in the file, keys excluded. */
function stringsOf(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringsOf);
  if (value && typeof value === 'object') return Object.values(value).flatMap(stringsOf);
  return [];
}

/**
 * The cadre's session (typing and pasting on both portals), run once for the tests that need it, whichever runs
 * first, so each test can also run alone. Resolves with the popup's figures once they stand still.
 */
let story: Promise<{ figures: Awaited<ReturnType<typeof today>>; sessionStart: number; sessionEnd: number }> | undefined;
const cadreSession = () => (story ??= runCadreSession());

async function runCadreSession() {
  const sessionStart = Date.now();
  const zwfw = await session.context.newPage();
  await zwfw.goto(server.url(PORTAL_HOSTS.zwfw, '/app/form'));
  timeline.setFront(CATALOG_ID);
  timeline.input(CATALOG_ID);
  await typeInto(zwfw, CATALOG_ID, 'name', NAME);
  await typeInto(zwfw, CATALOG_ID, 'id-number', ID_NUMBER);
  await typeInto(zwfw, CATALOG_ID, 'phone', PHONE);

  const layui = await session.context.newPage();
  timeline.setFront(null);
  await layui.goto(server.url(PORTAL_HOSTS.layui, '/'));
  timeline.setFront(LAYUI);
  timeline.input(LAYUI);
  await pasteInto(layui, LAYUI, 'name', NAME);
  await typeInto(layui, LAYUI, 'phone', PHONE);

  // An extension page takes the front: no portal counts any more, so the figures stand still.
  const front = await session.openExtensionPage('dashboard.html#report');
  timeline.setFront(null);
  const sessionEnd = Date.now();
  await until(() => today(session), (f) => (f[LAYUI]?.activeMs ?? 0) > 0 && (f[CATALOG_ID]?.activeMs ?? 0) > 0);
  await stable(() => today(session));
  // The portal tabs go, so that no later test's page switch can make them count again.
  await zwfw.close();
  await layui.close();
  const figures = await stable(() => today(session));
  await front.bringToFront();
  return { figures, sessionStart, sessionEnd };
}

/** This week's report as the preview shows it for a township cadre, once its five entries are in. */
async function townshipPreview(dash: Page): Promise<string> {
  await dash.getByTestId('report-level').selectOption('township');
  // The exact text sits behind 查看原文, under the readable tables.
  await dash.getByTestId('report-raw-toggle').click();
  const preview = dash.getByTestId('report-preview');
  await expect.poll(() => preview.innerText(), { timeout: 10_000 }).toContain('"level": "township"');
  await settlesAt(async () => JSON.parse(await preview.innerText()).reports[0].totals.entries as number, 5);
  return preview.innerText();
}

describe('the anonymous weekly report', () => {
  it('is built from a real session through the UI, and the export is exactly the preview', async () => {
    const { figures, sessionStart, sessionEnd } = await cadreSession();
    const dash = await session.openExtensionPage('dashboard.html#report');
    const previewText = await townshipPreview(dash);
    expect(await dash.getByTestId('report-notice').innerText()).toContain('不得用于个人考核');
    expect(previewText).toContain('不得用于个人考核');

    const exported = await download(dash, 'report-export');
    expect(exported.bytes.toString('utf8')).toBe(previewText);
    expect(exported.name).toMatch(/^burden-report-\d{4}-W\d{2}\.json$/);
    const file = JSON.parse(exported.bytes.toString('utf8')) as ReportFile;

    // Valid against the checked-in JSON Schema, zod and the fast check.
    const schema = JSON.parse(readFileSync('schema/burden-report-1.schema.json', 'utf8'));
    const validate = new Ajv({ allErrors: true }).compile(schema);
    expect(validate(file), JSON.stringify(validate.errors)).toBe(true);
    expect(reportFileSchema.safeParse(file).success).toBe(true);
    expect(fastCheckReportFile(file)).toBe(true);

    // Totals match what the session did.
    expect(file.reports).toHaveLength(1);
    const report = file.reports[0]!;
    expect(report.campaign).toBe(CAMPAIGN);
    expect(report.profile).toEqual({ level: 'township' });
    expect(report.totals).toMatchObject({ entries: 5, crossPortalRepeats: 2, sameFieldRepeats: 0, retypedChars: PHONE.length, portalsUsed: 2, daysActive: 1 });
    const portals = Object.fromEntries(report.portals.map((p) => [p.portal, p]));
    expect(Object.keys(portals).sort()).toEqual(['other-1', CATALOG_ID].sort());
    expect(portals[CATALOG_ID]).toMatchObject({ entries: 3, crossPortalRepeats: 0 });
    expect(portals['other-1']).toMatchObject({ entries: 2, crossPortalRepeats: 2 });
    expect(report.pairs).toEqual([{ a: 'other-1', b: CATALOG_ID, crossPortalRepeats: 2, duplicateFilings: 0, transfers: 0, repeatedUploads: 0 }]);
    expect(report.categories.find((c) => c.category === 'phone')).toMatchObject({ entries: 2, crossPortalRepeats: 1, portals: 2 });
    // Minutes: exactly the extension's own milliseconds rounded, and within a minute of the test's own reading.
    expect(portals[CATALOG_ID]!.activeMinutes).toBe(Math.round(figures[CATALOG_ID]!.activeMs / 60_000));
    expect(portals['other-1']!.activeMinutes).toBe(Math.round(figures[LAYUI]!.activeMs / 60_000));
    const truth = timeline.activeMs(sessionStart, sessionEnd);
    const truthTotal = (truth[CATALOG_ID] ?? 0) + (truth[LAYUI] ?? 0);
    expect(Math.abs(report.totals.activeMinutes - truthTotal / 60_000)).toBeLessThanOrEqual(1);
    expect(Math.abs(figures[CATALOG_ID]!.activeMs - (truth[CATALOG_ID] ?? 0))).toBeLessThan(5000);

    // No string but the schema's constants, fixed lists, the week, campaign, version, reportId and portal ids.
    const allowed = new Set<string>([REPORT_SCHEMA_ID, REPORT_NOTICE, report.week, CAMPAIGN, report.app.version, report.reportId, CATALOG_ID, 'other-1', ...LEVELS, ...WORK_DOMAINS, ...ENTRY_CATEGORIES, ...PAGE_TAGS_IN_REPORT]);
    expect(stringsOf(file).filter((s) => !allowed.has(s))).toEqual([]);
    expect(report.reportId).toMatch(/^[A-Za-z0-9_-]{43}$/);
    for (const canary of CANARIES) expect(exported.bytes.toString('utf8'), canary).not.toContain(canary);

    // Exporting again: the same cadre-week has the same id.
    const again = JSON.parse((await download(dash, 'report-export')).bytes.toString('utf8')) as ReportFile;
    expect(again.reports[0]!.reportId).toBe(report.reportId);
  });

  it('the overview shows the session per portal, each chart with a data table reachable by keyboard', async () => {
    const { figures } = await cadreSession();
    const dash = await session.openExtensionPage('dashboard.html#overview');
    const totals = dash.getByTestId('overview-totals');
    await totals.waitFor();
    expect(Number(await totals.getAttribute('data-active-ms'))).toBe(figures[CATALOG_ID]!.activeMs + figures[LAYUI]!.activeMs);
    expect(Number(await totals.getAttribute('data-repeats'))).toBe(2);
    await expect.poll(() => dash.getByTestId('overview-chart-time').getAttribute('data-chart')).toBe('ready');
    expect(await dash.locator('[data-testid="overview-chart-time"] canvas').count()).toBeGreaterThan(0);
    // Keyboard only: Tab from the period choice to the time chart's table and open it.
    await dash.getByTestId('overview-period-week').focus();
    let reached = false;
    for (let i = 0; i < 20 && !reached; i++) {
      await dash.keyboard.press('Tab');
      reached = await dash.evaluate(() => document.activeElement?.getAttribute('data-testid') === 'overview-table-toggle-time');
    }
    expect(reached).toBe(true);
    await dash.keyboard.press('Enter');
    const table = dash.getByTestId('overview-table-time');
    await table.waitFor({ state: 'visible' });
    const rows = await table.locator('tbody tr').allInnerTexts();
    expect(rows.map((r) => r.split('\t')[0]).sort()).toEqual(['报表系统', '政务服务网']);
    await dash.close();
  });

  it('shows a host only when the cadre ticks it, and leaves out a portal the cadre drops', async () => {
    await cadreSession();
    const dash = await session.openExtensionPage('dashboard.html#report');
    // The exact text sits behind 查看原文, under the readable tables.
    await dash.getByTestId('report-raw-toggle').click();
    const preview = dash.getByTestId('report-preview');
    await preview.waitFor();
    await dash.getByTestId(`report-show-host-${LAYUI}`).check();
    await expect.poll(() => preview.innerText()).toContain(`"portal": "${PORTAL_HOSTS.layui}"`);
    expect(await dash.getByTestId(`report-portal-${LAYUI}`).getByTestId('reported-as').innerText()).toBe(PORTAL_HOSTS.layui);
    await dash.getByTestId(`report-show-host-${LAYUI}`).uncheck();
    await dash.getByTestId(`report-drop-${CATALOG_ID}`).check();
    await expect.poll(() => preview.innerText()).not.toContain(CATALOG_ID);
    const dropped = JSON.parse(await preview.innerText()) as ReportFile;
    expect(dropped.reports[0]!.totals.entries).toBe(2);
    expect(dropped.reports[0]!.pairs).toEqual([]);
    expect(await preview.innerText()).not.toContain(PORTAL_HOSTS.layui);
    await dash.close();
  });

  it('sends exactly the previewed bytes after confirmation and nothing before, the only request of the run', async () => {
    await cadreSession();
    server.clearRequests();
    const dash = await session.openExtensionPage('dashboard.html#report');
    const previewText = await townshipPreview(dash);
    await dash.getByTestId('report-submit-send').click();
    await dash.getByTestId('report-submit-confirm').waitFor();
    expect(await dash.getByTestId('report-submit').innerText()).toContain(endpoint);
    // Real time is the point: nothing may go out while the confirmation waits, and nothing can signal "nothing".
    await dash.waitForTimeout(500);
    expect(server.requests.filter((r) => r.host === PORTAL_HOSTS.collector)).toEqual([]);
    expect(extensionRequests).toEqual([]);

    await dash.getByTestId('report-submit-confirm').click();
    await expect.poll(() => dash.getByTestId('report-submit-result').getAttribute('data-sent'), { timeout: 15_000 }).toBe('true');
    const posts = server.requests.filter((r) => r.host === PORTAL_HOSTS.collector && r.method === 'POST');
    expect(posts).toHaveLength(1);
    expect(posts[0]!.path).toBe('/receiver');
    expect(posts[0]!.body!.equals(Buffer.from(previewText, 'utf8'))).toBe(true);
    expect(posts[0]!.headers.cookie).toBeUndefined();

    // The browser's CORS preflight for that POST is part of the same submission; nothing else went out.
    expect(extensionRequests.filter((r) => r.method !== 'OPTIONS')).toEqual([{ method: 'POST', url: endpoint }]);
    expect(extensionRequests.filter((r) => r.method === 'OPTIONS').every((r) => r.url === endpoint)).toBe(true);
    const settings = await session.openExtensionPage('dashboard.html#settings');
    await settlesAt(async () => Number(await settings.getByTestId('requests-sent').getAttribute('data-count')), 1);
  });

  // Last in the file, since it deletes what the others read; it needs nothing from them.
  it('exports everything stored but never a key, and deletes it all only after confirmation', async () => {
    await cadreSession();
    for (const page of session.context.pages()) if (!page.url().startsWith('chrome-extension://')) await page.close();
    const settings = await session.openExtensionPage('dashboard.html#settings');
    await settings.getByTestId('data-export-json').waitFor();
    const exported = JSON.parse((await download(settings, 'data-export-json')).bytes.toString('utf8')) as { tables: Record<string, Record<string, unknown>[]>; settings: Record<string, unknown> };
    // Every table the database really has, read through the browser, except the one holding the keys.
    const stored = Object.keys((await dumpExtensionStorage(session)).indexedDb['burden-barometer']!).sort();
    expect(stored).toContain('meta');
    expect(Object.keys(exported.tables).sort()).toEqual(stored.filter((t) => t !== 'meta'));
    expect(exported.tables.entries).toHaveLength(5);
    expect(exported.tables.daily!.length).toBeGreaterThanOrEqual(2);
    const text = JSON.stringify(exported);
    expect(text).not.toContain('fingerprintKeys');
    expect(text).not.toContain('reportKey');
    for (const canary of [NAME, ID_NUMBER, PHONE, '/app/form']) expect(text, canary).not.toContain(canary);
    const csv = (await download(settings, 'data-export-csv-entries')).bytes.toString('utf8');
    expect(csv.split('\r\n').filter(Boolean)).toHaveLength(6); // header + 5 entries
    expect(csv).toContain('valueFp');

    await settings.getByTestId('data-delete-all').click();
    await settings.getByTestId('data-delete-confirm').waitFor();
    const before = await dumpExtensionStorage(session);
    expect(before.indexedDb['burden-barometer']!.entries).toHaveLength(5); // nothing gone before the confirm
    await settings.getByTestId('data-delete-confirm').click();
    await expect.poll(() => settings.getByTestId('data-delete-status').getAttribute('data-status')).toBe('deleted');
    const after = await dumpExtensionStorage(session);
    const db = after.indexedDb['burden-barometer']!;
    for (const table of ['visits', 'daily', 'gaps', 'entries']) expect(db[table], table).toEqual([]);
    expect(JSON.stringify(db.meta)).not.toMatch(/fingerprintKeys|reportKey/);
    const local = after.local as Record<string, unknown>;
    expect(local.userPortals).toBeUndefined();
    expect(local.requestsSent).toBe(1); // the count of requests ever made is not the cadre's data
    // The office's catalog comes back from policy; the cadre's own portal is gone.
    await expect.poll(async () => ((await dumpExtensionStorage(session)).local as { portalSnapshot?: { id: string }[] }).portalSnapshot?.map((p) => p.id)).toEqual([CATALOG_ID]);
    // Exporting and deleting sent nothing.
    expect(extensionRequests.filter((r) => r.method !== 'OPTIONS' && r.url !== endpoint)).toEqual([]);
  });
});
