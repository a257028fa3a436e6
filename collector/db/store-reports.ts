/**
 * Storing a file's reports: two statements in one transaction, whatever the number of reports — delete the earlier
 * copies of the same cadre-weeks (their parts go with them, ON DELETE CASCADE), then insert every report and its
 * parts in one INSERT whose parts ride along as data-modifying CTEs (the foreign keys are checked at the end of
 * that statement). Few round trips matter: PGlite serialises every query.
 */
import { CATEGORY_SUM_FIELDS, PAIR_SUM_FIELDS, POPULATION_SUM_FIELDS, PORTAL_SUM_FIELDS, TAG_SUM_FIELDS } from '../../core/office/figures';
import type { WeeklyReport } from '../../core/contracts/report-schema';
import type { Database, Queryable } from './database';
import { column, reportRows } from './report-rows';

export type ReportVerdict = 'stored' | 'replaced';

const numbers = (columns: readonly string[], from: number) => columns.map((_, i) => `(x->>${from + i})::integer`).join(', ');

const POP_COLUMNS = POPULATION_SUM_FIELDS.map(column);
const PART_TABLES = [
  { table: 'report_portals', key: 'portal', columns: PORTAL_SUM_FIELDS.map(column) },
  { table: 'report_pairs', key: 'pair', columns: PAIR_SUM_FIELDS.map(column) },
  { table: 'report_categories', key: 'category', columns: [...CATEGORY_SUM_FIELDS.map(column), 'portals'] },
  { table: 'report_tags', key: 'tag', columns: TAG_SUM_FIELDS.map(column) },
] as const;

const INSERT_ALL = `WITH ${PART_TABLES.map(
  (p, i) => `part${i} AS (INSERT INTO ${p.table} (report_id, week, ${p.key}, ${p.columns.join(', ')})
    SELECT x->>0, x->>1, x->>2, ${numbers(p.columns, 3)} FROM jsonb_array_elements($${i + 3}::jsonb) AS x)`,
).join(',\n')}
INSERT INTO reports (report_id, week, received_week, level, province, region, outlier, ${POP_COLUMNS.join(', ')})
  SELECT x->>0, x->>1, $1, x->>2, x->>3, x->>4, CASE WHEN jsonb_typeof(x->5) = 'array' THEN x->5 END, ${numbers(POP_COLUMNS, 6)}
    FROM jsonb_array_elements($2::jsonb) AS x`;

/** Stores a file's reports inside `tx`, each replacing an earlier copy of its cadre-week (same reportId). */
export async function storeReportsIn(tx: Queryable, reports: readonly WeeklyReport[], receivedWeek: string): Promise<ReportVerdict[]> {
  const rows = reports.map(reportRows);
  const ids = rows.map((r) => r.reportId);
  const gone = await tx.query<{ report_id: string }>('DELETE FROM reports WHERE report_id = ANY($1::text[]) RETURNING report_id', [ids]);
  const parts: unknown[][][] = [[], [], [], []];
  for (const r of rows) {
    [r.portals, r.pairs, r.categories, r.tags].forEach((list, i) => {
      for (const [key, ...values] of list) parts[i]!.push([r.reportId, r.week, key, ...values]);
    });
  }
  await tx.query(INSERT_ALL, [
    receivedWeek,
    JSON.stringify(rows.map((r) => [r.reportId, r.week, r.level, r.province, r.region, r.outlier, ...r.totals])),
    ...parts.map((p) => JSON.stringify(p)),
  ]);
  const replaced = new Set(gone.rows.map((r) => r.report_id));
  return ids.map((id) => (replaced.has(id) ? 'replaced' : 'stored'));
}

/** A file's reports in one transaction: all are stored, or none (the caller answers with an error). */
export function storeReports(db: Database, reports: readonly WeeklyReport[], receivedWeek: string): Promise<ReportVerdict[]> {
  return db.transaction((tx) => storeReportsIn(tx, reports, receivedWeek));
}
