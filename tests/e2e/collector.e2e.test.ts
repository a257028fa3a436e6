/**
 * Story (issue #14): an office runs the collector. A cadre sends this week's report from the 周报 page; the
 * collector first refuses it (the cadre reads why, in Chinese), the retry is stored, and a second send replaces it
 * rather than adding a cadre-week. The office page, connected with its credential, shows the collector's tables:
 * the small portal of 9 cadres is hidden at k = 10 and shown at k = 5, and the collector itself refuses k = 4.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isoWeekOfDay } from '../../core/time/iso-week';
import type { WeeklyReport } from '../../core/contracts/report-schema';
import { startCollector, type RunningCollector } from '../../collector/start-collector';
import type { AdmitReports } from '../../collector/ingest/admission';
import { storeReports } from '../../collector/db/store-reports';
import { PORTAL_HOSTS, TLS_DIR } from '../portals/server';
import { freePort } from '../collector/pg-cluster';
import { scratchDir } from '../collector/scratch-dir';
import { cadreWeek } from '../unit/core/office/generated-reports';
import { launch, rawReportText, type Session } from './harness';

const TOKEN = 'e2e-office-token-0123456789';
const zh = JSON.parse(fs.readFileSync(path.resolve('public/_locales/zh_CN/messages.json'), 'utf8')) as Record<string, { message: string }>;

describe('the extension, a collector and the office page', () => {
  let collector: RunningCollector;
  let session: Session;
  let dataDir: string;
  let refuseNext = true;
  const week = isoWeekOfDay(new Date().toISOString().slice(0, 10));

  beforeAll(async () => {
    dataDir = scratchDir('bb-e2e-collector-');
    const port = await freePort();
    // The first send is refused, as a blind-token check (issue #17) would refuse it.
    const admit: AdmitReports = async () => (refuseNext ? ((refuseNext = false), { admitted: false, error: 'not-admitted', status: 403 }) : { admitted: true });
    collector = await startCollector({
      port,
      host: '127.0.0.1',
      dataDir,
      officeToken: TOKEN,
      admit,
      tls: { key: fs.readFileSync(path.join(TLS_DIR, 'key.pem')), cert: fs.readFileSync(path.join(TLS_DIR, 'cert.pem')) },
    });
    // Other cadres' weeks, as their extensions would have sent them: 20 on one portal, 12 on another, 9 on a small one.
    const others: WeeklyReport[] = [
      ...Array.from({ length: 20 }, (_, i) => cadreWeek({ id: `big-${i}`, week, portals: [{ portal: 'gd-zwfw', activeMinutes: 100 + i }] })),
      ...Array.from({ length: 12 }, (_, i) => cadreWeek({ id: `mid-${i}`, week, portals: [{ portal: 'rk-xt', activeMinutes: 50 + i }] })),
      ...Array.from({ length: 9 }, (_, i) => cadreWeek({ id: `small-${i}`, week, portals: [{ portal: 'xiao-xt', activeMinutes: 30 + i }] })),
    ];
    // Stored by the collector's own store function (this process does not trust the test certificate).
    await storeReports(collector.db, others, week);
    session = await launch({ policy: { campaign: 'e2e-collector', reportEndpoint: `https://${PORTAL_HOSTS.collector}:${port}/v1/reports` } });
  });
  afterAll(async () => {
    await session?.close();
    await collector?.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const storedCount = async () => Number((await collector.db.query<{ n: number }>('SELECT count(*)::int AS n FROM reports')).rows[0]!.n);

  it('sends the real week: a refusal is named, the retry is stored, a re-send replaces and counts once', async () => {
    const dash = await session.openExtensionPage('dashboard.html#report');
    const preview = dash.getByTestId('report-preview');
    await expect.poll(() => rawReportText(dash), { timeout: 15_000 }).toContain('"campaign": "e2e-collector"');
    expect(await preview.innerText()).toContain(`"week": "${week}"`);
    await dash.getByTestId('report-submit-send').click();
    await dash.getByTestId('report-submit-confirm').click();
    const result = dash.getByTestId('report-submit-result');
    await expect.poll(() => result.getAttribute('data-sent'), { timeout: 15_000 }).toBe('false');
    expect(await result.innerText()).toContain(zh.report_submitError_collector_not_admitted!.message);
    expect(await storedCount()).toBe(41);

    await dash.reload();
    const pending = dash.getByTestId('report-pending');
    await pending.waitFor();
    await dash.getByTestId('report-pending-send').click();
    await dash.getByTestId('report-pending-confirm').click();
    // Sent: the kept report is cleared, so the retry block (and its result line) goes away.
    await expect.poll(storedCount, { timeout: 15_000 }).toBe(42);
    await expect.poll(() => dash.getByTestId('report-pending').count(), { timeout: 15_000 }).toBe(0);

    // Sent once more (as after a lost answer): the collector replaces the week, and says so.
    await dash.reload();
    await expect.poll(() => rawReportText(dash), { timeout: 15_000 }).toContain('"campaign": "e2e-collector"');
    await dash.getByTestId('report-submit-send').click();
    await dash.getByTestId('report-submit-confirm').click();
    await expect.poll(() => result.getAttribute('data-sent'), { timeout: 15_000 }).toBe('true');
    expect(await result.innerText()).toContain(zh.report_sentReplaced!.message);
    expect(await storedCount()).toBe(42);
  });

  it('the office page reads only the suppressed aggregates: 9 cadres hidden at k = 10, shown at k = 5', async () => {
    const page = await session.openExtensionPage('office.html');
    expect(await page.getByTestId('office-file-note').innerText()).toBe(zh.office_file_note!.message);
    await page.getByTestId('office-collector-address').fill(collector.url.replace('127.0.0.1', PORTAL_HOSTS.collector));
    await page.getByTestId('office-collector-token').fill('not-the-token-at-all');
    await page.getByTestId('office-collector-connect').click();
    await expect.poll(() => page.getByTestId('office-collector-error').getAttribute('data-code'), { timeout: 15_000 }).toBe('unauthorized');

    await page.getByTestId('office-collector-token').fill(TOKEN);
    await page.getByTestId('office-collector-connect').click();
    await page.getByTestId('office-collector-connected').waitFor({ timeout: 15_000 });
    await expect.poll(() => page.getByTestId('office-report-count').getAttribute('data-value')).toBe('42');
    expect(await page.getByTestId('office-cadre-week-count').getAttribute('data-value')).toBe('42');
    expect(await page.getByTestId('office-row-portals-gd-zwfw').getAttribute('data-suppressed')).toBe('false');
    expect(await page.getByTestId('office-row-portals-xiao-xt').getAttribute('data-suppressed')).toBe('true');

    await page.getByTestId('office-k').fill('5');
    await page.getByTestId('office-k').blur();
    await expect.poll(() => page.getByTestId('office-k-shown').innerText()).toBe('5');
    await expect.poll(() => page.getByTestId('office-row-portals-xiao-xt').getAttribute('data-suppressed')).toBe('false');
    expect(await page.getByTestId('office-row-portals-xiao-xt').innerText()).toContain('9');

    // Whoever asks, the collector does not go below 5.
    const below = await page.evaluate(
      async ({ url, token }) => {
        const res = await fetch(`${url}/v1/aggregates?from=2000-W01&to=2099-W52&k=4`, { headers: { Authorization: `Bearer ${token}` } });
        return { status: res.status, body: await res.json() };
      },
      { url: collector.url.replace('127.0.0.1', PORTAL_HOSTS.collector), token: TOKEN },
    );
    expect(below).toEqual({ status: 400, body: { error: 'k-below-minimum', min: 5 } });
  });
});
