/**
 * The week summaries a request reads (week-summary-tables.ts says how changes are logged). Before reading, the
 * weeks of the range that changed since their summary was made are recomputed from the stored reports, so a
 * summary is never older than the request: while reports arrive, that is the current week (a 52nd of the data);
 * after a bulk load, every week once.
 */
import type { Database, Queryable } from '../db/database';
import {
  CELL_TABLES,
  cellHistogramsOf,
  cellWeeksOf,
  populationGroupsOf,
  populationHistogramsOf,
  type CellWeekRow,
  type WeekHistogramRow,
  type WeekRangeQuery,
} from './cell-queries';
import { decodeWeekSummary, encodeWeekSummary, SUMMARY_FORMAT, type StoredSummary, type WeekSummary } from './week-summary-codec';

/** Serialises refreshes (two requests would otherwise compute the same weeks); ingest never takes it. */
const REFRESH_LOCK = 0x62627375; // 'bbsu'

function byWeek<R extends { week: string }>(rows: readonly R[]): Map<string, R[]> {
  const out = new Map<string, R[]>();
  for (const r of rows) (out.get(r.week) ?? out.set(r.week, []).get(r.week)!).push(r);
  return out;
}

async function recompute(tx: Queryable, weeks: string[]): Promise<void> {
  // One after another: a transaction is one connection, which runs one query at a time anyway.
  const groups = byWeek(await populationGroupsOf(tx, weeks));
  const population = await populationHistogramsOf(tx, weeks);
  const cellRows: Map<string, CellWeekRow[]>[] = [];
  const cellHistograms: WeekHistogramRow[][] = [];
  for (const t of CELL_TABLES) {
    cellRows.push(byWeek(await cellWeeksOf(tx, t, weeks)));
    cellHistograms.push(await cellHistogramsOf(tx, t, weeks));
  }
  const histograms = byWeek([population, ...cellHistograms].flat());
  for (const week of weeks) {
    const weekGroups = groups.get(week);
    if (!weekGroups) {
      await tx.query('DELETE FROM week_summaries WHERE week = $1', [week]);
      continue;
    }
    const s = encodeWeekSummary(week, weekGroups, cellRows.map((rows) => rows.get(week) ?? []), histograms.get(week) ?? []);
    await tx.query(
      `INSERT INTO week_summaries (week, format, counts, samples) VALUES ($1, $2, $3::jsonb, $4)
         ON CONFLICT (week) DO UPDATE SET format = excluded.format, counts = excluded.counts, samples = excluded.samples`,
      [week, s.format, JSON.stringify(s.counts), Buffer.from(s.samples.buffer, s.samples.byteOffset, s.samples.byteLength)],
    );
  }
}

/**
 * The summaries of every week of the range holding a report, ascending, each as of this request. The log rows
 * read are deleted in the same transaction as their weeks are recomputed: a change committed meanwhile has its
 * own row, left for the next request.
 */
export async function weekSummaries(db: Database, range: WeekRangeQuery): Promise<WeekSummary[]> {
  const stored = await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [REFRESH_LOCK]);
    // A week's histograms are grouped by sorting ~60,000 portal rows at a province's scale: with the default 4 MB
    // that sort spills to disk (measured: 98 ms for one week, 44 ms with this).
    await tx.query(`SET LOCAL work_mem = '64MB'`);
    const changed = await tx.query<{ week: string }>(
      `DELETE FROM week_changes WHERE week BETWEEN $1 AND $2 RETURNING week`,
      [range.from, range.to],
    );
    const outdated = await tx.query<{ week: string }>(`SELECT week FROM week_summaries WHERE format <> $3 AND week BETWEEN $1 AND $2`, [
      range.from,
      range.to,
      SUMMARY_FORMAT,
    ]);
    const weeks = [...new Set([...changed.rows, ...outdated.rows].map((r) => r.week))];
    if (weeks.length > 0) await recompute(tx, weeks);
    return (
      await tx.query<StoredSummary>(`SELECT week, format, counts, samples FROM week_summaries WHERE week BETWEEN $1 AND $2 ORDER BY week`, [
        range.from,
        range.to,
      ])
    ).rows;
  });
  return stored.map(decodeWeekSummary);
}
