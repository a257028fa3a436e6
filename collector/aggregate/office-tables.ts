/**
 * GET /v1/aggregates: the office tables for a week range, built as the office page builds them
 * (core/office/view-tables.ts), so that no two requests — two week ranges, two values of k — can be subtracted to
 * single out a cadre-week (issue 14, issue 15 item 3):
 *
 * 1. Week summaries (week-summaries.ts): counts and sums per population group and per cell, and value histograms,
 *    per ISO week, kept in the database and recomputed for the weeks that changed since; and, read per request,
 *    the real reports of the few slices with fewer than k people that week.
 * 2. Week views: each week's cells (week-cells.ts) go through core's own chain, suppressWeekView — suppressed at
 *    MIN_K … k, each step keeping hidden what the one below hid. Counts decide what a view shows; its figures are
 *    not read, so no distributions are used for them.
 * 3. Only for what is shown: the weeks' histograms of the slices the week views let through (selectShownSlices),
 *    so a range's medians and percentiles are taken over the weeks that count.
 * 4. Core composes the range (composeRangeTables) from the week views and the aggregate of the shown slices.
 * A range of one week is that week's view, computed with its distributions.
 *
 * Week views are rebuilt for every request rather than kept: they depend on k and on the small cells' members.
 */
import { aggregateCells, type SliceTable } from '../../core/office/aggregate';
import { POPULATION_SUM_FIELDS } from '../../core/office/figures';
import { effectiveK, type OfficeTables } from '../../core/office/suppression';
import { composeRangeTables, selectShownSlices, suppressWeekView, type RangeSelection } from '../../core/office/view-tables';
import type { Database } from '../db/database';
import { CELL_TABLES, cellMembers, noSlices, type Slices, type WeekRangeQuery } from './cell-queries';
import { addHistogram, rangeCells, type SampleHistograms, type WeekPart } from './range-cells';
import { weekCells } from './week-cells';
import { histogramId, type WeekSummary } from './week-summary-codec';
import { weekSummaries } from './week-summaries';

export interface CollectorTables extends OfficeTables {
  /** Reports in the range left out as implausible (core's outlier rules); never listed one by one. */
  outlierCount: number;
}

const everything = () => true;

function push(s: Slices, week: string, key: string) {
  s.weeks.push(week);
  s.keys.push(key);
}

/** Every histogram of one week: a single-week range shows its own view, figures and all. */
function allHistogramsOf(summary: WeekSummary): SampleHistograms {
  return new Map([...summary.histograms].map(([id, h]) => [id, [h]]));
}

/** The histograms of the slices a range's week views let through, each week adding its own. */
function shownHistogramsOf(selection: RangeSelection, summaries: ReadonlyMap<string, WeekSummary>): SampleHistograms {
  const out: SampleHistograms = new Map();
  for (const week of selection.counted) {
    const id = histogramId('weeks', 0, week);
    addHistogram(out, id, summaries.get(week)?.histograms.get(id));
  }
  const tables: [SliceTable, number][] = [
    ...(['levels', 'provinces', 'regions'] as const).map((name): [SliceTable, number] => [name, 1]),
    ...CELL_TABLES.map((t): [SliceTable, number] => [t.name, t.samples.length]),
  ];
  for (const [table, sets] of tables) {
    for (const [week, keys] of selection.shown.get(table)!) {
      const histograms = summaries.get(week)?.histograms;
      for (const key of keys) {
        for (let set = 0; set < sets; set++) addHistogram(out, histogramId(table, set, key), histograms?.get(histogramId(table, set, key)));
      }
    }
  }
  return out;
}

export async function officeTables(db: Database, range: WeekRangeQuery, options: { k?: number; headcount?: number }): Promise<CollectorTables> {
  const k = effectiveK(options.k);
  let T = performance.now(); const lap = (l: string) => { const n = performance.now(); if (process.env.LAP) console.log('  ', l, (n - T).toFixed(0)); T = n; };
  const summaries = await weekSummaries(db, range);
  lap('summaries');
  const small = CELL_TABLES.map((_, t) => {
    const s = noSlices();
    for (const summary of summaries) for (const r of summary.cells[t]!) if (r.n < k) push(s, r.week, r.key);
    return s;
  });
  const members = await Promise.all(CELL_TABLES.map((t, i) => cellMembers(db, t, small[i]!, range)));
  const byWeek = weekCells(
    summaries.flatMap((s) => s.groups),
    summaries.map((s) => ({ week: s.week, all: s.all, outliers: s.outliers })),
    CELL_TABLES.map((_, t) => summaries.flatMap((s) => s.cells[t]!)),
    members,
    POPULATION_SUM_FIELDS.length,
  );
  const weeks = [...byWeek.keys()];
  lap('members+weekCells');
  const outlierCount = summaries.reduce((n, s) => n + s.outliers, 0);
  const finish = (parts: WeekPart[], samples: SampleHistograms, weekRange?: WeekRangeQuery) =>
    aggregateCells(rangeCells(parts, samples), { weeks: weekRange, headcount: options.headcount });

  if (weeks.length <= 1) {
    const only = byWeek.get(weeks[0] ?? '');
    const samples = only ? allHistogramsOf(summaries[0]!) : new Map();
    const view = suppressWeekView(() => finish(only ? [{ cells: only, include: everything }] : [], samples, range), k);
    return { ...view, range: { ...range }, outlierCount };
  }

  const perWeek = new Map(weeks.map((w) => [w, suppressWeekView(() => finish([{ cells: byWeek.get(w)!, include: everything }], new Map(), { from: w, to: w }), k)]));
  lap('perWeek');
  const selection = selectShownSlices(perWeek);
  const aggregate =
    selection.counted.size === 0
      ? finish(weeks.map((w) => ({ cells: byWeek.get(w)!, include: everything })), new Map())
      : finish(
          weeks.filter((w) => selection.counted.has(w)).map((w) => ({ cells: byWeek.get(w)!, include: (table, key) => selection.include(table, key, w) })),
          shownHistogramsOf(selection, new Map(summaries.map((s) => [s.week, s]))),
        );
  lap('aggregate');
  const o = { ...composeRangeTables(perWeek, aggregate, { k, ...range }), outlierCount };
  lap('compose');
  return o;
}
