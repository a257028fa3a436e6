/**
 * The office aggregate reads per-week summaries kept in the database (collector/aggregate/week-summaries.ts).
 * A summary that lagged behind its reports would serve wrong figures with nothing to show for it, so each way the
 * reports can change is tried, and after each the served tables must be the office page's own (buildOfficeTables)
 * for the reports then stored: new reports, a re-send that replaces one, an administrator's DELETE and TRUNCATE, a
 * summary of an older layout, a database from before summaries existed, and (on the server) a write that commits
 * after a request has read its week.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { officeTables } from '../../collector/aggregate/office-tables';
import { migrate } from '../../collector/db/migrate';
import { storeReports, storeReportsIn } from '../../collector/db/store-reports';
import type { WeeklyReport } from '../../core/contracts/report-schema';
import { randomPopulation } from './report-files';
import { pageTables, storeOnly } from './stored-population';
import { BACKENDS, startTestCollector } from './test-collector';

const RANGE = { from: '2026-W01', to: '2026-W52' };
const K = 5;

const page = (reports: readonly WeeklyReport[]) => pageTables(reports, { ...RANGE, k: K });

const servedTables = async (db: Parameters<typeof officeTables>[0]) => JSON.parse(JSON.stringify(await officeTables(db, RANGE, { k: K })));

/** A report's figures changed as a re-send would change them (same cadre-week, same reportId). */
function resent(r: WeeklyReport): WeeklyReport {
  return { ...r, portals: r.portals.map((p) => ({ ...p, activeMinutes: p.activeMinutes + 17, submissions: p.submissions + 1 })) };
}

const activeMinutes = (t: { overall: { suppressed: boolean; figures?: { activeMinutes?: number | null } } }) =>
  t.overall.suppressed ? null : t.overall.figures!.activeMinutes;

describe.each(BACKENDS)('week summaries on %s', (backend) => {
  let c: Awaited<ReturnType<typeof startTestCollector>>;
  beforeAll(async () => {
    c = await startTestCollector(backend);
  });
  afterAll(() => c?.drop());

  it('follow new reports, a replacing re-send and an administrator’s DELETE and TRUNCATE', async () => {
    const [first, later] = [randomPopulation(41), randomPopulation(42)];
    await storeOnly(c.db, first);
    const before = await servedTables(c.db);
    expect(before).toEqual(page(first));

    // New reports in weeks already summarised, and a re-send replacing one of the first.
    const changed = resent(first[3]!);
    await storeReports(c.db, [...later, changed], '2026-W49');
    const now = [...first.filter((r) => r.reportId !== changed.reportId), changed, ...later];
    const after = await servedTables(c.db);
    expect(after).toEqual(page(now));
    expect(activeMinutes(after)).not.toBe(activeMinutes(before));

    // Writes that bypass the collector are seen too: the database logs every statement's weeks.
    const gone = now.slice(0, 25).map((r) => r.reportId);
    await c.db.query('DELETE FROM reports WHERE report_id = ANY($1::text[])', [gone]);
    expect(await servedTables(c.db)).toEqual(page(now.filter((r) => !gone.includes(r.reportId))));

    await c.db.query('TRUNCATE reports CASCADE');
    const empty = await servedTables(c.db);
    expect(empty).toEqual(page([]));
    expect(empty.reportsInRange).toBe(0);
  });

  it('a summary of another layout is recomputed, not read', async () => {
    const reports = randomPopulation(43);
    await storeOnly(c.db, reports);
    expect(await servedTables(c.db)).toEqual(page(reports));
    // What an older release might have left: a layout this one cannot read.
    const touched = await c.db.query<{ week: string }>(
      `UPDATE week_summaries SET format = 0, counts = '{"all": 1, "outliers": 0, "groups": [], "cells": [], "histograms": []}'::jsonb,
         samples = '\\x'::bytea RETURNING week`,
    );
    expect(touched.rows.length).toBeGreaterThan(1);
    expect(await servedTables(c.db)).toEqual(page(reports));
  });

  it('a database migrated from before summaries existed serves the reports it already held', async () => {
    const reports = randomPopulation(44);
    // Back to version 2, as a database of the previous release is, then reports stored under it.
    await c.db.exec(`DROP TABLE week_changes, week_summaries; DROP FUNCTION log_changed_weeks, log_all_weeks CASCADE;
      DROP INDEX report_portals_week, report_pairs_week, report_categories_week, report_tags_week;
      DELETE FROM schema_migrations WHERE version = 3`);
    await storeOnly(c.db, reports);
    await migrate(c.db);
    expect(await servedTables(c.db)).toEqual(page(reports));
  });
});

// PGlite runs one transaction at a time, so only the server can hold a write open while a request reads.
describe('week summaries on pg, a write open during a request', () => {
  let c: Awaited<ReturnType<typeof startTestCollector>>;
  beforeAll(async () => {
    c = await startTestCollector('pg');
  });
  afterAll(() => c?.drop());

  it('a write committing after a request read its week is in the next request', async () => {
    const [first, late] = [randomPopulation(45), randomPopulation(46)];
    // Stored and not yet read: their weeks' changes are logged and waiting, as while reports arrive.
    for (let i = 0; i < first.length; i += 40) await storeReports(c.db, first.slice(i, i + 40), '2026-W49');
    let during: unknown;
    // The request runs on another connection while the write's transaction is open, then the write commits.
    await c.db.transaction(async (tx) => {
      await storeReportsIn(tx, late, '2026-W49');
      during = await servedTables(c.db);
    });
    expect(during).toEqual(page(first));
    expect(await servedTables(c.db)).toEqual(page([...first, ...late]));
  });
});
