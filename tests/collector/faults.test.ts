/**
 * Faults (issue #14): the collector killed mid-load, PostgreSQL restarted mid-load, and a full disk. In each,
 * every acknowledged report is stored exactly once afterwards, and refusals are clear and retryable.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../collector/db/open-database';
import { startCollector } from '../../collector/start-collector';
import { spawnCollector } from './collector-process';
import { freePort, startPgCluster, type PgCluster } from './pg-cluster';
import { generatedReports, fileOf } from './report-files';
import { sendAll } from './send-all';
import { freshDatabase, getAggregates, OFFICE_TOKEN, postReport, type Backend } from './test-collector';
import { scratchDir } from './scratch-dir';

const isRoot = process.getuid?.() === 0;

async function storedIds(backend: Backend, where: { dataDir: string; databaseUrl?: string }): Promise<{ ids: string[]; portalsPerReport: Map<string, number> }> {
  const db = await openDatabase(backend === 'pg' ? { dataDir: where.dataDir, databaseUrl: where.databaseUrl } : { dataDir: where.dataDir });
  try {
    const ids = (await db.query<{ report_id: string }>('SELECT report_id FROM reports')).rows.map((r) => r.report_id);
    const parts = await db.query<{ report_id: string; n: number }>('SELECT report_id, count(*)::int AS n FROM report_portals GROUP BY report_id');
    return { ids, portalsPerReport: new Map(parts.rows.map((r) => [r.report_id, Number(r.n)])) };
  } finally {
    await db.close();
  }
}

describe.each(['pglite', 'pg'] as const)('SIGKILL of the collector (%s) with 1,000 reports in flight', (backend) => {
  it('keeps every acknowledged report, once, and a full re-send counts each cadre-week once', { timeout: 180_000 }, async () => {
    const fresh = await freshDatabase(backend);
    const reports = generatedReports(1000, 5, `kill-${backend}`);
    const env: Record<string, string> = fresh.databaseUrl ? { DATABASE_URL: fresh.databaseUrl } : {};
    const port = await freePort();
    const proc = await spawnCollector({ port, dataDir: fresh.dataDir, env });
    let killed = false;
    const outcome = await sendAll(proc.url, reports, {
      // Every report is sent at once: all 1,000 are in flight when the collector dies.
      concurrency: 1000,
      onAck: (n) => {
        if (n >= 250 && !killed) {
          killed = true;
          proc.child.kill('SIGKILL');
        }
      },
    });
    await proc.exited;
    expect(killed).toBe(true);
    expect(outcome.acknowledged.size).toBeGreaterThanOrEqual(250);
    expect(outcome.acknowledged.size).toBeLessThan(1000);

    const after = await storedIds(backend, fresh);
    const stored = new Set(after.ids);
    expect(after.ids.length).toBe(stored.size);
    for (const id of outcome.acknowledged) expect(stored.has(id)).toBe(true);
    // A report is all there or not there: each stored one has all its portal rows.
    const expectedPortals = new Map(reports.map((r) => [r.reportId, r.portals.length]));
    for (const id of stored) expect(after.portalsPerReport.get(id)).toBe(expectedPortals.get(id));

    // Started again (in this process: what matters is the data it finds), every week sent again counts once.
    const again = await startCollector({ port: 0, host: '127.0.0.1', dataDir: fresh.dataDir, databaseUrl: fresh.databaseUrl, officeToken: OFFICE_TOKEN });
    for (let i = 0; i < reports.length; i += 50) expect((await postReport(again.url, fileOf(reports.slice(i, i + 50)))).status).toBe(200);
    const tables = await (await getAggregates(again.url, 'from=2026-W01&to=2026-W52&k=5')).json();
    expect(tables.overall.cadreWeeks).toBe(1000);
    await again.close();
    await fresh.drop();
  });
});

describe('PostgreSQL restarted mid-load', () => {
  let cluster: PgCluster;
  beforeAll(async () => {
    cluster = await startPgCluster();
  });
  afterAll(() => cluster?.destroy());

  it('gives clients retryable errors and loses nothing once acknowledged', { timeout: 180_000 }, async () => {
    const admin = new pg.Client({ connectionString: cluster.url });
    await admin.connect();
    await admin.query('CREATE DATABASE restart_test');
    await admin.end();
    const dataDir = scratchDir('bb-col-restart-');
    const collector = await startCollector({ port: 0, host: '127.0.0.1', dataDir, databaseUrl: cluster.urlFor('restart_test'), officeToken: OFFICE_TOKEN });
    const reports = generatedReports(600, 9, 'restart');
    let restarted = false;
    const outcome = await sendAll(collector.url, reports, {
      concurrency: 16,
      retry: true,
      onAck: (n) => {
        if (n >= 150 && !restarted) {
          restarted = true;
          // As if the server crashed: no checkpoint, recovery from its log on start.
          cluster.crash();
          setTimeout(() => cluster.start(), 1_000);
        }
      },
    });
    expect(restarted).toBe(true);
    expect(outcome.retryableRefusals).toBeGreaterThan(0);
    expect([...outcome.refusals.keys()].every((code) => code === 'unavailable')).toBe(true);
    expect(outcome.acknowledged.size).toBe(600);
    const { rows } = await collector.db.query<{ n: number }>('SELECT count(*)::int AS n FROM reports');
    expect(Number(rows[0]!.n)).toBe(600);
    expect((await fetch(`${collector.url}/healthz`)).status).toBe(200);
    await collector.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
});

describe.runIf(isRoot)('disk or quota full (tmpfs, needs root to mount)', () => {
  const mounts: string[] = [];
  const mountTmpfs = (bytes: number, owner?: string) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bb-full-'));
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${bytes},mode=0755`, 'tmpfs', dir]);
    mounts.push(dir);
    if (owner) execFileSync('chown', [owner, dir]);
    return dir;
  };
  afterAll(() => {
    for (const dir of mounts) {
      execFileSync('umount', ['-l', dir]);
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  async function fillUntilFull(url: string) {
    const reports = generatedReports(4000, 13, `full-${url}`);
    const acknowledged: string[] = [];
    let refusal: { status: number; body: { error?: string; retryable?: boolean } } | null = null;
    for (let i = 0; i < reports.length && !refusal; i += 20) {
      const batch = reports.slice(i, i + 20);
      const res = await postReport(url, fileOf(batch));
      const body = await res.json();
      if (res.status === 200) acknowledged.push(...batch.map((r) => r.reportId));
      else refusal = { status: res.status, body };
    }
    return { acknowledged, refusal };
  }

  it('PostgreSQL: a tablespace on a full volume gives storage-full, keeps what was acknowledged, and recovers', { timeout: 180_000 }, async () => {
    const cluster = await startPgCluster();
    try {
      const space = mountTmpfs(1024 * 1024, 'postgres:postgres');
      const admin = new pg.Client({ connectionString: cluster.url });
      await admin.connect();
      await admin.query(`CREATE TABLESPACE tiny LOCATION '${space}'`);
      await admin.query('CREATE DATABASE full_test');
      await admin.query('ALTER DATABASE full_test SET default_tablespace = tiny');
      await admin.end();
      const dataDir = scratchDir('bb-col-full-');
      const collector = await startCollector({ port: 0, host: '127.0.0.1', dataDir, databaseUrl: cluster.urlFor('full_test'), officeToken: OFFICE_TOKEN });
      const { acknowledged, refusal } = await fillUntilFull(collector.url);
      expect(refusal).toEqual({ status: 507, body: { error: 'storage-full', retryable: true } });
      expect(acknowledged.length).toBeGreaterThan(0);
      expect((await fetch(`${collector.url}/healthz`)).status).toBe(200);
      const ids = new Set((await collector.db.query<{ report_id: string }>('SELECT report_id FROM reports')).rows.map((r) => r.report_id));
      expect(ids.size).toBe(acknowledged.length);
      for (const id of acknowledged) expect(ids.has(id)).toBe(true);
      // Room made: the same service takes reports again.
      execFileSync('mount', ['-o', 'remount,size=64m', space]);
      const res = await postReport(collector.url, fileOf(generatedReports(5, 17, 'after-full')));
      expect(res.status).toBe(200);
      await collector.close();
    } finally {
      cluster.destroy();
    }
  });

  it('PGlite: a full data volume gives storage-full, and the folder opens again with every acknowledged report', { timeout: 180_000 }, async () => {
    const fresh = await freshDatabase('pglite');
    const used = Number(execFileSync('du', ['-sb', fresh.dataDir], { encoding: 'utf8' }).split('\t')[0]);
    const space = mountTmpfs(used + 2 * 1024 * 1024);
    fs.cpSync(fresh.dataDir, space, { recursive: true });
    const collector = await startCollector({ port: 0, host: '127.0.0.1', dataDir: space, officeToken: OFFICE_TOKEN });
    const { acknowledged, refusal } = await fillUntilFull(collector.url);
    expect(refusal).toEqual({ status: 507, body: { error: 'storage-full', retryable: true } });
    expect((await fetch(`${collector.url}/healthz`)).status).toBe(200);
    await collector.close();
    // Reopened (with room made): a whole database holding exactly what was acknowledged.
    execFileSync('mount', ['-o', 'remount,size=256m', space]);
    const after = await storedIds('pglite', { dataDir: space });
    const ids = new Set(after.ids);
    for (const id of acknowledged) expect(ids.has(id)).toBe(true);
    expect(ids.size).toBe(acknowledged.length);
    await fresh.drop();
  });
});
