/**
 * Office side, step 3 (issue #8, DESIGN.md §5): from an aggregate to the tables that may be shown and exported.
 *
 * k is 10 unless the office sets it, and never below 5. Rules, applied to every table:
 * 1. Primary: a cell with fewer than k people (office-people.ts) is suppressed: it keeps its label, and loses every
 *    figure, its people and its cadre-weeks (`{ suppressed: true }`).
 * 2. Pairs: a pair is suppressed when either of its portals has fewer than k people, so a small portal is hidden
 *    wherever it appears (even if a report lists a pair without listing both its portals).
 * 3. Complement, in the portal, pair and category tables: their cells add up to population totals shown in the
 *    overall row (a report's portals add up to its totals, its categories to its entries, and a cadre-week with
 *    two portals has one pair that is all its cross-portal work), so the total minus the shown cells must not
 *    single out a small group: the suppressed cells together must hold no one or ≥ k people; otherwise the shown
 *    cell with the fewest people is suppressed too, and so on. If even all cells together hold fewer than k
 *    people, the population figures that table adds up to (SUMS_OF_POPULATION_FIGURES) are withheld (null) from
 *    the overall row and every breakdown, and listed in `withheldFigures`. Tag cells add up to nothing shown, so
 *    the tag table has primary suppression only.
 * 4. Breakdowns (weekly trends, levels, provinces, regions): the differencing guard of office-differencing.ts.
 * 5. If the whole range has fewer than k people, everything is suppressed, the overall row included.
 * Ranked tables list their shown cells in rank order and the suppressed ones after them in key order, so a
 * suppressed cell's place in the ranking does not bound its figures.
 */
import type { OfficeAggregate } from './aggregate';
import { guardDifferencing } from './differencing';
import {
  SUMS_OF_POPULATION_FIGURES,
  type AggregateRow,
  type CategoryFigures,
  type CategoryLabel,
  type LevelLabel,
  type OverallLabel,
  type PairFigures,
  type PairLabel,
  type PopulationFigures,
  type PopulationSumField,
  type PortalFigures,
  type PortalLabel,
  type ProvinceLabel,
  type RegionLabel,
  type TagFigures,
  type TagLabel,
  type WeekLabel,
} from './figures';
import type { OutlierReport } from './outliers';
import { peopleOfUnion } from './people';

export const DEFAULT_K = 10;
export const MIN_K = 5;

/** The k in force: DEFAULT_K when none (or not a number) is given, never below MIN_K, rounded up to a whole number. */
export function effectiveK(k?: number): number {
  if (k === undefined || !Number.isFinite(k)) return DEFAULT_K;
  return Math.max(MIN_K, Math.ceil(k));
}

export type ShownCell<L, F> = { key: string; label: L } & (
  | { suppressed: false; people: number; cadreWeeks: number; figures: F }
  | { suppressed: true }
);

export interface OfficeTables {
  k: number;
  range: { from: string | null; to: string | null };
  weeks: string[];
  reportsInRange: number;
  outliers: OutlierReport[];
  headcount: number | null;
  /** Population figures withheld (null) from the overall row and every breakdown, by rule 3. */
  withheldFigures: PopulationSumField[];
  /** Breakdowns withheld whole because the exact differencing check would have been too large. */
  withheldForSize: string[];
  overall: ShownCell<OverallLabel, PopulationFigures>;
  portals: ShownCell<PortalLabel, PortalFigures>[];
  pairs: ShownCell<PairLabel, PairFigures>[];
  categories: ShownCell<CategoryLabel, CategoryFigures>[];
  tags: ShownCell<TagLabel, TagFigures>[];
  weeklyTrends: ShownCell<WeekLabel, PopulationFigures>[];
  levels: ShownCell<LevelLabel, PopulationFigures>[];
  provinces: ShownCell<ProvinceLabel, PopulationFigures>[];
  regions: ShownCell<RegionLabel, PopulationFigures>[];
}

export interface SuppressionOptions {
  k?: number;
}

type AnyRow = AggregateRow<unknown, unknown>;

function compareSmallest(x: AnyRow, y: AnyRow): number {
  return x.people - y.people || x.cadreWeeks - y.cadreWeeks || (x.key < y.key ? -1 : x.key > y.key ? 1 : 0);
}

/** Rule 3 for one table; `hidden` is updated. Returns false when the table cannot hide its small cells. */
function enforceComplement(rows: readonly AnyRow[], hidden: boolean[], k: number, aggregate: OfficeAggregate): boolean {
  const weekCount = aggregate.weeks.length;
  for (;;) {
    const hiddenRows = rows.filter((_, i) => hidden[i]);
    if (hiddenRows.length === 0) return true;
    const people = peopleOfUnion(
      hiddenRows.map((r) => r.members),
      aggregate.reportWeek,
      weekCount,
    );
    if (people >= k) return true;
    let next = -1;
    rows.forEach((row, i) => {
      if (!hidden[i] && (next < 0 || compareSmallest(row, rows[next]!) < 0)) next = i;
    });
    if (next < 0) return false;
    hidden[next] = true;
  }
}

function show<L, F>(row: AggregateRow<L, F>, hidden: boolean): ShownCell<L, F> {
  return hidden
    ? { key: row.key, label: row.label, suppressed: true }
    : { key: row.key, label: row.label, suppressed: false, people: row.people, cadreWeeks: row.cadreWeeks, figures: row.figures };
}

/** Shown cells in their original (rank) order, then suppressed cells by key. */
function ranked<L, F>(rows: readonly AggregateRow<L, F>[], hidden: readonly boolean[]): ShownCell<L, F>[] {
  const shown = rows.filter((_, i) => !hidden[i]).map((r) => show(r, false));
  const suppressed = rows
    .filter((_, i) => hidden[i])
    .sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0))
    .map((r) => show(r, true));
  return [...shown, ...suppressed];
}

function withhold(figures: PopulationFigures, fields: ReadonlySet<PopulationSumField>): PopulationFigures {
  if (fields.size === 0) return figures;
  const out = { ...figures };
  for (const f of fields) out[f] = null;
  return out;
}

export function suppressSmallCells(aggregate: OfficeAggregate, options: SuppressionOptions = {}): OfficeTables {
  const k = effectiveK(options.k);
  const everything = aggregate.overall.people < k;
  const primary = (rows: readonly AnyRow[]) => rows.map((r) => everything || r.people < k);

  const withheld = new Set<PopulationSumField>();
  const complement = (rows: readonly AnyRow[], hidden: boolean[], sums: readonly PopulationSumField[]) => {
    if (!everything && !enforceComplement(rows, hidden, k, aggregate)) sums.forEach((f) => withheld.add(f));
  };
  const portalHidden = primary(aggregate.portals);
  complement(aggregate.portals, portalHidden, SUMS_OF_POPULATION_FIGURES.portals);
  const smallPortals = new Set(aggregate.portals.filter((r) => r.people < k).map((r) => r.key));
  const pairHidden = primary(aggregate.pairs).map(
    (h, i) => h || smallPortals.has(aggregate.pairs[i]!.label.a) || smallPortals.has(aggregate.pairs[i]!.label.b),
  );
  complement(aggregate.pairs, pairHidden, SUMS_OF_POPULATION_FIGURES.pairs);
  const categoryHidden = primary(aggregate.categories);
  complement(aggregate.categories, categoryHidden, SUMS_OF_POPULATION_FIGURES.categories);
  // Tag figures add up to nothing that is shown (tagged pages are a part of some portals' time), so no complement.
  const tagHidden = primary(aggregate.tags);

  const breakdowns = [
    { name: 'weeklyTrends', rows: aggregate.weeklyTrends, exact: false },
    { name: 'levels', rows: aggregate.levels, exact: true },
    { name: 'provinces', rows: aggregate.provinces, exact: true },
    { name: 'regions', rows: aggregate.regions, exact: true },
  ];
  const guarded = everything
    ? { hidden: breakdowns.map((b) => b.rows.map(() => true)), withheldForSize: [] }
    : guardDifferencing({
        breakdowns,
        hidden: breakdowns.map((b) => primary(b.rows)),
        k,
        reportCount: aggregate.overall.cadreWeeks,
        reportWeek: aggregate.reportWeek,
        weekCount: aggregate.weeks.length,
      });
  const [weekHidden, levelHidden, provinceHidden, regionHidden] = guarded.hidden as [boolean[], boolean[], boolean[], boolean[]];
  const population = <L>(rows: readonly AggregateRow<L, PopulationFigures>[], hidden: readonly boolean[]) =>
    rows.map((r, i) => show({ ...r, figures: withhold(r.figures, withheld) }, hidden[i]!));

  return {
    k,
    range: aggregate.range,
    weeks: aggregate.weeks,
    reportsInRange: aggregate.reportsInRange,
    outliers: aggregate.outliers,
    headcount: aggregate.headcount,
    withheldFigures: [...withheld],
    withheldForSize: guarded.withheldForSize,
    overall: show({ ...aggregate.overall, figures: withhold(aggregate.overall.figures, withheld) }, everything),
    portals: ranked(aggregate.portals, portalHidden),
    pairs: ranked(aggregate.pairs, pairHidden),
    categories: ranked(aggregate.categories, categoryHidden),
    tags: aggregate.tags.map((r, i) => show(r, tagHidden[i]!)),
    weeklyTrends: population(aggregate.weeklyTrends, weekHidden),
    levels: population(aggregate.levels, levelHidden),
    provinces: population(aggregate.provinces, provinceHidden),
    regions: population(aggregate.regions, regionHidden),
  };
}
