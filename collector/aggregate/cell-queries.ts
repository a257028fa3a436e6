/**
 * The SQL half of the office aggregate: counts and sums per cell and week, and value histograms for the
 * distributions, each one pass over a table. Percentiles are then read off the histograms by core's own
 * statistics (a histogram is the sorted sample, compressed), so they equal the office page's to the last digit.
 */
import { CATEGORY_SUM_FIELDS, PAIR_SUM_FIELDS, POPULATION_SUM_FIELDS, PORTAL_SUM_FIELDS, TAG_SUM_FIELDS } from '../../core/office/figures';
import type { Queryable } from '../db/database';
import { column } from '../db/report-rows';

export interface WeekRangeQuery {
  from: string;
  to: string;
}

export interface GroupRow {
  week: string;
  level: string;
  province: string;
  region: string;
  n: number;
  sums: number[];
}

export interface CellWeekRow {
  key: string;
  week: string;
  n: number;
  sums: number[];
}

export interface HistogramRow {
  /** Which sample the value belongs to (the position of the grouping set). */
  set: number;
  key: string;
  value: number;
  n: number;
}

const sumsOf = (columns: readonly string[]) => columns.map((c, i) => `sum(${c})::float8 AS s${i}`).join(', ');
const readSums = (row: Record<string, unknown>, count: number) => Array.from({ length: count }, (_, i) => Number(row[`s${i}`]));

export interface CellTable {
  name: 'portals' | 'pairs' | 'categories' | 'tags';
  table: string;
  key: string;
  columns: readonly string[];
  /** Sample columns, in the order core keeps a cell's samples. */
  samples: readonly string[];
}

export const CELL_TABLES: readonly CellTable[] = [
  { name: 'portals', table: 'report_portals', key: 'portal', columns: PORTAL_SUM_FIELDS.map(column), samples: ['active_minutes', 'wait_minutes'] },
  { name: 'pairs', table: 'report_pairs', key: 'pair', columns: PAIR_SUM_FIELDS.map(column), samples: [] },
  { name: 'categories', table: 'report_categories', key: 'category', columns: CATEGORY_SUM_FIELDS.map(column), samples: ['portals'] },
  { name: 'tags', table: 'report_tags', key: 'tag', columns: TAG_SUM_FIELDS.map(column), samples: ['active_minutes'] },
];

const POP_COLUMNS = POPULATION_SUM_FIELDS.map(column);

export async function populationGroups(db: Queryable, range: WeekRangeQuery): Promise<GroupRow[]> {
  const { rows } = await db.query<Record<string, unknown>>(
    `SELECT week, level, province, region, count(*)::int AS n, ${sumsOf(POP_COLUMNS)}
       FROM reports WHERE outlier IS NULL AND week BETWEEN $1 AND $2 GROUP BY week, level, province, region`,
    [range.from, range.to],
  );
  return rows.map((r) => ({
    week: String(r.week),
    level: String(r.level),
    province: String(r.province),
    region: String(r.region),
    n: Number(r.n),
    sums: readSums(r, POP_COLUMNS.length),
  }));
}

/** Sets: 0 by week, 1 by level, 2 by region (overall and provinces are unions of these). */
export async function populationHistograms(db: Queryable, range: WeekRangeQuery): Promise<HistogramRow[]> {
  const { rows } = await db.query<Record<string, unknown>>(
    `SELECT GROUPING(week, level, region)::int AS g, coalesce(week, level, region) AS key, active_minutes AS v, count(*)::int AS n
       FROM reports WHERE outlier IS NULL AND week BETWEEN $1 AND $2
      GROUP BY GROUPING SETS ((week, active_minutes), (level, active_minutes), (region, active_minutes))`,
    [range.from, range.to],
  );
  const setOf: Record<number, number> = { 3: 0, 5: 1, 6: 2 };
  return rows.map((r) => ({ set: setOf[Number(r.g)]!, key: String(r.key), value: Number(r.v), n: Number(r.n) }));
}

export async function reportsInRange(db: Queryable, range: WeekRangeQuery): Promise<{ all: number; outliers: number }> {
  const { rows } = await db.query<{ all: number; outliers: number }>(
    `SELECT count(*)::int AS all, count(outlier)::int AS outliers FROM reports WHERE week BETWEEN $1 AND $2`,
    [range.from, range.to],
  );
  return rows[0] ?? { all: 0, outliers: 0 };
}

export async function cellWeeks(db: Queryable, t: CellTable, range: WeekRangeQuery): Promise<CellWeekRow[]> {
  const { rows } = await db.query<Record<string, unknown>>(
    `SELECT ${t.key} AS key, week, count(*)::int AS n, ${sumsOf(t.columns)} FROM ${t.table}
      WHERE week BETWEEN $1 AND $2 GROUP BY ${t.key}, week`,
    [range.from, range.to],
  );
  return rows.map((r) => ({ key: String(r.key), week: String(r.week), n: Number(r.n), sums: readSums(r, t.columns.length) }));
}

export async function cellHistograms(db: Queryable, t: CellTable, range: WeekRangeQuery): Promise<HistogramRow[]> {
  if (t.samples.length === 0) return [];
  const sets = t.samples.map((c) => `(${t.key}, ${c})`).join(', ');
  const value = t.samples.length === 1 ? t.samples[0]! : `coalesce(${t.samples.join(', ')})`;
  const grouping = t.samples.length === 1 ? '0' : `GROUPING(${t.samples.join(', ')})::int`;
  const { rows } = await db.query<Record<string, unknown>>(
    `SELECT ${grouping} AS g, ${t.key} AS key, ${value} AS v, count(*)::int AS n FROM ${t.table}
      WHERE week BETWEEN $1 AND $2 GROUP BY GROUPING SETS (${sets})`,
    [range.from, range.to],
  );
  // With two samples, GROUPING(a, b) is 1 when only a is grouped (a's set) and 2 when only b is.
  const setOf = (g: number) => (t.samples.length === 1 ? 0 : g === 1 ? 0 : 1);
  return rows.map((r) => ({ set: setOf(Number(r.g)), key: String(r.key), value: Number(r.v), n: Number(r.n) }));
}

export interface MemberRow {
  key: string;
  reportId: string;
  week: string;
  level: string;
  province: string;
  region: string;
}

/** The reports behind a few (small) cells: only these need their real identity for the suppression. */
export async function cellMembers(db: Queryable, t: CellTable, keys: readonly string[], range: WeekRangeQuery): Promise<MemberRow[]> {
  if (keys.length === 0) return [];
  const { rows } = await db.query<Record<string, unknown>>(
    `SELECT c.${t.key} AS key, r.report_id, r.week, r.level, r.province, r.region
       FROM ${t.table} c JOIN reports r ON r.report_id = c.report_id
      WHERE c.${t.key} = ANY($3::text[]) AND c.week BETWEEN $1 AND $2`,
    [range.from, range.to, keys],
  );
  return rows.map((r) => ({
    key: String(r.key),
    reportId: String(r.report_id),
    week: String(r.week),
    level: String(r.level),
    province: String(r.province),
    region: String(r.region),
  }));
}
