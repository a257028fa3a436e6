/**
 * Nothing identifying is stored (issue #14): after reports arrive with canary headers and a forwarded address,
 * every table and every file of the data folder is searched — no address, no header value, no time finer than
 * the ISO week — and the collector printed nothing about the requests.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { generatedReports, fileOf } from './report-files';
import { BACKENDS, getAggregates, postReport, startTestCollector } from './test-collector';

const CANARY_IP = '203.0.113.77';
const CANARY_HEADERS = {
  'x-forwarded-for': CANARY_IP,
  'x-real-ip': CANARY_IP,
  'user-agent': 'CanaryAgent/7.31 (privacy-probe-ua)',
  cookie: 'session=privacy-probe-cookie',
  'x-canary': 'privacy-probe-header',
  referer: 'https://privacy-probe-referer.example/path',
};
const CANARIES = [CANARY_IP, 'privacy-probe-ua', 'CanaryAgent', 'privacy-probe-cookie', 'privacy-probe-header', 'privacy-probe-referer'];

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? filesUnder(p) : e.isFile() ? [p] : [];
  });
}

describe.each(BACKENDS)('privacy of what the collector keeps (%s)', (backend) => {
  let c: Awaited<ReturnType<typeof startTestCollector>>;
  const printed: string[] = [];
  beforeAll(async () => {
    for (const stream of [process.stdout, process.stderr]) {
      const write = stream.write.bind(stream);
      vi.spyOn(stream, 'write').mockImplementation(((chunk: unknown, ...rest: unknown[]) => {
        printed.push(String(chunk));
        return (write as (...a: unknown[]) => boolean)(chunk, ...rest);
      }) as typeof stream.write);
    }
    c = await startTestCollector(backend);
    const reports = generatedReports(30, 31, `privacy-${backend}`);
    for (let i = 0; i < reports.length; i += 10) expect((await postReport(c.url, fileOf(reports.slice(i, i + 10)), CANARY_HEADERS)).status).toBe(200);
    // A refused one too: refusals must not be logged either.
    expect((await postReport(c.url, '{not json', CANARY_HEADERS)).status).toBe(400);
    // And an office request, so the week summaries it leaves in the database are in the dump as well.
    expect((await getAggregates(c.url, 'from=2020-W01&to=2030-W52&k=5')).status).toBe(200);
  });
  afterAll(async () => {
    vi.restoreAllMocks();
    await c?.drop();
  });

  it('no table has a time column, and every row holds only the week, profile codes and counts', async () => {
    const columns = await c.db.query<{ table_name: string; column_name: string; data_type: string }>(
      `SELECT table_name, column_name, data_type FROM information_schema.columns WHERE table_schema = 'public'`,
    );
    expect(columns.rows.length).toBeGreaterThan(20);
    for (const col of columns.rows) expect(col.data_type).not.toMatch(/time|date|interval|inet|cidr/i);
    const tables = [...new Set(columns.rows.map((r) => r.table_name))];
    let dump = '';
    for (const table of tables) dump += JSON.stringify((await c.db.query(`SELECT * FROM ${table}`)).rows);
    expect(dump.length).toBeGreaterThan(1000);
    expect(tables).toContain('week_summaries');
    expect((await c.db.query<{ n: number }>('SELECT count(*)::int AS n FROM week_summaries')).rows[0]!.n).toBeGreaterThan(0);
    for (const canary of [...CANARIES, '127.0.0.1', '::1']) expect(dump).not.toContain(canary);
    // No date, clock time or epoch count: the only time is the ISO week (YYYY-Www).
    expect(dump).not.toMatch(/\d{4}-\d{2}-\d{2}|\d{2}:\d{2}:\d{2}/);
    const now = Date.now();
    for (const n of dump.match(/\d{10,13}/g) ?? []) {
      const v = Number(n);
      expect(Math.abs(v - now) < 400 * 86_400_000 || Math.abs(v * 1000 - now) < 400 * 86_400_000).toBe(false);
    }
    const weeks = await c.db.query<{ received_week: string }>('SELECT DISTINCT received_week FROM reports');
    expect(weeks.rows.map((r) => r.received_week).every((w) => /^\d{4}-W\d{2}$/.test(w))).toBe(true);
  });

  it('no file of the data folder holds a canary, and nothing about a request was printed', async () => {
    {
      // Commits reach the files at once; a checkpoint makes the tables' own files current too.
      await c.db.query('CHECKPOINT');
      const files = filesUnder(c.dataDir);
      expect(files.length).toBeGreaterThan(100);
      for (const file of files) {
        const bytes = fs.readFileSync(file).toString('latin1');
        for (const canary of CANARIES) expect(bytes.includes(canary), `${canary} in ${file}`).toBe(false);
      }
    }
    const out = printed.join('');
    for (const canary of CANARIES) expect(out).not.toContain(canary);
    expect(out).not.toMatch(/POST \/v1|GET \/v1/);
  });
});
