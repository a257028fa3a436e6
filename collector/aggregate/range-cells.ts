/**
 * Core's AggregateCells from week cells: one week alone (its view) or the counted weeks of a range, each slice only
 * where its week's view shows it (view-tables.ts composeRangeTables), with the samples read off histograms taken
 * over those same slices. Members are renumbered week after week, so per-week counts — all that people and
 * cadre-weeks are made of — stay exact.
 */
import type { AggregateCells, CellAccumulator, SliceTable } from '../../core/office/aggregate';
import { POPULATION_SUM_FIELDS } from '../../core/office/figures';
import { CELL_TABLES } from './cell-queries';
import { histogramId, type Histogram } from './week-summary-codec';
import type { WeekCell, WeekCells } from './week-cells';

/** Histograms by `name\nset\nkey` (histogramId), one per week that adds to the cell; name is 'weeks', a population breakdown, or a CELL_TABLES name. */
export type SampleHistograms = Map<string, Histogram[]>;

export function addHistogram(into: SampleHistograms, id: string, h: Histogram | undefined) {
  if (h) (into.get(id) ?? into.set(id, []).get(id)!).push(h);
}

/**
 * The sample the histograms compress, ascending. Several weeks' histograms are merged by counting into one array
 * over their value range (values are capped integers), falling back to a sort for an unusually wide range.
 */
function expand(histograms: readonly Histogram[] | undefined): Int32Array {
  if (!histograms || histograms.length === 0) return new Int32Array(0);
  let total = 0;
  let lo = Infinity;
  let hi = -Infinity;
  for (const h of histograms) {
    for (const n of h.counts) total += n;
    if (h.values.length === 0) continue;
    lo = Math.min(lo, h.values[0]!);
    hi = Math.max(hi, h.values[h.values.length - 1]!);
  }
  // Values are integer minutes and counts (integer columns), so 32 bits hold them, at half the memory of 64.
  const out = new Int32Array(total);
  let at = 0;
  const spread = (value: number, n: number) => {
    out.fill(value, at, at + n);
    at += n;
  };
  const spreadAll = (h: Histogram) => h.values.forEach((v, i) => spread(v, h.counts[i]!));
  if (histograms.length === 1) {
    spreadAll(histograms[0]!);
    return out;
  }
  if (hi - lo > 1 << 22) {
    histograms.forEach(spreadAll);
    return out.sort();
  }
  const dense = new Int32Array(hi - lo + 1);
  for (const h of histograms) for (let i = 0; i < h.values.length; i++) dense[h.values[i]! - lo]! += h.counts[i]!;
  dense.forEach((n, i) => n > 0 && spread(lo + i, n));
  return out;
}

export interface WeekPart {
  cells: WeekCells;
  /** Whether this week adds to the cell `key` of `table`. */
  include: (table: SliceTable, key: string) => boolean;
}

interface Building {
  lists: Int32Array[];
  sums: Float64Array;
}

function add(map: Map<string, Building>, key: string, cell: WeekCell, offset: number) {
  let b = map.get(key);
  if (!b) map.set(key, (b = { lists: [], sums: new Float64Array(cell.sums.length) }));
  let members = cell.members;
  if (offset !== 0) {
    members = new Int32Array(cell.members.length);
    for (let i = 0; i < members.length; i++) members[i] = cell.members[i]! + offset;
  }
  b.lists.push(members);
  for (let j = 0; j < cell.sums.length; j++) b.sums[j]! += cell.sums[j]!;
}

function finish(b: Building, samples: Int32Array[]): CellAccumulator {
  const members = new Int32Array(b.lists.reduce((n, l) => n + l.length, 0));
  let at = 0;
  for (const l of b.lists) {
    members.set(l, at);
    at += l.length;
  }
  return { members, sums: b.sums, samples };
}

/** `histograms` may be empty: the samples are then empty (a week view only decides what is shown, from counts). */
export function rangeCells(parts: readonly WeekPart[], histograms: SampleHistograms): AggregateCells {
  // As core's aggregate: the weeks that have a counted report.
  const used = parts.filter((p) => p.cells.size > 0);
  const weeks = used.map((p) => p.cells.week);
  const reportWeek = new Int32Array(used.reduce((n, p) => n + p.cells.size, 0));
  const population = { weeks: new Map<string, Building>(), levels: new Map<string, Building>(), provinces: new Map<string, Building>(), regions: new Map<string, Building>() };
  const overall: Building = { lists: [], sums: new Float64Array(POPULATION_SUM_FIELDS.length) };
  const tables = CELL_TABLES.map(() => new Map<string, Building>());
  let offset = 0;
  used.forEach((p, w) => {
    const c = p.cells;
    reportWeek.fill(w, offset, offset + c.size);
    add(population.weeks, c.week, c.overall, offset);
    const week = population.weeks.get(c.week)!;
    overall.lists.push(week.lists[0]!);
    for (let j = 0; j < overall.sums.length; j++) overall.sums[j]! += week.sums[j]!;
    for (const name of ['levels', 'provinces', 'regions'] as const) {
      for (const [key, cell] of c[name]) if (p.include(name, key)) add(population[name], key, cell, offset);
    }
    CELL_TABLES.forEach((t, i) => {
      for (const [key, cell] of c.tables[i]!) if (p.include(t.name, key)) add(tables[i]!, key, cell, offset);
    });
    offset += c.size;
  });

  const sampled = (name: string, count: number, key: string) => Array.from({ length: count }, (_, set) => expand(histograms.get(histogramId(name, set, key))));
  const overallHistograms = weeks.flatMap((w) => histograms.get(histogramId('weeks', 0, w)) ?? []);
  const finished = (name: string, map: Map<string, Building>, count: number) =>
    new Map([...map].map(([key, b]) => [key, finish(b, sampled(name, count, key))]));
  const [byPortal, byPair, byCategory, byTag] = CELL_TABLES.map((t, i) => finished(t.name, tables[i]!, t.samples.length));
  return {
    weeks,
    reportWeek,
    reportsInRange: parts.reduce((n, p) => n + p.cells.reports, 0),
    outliers: [],
    overall: finish(overall, [expand(overallHistograms)]),
    byWeek: finished('weeks', population.weeks, 1),
    byLevel: finished('levels', population.levels, 1),
    byProvince: finished('provinces', population.provinces, 1),
    byRegion: finished('regions', population.regions, 1),
    byPortal: byPortal!,
    byPair: byPair!,
    byCategory: byCategory!,
    byTag: byTag!,
  };
}
