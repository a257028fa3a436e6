/**
 * Files sent at the same time share transactions (collector/ingest/group-commit.ts); a sender must not notice:
 * each file gets its own verdicts, a re-send racing its original replaces it (never an error, never twice), and
 * a file the database refuses does not take the others of its group down with it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database, Queryable } from '../../collector/db/database';
import { createGroupCommit } from '../../collector/ingest/group-commit';
import { cadreWeek } from '../unit/core/office/generated-reports';
import { fileOf, generatedReports } from './report-files';
import { BACKENDS, postReport, startTestCollector } from './test-collector';

describe.each(BACKENDS)('files sent at once, on %s', (backend) => {
  let c: Awaited<ReturnType<typeof startTestCollector>>;
  const stored = async () => Number((await c.db.query<{ n: number }>('SELECT count(*)::int AS n FROM reports')).rows[0]!.n);

  beforeAll(async () => {
    c = await startTestCollector(backend);
  });
  afterAll(() => c?.drop());

  it('64 one-week files at once: each acknowledged with its own verdict, each stored once', async () => {
    await c.db.query('DELETE FROM reports');
    const reports = generatedReports(64, 31, 'burst');
    const answers = await Promise.all(reports.map(async (r) => (await postReport(c.url, fileOf([r]))).json()));
    answers.forEach((a, i) => expect(a).toEqual({ accepted: 1, replaced: 0, reports: [{ reportId: reports[i]!.reportId, week: reports[i]!.week, verdict: 'stored' }] }));
    expect(await stored()).toBe(64);
  });

  it('a re-send racing its original replaces it: both acknowledged, counted once', async () => {
    await c.db.query('DELETE FROM reports');
    const others = generatedReports(12, 32, 'crowd');
    const first = cadreWeek({ id: 'racing', week: '2026-W11', portals: [{ portal: 'gd-zwfw', activeMinutes: 100 }] });
    const again = cadreWeek({ id: 'racing', week: '2026-W11', portals: [{ portal: 'gd-zwfw', activeMinutes: 250 }] });
    // The crowd keeps a transaction busy so that both copies wait, side by side, for the next one.
    const crowd = others.map((r) => postReport(c.url, fileOf([r])));
    const [a, b] = await Promise.all([postReport(c.url, fileOf([first])), postReport(c.url, fileOf([again]))]);
    await Promise.all(crowd);
    expect([a.status, b.status]).toEqual([200, 200]);
    const verdicts = [(await a.json()).reports[0].verdict, (await b.json()).reports[0].verdict];
    // Which copy reached the collector first is the network's choice; that the other replaced it is not.
    expect(verdicts.sort()).toEqual(['replaced', 'stored']);
    expect(await stored()).toBe(13);
    const kept = await c.db.query<{ m: number }>('SELECT active_minutes AS m FROM report_portals WHERE report_id = $1', [first.reportId]);
    expect(kept.rows).toHaveLength(1);
    expect([100, 250]).toContain(kept.rows[0]!.m);
  });
});

describe('a group the database refuses', () => {
  it('is retried file by file: only the refused file fails, the others are stored', async () => {
    const files = [41, 42, 43, 44].map((seed) => generatedReports(1, seed, 'group'));
    const refusedId = files[2]![0]!.reportId;
    let release: () => void = () => {};
    const firstHeld = new Promise<void>((r) => (release = r));
    let transactions = 0;
    const tx: Queryable = {
      async query<T>(sql: string, params?: readonly unknown[]) {
        if (sql.startsWith('DELETE')) return { rows: [] as T[] };
        if (String(params?.[1]).includes(refusedId)) throw Object.assign(new Error('new row violates check constraint'), { code: '23514' });
        return { rows: [] as T[] };
      },
    };
    const db = {
      kind: 'pg',
      query: tx.query,
      async transaction<T>(fn: (q: Queryable) => Promise<T>) {
        // The first transaction is held open, so that the next three files wait and form one group.
        if (transactions++ === 0) await firstHeld;
        return fn(tx);
      },
      exec: async () => {},
      close: async () => {},
    } as Database;
    const store = createGroupCommit(db, { transactions: 1 });
    const results = files.map((file) => store(file, '2026-W49').then((v) => v, (e: Error) => e));
    release();
    const [r0, r1, r2, r3] = await Promise.all(results);
    expect(r0).toEqual(['stored']);
    expect(r1).toEqual(['stored']);
    expect(r2).toBeInstanceOf(Error);
    expect(r3).toEqual(['stored']);
    // The lead alone, then the group of three (refused), then each of the three in its own transaction.
    expect(transactions).toBe(1 + 1 + 3);
  });
});
