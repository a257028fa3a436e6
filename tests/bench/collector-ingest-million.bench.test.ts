/**
 * `npm run bench collector`, issue #14's "memory of the service flat (≤ 300 MB RSS) while ingesting 1M": one million
 * distinct weekly reports POSTed over loopback to the collector (its own process) in front of a throw-away
 * PostgreSQL cluster with durable commits, while the service's RSS is sampled every 250 ms. The baseline, from the
 * same run, is the service's RSS right after start and after a warm-up of 10k reports: flat means the RSS at 100 %
 * of the reports is about what it was at 10 % and after the warm-up, not growing with the number stored.
 *
 * Files are what an extension sends: one cadre's `burden-report/1` file with one or several weeks, no week twice.
 * Reports are built when a sender needs the next file (never all at once), from a pool of generated reports that
 * each pass the schema, with a fresh reportId and week; the bench process stays small as well.
 */
import { createHash, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_REPORTS_PER_FILE } from '../../core/contracts/report-schema';
import { spawnCollector, type CollectorProcess } from '../collector/collector-process';
import { freePort, startPgCluster, type PgCluster } from '../collector/pg-cluster';
import { fileOf, generatedReports } from '../collector/report-files';
import { scratchDir } from '../collector/scratch-dir';
import { postReport } from '../collector/test-collector';

const REPORTS = Number(process.env.BENCH_COLLECTOR_INGEST_REPORTS ?? 1_000_000);
/**
 * Reports per file. One-week files go at a few hundred reports/s on this 2-core machine (the ingest part of
 * collector.bench.test.ts), so 1M of them would take most of an hour. A file of 13 weeks is a cadre sending a
 * quarter at once, as the extension does for the weeks still pending; well inside the service's limits.
 */
const PER_FILE = Number(process.env.BENCH_COLLECTOR_INGEST_PER_FILE ?? 13);
const SENDERS = Number(process.env.BENCH_COLLECTOR_INGEST_SENDERS ?? 16);
const WARM_UP = Number(process.env.BENCH_COLLECTOR_INGEST_WARM_UP ?? 10_000);
const TARGET_MB = 300;
const POOL = 2_000;
const MILESTONES = [10, 50, 90, 100];

// 52 consecutive ISO weeks (2025-W50 … 2026-W49), so a file of up to 52 reports never holds a week twice.
const WEEKS = [...['50', '51', '52'].map((w) => `2025-W${w}`), ...Array.from({ length: 49 }, (_, i) => `2026-W${String(i + 1).padStart(2, '0')}`)];

const rssMb = (pid: number, field: 'VmRSS' | 'VmHWM' = 'VmRSS') =>
  Number(new RegExp(`${field}:\\s+(\\d+)`).exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;
const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
const mb = (x: number) => `${x.toFixed(0)} MB`;

/**
 * File `j` of a run: `count` reports from the pool, each with a reportId of its own (a SHA-256, the shape of the
 * extension's HMAC) and the next of the 52 weeks. Only the pool (2,000 reports as JSON pieces) is held.
 */
function fileMaker(runTag: string) {
  const ID = '@@report-id@@';
  const WEEK = '@@week@@';
  const pieces = generatedReports(POOL, 14, 'million').map((r) => JSON.stringify({ ...r, reportId: ID, week: WEEK }).split(/(@@report-id@@|@@week@@)/));
  const [head, tail] = [fileOf([]).slice(0, -2), ']}'];
  return (first: number, count: number) => {
    const reports: string[] = [];
    for (let i = first; i < first + count; i++) {
      const id = createHash('sha256').update(`${runTag}|${i}`).digest('base64url');
      const week = WEEKS[i % WEEKS.length]!;
      reports.push(pieces[i % POOL]!.map((p) => (p === ID ? id : p === WEEK ? week : p)).join(''));
    }
    return head + reports.join(',') + tail;
  };
}

/** Sends reports [from, to) in files of PER_FILE with SENDERS at once; every file must be acknowledged whole. */
async function sendRange(url: string, makeFile: ReturnType<typeof fileMaker>, from: number, to: number, onAck: (reports: number) => void) {
  const refusals = new Map<string, number>();
  let next = from;
  const sender = async () => {
    while (next < to) {
      const first = next;
      const count = Math.min(PER_FILE, to - first);
      next += count;
      const body = makeFile(first, count);
      for (let attempt = 0; ; attempt++) {
        const res = await postReport(url, body).catch(() => null);
        const answer = res ? ((await res.json()) as { accepted?: number; error?: string; retryable?: boolean }) : { error: 'network', retryable: true };
        if (res?.status === 200 && answer.accepted === count) {
          onAck(count);
          break;
        }
        const code = answer.error ?? `http-${res?.status}`;
        refusals.set(code, (refusals.get(code) ?? 0) + 1);
        // A retryable refusal (database busy or away) is sent again, as the extension's outbox would; never forever.
        if (!answer.retryable || attempt >= 20) break;
        await new Promise((r) => setTimeout(r, 200));
      }
    }
  };
  await Promise.all(Array.from({ length: SENDERS }, sender));
  return refusals;
}

describe('collector ingest of a million reports', () => {
  let cluster: PgCluster;
  let proc: CollectorProcess;
  // Unused with DATABASE_URL, but the collector's command line needs one; removed after, as a run leaves nothing.
  const dataDir = scratchDir('bb-bench-');
  beforeAll(async () => {
    cluster = await startPgCluster({ settings: { fsync: 'on', shared_buffers: '256MB', max_wal_size: '4GB' } });
    proc = await spawnCollector({ port: await freePort(), dataDir, env: { DATABASE_URL: cluster.url } });
  }, 120_000);
  afterAll(async () => {
    proc?.child.kill('SIGTERM');
    await proc?.exited;
    cluster?.destroy();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it(`service RSS while ${REPORTS.toLocaleString('en')} weekly reports are ingested`, async () => {
    expect(PER_FILE).toBeGreaterThanOrEqual(1);
    expect(PER_FILE).toBeLessThanOrEqual(Math.min(MAX_REPORTS_PER_FILE, WEEKS.length));
    const pid = proc.child.pid!;
    const makeFile = fileMaker(randomBytes(8).toString('hex'));
    // Let the just-started process settle (module loading, JIT) before the first figure.
    await new Promise((r) => setTimeout(r, 1_000));
    const atStart = rssMb(pid);

    let acked = 0;
    const warm = await sendRange(proc.url, makeFile, 0, WARM_UP, (n) => (acked += n));
    const afterWarmUp = rssMb(pid);

    const samples: number[] = [];
    // How far the ingest was at each sample, so the printout can say when the largest one was taken.
    const samplesAt: number[] = [];
    let ingested = 0;
    const sampler = setInterval(() => {
      samples.push(rssMb(pid));
      samplesAt.push(ingested);
    }, 250);
    const atMilestone: { pct: number; rss: number; seconds: number }[] = [];
    const benchRss: number[] = [];
    const t0 = performance.now();
    const refusals = await sendRange(proc.url, makeFile, WARM_UP, WARM_UP + REPORTS, (n) => {
      acked += n;
      ingested += n;
      while (atMilestone.length < MILESTONES.length && ingested >= (MILESTONES[atMilestone.length]! / 100) * REPORTS) {
        atMilestone.push({ pct: MILESTONES[atMilestone.length]!, rss: rssMb(pid), seconds: (performance.now() - t0) / 1000 });
        benchRss.push(process.memoryUsage.rss() / 2 ** 20);
      }
    });
    const seconds = (performance.now() - t0) / 1000;
    clearInterval(sampler);
    const peak = rssMb(pid, 'VmHWM');

    const client = new pg.Client({ connectionString: cluster.url });
    await client.connect();
    const stored = Number((await client.query<{ n: string }>('SELECT count(*) AS n FROM reports')).rows[0]!.n);
    await client.end();

    const sent = WARM_UP + REPORTS;
    const max = Math.max(...samples);
    const maxAt = samplesAt[samples.indexOf(max)]!;
    const med = median(samples);
    const at = (pct: number) => atMilestone.find((m) => m.pct === pct);
    console.log(
      `\n[collector ingest of ${REPORTS.toLocaleString('en')} reports, PostgreSQL on loopback (fsync on), ${SENDERS} senders, ` +
        `files of ${PER_FILE} week${PER_FILE === 1 ? '' : 's'} (${Math.ceil(REPORTS / PER_FILE).toLocaleString('en')} POSTs)` +
        `${PER_FILE > 1 ? ' — multi-week files: one-week files are too slow for 1M in a bench run (BENCH_COLLECTOR_INGEST_PER_FILE=1 to try)' : ''}]`,
    );
    console.log(`${(REPORTS / seconds).toFixed(0)} reports/s overall, ${seconds.toFixed(0)} s; reports stored ${stored.toLocaleString('en')} of ${acked.toLocaleString('en')} acknowledged, ${sent.toLocaleString('en')} sent (${WARM_UP.toLocaleString('en')} of them warm-up)`);
    console.log(`service RSS: right after start ${mb(atStart)}, after the ${WARM_UP.toLocaleString('en')}-report warm-up ${mb(afterWarmUp)} (baseline)`);
    console.log(
      `while ingesting (${samples.length} samples every 250 ms): first ${mb(samples[0] ?? NaN)}, median ${mb(med)}, max ${mb(max)} (at ${((100 * maxAt) / REPORTS).toFixed(0)} % of the reports); kernel peak (VmHWM) ${mb(peak)}`,
    );
    console.log(`at ${atMilestone.map((m) => `${m.pct} % ${mb(m.rss)} (${m.seconds.toFixed(0)} s)`).join(', ')}`);
    console.log(
      `ratios to the warm-up baseline: median ${(med / afterWarmUp).toFixed(2)}×, max ${(max / afterWarmUp).toFixed(2)}×, ` +
        `at 100 % ${((at(100)?.rss ?? NaN) / afterWarmUp).toFixed(2)}×; at 100 % / at 10 % ${((at(100)?.rss ?? NaN) / (at(10)?.rss ?? NaN)).toFixed(2)}×`,
    );
    console.log(`bench process RSS at those points: ${benchRss.map(mb).join(', ')}`);
    console.log(`target max RSS ≤ ${TARGET_MB} MB → ${mb(max)} (kernel peak ${mb(peak)}): ${Math.max(max, peak) <= TARGET_MB ? 'met' : 'NOT met'}`);
    const refused = [...warm, ...refusals].map(([code, n]) => `${code} × ${n}`);
    if (refused.length > 0) console.log(`refusals (retried when retryable): ${refused.join(', ')}`);

    // Every report sent was acknowledged, and the database holds each of them exactly once (reportId is its key).
    expect(acked).toBe(sent);
    expect(stored).toBe(acked);
  }, 30 * 60_000);
});
