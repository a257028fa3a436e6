/**
 * The cells of each ISO week of a range, from the SQL rows grouped by week: what core's suppression of one week's
 * view reasons over (issue 14: each week is suppressed on its own, as on the office page).
 *
 * A week's counted reports are numbered 0 … n−1, grouped by (level, province, region), and each cell gets a member
 * list such that:
 * - counts are exact for every cell, so people and cadre-weeks are exact;
 * - population breakdowns (levels, provinces, regions) get their exact members: they are unions of those groups,
 *   which is all the differencing guard looks at;
 * - portal, pair, category and tag cells with fewer than k people that week get their real reports' numbers (read
 *   from the database for those few slices only); larger cells get the week's first indices. A union of cells
 *   that holds a cell of ≥ k people has ≥ k people whoever its members are, so the complement rule — the only
 *   place these lists meet — decides as it would on the real lists, at k and at every step of the chain below it.
 */
import { CELL_TABLES, type CellWeekRow, type GroupRow, type MemberRow } from './cell-queries';

export interface WeekCell {
  /** Indices of the week's counted reports, 0-based within the week. */
  members: Int32Array;
  sums: Float64Array;
}

export interface WeekCells {
  week: string;
  /** Counted reports (outliers left out). */
  size: number;
  /** Reports of the week, outliers included, and how many of them are outliers. */
  reports: number;
  outliers: number;
  overall: WeekCell;
  levels: Map<string, WeekCell>;
  provinces: Map<string, WeekCell>;
  regions: Map<string, WeekCell>;
  /** In CELL_TABLES order. */
  tables: Map<string, WeekCell>[];
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
/**
 * 0 … n−1 as a view of one shared array, grown as needed: a week's cells read their members and never change
 * them, and most cells are such a prefix, so a million reports do not cost a million-entry array per cell.
 */
let identity = new Int32Array(0);
function range(start: number, n: number): Int32Array {
  if (identity.length < start + n) {
    identity = new Int32Array(Math.max(start + n, 2 * identity.length));
    for (let i = 0; i < identity.length; i++) identity[i] = i;
  }
  return identity.subarray(start, start + n);
}

function concat(lists: readonly Int32Array[]): Int32Array {
  const out = new Int32Array(lists.reduce((n, l) => n + l.length, 0));
  let at = 0;
  for (const l of lists) out.set(l, (at += l.length) - l.length);
  return out;
}

/** Population cells of one week from its groups, numbering the reports group by group. */
function populationCells(week: string, groups: readonly GroupRow[], fieldCount: number) {
  groups = [...groups].sort((x, y) => compare(x.level, y.level) || compare(x.province, y.province) || compare(x.region, y.region));
  const starts = new Map<string, { next: number }>();
  const parts = { levels: new Map<string, Int32Array[]>(), provinces: new Map<string, Int32Array[]>(), regions: new Map<string, Int32Array[]>() };
  const sums = { levels: new Map<string, Float64Array>(), provinces: new Map<string, Float64Array>(), regions: new Map<string, Float64Array>() };
  const overallSums = new Float64Array(fieldCount);
  let offset = 0;
  for (const g of groups) {
    starts.set(`${g.level}\u0000${g.region}`, { next: offset });
    const members = range(offset, g.n);
    for (const [name, key] of [['levels', g.level], ['provinces', g.province], ['regions', g.region]] as const) {
      (parts[name].get(key) ?? parts[name].set(key, []).get(key)!).push(members);
      const s = sums[name].get(key) ?? sums[name].set(key, new Float64Array(fieldCount)).get(key)!;
      for (let j = 0; j < fieldCount; j++) s[j]! += g.sums[j]!;
    }
    for (let j = 0; j < fieldCount; j++) overallSums[j]! += g.sums[j]!;
    offset += g.n;
  }
  const cells = (name: keyof typeof parts) => new Map([...parts[name]].map(([key, lists]) => [key, { members: concat(lists), sums: sums[name].get(key)! }]));
  return {
    week,
    size: offset,
    overall: { members: range(0, offset), sums: overallSums },
    levels: cells('levels'),
    provinces: cells('provinces'),
    regions: cells('regions'),
    /** The next free index of a report of (level, region), for the real members of small cells. */
    groupStart: (level: string, region: string) => starts.get(`${level}\u0000${region}`)!,
  };
}

/**
 * Every week of the range that holds a report (outlier-only weeks included, as the office page lists them),
 * ascending. `cellRows[t]` and `members[t]` are CELL_TABLES[t]'s rows and its small slices' reports.
 */
export function weekCells(
  groups: readonly GroupRow[],
  counts: readonly { week: string; all: number; outliers: number }[],
  cellRows: readonly (readonly CellWeekRow[])[],
  members: readonly (readonly MemberRow[])[],
  populationFieldCount: number,
): Map<string, WeekCells> {
  const groupsOf = new Map<string, GroupRow[]>();
  for (const g of groups) (groupsOf.get(g.week) ?? groupsOf.set(g.week, []).get(g.week)!).push(g);
  const out = new Map<string, WeekCells>();
  const weeks = [...counts].sort((x, y) => compare(x.week, y.week));
  const population = new Map(weeks.map((c) => [c.week, populationCells(c.week, groupsOf.get(c.week) ?? [], populationFieldCount)]));
  const assigned = new Map<string, number>();
  const indexOf = (m: MemberRow) => {
    let i = assigned.get(m.reportId);
    if (i === undefined) assigned.set(m.reportId, (i = population.get(m.week)!.groupStart(m.level, m.region).next++));
    return i;
  };
  const tables = CELL_TABLES.map((table, t) => {
    const real = new Map<string, number[]>();
    for (const m of members[t]!) {
      const key = `${m.week}\n${m.key}`;
      (real.get(key) ?? real.set(key, []).get(key)!).push(indexOf(m));
    }
    const byWeek = new Map<string, Map<string, WeekCell>>();
    for (const r of cellRows[t]!) {
      const cells = byWeek.get(r.week) ?? byWeek.set(r.week, new Map()).get(r.week)!;
      const listed = real.get(`${r.week}\n${r.key}`);
      cells.set(r.key, { members: listed ? Int32Array.from(listed).sort() : range(0, r.n), sums: Float64Array.from(r.sums) });
    }
    return byWeek;
  });
  for (const c of weeks) {
    const { groupStart: _, ...cells } = population.get(c.week)!;
    out.set(c.week, { ...cells, reports: c.all, outliers: c.outliers, tables: tables.map((byWeek) => byWeek.get(c.week) ?? new Map()) });
  }
  return out;
}
