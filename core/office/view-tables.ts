/**
 * The tables of one view of the office page — a week range, a k, a catalog, a headcount — made so that no two
 * (or more) views can be subtracted to single out a suppressed cadre-week (issue 15; DESIGN.md §5, §8 "differencing
 * guarded across every pair of views it can serve, week ranges included").
 *
 * Within one view the suppression (suppression.ts, differencing.ts) keeps every subtraction of shown cells away
 * from small groups. Across views it cannot: W01–W10 and W01–W11 are each safe, and their difference is W11's
 * one cadre. So a view is built from its single weeks:
 *
 * 1. Week view: the tables of one ISO week alone, suppressed at MIN_K, then at MIN_K + 1 keeping hidden what
 *    MIN_K hid (the `floor`), and so on up to k, so that a week's view at a higher k shows a subset of what it
 *    shows at any lower k (without the chain, views at k = 6 and k = 7 differ by groups of 5 people).
 * 2. Range view: a week adds to a cell of the range only if the cell is shown in that week's view; a week whose
 *    whole view is suppressed adds to nothing; a figure withheld in any of its weeks is withheld in the range.
 *
 * So every sum a range shows is a sum of sums its single weeks show at the same k. Single weeks hold disjoint
 * cadre-weeks, so a combination of any views' figures is a combination of single-week figures, week by week, and
 * each week view is guarded on its own: whatever ranges and values of k a reader asks for, what can be computed
 * is what the single-week views at the lowest of those k allow. The price: a cell's range figures leave out the
 * weeks in which it had too few people (the page says so), and medians are taken over the weeks that count.
 * Counts of reports (reportsInRange, outlierCount) are shown as before: they say how many reports were imported,
 * nothing about what is in them.
 */
import { aggregateReports, type AggregateOptions, type OfficeAggregate, type SliceTable } from './aggregate';
import { MIN_K, effectiveK, suppressSmallCells, withholdFigures, type OfficeTables, type ShownCell } from './suppression';
import type { WeeklyReport } from '../contracts/report-schema';
import type { AggregateRow, PopulationFigures, PopulationSumField } from './figures';

export interface ViewOptions extends Omit<AggregateOptions, 'include'> {
  k?: number;
  /**
   * Week views already built for these reports, catalog and headcount, by `week\nk`; filled as they are built.
   * The caller drops it when any of those change (the aggregation worker does).
   */
  weekCache?: Map<string, OfficeTables>;
}

/** The tables whose cells are keyed by something other than the week, in OfficeTables. */
const SLICE_TABLES: readonly SliceTable[] = ['levels', 'provinces', 'regions', 'portals', 'pairs', 'categories', 'tags'];
const RANKED: ReadonlySet<string> = new Set(['portals', 'pairs', 'categories']);

type AnyShown = ShownCell<unknown, unknown>;

/** Distinct reportIds, first copy wins, as the aggregation counts them. */
function distinct(reports: readonly WeeklyReport[]): WeeklyReport[] {
  const seen = new Set<string>();
  return reports.filter((r) => !seen.has(r.reportId) && (seen.add(r.reportId), true));
}

/** One week's views by step of the k chain (a Map<number, OfficeTables> is one). */
export interface StepCache {
  get(step: number): OfficeTables | undefined;
  set(step: number, tables: OfficeTables): unknown;
}

/**
 * Step 1: the view of one ISO week at k, suppressed at MIN_K, MIN_K + 1, … k, each step keeping hidden what the
 * step below hid. `aggregate` gives that week's aggregate alone; it is only asked for when `cache` (keyed by step)
 * lacks a step. The collector calls this on cells it builds from SQL, the office page on its reports.
 */
export function suppressWeekView(aggregate: () => OfficeAggregate, k: number, cache?: StepCache): OfficeTables {
  const cached = cache?.get(k);
  if (cached) return cached;
  let built: OfficeAggregate | undefined;
  let tables: OfficeTables | undefined;
  for (let step = MIN_K; step <= k; step++) {
    const known = cache?.get(step);
    tables = known ?? suppressSmallCells((built ??= aggregate()), step === MIN_K ? { k: step } : { k: step, floor: tables });
    cache?.set(step, tables);
  }
  return tables!;
}

/** The week cache of ViewOptions, seen as one week's cache keyed by step. */
function weekStepCache(cache: Map<string, OfficeTables> | undefined, week: string): StepCache | undefined {
  return cache && { get: (step) => cache.get(`${week}\n${step}`), set: (step, tables) => cache.set(`${week}\n${step}`, tables) };
}

/** What a range may add up, read off its week views. */
export interface RangeSelection {
  /** Weeks whose view shows its overall row; only their reports count in the range. */
  counted: ReadonlySet<string>;
  /** Per slice table, per week: the keys that week's view shows. */
  shown: ReadonlyMap<SliceTable, ReadonlyMap<string, ReadonlySet<string>>>;
  /** `shown` as aggregateReports' `include`. */
  include: (table: SliceTable, key: string, week: string) => boolean;
}

export function selectShownSlices(perWeek: ReadonlyMap<string, OfficeTables>): RangeSelection {
  const shown = new Map<SliceTable, Map<string, Set<string>>>(SLICE_TABLES.map((name) => [name, new Map()]));
  const counted = new Set<string>();
  for (const [week, tables] of perWeek) {
    if (!tables.overall.suppressed) counted.add(week);
    for (const name of SLICE_TABLES) {
      const set = new Set<string>();
      for (const c of tables[name] as readonly AnyShown[]) if (!c.suppressed) set.add(c.key);
      shown.get(name)!.set(week, set);
    }
  }
  return { counted, shown, include: (table, key, week) => shown.get(table)!.get(week)?.has(key) === true };
}

function shownCell<L, F>(row: AggregateRow<L, F>): ShownCell<L, F> {
  return { key: row.key, label: row.label, suppressed: false, people: row.people, cadreWeeks: row.cadreWeeks, figures: row.figures };
}

/**
 * The cells of a range table: the aggregate's rows (each made only of shown weekly slices, so each has ≥ k
 * people), then, suppressed, every key its weeks listed that no week let through.
 */
function composeTable<L, F>(rows: readonly AggregateRow<L, F>[], weekly: readonly (readonly ShownCell<L, F>[])[], ranked: boolean, k: number): ShownCell<L, F>[] {
  const shown = rows.filter((r) => r.people >= k).map((r) => shownCell(r));
  const have = new Set(shown.map((c) => c.key));
  const hidden = new Map<string, ShownCell<L, F>>();
  for (const cells of weekly) {
    for (const c of cells) if (!have.has(c.key) && !hidden.has(c.key)) hidden.set(c.key, { key: c.key, label: c.label, suppressed: true });
  }
  const byKey = (x: { key: string }, y: { key: string }) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0);
  const suppressed = [...hidden.values()].sort(byKey);
  if (ranked) return [...shown, ...suppressed];
  // Unranked tables keep the order of the weeks' tables (levels in LEVELS order, codes, tags in tag order).
  const order = new Map<string, number>();
  for (const cells of weekly) for (const c of cells) if (!order.has(c.key)) order.set(c.key, order.size);
  for (const c of shown) if (!order.has(c.key)) order.set(c.key, order.size);
  return [...shown, ...suppressed].sort((x, y) => order.get(x.key)! - order.get(y.key)! || byKey(x, y));
}

function withheld<L>(cells: readonly ShownCell<L, PopulationFigures>[], fields: ReadonlySet<PopulationSumField>): ShownCell<L, PopulationFigures>[] {
  return cells.map((c) => (c.suppressed ? c : { ...c, figures: withholdFigures(c.figures, fields) }));
}

/**
 * Step 2: a range of two or more weeks from its week views (`perWeek`, ascending) and `aggregate`: when some week
 * counts (selectShownSlices), the aggregate of the counted weeks' reports with each slice only where its week shows
 * it; when none does, of every report in the range (it is then all suppressed). Only the cells' figures, people
 * and cadre-weeks of `aggregate` are read, never its member lists, so the collector may number members freely.
 */
export function composeRangeTables(
  perWeek: ReadonlyMap<string, OfficeTables>,
  aggregate: OfficeAggregate,
  view: { k: number; from: string | null; to: string | null },
): OfficeTables {
  const { k, from, to } = view;
  const all = [...perWeek.values()];
  const sums = (pick: (t: OfficeTables) => number) => all.reduce((s, t) => s + pick(t), 0);
  const base = {
    k,
    range: { from, to },
    weeks: [...perWeek.keys()],
    reportsInRange: sums((t) => t.reportsInRange),
    outlierCount: sums((t) => t.outlierCount),
    headcount: all[0]!.headcount,
  };
  if (all.every((t) => t.overall.suppressed)) {
    // No week has k people, so neither has the range (people are counted by busiest week): all suppressed.
    return { ...suppressSmallCells(aggregate, { k }), ...base };
  }

  const fields = new Set(all.flatMap((t) => t.withheldFigures));
  const population = <L>(rows: readonly AggregateRow<L, PopulationFigures>[], pick: (t: OfficeTables) => readonly ShownCell<L, PopulationFigures>[]) =>
    withheld(composeTable(rows, all.map(pick), false, k), fields);

  // Outliers: per limit, the weeks in which the count was shown.
  const outliers = new Map<string, ShownCell<OfficeTables['outliers'][number]['label'], object>>();
  for (const t of all) {
    for (const c of t.outliers) {
      const prev = outliers.get(c.key);
      if (c.suppressed) {
        if (!prev) outliers.set(c.key, c);
      } else if (!prev || prev.suppressed) outliers.set(c.key, { ...c });
      else outliers.set(c.key, { ...prev, people: Math.max(prev.people, c.people), cadreWeeks: prev.cadreWeeks + c.cadreWeeks });
    }
  }

  return {
    ...base,
    withheldFigures: [...fields],
    withheldForSize: [...new Set(all.flatMap((t) => t.withheldForSize))],
    overall: withheld([shownCell(aggregate.overall)], fields)[0]!,
    portals: composeTable(aggregate.portals, all.map((t) => t.portals), RANKED.has('portals'), k),
    pairs: composeTable(aggregate.pairs, all.map((t) => t.pairs), RANKED.has('pairs'), k),
    categories: composeTable(aggregate.categories, all.map((t) => t.categories), RANKED.has('categories'), k),
    tags: composeTable(aggregate.tags, all.map((t) => t.tags), false, k),
    weeklyTrends: population(aggregate.weeklyTrends, (t) => t.weeklyTrends).sort((x, y) => (x.key < y.key ? -1 : 1)),
    levels: population(aggregate.levels, (t) => t.levels),
    provinces: population(aggregate.provinces, (t) => t.provinces),
    regions: population(aggregate.regions, (t) => t.regions),
    outliers: [...outliers.values()],
  };
}

export function buildOfficeTables(reports: readonly WeeklyReport[], options: ViewOptions = {}): OfficeTables {
  const k = effectiveK(options.k);
  const from = options.weeks?.from ?? null;
  const to = options.weeks?.to ?? null;
  const inRange = distinct(reports).filter((r) => (from === null || r.week >= from) && (to === null || r.week <= to));
  const weeks = [...new Set(inRange.map((r) => r.week))].sort();
  const byWeek = new Map<string, WeeklyReport[]>();
  for (const r of inRange) (byWeek.get(r.week) ?? byWeek.set(r.week, []).get(r.week)!).push(r);
  const weekView = (week: string) =>
    suppressWeekView(
      () => aggregateReports(byWeek.get(week) ?? [], { catalog: options.catalog, headcount: options.headcount, weeks: { from: week, to: week } }),
      k,
      weekStepCache(options.weekCache, week),
    );
  if (weeks.length <= 1) return { ...weekView(weeks[0] ?? ''), range: { from, to } };

  const perWeek = new Map(weeks.map((w) => [w, weekView(w)]));
  const selection = selectShownSlices(perWeek);
  const aggregate =
    selection.counted.size === 0
      ? aggregateReports(inRange, { ...options, weeks: { from: weeks[0], to: weeks.at(-1) } })
      : aggregateReports(
          inRange.filter((r) => selection.counted.has(r.week)),
          { catalog: options.catalog, headcount: options.headcount, include: selection.include },
        );
  return composeRangeTables(perWeek, aggregate, { k, from, to });
}
