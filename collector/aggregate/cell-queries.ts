/**
 * The SQL half of the office aggregate, per ISO week (what week-summaries.ts keeps): counts and sums per cell (what
 * the week views are suppressed on) and value histograms for the distributions, each one pass over a table for
 * any number of weeks. Percentiles are then read off the histograms by core's own statistics (a histogram is the
 * sorted sample, compressed), so they equal the office page's to the last digit. Only the reports behind small
 * cells (cellMembers) are read per request.
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

/** A population group of one week: its reports (outliers included, as counted), outliers, and the counted rest. */
export interface WeekGroupRow extends GroupRow {
  all: number;
  outliers: number;
}

/** Counts and sums per (week, level, province, region) of the given weeks, one pass over their reports. */
export async function populationGroupsOf(db: Queryable, weeks: readonly string[]): Promise<WeekGroupRow[]> {
  const counted = POP_COLUMNS.map((c, i) => `(sum(${c}) FILTER (WHERE outlier IS NULL))::float8 AS s${i}`).join(', ');
  const { rows } = await db.query<Record<string, unknown>>(
    `SELECT week, level, province, region, count(*)::int AS all, count(outlier)::int AS outliers,
            (count(*) FILTER (WHERE outlier IS NULL))::int AS n, ${counted}
       FROM reports WHERE week = ANY($1::text[]) GROUP BY week, level, province, region`,
    [weeks],
  );
  return rows.map((r) => ({
    week: String(r.week),
    level: String(r.level),
    province: String(r.province),
    region: String(r.region),
    all: Number(r.all),
    outliers: Number(r.outliers),
    n: Number(r.n),
    sums: readSums(r, POP_COLUMNS.length),
  }));
}

/**
 * A value histogram of one week: `name` is 'weeks' (key = the week), a population breakdown, or a CELL_TABLES name;
 * distinct values ascending and how many samples have each. One row per histogram (arrays aggregated in SQL): a
 * week at a province's scale has ~85,000 (value, count) pairs, which as rows cost more to read than to compute.
 */
export interface WeekHistogramRow {
  week: string;
  name: string;
  set: number;
  key: string;
  values: number[];
  counts: number[];
}

/** Wraps a query of (g, week, key, v, n) rows into one row per (g, week, key) with its values and counts ascending. */
const perHistogram = (sql: string) =>
  `SELECT g, week, key, array_agg(v ORDER BY v) AS vs, array_agg(n ORDER BY v) AS ns FROM (${sql}) h GROUP BY g, week, key`;

const histogramOf = (r: Record<string, unknown>) => ({ week: String(r.week), key: String(r.key), values: (r.vs as unknown[]).map(Number), counts: (r.ns as unknown[]).map(Number) });

/**
 * Active-minute histograms of the counted reports of the given weeks, per week and per level, province and region
 * within each week, one pass. GROUPING(level, province, region) has a bit set for each column not grouped.
 */
export async function populationHistogramsOf(db: Queryable, weeks: readonly string[]): Promise<WeekHistogramRow[]> {
  const { rows } = await db.query<Record<string, unknown>>(
    perHistogram(`SELECT GROUPING(level, province, region)::int AS g, week, coalesce(level, province, region, week) AS key, active_minutes AS v, count(*)::int AS n
       FROM reports WHERE outlier IS NULL AND week = ANY($1::text[])
      GROUP BY GROUPING SETS ((week, active_minutes), (week, level, active_minutes), (week, province, active_minutes), (week, region, active_minutes))`),
    [weeks],
  );
  const nameOf: Record<number, string> = { 7: 'weeks', 3: 'levels', 5: 'provinces', 6: 'regions' };
  return rows.map((r) => ({ ...histogramOf(r), name: nameOf[Number(r.g)]!, set: 0 }));
}

export async function cellWeeksOf(db: Queryable, t: CellTable, weeks: readonly string[]): Promise<CellWeekRow[]> {
  const { rows } = await db.query<Record<string, unknown>>(
    `SELECT ${t.key} AS key, week, count(*)::int AS n, ${sumsOf(t.columns)} FROM ${t.table}
      WHERE week = ANY($1::text[]) GROUP BY ${t.key}, week`,
    [weeks],
  );
  return rows.map((r) => ({ key: String(r.key), week: String(r.week), n: Number(r.n), sums: readSums(r, t.columns.length) }));
}

/** Sample histograms of a cell table per (week, cell) of the given weeks, one pass. */
export async function cellHistogramsOf(db: Queryable, t: CellTable, weeks: readonly string[]): Promise<WeekHistogramRow[]> {
  if (t.samples.length === 0) return [];
  const sets = t.samples.map((c) => `(week, ${t.key}, ${c})`).join(', ');
  const value = t.samples.length === 1 ? t.samples[0]! : `coalesce(${t.samples.join(', ')})`;
  const grouping = t.samples.length === 1 ? '0' : `GROUPING(${t.samples.join(', ')})::int`;
  const { rows } = await db.query<Record<string, unknown>>(
    perHistogram(`SELECT ${grouping} AS g, week, ${t.key} AS key, ${value} AS v, count(*)::int AS n
       FROM ${t.table} WHERE week = ANY($1::text[]) GROUP BY GROUPING SETS (${sets})`),
    [weeks],
  );
  // With two samples, GROUPING(a, b) is 1 when only a is grouped (a's set) and 2 when only b is.
  const setOf = (g: number) => (t.samples.length === 1 ? 0 : g === 1 ? 0 : 1);
  return rows.map((r) => ({ ...histogramOf(r), name: t.name, set: setOf(Number(r.g)) }));
}

/** Slices as parallel lists: slice i is the cell `keys[i]` in week `weeks[i]` (passed to SQL as two arrays). */
export interface Slices {
  weeks: string[];
  keys: string[];
}

export const noSlices = (): Slices => ({ weeks: [], keys: [] });

export interface MemberRow {
  key: string;
  reportId: string;
  week: string;
  level: string;
  province: string;
  region: string;
}

/** The reports behind a few small slices (a cell in one week): only these need their real identity for the suppression. */
export async function cellMembers(db: Queryable, t: CellTable, slices: Slices, range: WeekRangeQuery): Promise<MemberRow[]> {
  if (slices.keys.length === 0) return [];
  const { rows } = await db.query<Record<string, unknown>>(
    `SELECT c.${t.key} AS key, r.report_id, r.week, r.level, r.province, r.region
       FROM ${t.table} c JOIN unnest($3::text[], $4::text[]) AS s(week, key) ON s.week = c.week AND s.key = c.${t.key}
       JOIN reports r ON r.report_id = c.report_id
      WHERE c.week BETWEEN $1 AND $2`,
    [range.from, range.to, slices.weeks, slices.keys],
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
