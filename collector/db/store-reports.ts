import { CATEGORY_SUM_FIELDS, PAIR_SUM_FIELDS, POPULATION_SUM_FIELDS, PORTAL_SUM_FIELDS, TAG_SUM_FIELDS } from '../../core/office/figures';
import type { WeeklyReport } from '../../core/contracts/report-schema';
import type { Database, Queryable } from './database';
import { column, reportRows, type ReportRows } from './report-rows';

export type ReportVerdict = 'stored' | 'replaced';

const POP_COLUMNS = POPULATION_SUM_FIELDS.map(column);
const INSERT_REPORT = `INSERT INTO reports (report_id, week, received_week, level, province, region, outlier, ${POP_COLUMNS.join(', ')})
  VALUES ($1, $2, $3, $4, $5, $6, $7, ${POP_COLUMNS.map((_, i) => `$${i + 8}`).join(', ')})`;

/** An INSERT … SELECT over a JSON array of [key, ...numbers] rows: one statement per part, whatever its length. */
function insertParts(table: string, keyColumn: string, numberColumns: readonly string[]): string {
  const picks = numberColumns.map((c, i) => `(x->>${i + 1})::integer`).join(', ');
  return `INSERT INTO ${table} (report_id, week, ${keyColumn}, ${numberColumns.join(', ')})
    SELECT $1, $2, x->>0, ${picks} FROM jsonb_array_elements($3::jsonb) AS x`;
}

const PARTS = [
  { rows: (r: ReportRows) => r.portals, table: 'report_portals', sql: insertParts('report_portals', 'portal', PORTAL_SUM_FIELDS.map(column)) },
  { rows: (r: ReportRows) => r.pairs, table: 'report_pairs', sql: insertParts('report_pairs', 'pair', PAIR_SUM_FIELDS.map(column)) },
  {
    rows: (r: ReportRows) => r.categories,
    table: 'report_categories',
    sql: insertParts('report_categories', 'category', [...CATEGORY_SUM_FIELDS.map(column), 'portals']),
  },
  { rows: (r: ReportRows) => r.tags, table: 'report_tags', sql: insertParts('report_tags', 'tag', TAG_SUM_FIELDS.map(column)) },
] as const;

/** Stores one report inside `tx`, replacing an earlier copy of the same cadre-week (its reportId). */
export async function storeReport(tx: Queryable, report: WeeklyReport, receivedWeek: string): Promise<ReportVerdict> {
  const rows = reportRows(report);
  // The children go with the parent (ON DELETE CASCADE): a re-send leaves nothing of the earlier copy.
  const gone = await tx.query('DELETE FROM reports WHERE report_id = $1 RETURNING report_id', [rows.reportId]);
  await tx.query(INSERT_REPORT, [
    rows.reportId,
    rows.week,
    receivedWeek,
    rows.level,
    rows.province,
    rows.region,
    rows.outlier ? JSON.stringify(rows.outlier) : null,
    ...rows.totals,
  ]);
  for (const part of PARTS) {
    const list = part.rows(rows);
    if (list.length > 0) await tx.query(part.sql, [rows.reportId, rows.week, JSON.stringify(list)]);
  }
  return gone.rows.length > 0 ? 'replaced' : 'stored';
}

/** A file's reports in one transaction: all are stored, or none (the caller answers with an error). */
export function storeReports(db: Database, reports: readonly WeeklyReport[], receivedWeek: string): Promise<ReportVerdict[]> {
  return db.transaction(async (tx) => {
    const verdicts: ReportVerdict[] = [];
    for (const report of reports) verdicts.push(await storeReport(tx, report, receivedWeek));
    return verdicts;
  });
}
