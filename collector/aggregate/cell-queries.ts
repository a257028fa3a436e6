/**
 * The SQL half of the office aggregate: counts and sums per cell and week (what the week views are suppressed on),
 * and value histograms for the distributions over the slices a range adds up, each one pass over a table. Percentiles are then read off the histograms by core's own
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

/**
 * Slices a range may add up, as parallel lists: slice i is the cell `keys[i]` in week `weeks[i]`. Passed to SQL as
 * two arrays and joined (a hash join), so a few thousand slices cost one pass over the table.
 */
export interface Slices {
  weeks: string[];
  keys: string[];
}

export const noSlices = (): Slices => ({ weeks: [], keys: [] });

/** The population slices a range adds up: every report of the `counted` weeks, and the shown breakdown slices. */
export interface PopulationSlices {
  counted: string[];
  levels: Slices;
  provinces: Slices;
  regions: Slices;
}

/**
 * Active-minute histograms of the reports in the given slices, one pass. Sets: 0 by week (the counted weeks),
 * 1 by level, 2 by province, 3 by region — each only over the weeks in which that breakdown's cell is shown, so a
 * range's medians are taken over the weeks that count, as the office page takes them.
 */
export async function populationHistograms(db: Queryable, range: WeekRangeQuery, slices: PopulationSlices): Promise<HistogramRow[]> {
  if (slices.counted.length === 0) return [];
  const { rows } = await db.query<Record<string, unknown>>(
    `SELECT GROUPING(wk, lv, pv, rg)::int AS g, coalesce(wk, lv, pv, rg) AS key, v, count(*)::int AS n FROM (
       SELECT r.week AS wk, sl.key AS lv, sp.key AS pv, sr.key AS rg, r.active_minutes AS v
         FROM reports r
         JOIN unnest($3::text[]) AS cw(week) ON cw.week = r.week
         LEFT JOIN unnest($4::text[], $5::text[]) AS sl(week, key) ON sl.week = r.week AND sl.key = r.level
         LEFT JOIN unnest($6::text[], $7::text[]) AS sp(week, key) ON sp.week = r.week AND sp.key = r.province
         LEFT JOIN unnest($8::text[], $9::text[]) AS sr(week, key) ON sr.week = r.week AND sr.key = r.region
        WHERE r.outlier IS NULL AND r.week BETWEEN $1 AND $2) s
      GROUP BY GROUPING SETS ((wk, v), (lv, v), (pv, v), (rg, v))`,
    [range.from, range.to, slices.counted, slices.levels.weeks, slices.levels.keys, slices.provinces.weeks, slices.provinces.keys, slices.regions.weeks, slices.regions.keys],
  );
  // GROUPING(wk, lv, pv, rg) has a bit set for each column not grouped; a NULL key is the reports outside the slices.
  const setOf: Record<number, number> = { 7: 0, 11: 1, 13: 2, 14: 3 };
  return rows.filter((r) => r.key !== null).map((r) => ({ set: setOf[Number(r.g)]!, key: String(r.key), value: Number(r.v), n: Number(r.n) }));
}

/** Reports in the range per week, outliers included (they are counted, never shown), and how many are outliers. */
export async function reportsByWeek(db: Queryable, range: WeekRangeQuery): Promise<{ week: string; all: number; outliers: number }[]> {
  const { rows } = await db.query<Record<string, unknown>>(
    `SELECT week, count(*)::int AS all, count(outlier)::int AS outliers FROM reports WHERE week BETWEEN $1 AND $2 GROUP BY week`,
    [range.from, range.to],
  );
  return rows.map((r) => ({ week: String(r.week), all: Number(r.all), outliers: Number(r.outliers) }));
}

export async function cellWeeks(db: Queryable, t: CellTable, range: WeekRangeQuery): Promise<CellWeekRow[]> {
  const { rows } = await db.query<Record<string, unknown>>(
    `SELECT ${t.key} AS key, week, count(*)::int AS n, ${sumsOf(t.columns)} FROM ${t.table}
      WHERE week BETWEEN $1 AND $2 GROUP BY ${t.key}, week`,
    [range.from, range.to],
  );
  return rows.map((r) => ({ key: String(r.key), week: String(r.week), n: Number(r.n), sums: readSums(r, t.columns.length) }));
}

/** Sample histograms of a cell table over the given slices only (see populationHistograms), grouped by key. */
export async function cellHistograms(db: Queryable, t: CellTable, range: WeekRangeQuery, slices: Slices): Promise<HistogramRow[]> {
  if (t.samples.length === 0 || slices.keys.length === 0) return [];
  const sets = t.samples.map((c) => `(c.${t.key}, c.${c})`).join(', ');
  const value = t.samples.length === 1 ? `c.${t.samples[0]!}` : `coalesce(${t.samples.map((c) => `c.${c}`).join(', ')})`;
  const grouping = t.samples.length === 1 ? '0' : `GROUPING(${t.samples.map((c) => `c.${c}`).join(', ')})::int`;
  const { rows } = await db.query<Record<string, unknown>>(
    `SELECT ${grouping} AS g, c.${t.key} AS key, ${value} AS v, count(*)::int AS n
       FROM ${t.table} c JOIN unnest($3::text[], $4::text[]) AS s(week, key) ON s.week = c.week AND s.key = c.${t.key}
      WHERE c.week BETWEEN $1 AND $2 GROUP BY GROUPING SETS (${sets})`,
    [range.from, range.to, slices.weeks, slices.keys],
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
