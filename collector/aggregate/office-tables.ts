/**
 * GET /v1/aggregates: the office tables for a week range, built as the office page builds them
 * (core/office/view-tables.ts), so that no two requests — two week ranges, two values of k — can be subtracted to
 * single out a cadre-week (issue 14, issue 15 item 3):
 *
 * 1. SQL, grouped by week once: counts and sums per population group and per cell (cell-queries.ts), and the real
 *    reports of the few slices with fewer than k people that week.
 * 2. Week views: each week's cells (week-cells.ts) go through core's own chain, suppressWeekView — suppressed at
 *    MIN_K … k, each step keeping hidden what the one below hid. Counts decide what a view shows; its figures are
 *    not read, so no distributions are fetched for them.
 * 3. SQL again, only for what is shown: value histograms over the slices the week views let through
 *    (selectShownSlices), so a range's medians and percentiles are taken over the weeks that count.
 * 4. Core composes the range (composeRangeTables) from the week views and the aggregate of the shown slices.
 * A range of one week is that week's view, computed with its distributions.
 *
 * Week views are rebuilt for every request rather than kept: they are a few milliseconds of counting per week,
 * and a cache would need to hear of every stored or replaced report (the ingest path) to stay right.
 */
import { aggregateCells, type SliceTable } from '../../core/office/aggregate';
import { POPULATION_SUM_FIELDS } from '../../core/office/figures';
import { effectiveK, type OfficeTables } from '../../core/office/suppression';
import { composeRangeTables, selectShownSlices, suppressWeekView, type RangeSelection } from '../../core/office/view-tables';
import type { Queryable } from '../db/database';
import {
  CELL_TABLES,
  cellHistograms,
  cellMembers,
  cellWeeks,
  noSlices,
  populationGroups,
  populationHistograms,
  reportsByWeek,
  type PopulationSlices,
  type Slices,
  type WeekRangeQuery,
} from './cell-queries';
import { addHistograms, POPULATION_SETS, rangeCells, type SampleHistograms, type WeekPart } from './range-cells';
import { weekCells, type WeekCells } from './week-cells';

export interface CollectorTables extends OfficeTables {
  /** Reports in the range left out as implausible (core's outlier rules); never listed one by one. */
  outlierCount: number;
}

interface SliceRequest {
  population: PopulationSlices;
  /** In CELL_TABLES order. */
  tables: Slices[];
}

const everything = () => true;

function push(s: Slices, week: string, key: string) {
  s.weeks.push(week);
  s.keys.push(key);
}

/** Every slice of one week: a single-week range shows its own view, figures and all. */
function allSlicesOf(c: WeekCells): SliceRequest {
  const population = { counted: [c.week], levels: noSlices(), provinces: noSlices(), regions: noSlices() };
  for (const name of ['levels', 'provinces', 'regions'] as const) for (const key of c[name].keys()) push(population[name], c.week, key);
  return { population, tables: c.tables.map((cells) => ({ weeks: [...cells.keys()].map(() => c.week), keys: [...cells.keys()] })) };
}

function shownSlicesOf(selection: RangeSelection): SliceRequest {
  const of = (table: SliceTable) => {
    const s = noSlices();
    for (const [week, keys] of selection.shown.get(table)!) for (const key of keys) push(s, week, key);
    return s;
  };
  return {
    population: { counted: [...selection.counted], levels: of('levels'), provinces: of('provinces'), regions: of('regions') },
    tables: CELL_TABLES.map((t) => of(t.name)),
  };
}

async function histograms(db: Queryable, range: WeekRangeQuery, slices: SliceRequest): Promise<SampleHistograms> {
  const [population, ...tables] = await Promise.all([
    populationHistograms(db, range, slices.population),
    ...CELL_TABLES.map((t, i) => cellHistograms(db, t, range, slices.tables[i]!)),
  ]);
  const out: SampleHistograms = new Map();
  addHistograms(out, population, (set) => [POPULATION_SETS[set]!, 0]);
  CELL_TABLES.forEach((t, i) => addHistograms(out, tables[i]!, (set) => [t.name, set]));
  return out;
}

export async function officeTables(db: Queryable, range: WeekRangeQuery, options: { k?: number; headcount?: number }): Promise<CollectorTables> {
  const k = effectiveK(options.k);
  const [groups, counts, ...cellRows] = await Promise.all([
    populationGroups(db, range),
    reportsByWeek(db, range),
    ...CELL_TABLES.map((t) => cellWeeks(db, t, range)),
  ]);
  const small = cellRows.map((rows) => {
    const s = noSlices();
    for (const r of rows) if (r.n < k) push(s, r.week, r.key);
    return s;
  });
  const members = await Promise.all(CELL_TABLES.map((t, i) => cellMembers(db, t, small[i]!, range)));
  const byWeek = weekCells(groups, counts, cellRows, members, POPULATION_SUM_FIELDS.length);
  const weeks = [...byWeek.keys()];
  const outlierCount = counts.reduce((n, c) => n + c.outliers, 0);
  const finish = (parts: WeekPart[], samples: SampleHistograms, weekRange?: WeekRangeQuery) =>
    aggregateCells(rangeCells(parts, samples), { weeks: weekRange, headcount: options.headcount });

  if (weeks.length <= 1) {
    const only = byWeek.get(weeks[0] ?? '');
    const samples = only ? await histograms(db, range, allSlicesOf(only)) : new Map();
    const view = suppressWeekView(() => finish(only ? [{ cells: only, include: everything }] : [], samples, range), k);
    return { ...view, range: { ...range }, outlierCount };
  }

  const perWeek = new Map(weeks.map((w) => [w, suppressWeekView(() => finish([{ cells: byWeek.get(w)!, include: everything }], new Map(), { from: w, to: w }), k)]));
  const selection = selectShownSlices(perWeek);
  const aggregate =
    selection.counted.size === 0
      ? finish(weeks.map((w) => ({ cells: byWeek.get(w)!, include: everything })), new Map())
      : finish(
          weeks.filter((w) => selection.counted.has(w)).map((w) => ({ cells: byWeek.get(w)!, include: (table, key) => selection.include(table, key, w) })),
          await histograms(db, range, shownSlicesOf(selection)),
        );
  return { ...composeRangeTables(perWeek, aggregate, { k, ...range }), outlierCount };
}
