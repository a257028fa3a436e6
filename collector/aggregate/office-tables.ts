/**
 * GET /v1/aggregates: the office tables for a week range, from SQL counts, sums and histograms, finished and
 * suppressed by core's own code (aggregateCells, suppressSmallCells) — the office page's code path after its
 * per-report loop.
 *
 * Core's suppression reasons over the cadre-weeks behind each cell. The collector numbers the range's counted
 * reports 0 … N−1, grouped by (week, level, province, region), and gives each cell a member list such that:
 * - per-week counts are exact for every cell, so people (busiest week) and cadre-weeks are exact;
 * - population breakdowns (weeks, levels, provinces, regions) get their exact members: they are unions of those
 *   groups, which is all the differencing guard looks at;
 * - portal, pair, category and tag cells with fewer than k people get their real reports' numbers (read from the
 *   database for those few cells only); larger cells get the first indices of each of their weeks. A union of
 *   cells that holds a cell of ≥ k people has ≥ k people whoever its members are, so the complement rule — the
 *   only place these lists meet — decides as it would on the real lists.
 */
import { aggregateCells, type AggregateCells, type CellAccumulator } from '../../core/office/aggregate';
import { UNSPECIFIED } from '../../core/office/figures';
import { effectiveK, suppressSmallCells, type OfficeTables } from '../../core/office/suppression';
import type { Queryable } from '../db/database';
import {
  CELL_TABLES,
  cellHistograms,
  cellMembers,
  cellWeeks,
  populationGroups,
  populationHistograms,
  reportsInRange,
  type HistogramRow,
  type WeekRangeQuery,
} from './cell-queries';

export interface CollectorTables extends OfficeTables {
  /** Reports in the range left out as implausible (core's outlier rules); never listed one by one. */
  outlierCount: number;
}

type Histogram = Map<number, number>;

function addHistogram(into: Map<string, Histogram>, key: string, value: number, n: number) {
  let h = into.get(key);
  if (!h) into.set(key, (h = new Map()));
  h.set(value, (h.get(value) ?? 0) + n);
}

/** The sample a histogram compresses, ascending. */
function expand(h: Histogram | undefined): number[] {
  if (!h) return [];
  const out: number[] = [];
  for (const v of [...h.keys()].sort((a, b) => a - b)) for (let i = h.get(v)!; i > 0; i--) out.push(v);
  return out;
}

function histogramsBySet(rows: readonly HistogramRow[], sets: number): Map<string, Histogram>[] {
  const out = Array.from({ length: sets }, () => new Map<string, Histogram>());
  for (const r of rows) addHistogram(out[r.set]!, r.key, r.value, r.n);
  return out;
}

const provinceOfRegion = (region: string) => (region === UNSPECIFIED ? UNSPECIFIED : region.slice(0, 2));
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export async function officeTables(db: Queryable, range: WeekRangeQuery, options: { k?: number; headcount?: number }): Promise<CollectorTables> {
  const k = effectiveK(options.k);
  const [groups, popHist, counts, ...perTable] = await Promise.all([
    populationGroups(db, range),
    populationHistograms(db, range),
    reportsInRange(db, range),
    ...CELL_TABLES.map(async (t) => ({ weeks: await cellWeeks(db, t, range), hist: await cellHistograms(db, t, range) })),
  ]);

  groups.sort((x, y) => compare(x.week, y.week) || compare(x.level, y.level) || compare(x.province, y.province) || compare(x.region, y.region));
  const weeks = [...new Set(groups.map((g) => g.week))];
  const weekIndex = new Map(weeks.map((w, i) => [w, i]));
  const N = groups.reduce((n, g) => n + g.n, 0);
  const reportWeek = new Int32Array(N);
  const weekStart = new Int32Array(weeks.length);
  const groupStart = new Map<string, { start: number; next: number }>();
  const groupKey = (week: string, level: string, region: string) => `${week}\u0000${level}\u0000${region}`;

  const popFieldCount = groups[0]?.sums.length ?? 0;
  const popCell = (): { members: number[]; sums: Float64Array; samples: number[][] } => ({
    members: [],
    sums: new Float64Array(popFieldCount),
    samples: [[]],
  });
  const overall = popCell();
  const byWeek = new Map<string, ReturnType<typeof popCell>>();
  const byLevel = new Map<string, ReturnType<typeof popCell>>();
  const byProvince = new Map<string, ReturnType<typeof popCell>>();
  const byRegion = new Map<string, ReturnType<typeof popCell>>();
  const cellOf = (map: Map<string, ReturnType<typeof popCell>>, key: string) => map.get(key) ?? map.set(key, popCell()).get(key)!;

  let offset = 0;
  let lastWeek = -1;
  for (const g of groups) {
    const w = weekIndex.get(g.week)!;
    if (w !== lastWeek) weekStart[w] = offset;
    lastWeek = w;
    groupStart.set(groupKey(g.week, g.level, g.region), { start: offset, next: offset });
    for (const cell of [overall, cellOf(byWeek, g.week), cellOf(byLevel, g.level), cellOf(byProvince, g.province), cellOf(byRegion, g.region)]) {
      for (let i = 0; i < g.n; i++) cell.members.push(offset + i);
      for (let j = 0; j < popFieldCount; j++) cell.sums[j]! += g.sums[j]!;
    }
    reportWeek.fill(w, offset, offset + g.n);
    offset += g.n;
  }
  if (popFieldCount === 0) overall.sums = new Float64Array(18);

  const [histWeek, histLevel, histRegion] = histogramsBySet(popHist, 3) as [Map<string, Histogram>, Map<string, Histogram>, Map<string, Histogram>];
  const histOverall: Histogram = new Map();
  for (const h of histWeek.values()) for (const [v, n] of h) histOverall.set(v, (histOverall.get(v) ?? 0) + n);
  const histProvince = new Map<string, Histogram>();
  for (const [region, h] of histRegion) for (const [v, n] of h) addHistogram(histProvince, provinceOfRegion(region), v, n);
  overall.samples[0] = expand(histOverall);
  for (const [key, cell] of byWeek) cell.samples[0] = expand(histWeek.get(key));
  for (const [key, cell] of byLevel) cell.samples[0] = expand(histLevel.get(key));
  for (const [key, cell] of byProvince) cell.samples[0] = expand(histProvince.get(key));
  for (const [key, cell] of byRegion) cell.samples[0] = expand(histRegion.get(key));

  // Non-population cells: exact per-week counts; real members only where the cell is small.
  const assigned = new Map<string, number>();
  const indexOfReport = (reportId: string, week: string, level: string, region: string): number => {
    let i = assigned.get(reportId);
    if (i === undefined) {
      const g = groupStart.get(groupKey(week, level, region))!;
      i = g.next++;
      assigned.set(reportId, i);
    }
    return i;
  };
  const tableCells: Map<string, CellAccumulator>[] = [];
  for (const [t, table] of CELL_TABLES.entries()) {
    const { weeks: rows, hist } = perTable[t]!;
    const perCell = new Map<string, { perWeek: Map<number, number>; sums: Float64Array }>();
    for (const r of rows) {
      const w = weekIndex.get(r.week);
      if (w === undefined) continue;
      let c = perCell.get(r.key);
      if (!c) perCell.set(r.key, (c = { perWeek: new Map(), sums: new Float64Array(table.columns.length) }));
      c.perWeek.set(w, (c.perWeek.get(w) ?? 0) + r.n);
      for (let j = 0; j < r.sums.length; j++) c.sums[j]! += r.sums[j]!;
    }
    const small = [...perCell].filter(([, c]) => Math.max(...c.perWeek.values()) < k).map(([key]) => key);
    const realMembers = new Map<string, number[]>();
    for (const m of await cellMembers(db, table, small, range)) {
      const list = realMembers.get(m.key) ?? realMembers.set(m.key, []).get(m.key)!;
      list.push(indexOfReport(m.reportId, m.week, m.level, m.region));
    }
    const samples = histogramsBySet(hist, table.samples.length);
    const cells = new Map<string, CellAccumulator>();
    for (const [key, c] of perCell) {
      let members: Int32Array;
      const real = realMembers.get(key);
      if (real) members = Int32Array.from(real).sort();
      else {
        members = new Int32Array([...c.perWeek.values()].reduce((a, b) => a + b, 0));
        let at = 0;
        for (const [w, n] of [...c.perWeek].sort((a, b) => a[0] - b[0])) for (let i = 0; i < n; i++) members[at++] = weekStart[w]! + i;
      }
      cells.set(key, { members, sums: c.sums, samples: samples.map((s) => expand(s.get(key))) });
    }
    tableCells.push(cells);
  }

  const cells: AggregateCells = {
    weeks,
    reportWeek,
    reportsInRange: counts.all,
    outliers: [],
    overall,
    byWeek,
    byLevel,
    byProvince,
    byRegion,
    byPortal: tableCells[0]!,
    byPair: tableCells[1]!,
    byCategory: tableCells[2]!,
    byTag: tableCells[3]!,
  };
  const aggregate = aggregateCells(cells, { weeks: range, headcount: options.headcount });
  return { ...suppressSmallCells(aggregate, { k }), outlierCount: counts.outliers };
}
