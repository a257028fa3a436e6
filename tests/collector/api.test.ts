/**
 * POST /v1/reports and GET /v1/aggregates against both backends (issue #14 "API tests"): every bad request is a
 * clear JSON error, stores nothing and leaves the service alive; the tables equal the office page's own.
 */
import * as net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOfficeTables } from '../../core/office/view-tables';
import type { WeeklyReport } from '../../core/contracts/report-schema';
import { cadreWeek, seededRandom } from '../unit/core/office/generated-reports';
import { fileOf, filesOf, generatedReports } from './report-files';
import { BACKENDS, EXTENSION_ORIGIN, getAggregates, OFFICE_TOKEN, postReport, startTestCollector } from './test-collector';

const RANGE = 'from=2026-W01&to=2026-W52';

describe.each(BACKENDS)('collector API on %s', (backend) => {
  let c: Awaited<ReturnType<typeof startTestCollector>>;
  const stored = async () => Number((await c.db.query<{ n: number }>('SELECT count(*)::int AS n FROM reports')).rows[0]!.n);
  const alive = async () => expect((await fetch(`${c.url}/healthz`)).status).toBe(200);

  beforeAll(async () => {
    c = await startTestCollector(backend, { bodyDeadlineMs: 1_000 });
  });
  afterAll(() => c?.drop());

  it('stores a valid file, answers a verdict per report, and CORS only for the extension', async () => {
    const reports = generatedReports(3, 7, 'first');
    const res = await postReport(c.url, fileOf(reports));
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe(EXTENSION_ORIGIN);
    const body = await res.json();
    expect(body).toEqual({ accepted: 3, replaced: 0, reports: reports.map((r) => ({ reportId: r.reportId, week: r.week, verdict: 'stored' })) });
    expect(await stored()).toBe(3);
    const web = await postReport(c.url, fileOf(reports), { origin: 'https://evil.example' });
    expect(web.headers.get('access-control-allow-origin')).toBeNull();
    const preflight = await fetch(`${c.url}/v1/reports`, { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
    expect(preflight.status).toBe(403);
    const okPreflight = await fetch(`${c.url}/v1/reports`, { method: 'OPTIONS', headers: { origin: EXTENSION_ORIGIN, 'access-control-request-method': 'POST' } });
    expect(okPreflight.status).toBe(204);
    expect(okPreflight.headers.get('access-control-allow-headers')).toMatch(/content-type/i);
  });

  it('a re-sent cadre-week replaces the earlier copy and counts once', async () => {
    await c.db.query('DELETE FROM reports');
    const first = cadreWeek({ id: 'same-week', week: '2026-W11', portals: [{ portal: 'gd-zwfw', activeMinutes: 100 }] });
    const again = cadreWeek({ id: 'same-week', week: '2026-W11', portals: [{ portal: 'gd-zwfw', activeMinutes: 250 }] });
    expect(first.reportId).toBe(again.reportId);
    expect((await (await postReport(c.url, fileOf([first]))).json()).reports[0].verdict).toBe('stored');
    const second = await (await postReport(c.url, fileOf([again]))).json();
    expect(second).toMatchObject({ accepted: 1, replaced: 1, reports: [{ verdict: 'replaced' }] });
    expect(await stored()).toBe(1);
    const minutes = await c.db.query<{ m: number }>('SELECT active_minutes AS m FROM report_portals');
    expect(minutes.rows).toEqual([{ m: 250 }]);
  });

  const refusals: [string, () => Promise<Response>, number, string][] = [
    ['malformed JSON', () => postReport(c.url, '{"schema": "burden-report/1", "reports": ['), 400, 'bad-json'],
    ['an empty body', () => postReport(c.url, ''), 400, 'empty'],
    ['another schema', () => postReport(c.url, JSON.stringify({ schema: 'other/2', reports: [] })), 400, 'wrong-schema'],
    ['an unknown key', () => postReport(c.url, fileOf(generatedReports(1, 3, 'unk')).replace('"week"', '"nickname":"x","week"')), 400, 'invalid'],
    [
      'impossible numbers',
      () => postReport(c.url, fileOf([cadreWeek({ id: 'imp', totals: { activeMinutes: 20_000 } })])),
      400,
      'implausible',
    ],
    ['a wrong content type', () => postReport(c.url, fileOf(generatedReports(1, 4, 'ct')), { 'content-type': 'text/plain' }), 415, 'unsupported-media-type'],
    ['a form post', () => postReport(c.url, 'a=1', { 'content-type': 'application/x-www-form-urlencoded' }), 415, 'unsupported-media-type'],
    ['invalid UTF-8', () => fetch(`${c.url}/v1/reports`, { method: 'POST', body: new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]), headers: { 'content-type': 'application/json' } }), 400, 'bad-json'],
  ];
  it.each(refusals)('refuses %s with a clear error and stores nothing', async (_what, send, status, code) => {
    const before = await stored();
    const res = await send();
    expect(res.status).toBe(status);
    expect((await res.json()).error).toBe(code);
    expect(await stored()).toBe(before);
    await alive();
  });

  it('refuses a 50 MB body without reading it, and a chunked one once past the limit', async () => {
    const before = await stored();
    const big = '{"schema":"burden-report/1","reports":[' + ' '.repeat(50 * 1024 * 1024) + ']}';
    const res = await postReport(c.url, big);
    expect(res.status).toBe(413);
    expect((await res.json()).error).toBe('too-large');
    // No content-length: a stream that never ends its JSON.
    const chunk = new TextEncoder().encode(' '.repeat(1024 * 1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 60) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const chunked = await fetch(`${c.url}/v1/reports`, { method: 'POST', body: stream, headers: { 'content-type': 'application/json' }, duplex: 'half' } as RequestInit);
    expect(chunked.status).toBe(413);
    expect(await stored()).toBe(before);
    await alive();
  });

  it('answers a slow-drip client with a timeout and stays free for others', async () => {
    const before = await stored();
    const url = new URL(c.url);
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = net.connect(Number(url.port), url.hostname, () => {
        socket.write('POST /v1/reports HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{');
      });
      const drip = setInterval(() => socket.write(' '), 100);
      let data = '';
      socket.on('data', (d) => (data += d.toString()));
      socket.on('close', () => (clearInterval(drip), resolve(data)));
      socket.on('error', (e) => (clearInterval(drip), data ? resolve(data) : reject(e)));
    });
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    expect(answer).toContain('"error":"timeout"');
    expect(await stored()).toBe(before);
    await alive();
  });

  it('survives 1,000 fuzzed bodies, each refused with a JSON error code, nothing stored', async () => {
    const before = await stored();
    const base = fileOf(generatedReports(1, 11, 'fuzz'));
    const random = seededRandom(99);
    const pieces = ['{', '}', '[', ']', '"', ':', ',', 'null', '-1', '1e309', '"other-1"', '\\u0000', '9999999999', '"2026-W99"', 'true'];
    const codes = new Set<string>();
    for (let i = 0; i < 1000; i++) {
      let body = base;
      const edits = 1 + Math.floor(random() * 3);
      for (let e = 0; e < edits; e++) {
        const at = Math.floor(random() * body.length);
        const cut = Math.floor(random() * 4);
        body = body.slice(0, at) + pieces[Math.floor(random() * pieces.length)] + body.slice(at + cut);
      }
      const res = await postReport(c.url, body);
      const json = await res.json();
      if (res.status === 200) continue; // a mutation may land inside a value and stay valid
      expect(res.status).toBe(400);
      expect(typeof json.error).toBe('string');
      codes.add(json.error);
    }
    expect([...codes].every((code) => ['bad-json', 'wrong-schema', 'invalid', 'implausible', 'empty'].includes(code))).toBe(true);
    // Valid mutations of the one report all share its reportId: at most one more report.
    expect(await stored()).toBeLessThanOrEqual(before + 1);
    await alive();
  });

  it('aggregates need the office credential; a wrong one is refused and slowed', async () => {
    expect((await getAggregates(c.url, RANGE, null)).status).toBe(401);
    expect((await (await getAggregates(c.url, RANGE, 'wrong-token-wrong-token')).json()).error).toBe('unauthorized');
    expect((await getAggregates(c.url, RANGE, `${OFFICE_TOKEN}x`)).status).toBe(401);
    const t0 = Date.now();
    await Promise.all([1, 2, 3].map(() => getAggregates(c.url, RANGE, 'guess-guess-guess-guess')));
    // 50 ms base doubling per failure, one after another: at least 50·(2^2 + 2^3 + 2^4)… here ≥ 0.2 s.
    expect(Date.now() - t0).toBeGreaterThanOrEqual(200);
    expect((await getAggregates(c.url, RANGE)).status).toBe(200);
  });

  it('refuses k below 5 and malformed ranges', async () => {
    expect(await (await getAggregates(c.url, `${RANGE}&k=4`)).json()).toEqual({ error: 'k-below-minimum', min: 5 });
    expect((await (await getAggregates(c.url, 'from=2026-W10')).json()).error).toBe('bad-range');
    expect((await (await getAggregates(c.url, 'from=2026-W12&to=2026-W10')).json()).error).toBe('bad-range');
    expect((await (await getAggregates(c.url, `${RANGE}&k=abc`)).json()).error).toBe('bad-k');
  });

  it('serves exactly the office page tables, from SQL, and never a report', async () => {
    await c.db.query('DELETE FROM reports');
    const reports: WeeklyReport[] = [
      ...generatedReports(90, 21, 'eq'),
      // Nine cadres on a small portal in one week: hidden at k=10, shown at k=5.
      ...Array.from({ length: 9 }, (_, i) => cadreWeek({ id: `small-${i}`, week: '2026-W11', level: 'county', region: '110101', portals: [{ portal: 'xiao-xt', activeMinutes: 30 + i }] })),
      cadreWeek({ id: 'outlier', week: '2026-W11', portals: [{ portal: 'gd-zwfw', activeMinutes: 6000 }] }),
    ];
    for (const file of filesOf(reports, 25)) expect((await postReport(c.url, file)).status).toBe(200);
    for (const k of [5, 10, 25]) {
      const res = await getAggregates(c.url, `from=2026-W10&to=2026-W12&k=${k}&headcount=300`);
      expect(res.status).toBe(200);
      const served = await res.json();
      const expected = buildOfficeTables(reports, { weeks: { from: '2026-W10', to: '2026-W12' }, headcount: 300, k });
      // The page counts the outlier too; only the list of outliers is never served.
      expect(served.outlierCount).toBe(1);
      expect(served).toEqual(JSON.parse(JSON.stringify({ ...expected, outliers: [] })));
      const small = served.portals.find((p: { key: string }) => p.key === 'xiao-xt');
      expect(small.suppressed).toBe(k > 9);
      const text = JSON.stringify(served);
      for (const r of reports) expect(text).not.toContain(r.reportId);
    }
  });
});
