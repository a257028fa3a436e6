import * as fs from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import * as os from 'node:os';
import * as path from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCollector, type RunningCollector } from '../../collector/start-collector';
import { createEnrollmentCodes } from '../../collector/tokens/enrollment-codes';
import { PORTAL_HOSTS } from '../portals/server';
import { launch, rawReportText, type Session } from './harness';

// Story: the office runs a collector that requires blind tokens and hands a cadre a slip with an enrollment code.
// The cadre types it once in settings; the extension draws this week's token at once and schedules next week's
// for later. The cadre sends the week; the office's aggregates count one report. Sending the week again keeps one.
const OFFICE_TOKEN = 'e2e-office-token-0123456789abcdef';
// Only the test bed's own host names resolve in the test browser (tests/portals/server.ts hostResolverRules).
const HOST = PORTAL_HOSTS.collector;
const TLS_DIR = path.resolve('tests/portals/tls');

let collector: RunningCollector;
let front: https.Server;
let session: Session;
let dataDir: string;
let code: string;
/** What reached the collector, in order: method and path only (the collector itself keeps nothing of this). */
const seen: string[] = [];

/** The extension speaks only https to a collector; a TLS front with the test bed's certificate forwards to it. */
function startTlsFront(target: string): Promise<https.Server> {
  const server = https.createServer({ key: fs.readFileSync(path.join(TLS_DIR, 'key.pem')), cert: fs.readFileSync(path.join(TLS_DIR, 'cert.pem')) }, (req, res) => {
    seen.push(`${req.method} ${req.url}`);
    const upstream = http.request(`${target}${req.url}`, { method: req.method, headers: { ...req.headers, host: new URL(target).host } }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

async function counted(): Promise<number> {
  const res = await fetch(`${collector.url}/v1/aggregates?from=2026-W01&to=2027-W52&k=5`, { headers: { authorization: `Bearer ${OFFICE_TOKEN}` } });
  return ((await res.json()) as { reportsInRange: number }).reportsInRange;
}

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bb-tokens-e2e-'));
  collector = await startCollector({ port: 0, host: '127.0.0.1', dataDir, officeToken: OFFICE_TOKEN, requireTokens: true });
  [code] = (await createEnrollmentCodes(collector.db, 1, 'e2e-tokens')) as [string];
  front = await startTlsFront(collector.url);
  session = await launch({
    policy: { campaign: 'e2e-tokens', reportEndpoint: `https://${HOST}:${(front.address() as AddressInfo).port}/v1/reports` },
  });
}, 120_000);
afterAll(async () => {
  await session?.close();
  await new Promise((resolve) => front?.close(resolve));
  await collector?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('one report per cadre per week, with a blind token', () => {
  it('enrolls with a code, draws the token before the week is sent, and the office counts the week once', async () => {
    // Policy reaches the extension a moment after start; the report page shows when it has.
    const first = await session.openExtensionPage('dashboard.html#report');
    await expect.poll(() => rawReportText(first), { timeout: 15_000 }).toContain('"campaign": "e2e-tokens"');
    await first.close();
    const settings = await session.openExtensionPage('dashboard.html#settings');
    // A typo is caught on the page, before anything is asked of the collector.
    await settings.getByTestId('enrollment-input').fill(code.slice(0, 10));
    await settings.getByTestId('enrollment-save').click();
    expect(await settings.getByTestId('enrollment-problem').innerText()).toMatch(/25/);
    expect(seen).toEqual([]);

    await settings.getByTestId('enrollment-input').fill(code.toLowerCase().replace(/-/g, ' '));
    await settings.getByTestId('enrollment-save').click();
    await settings.getByTestId('enrollment-saved').waitFor();
    // A failed draw shows its reason on the page; the poll reports it (and what reached the collector) if so.
    const drawn = async () =>
      (await settings.getByTestId('enrollment-error').count()) > 0
        ? `error: ${await settings.getByTestId('enrollment-error').innerText()} — seen: ${seen.join(' | ')}`
        : await settings.getByTestId('enrollment-weeks').innerText();
    await expect.poll(drawn, { timeout: 30_000 }).toMatch(/\d{4}-W\d{2}/);
    expect(await settings.getByTestId('enrollment-current').innerText()).toContain(code.slice(0, 5));
    // Next week's token is not drawn now: it has its own random moment later this week.
    expect(await settings.getByTestId('enrollment-next-draw').isVisible()).toBe(true);
    expect(seen.filter((s) => s.startsWith('POST /v1/tokens/issue'))).toHaveLength(1);
    expect(await counted()).toBe(0);

    const dash = await session.openExtensionPage('dashboard.html#report');
    const preview = dash.getByTestId('report-preview');
    await expect.poll(() => rawReportText(dash), { timeout: 15_000 }).toContain('"campaign": "e2e-tokens"');
    // The token travels beside the report, so the previewed bytes hold no token.
    expect(await preview.innerText()).not.toContain('bt1.');
    await dash.getByTestId('report-submit-send').click();
    await dash.getByTestId('report-submit-confirm').click();
    const result = dash.getByTestId('report-submit-result');
    await expect.poll(() => result.getAttribute('data-sent'), { timeout: 15_000 }).toBe('true');
    expect(seen.filter((s) => s === 'POST /v1/reports')).toHaveLength(1);
    expect(await counted()).toBe(1);
    await dash.close();

    // The same week sent again pays with the same token: it replaces the report, and the office still counts one.
    const again = await session.openExtensionPage('dashboard.html#report');
    await expect.poll(() => rawReportText(again), { timeout: 15_000 }).toContain('"campaign": "e2e-tokens"');
    await again.getByTestId('report-submit-send').click();
    await again.getByTestId('report-submit-confirm').click();
    await expect.poll(() => again.getByTestId('report-submit-result').getAttribute('data-sent'), { timeout: 15_000 }).toBe('true');
    expect(seen.filter((s) => s === 'POST /v1/reports')).toHaveLength(2);
    expect(await counted()).toBe(1);
    expect((await collector.db.query('SELECT * FROM spent_tokens')).rows).toHaveLength(1);
  });
});
