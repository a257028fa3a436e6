/**
 * `npm run bench collector` (issue #14), bounded to a few minutes, on loopback against a throw-away PostgreSQL
 * cluster (durable commits, as an office would run it):
 * 1. Ingest: N = 1, 16, 64 concurrent senders POST one-week files to the collector (its own process); reports/s and
 *    p50/p99 latency, against a floor measured in the same run — the same reports stored directly through the same
 *    driver (pg, the collector's store function), one transaction per report, with the same concurrency.
 *    Targets: ≥ 0.5 of the floor at N = 16, p99 < 200 ms. RSS of the service is sampled while it ingests.
 * 2. Aggregate: the office tables over 1M generated weekly reports in PostgreSQL, against a single
 *    `SELECT count(*), sum(…)` scan of the reports table (target ≤ 3×), and against one such scan of every table
 *    the aggregate reads.
 */
import * as fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { officeTables } from '../../collector/aggregate/office-tables';
import type { Database } from '../../collector/db/database';
import { openDatabase } from '../../collector/db/open-database';
import { storeReports } from '../../collector/db/store-reports';
import { spawnCollector, type CollectorProcess } from '../collector/collector-process';
import { freePort, startPgCluster, type PgCluster } from '../collector/pg-cluster';
import { fileOf, generatedReports } from '../collector/report-files';
import { scratchDir } from '../collector/scratch-dir';
import { postReport } from '../collector/test-collector';

const SENDS: Record<number, number> = { 1: 200, 16: 1200, 64: 1200 };
/** Each N is measured this many times, floor and collector in turn (the order alternates): medians are printed. */
const ROUNDS = Number(process.env.BENCH_COLLECTOR_ROUNDS ?? 3);
const AGGREGATE_REPORTS = Number(process.env.BENCH_COLLECTOR_REPORTS ?? 1_000_000);

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;

async function drive(n: number, count: number, send: (i: number) => Promise<void>) {
  const latencies: number[] = [];
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: n }, async () => {
      while (next < count) {
        const i = next++;
        const s = performance.now();
        await send(i);
        latencies.push(performance.now() - s);
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  latencies.sort((a, b) => a - b);
  return { perSecond: count / seconds, p50: pct(latencies, 50), p99: pct(latencies, 99) };
}

const rssMb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;

describe('collector benchmark', () => {
  let cluster: PgCluster;
  let db: Database;
  let proc: CollectorProcess;
  beforeAll(async () => {
    cluster = await startPgCluster({ settings: { fsync: 'on', shared_buffers: '256MB', max_wal_size: '4GB' } });
    db = await openDatabase({ dataDir: scratchDir('bb-bench-'), databaseUrl: cluster.url });
    proc = await spawnCollector({ port: await freePort(), dataDir: scratchDir('bb-bench-'), env: { DATABASE_URL: cluster.url } });
  }, 120_000);
  afterAll(async () => {
    proc?.child.kill('SIGTERM');
    await proc?.exited;
    await db?.close();
    cluster?.destroy();
  });

  it('ingest: reports/s and latency against the direct-insert floor, N = 1, 16, 64', async () => {
    const rows: string[] = [];
    const rss: number[] = [];
    const sampler = setInterval(() => rss.push(rssMb(proc.child.pid!)), 250);
    let ratio16 = 0;
    let p99at16 = Infinity;
    for (const n of [1, 16, 64]) {
      const count = SENDS[n]!;
      const floors: Awaited<ReturnType<typeof drive>>[] = [];
      const https: typeof floors = [];
      const ratios: number[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        // Fresh reports each round (a repeat would measure replacing, not storing); the same generator for both.
        const floorReports = generatedReports(count, 100 + n + 1000 * round, `floor-${n}-${round}`);
        const bodies = generatedReports(count, 200 + n + 1000 * round, `http-${n}-${round}`).map((r) => fileOf([r]));
        const floor = () => drive(n, count, (i) => storeReports(db, [floorReports[i]!], '2026-W49').then(() => undefined));
        const http = () =>
          drive(n, count, async (i) => {
            const res = await postReport(proc.url, bodies[i]!);
            if (res.status !== 200) throw new Error(`HTTP ${res.status}`);
            await res.arrayBuffer();
          });
        // Alternating which goes first keeps a drift of the shared machine from always favouring one side.
        if (round % 2 === 0) {
          floors.push(await floor());
          https.push(await http());
        } else {
          https.push(await http());
          floors.push(await floor());
        }
        ratios.push(https.at(-1)!.perSecond / floors.at(-1)!.perSecond);
      }
      const med = (runs: typeof floors) => ({ perSecond: median(runs.map((r) => r.perSecond)), p50: median(runs.map((r) => r.p50)), p99: median(runs.map((r) => r.p99)) });
      const [floor, http, ratio] = [med(floors), med(https), median(ratios)];
      if (n === 16) [ratio16, p99at16] = [ratio, http.p99];
      rows.push(
        `N=${String(n).padStart(2)}  collector ${http.perSecond.toFixed(0).padStart(5)} reports/s, p50 ${http.p50.toFixed(1)} ms, p99 ${http.p99.toFixed(1)} ms | ` +
          `floor ${floor.perSecond.toFixed(0).padStart(5)} reports/s, p50 ${floor.p50.toFixed(1)} ms, p99 ${floor.p99.toFixed(1)} ms | ratio ${ratio.toFixed(2)} ` +
          `(rounds ${ratios.map((r) => r.toFixed(2)).join(', ')})`,
      );
    }
    clearInterval(sampler);
    console.log(`\n[collector ingest, PostgreSQL on loopback, one-week files; medians of ${ROUNDS} rounds, ratio = median of the rounds' ratios]\n${rows.join('\n')}`);
    console.log(`targets at N=16: ratio ≥ 0.5 → ${ratio16.toFixed(2)}, p99 < 200 ms → ${p99at16.toFixed(0)} ms`);
    console.log(`service RSS while ingesting: first ${rss[0]?.toFixed(0)} MB, median ${median(rss).toFixed(0)} MB, max ${Math.max(...rss).toFixed(0)} MB (${rss.length} samples)`);
    expect(ratio16).toBeGreaterThan(0);
    expect(Number.isFinite(p99at16)).toBe(true);
  }, 600_000);

  it(`aggregate over ${AGGREGATE_REPORTS.toLocaleString('en')} generated weekly reports against a count/sum scan`, async () => {
    await db.query('TRUNCATE reports CASCADE');
    const t0 = performance.now();
    // 52 weeks, 6 levels, 60 regions; 3 portals per report out of 40, one pair, one category, a tag for 30 %.
    // Rows are laid out week after week, as a collector stores them: a week's reports arrive in the days after it.
    // (Interleaving the weeks row by row makes recomputing one week's summary read every page of each table.)
    await db.query(`INSERT INTO reports SELECT 'r' || g, '2026-W' || lpad((1 + ((g - 1) * 52) / ${AGGREGATE_REPORTS})::text, 2, '0'), '2026-W49',
        (ARRAY['village','community','township','street','county','other'])[1 + g % 6], lpad((11 + g % 20)::text, 2, '0'),
        lpad((11 + g % 20)::text, 2, '0') || lpad((1 + (g / 7) % 3)::text, 2, '0') || '01', NULL,
        ((g % 10007) * 7919) % 2400, (g * 31) % 300, (g * 13) % 200, g % 20, g % 5, g % 3, g % 2, g % 30, g % 3, (g * 3) % 120,
        g % 10, g % 8, g % 4, g % 2, g % 12, g % 3, g % 2, g % 2
      FROM generate_series(1, ${AGGREGATE_REPORTS}) AS g`);
    // A report's three portal rows are stored together, as the collector's INSERT stores them.
    await db.query(`INSERT INTO report_portals SELECT 'r' || g, '2026-W' || lpad((1 + ((g - 1) * 52) / ${AGGREGATE_REPORTS})::text, 2, '0'), 'portal-' || ((g * 3 + k * 13) % 40),
        ((g % 10007) * 7919 + k) % 800, (g * 13) % 60, g % 10, g % 2, g % 7, g % 3, g % 2, g % 2, g % 40, g % 8, g % 5, g % 4, g % 2, g % 2, g % 2
      FROM generate_series(1, ${AGGREGATE_REPORTS}) AS g, generate_series(0, 2) AS k ORDER BY g, k`);
    await db.query(`INSERT INTO report_pairs SELECT 'r' || g, '2026-W' || lpad((1 + ((g - 1) * 52) / ${AGGREGATE_REPORTS})::text, 2, '0'),
        'portal-' || ((g * 3) % 40) || '|portal-' || ((g * 3 + 13) % 40), g % 8, g % 2, g % 3, g % 2 FROM generate_series(1, ${AGGREGATE_REPORTS}) AS g`);
    await db.query(`INSERT INTO report_categories SELECT 'r' || g, '2026-W' || lpad((1 + ((g - 1) * 52) / ${AGGREGATE_REPORTS})::text, 2, '0'),
        (ARRAY['name','id-number','phone','address','date','number','long-text','other'])[1 + g % 8], g % 40, g % 8, g % 5, 1 + g % 3 FROM generate_series(1, ${AGGREGATE_REPORTS}) AS g`);
    await db.query(`INSERT INTO report_tags SELECT 'r' || g, '2026-W' || lpad((1 + ((g - 1) * 52) / ${AGGREGATE_REPORTS})::text, 2, '0'), 'check-in', 1 + g % 5, g % 60
        FROM generate_series(1, ${AGGREGATE_REPORTS}) AS g WHERE g % 10 < 3`);
    await db.query('VACUUM ANALYZE');
    console.log(`\n[collector aggregate] generated ${AGGREGATE_REPORTS.toLocaleString('en')} reports in ${((performance.now() - t0) / 1000).toFixed(0)} s`);

    const time = async (fn: () => Promise<unknown>) => {
      const s = performance.now();
      await fn();
      return performance.now() - s;
    };
    const scanReports = () => db.query('SELECT count(*), sum(active_minutes), sum(entries) FROM reports');
    const scanAll = async () => {
      for (const t of ['reports', 'report_portals', 'report_pairs', 'report_categories', 'report_tags']) await db.query(`SELECT count(*), sum(length(week)) FROM ${t}`);
    };
    const range = { from: '2026-W01', to: '2026-W52' };
    await scanReports();
    // Cold: the first request after the bulk load recomputes every week's summary from the stored reports.
    const cold = await time(() => officeTables(db, range, { k: 10 }));
    // Warm: what an office sees while reports arrive — one week changed since the last request (one stored report
    // rewritten, which the database logs as any write), so that week's summary is recomputed; and nothing changed.
    const scans: number[] = [];
    const scansAll: number[] = [];
    const aggs: number[] = [];
    const unchanged: number[] = [];
    for (let i = 0; i < 3; i++) {
      scans.push(await time(scanReports));
      scansAll.push(await time(scanAll));
      await db.query(`UPDATE reports SET active_minutes = active_minutes WHERE report_id = $1`, [`r${1 + i * 7}`]);
      aggs.push(await time(() => officeTables(db, range, { k: 10 })));
      unchanged.push(await time(() => officeTables(db, range, { k: 10 })));
    }
    const [scan, scanEvery, agg, same] = [median(scans), median(scansAll), median(aggs), median(unchanged)];
    console.log(
      `office tables, one week changed since the last request: ${agg.toFixed(0)} ms (runs ${aggs.map((x) => x.toFixed(0)).join(', ')}) | ` +
        `count/sum scan of reports ${scan.toFixed(0)} ms → ${(agg / scan).toFixed(2)}× (target ≤ 3×) | one scan of each table read ${scanEvery.toFixed(0)} ms → ${(agg / scanEvery).toFixed(2)}×`,
    );
    console.log(
      `nothing changed: ${same.toFixed(0)} ms → ${(same / scan).toFixed(2)}× | first request after the load (all 52 weeks summarised): ${cold.toFixed(0)} ms → ${(cold / scan).toFixed(2)}×`,
    );
    expect(agg).toBeGreaterThan(0);
  }, 900_000);
});
