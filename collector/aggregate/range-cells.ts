/**
 * Core's AggregateCells from week cells: one week alone (its view) or the counted weeks of a range, each slice only
 * where its week's view shows it (view-tables.ts composeRangeTables), with the samples read off histograms taken
 * over those same slices. Members are renumbered week after week, so per-week counts — all that people and
 * cadre-weeks are made of — stay exact.
 */
import type { AggregateCells, CellAccumulator, SliceTable } from '../../core/office/aggregate';
import { POPULATION_SUM_FIELDS } from '../../core/office/figures';
import { CELL_TABLES, type HistogramRow } from './cell-queries';
import type { WeekCell, WeekCells } from './week-cells';

type Histogram = Map<number, number>;

/** Histograms by `name\nset\nkey`; name is 'weeks', a population breakdown, or a CELL_TABLES name. */
export type SampleHistograms = Map<string, Histogram>;

export const POPULATION_SETS = ['weeks', 'levels', 'provinces', 'regions'] as const;

/** Adds `rows` to `into`; `nameOf` maps a row's set to the cell name and sample index it belongs to. */
export function addHistograms(into: SampleHistograms, rows: readonly HistogramRow[], nameOf: (set: number) => [name: string, sample: number]) {
  for (const r of rows) {
    const [name, sample] = nameOf(r.set);
    const id = `${name}\n${sample}\n${r.key}`;
    const h = into.get(id) ?? into.set(id, new Map()).get(id)!;
    h.set(r.value, (h.get(r.value) ?? 0) + r.n);
  }
}

/** The sample a histogram compresses, ascending. */
function expand(h: Histogram | undefined): number[] {
  if (!h) return [];
  const out: number[] = [];
  for (const v of [...h.keys()].sort((a, b) => a - b)) for (let i = h.get(v)!; i > 0; i--) out.push(v);
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
  b.lists.push(offset === 0 ? cell.members : cell.members.map((m) => m + offset));
  for (let j = 0; j < cell.sums.length; j++) b.sums[j]! += cell.sums[j]!;
}

function finish(b: Building, samples: number[][]): CellAccumulator {
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

  const sampled = (name: string, count: number, key: string) => Array.from({ length: count }, (_, set) => expand(histograms.get(`${name}\n${set}\n${key}`)));
  const overallHist: Histogram = new Map();
  for (const w of weeks) for (const [v, n] of histograms.get(`weeks\n0\n${w}`) ?? []) overallHist.set(v, (overallHist.get(v) ?? 0) + n);
  const finished = (name: string, map: Map<string, Building>, count: number) =>
    new Map([...map].map(([key, b]) => [key, finish(b, sampled(name, count, key))]));
  const [byPortal, byPair, byCategory, byTag] = CELL_TABLES.map((t, i) => finished(t.name, tables[i]!, t.samples.length));
  return {
    weeks,
    reportWeek,
    reportsInRange: parts.reduce((n, p) => n + p.cells.reports, 0),
    outliers: [],
    overall: finish(overall, [expand(overallHist)]),
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
