/**
 * Office side, step 2 (issue #8, DESIGN.md §5): aggregate stored weekly reports into the office tables.
 *
 * The result still holds every small cell and each cell's list of cadre-weeks: it is the input of the suppression
 * (office-suppression.ts) and must never be shown or exported as it is.
 *
 * Rules, in order:
 * 1. Only reports whose week lies in the chosen range (inclusive, ISO weeks) count; a reportId seen twice counts once.
 * 2. Reports past an outlier limit (office-outliers.ts) are listed in `outliers` and left out of everything else;
 *    what may be shown of them is `outlierRows`: per limit, how many reports passed it, a cell like any other.
 * 3. Every value a report adds to a cell is clipped at the contribution caps (office-outliers.ts).
 * 4. `other-1`, `other-2`, … are numbered per install, so they mean different sites in different reports: they are
 *    pooled into one row, OTHER_PORTALS_KEY, adding up a report's other-N values; a pair of two of them is dropped.
 * 5. A cell's people are its busiest week's number of reports (office-people.ts); its cadre-weeks are all its reports.
 * 6. Per-portal distributions are over the cadre-weeks whose report lists the portal.
 */
import { LEVELS, PAGE_TAGS_IN_REPORT, type EntryCategory, type PageTagInReport, type WeeklyReport } from '../contracts/report-schema';
import {
  CATEGORY_SUM_FIELDS,
  OTHER_PORTALS_KEY,
  PAIR_SUM_FIELDS,
  POPULATION_SUM_FIELDS,
  PORTAL_SUM_FIELDS,
  TAG_SUM_FIELDS,
  UNSPECIFIED,
  type AggregateRow,
  type CategoryFigures,
  type CategoryLabel,
  type LevelKey,
  type LevelLabel,
  type OutlierFigures,
  type OutlierLabel,
  type OverallLabel,
  type PairFigures,
  type PairLabel,
  type PopulationFigures,
  type PortalFigures,
  type PortalLabel,
  type ProvinceLabel,
  type RegionLabel,
  type TagFigures,
  type TagLabel,
  type WeekLabel,
} from './figures';
import { readCategory, readPair, readPopulation, readPortal, readTag } from './figure-readers';
import { capField, outlierReasons, type OutlierReport } from './outliers';
import { peopleOf } from './people';
import { distribution, median } from './statistics';

/**
 * A duplicate filing is a whole form filed again in a second portal; a form has about ten fields, so it weighs as
 * ten re-typed fields in the ranking score.
 */
export const DUPLICATE_FILING_WEIGHT = 10;
export const DUPLICATED_WORK_FORMULA =
  'duplicatedWork = crossPortalRepeats + 10 × duplicateFilings + transfers + repeatedUploads (summed over the pair’s cadre-weeks)';

export const WEEKS_PER_YEAR = 52;
/**
 * A typical cadre-week that uses the portal spends the median minutes in it; over a year the N cadres of the area
 * have 52·N cadre-weeks, of which the portal's usage share use it.
 */
export const ESTIMATED_HOURS_FORMULA =
  'estimatedPersonHoursPerYear = medianActiveMinutes / 60 × 52 × headcount × usageShare, ' +
  'where usageShare = cadre-weeks using the portal / all cadre-weeks of the range';

export interface OfficeCatalogEntry {
  id: string;
  name: string;
  department?: string;
}

export interface WeekRange {
  /** First ISO week, inclusive (`2026-W01`); none: from the first report. */
  from?: string;
  /** Last ISO week, inclusive; none: to the last report. */
  to?: string;
}

/** The tables whose cells a caller may thin out per week (see `include`). */
export type SliceTable = 'levels' | 'provinces' | 'regions' | 'portals' | 'pairs' | 'categories' | 'tags';

export interface AggregateOptions {
  weeks?: WeekRange;
  /**
   * Whether a report of `week` adds to the cell `key` of `table`; all do by default. view-tables.ts lets only the
   * weeks in which the cell was shown add to it.
   */
  include?: (table: SliceTable, key: string, week: string) => boolean;
  catalog?: readonly OfficeCatalogEntry[];
  /** Cadres the office is responsible for; turns per-portal medians into estimated person-hours a year. */
  headcount?: number;
}

export interface OfficeAggregate {
  range: { from: string | null; to: string | null };
  /** The weeks that have at least one counted report, ascending. */
  weeks: string[];
  /** For each counted cadre-week (the index used in `members`), the index of its week in `weeks`. */
  reportWeek: Int32Array;
  /** Distinct reports in the range, outliers included. */
  reportsInRange: number;
  outliers: OutlierReport[];
  /** Per outlier limit passed by at least one report: how many (people by busiest week). No member indices. */
  outlierRows: AggregateRow<OutlierLabel, OutlierFigures>[];
  headcount: number | null;
  overall: AggregateRow<OverallLabel, PopulationFigures>;
  /** By total active minutes, most first. */
  portals: AggregateRow<PortalLabel, PortalFigures>[];
  /** By duplicated work, most first: the integration candidates. */
  pairs: AggregateRow<PairLabel, PairFigures>[];
  /** By repeats (same-field + cross-portal), most first. */
  categories: AggregateRow<CategoryLabel, CategoryFigures>[];
  /** In PAGE_TAGS_IN_REPORT order. */
  tags: AggregateRow<TagLabel, TagFigures>[];
  /** One row per week, ascending. */
  weeklyTrends: AggregateRow<WeekLabel, PopulationFigures>[];
  /** In LEVELS order, then unspecified. */
  levels: AggregateRow<LevelLabel, PopulationFigures>[];
  /** By code, then unspecified. */
  provinces: AggregateRow<ProvinceLabel, PopulationFigures>[];
  /** By code, then unspecified. */
  regions: AggregateRow<RegionLabel, PopulationFigures>[];
}

interface Accumulator {
  members: number[];
  sums: Float64Array;
  /** Per-cadre-week values for the distributions. */
  samples: number[][];
}

/**
 * One cell before its figures are worked out: its cadre-weeks, its sums in the order of its *_SUM_FIELDS list, and
 * its per-cadre-week samples (population cells: active minutes; portals: active then waiting minutes; categories:
 * portals; tags: active minutes). The collector (collector/aggregate/) fills these from SQL for the same finishing.
 */
export interface CellAccumulator {
  members: ArrayLike<number>;
  sums: Float64Array;
  samples: ArrayLike<number>[];
}

/** Every cell of a range, ready for `aggregateCells`; `overall` holds every counted cadre-week. */
export interface AggregateCells {
  weeks: string[];
  reportWeek: Int32Array;
  reportsInRange: number;
  outliers: OutlierReport[];
  overall: CellAccumulator;
  byWeek: ReadonlyMap<string, CellAccumulator>;
  byLevel: ReadonlyMap<string, CellAccumulator>;
  byProvince: ReadonlyMap<string, CellAccumulator>;
  byRegion: ReadonlyMap<string, CellAccumulator>;
  byPortal: ReadonlyMap<string, CellAccumulator>;
  byPair: ReadonlyMap<string, CellAccumulator>;
  byCategory: ReadonlyMap<string, CellAccumulator>;
  byTag: ReadonlyMap<string, CellAccumulator>;
}

function accumulator(fieldCount: number, sampleCount: number): Accumulator {
  return { members: [], sums: new Float64Array(fieldCount), samples: Array.from({ length: sampleCount }, () => []) };
}

function entry(map: Map<string, Accumulator>, key: string, fieldCount: number, sampleCount: number): Accumulator {
  let acc = map.get(key);
  if (!acc) {
    acc = accumulator(fieldCount, sampleCount);
    map.set(key, acc);
  }
  return acc;
}

function portalKey(portal: string): string {
  return portal.startsWith('other-') && /^other-\d+$/.test(portal) ? OTHER_PORTALS_KEY : portal;
}

/** The caps of a list of fields, in the same order. */
function capsOf(fields: readonly string[]): Float64Array {
  return Float64Array.from(fields, (f) => capField(f, Infinity));
}

const POPULATION_CAPS = capsOf(POPULATION_SUM_FIELDS);
const PORTAL_CAPS = capsOf(PORTAL_SUM_FIELDS);
const PAIR_CAPS = capsOf(PAIR_SUM_FIELDS);
const CATEGORY_CAPS = capsOf(CATEGORY_SUM_FIELDS);
const TAG_CAPS = capsOf(TAG_SUM_FIELDS);
const PORTAL_MINUTES = PORTAL_SUM_FIELDS.indexOf('activeMinutes');
const PORTAL_WAIT = PORTAL_SUM_FIELDS.indexOf('waitMinutes');

/** Adds one report's values (already summed over pooled ids) to `acc`, clipping each at its cap. */
function addValues(acc: Accumulator, report: number, caps: Float64Array, values: ArrayLike<number>): void {
  acc.members.push(report);
  const sums = acc.sums;
  for (let j = 0; j < caps.length; j++) sums[j]! += Math.min(values[j]!, caps[j]!);
}

function ratio(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}

function sumsRecord<F extends string>(fields: readonly F[], sums: Float64Array): Record<F, number> {
  const out = {} as Record<F, number>;
  fields.forEach((f, j) => (out[f] = sums[j]!));
  return out;
}

function compareCodes(a: string, b: string): number {
  if (a === b) return 0;
  if (a === UNSPECIFIED) return 1;
  if (b === UNSPECIFIED) return -1;
  return a < b ? -1 : 1;
}

export function aggregateReports(reports: readonly WeeklyReport[], options: AggregateOptions = {}): OfficeAggregate {
  const from = options.weeks?.from ?? null;
  const to = options.weeks?.to ?? null;

  // 1 and 2: range, duplicates, outliers.
  const seen = new Set<string>();
  const included: WeeklyReport[] = [];
  const outliers: OutlierReport[] = [];
  for (const report of reports) {
    if ((from !== null && report.week < from) || (to !== null && report.week > to)) continue;
    if (seen.has(report.reportId)) continue;
    seen.add(report.reportId);
    const reasons = outlierReasons(report);
    if (reasons.length > 0) outliers.push({ reportId: report.reportId, week: report.week, reasons });
    else included.push(report);
  }
  const weeks = [...new Set(included.map((r) => r.week))].sort();
  const weekIndex = new Map(weeks.map((w, i) => [w, i]));
  const reportWeek = Int32Array.from(included, (r) => weekIndex.get(r.week)!);

  const P = POPULATION_SUM_FIELDS.length;
  const overallAcc = accumulator(P, 1);
  const byWeek = new Map<string, Accumulator>();
  const byLevel = new Map<string, Accumulator>();
  const byProvince = new Map<string, Accumulator>();
  const byRegion = new Map<string, Accumulator>();
  const byPortal = new Map<string, Accumulator>();
  const byPair = new Map<string, Accumulator>();
  const byCategory = new Map<string, Accumulator>();
  const byTag = new Map<string, Accumulator>();

  const totalsValues = new Float64Array(P);
  const portalValues = new Float64Array(PORTAL_SUM_FIELDS.length);
  const pooledPortal = new Float64Array(PORTAL_SUM_FIELDS.length);
  const pairValues = new Float64Array(PAIR_SUM_FIELDS.length);
  const categoryValues = new Float64Array(CATEGORY_SUM_FIELDS.length);
  const tagValues = new Float64Array(TAG_SUM_FIELDS.length);

  const include = options.include;
  const counts = (table: SliceTable, key: string, week: string) => include === undefined || include(table, key, week);
  let currentWeek = '';

  const addPortal = (i: number, key: string, values: Float64Array) => {
    if (!counts('portals', key, currentWeek)) return;
    const acc = entry(byPortal, key, PORTAL_SUM_FIELDS.length, 2);
    addValues(acc, i, PORTAL_CAPS, values);
    acc.samples[0]!.push(Math.min(values[PORTAL_MINUTES]!, PORTAL_CAPS[PORTAL_MINUTES]!));
    acc.samples[1]!.push(Math.min(values[PORTAL_WAIT]!, PORTAL_CAPS[PORTAL_WAIT]!));
  };

  for (let i = 0; i < included.length; i++) {
    const report = included[i]!;
    currentWeek = report.week;
    const totals = readPopulation(report.totals, totalsValues);
    const minutes = capField('activeMinutes', report.totals.activeMinutes);
    const region = report.profile?.region;
    const week = report.week;
    const cells = [overallAcc, entry(byWeek, week, P, 1)];
    const level = report.profile?.level ?? UNSPECIFIED;
    const province = region ? region.slice(0, 2) : UNSPECIFIED;
    const regionKey = region ?? UNSPECIFIED;
    if (counts('levels', level, week)) cells.push(entry(byLevel, level, P, 1));
    if (counts('provinces', province, week)) cells.push(entry(byProvince, province, P, 1));
    if (counts('regions', regionKey, week)) cells.push(entry(byRegion, regionKey, P, 1));
    for (const acc of cells) {
      addValues(acc, i, POPULATION_CAPS, totals);
      acc.samples[0]!.push(minutes);
    }

    // Portals are unique within a report (schema), except that every other-N pools into one row: sum those first,
    // so the report is one cadre-week of the pooled row.
    let pooled = false;
    for (const p of report.portals) {
      if (portalKey(p.portal) === OTHER_PORTALS_KEY) {
        readPortal(p, portalValues);
        for (let j = 0; j < portalValues.length; j++) pooledPortal[j] = (pooled ? pooledPortal[j]! : 0) + portalValues[j]!;
        pooled = true;
      } else addPortal(i, p.portal, readPortal(p, portalValues));
    }
    if (pooled) addPortal(i, OTHER_PORTALS_KEY, pooledPortal);

    // Pairs are unique too; only a pair with an other-N side can meet another one after pooling.
    let pooledPairs: Map<string, number[]> | null = null;
    for (const q of report.pairs) {
      const ka = portalKey(q.a);
      const kb = portalKey(q.b);
      if (ka === kb) continue;
      const key = ka < kb ? `${ka}|${kb}` : `${kb}|${ka}`;
      if (ka === OTHER_PORTALS_KEY || kb === OTHER_PORTALS_KEY) {
        pooledPairs ??= new Map();
        const values = Array.from(readPair(q, pairValues));
        const prev = pooledPairs.get(key);
        pooledPairs.set(key, prev ? prev.map((v, j) => v + values[j]!) : values);
      } else if (counts('pairs', key, week)) addValues(entry(byPair, key, PAIR_SUM_FIELDS.length, 0), i, PAIR_CAPS, readPair(q, pairValues));
    }
    if (pooledPairs) {
      for (const [key, values] of pooledPairs) if (counts('pairs', key, week)) addValues(entry(byPair, key, PAIR_SUM_FIELDS.length, 0), i, PAIR_CAPS, values);
    }

    for (const c of report.categories) {
      if (!counts('categories', c.category, week)) continue;
      const acc = entry(byCategory, c.category, CATEGORY_SUM_FIELDS.length, 1);
      addValues(acc, i, CATEGORY_CAPS, readCategory(c, categoryValues));
      acc.samples[0]!.push(capField('portals', c.portals));
    }
    for (const t of report.tags) {
      if (!counts('tags', t.tag, week)) continue;
      const acc = entry(byTag, t.tag, TAG_SUM_FIELDS.length, 1);
      addValues(acc, i, TAG_CAPS, readTag(t, tagValues));
      acc.samples[0]!.push(capField('activeMinutes', t.activeMinutes));
    }
  }

  return aggregateCells(
    { weeks, reportWeek, reportsInRange: seen.size, outliers, overall: overallAcc, byWeek, byLevel, byProvince, byRegion, byPortal, byPair, byCategory, byTag },
    options,
  );
}

/** Rules 5 and 6: the figures, labels and order of every table, from its cells. */
export function aggregateCells(cells: AggregateCells, options: AggregateOptions = {}): OfficeAggregate {
  const from = options.weeks?.from ?? null;
  const to = options.weeks?.to ?? null;
  const given = options.headcount;
  const headcount = given !== undefined && Number.isFinite(given) && given > 0 ? given : null;
  const catalog = new Map((options.catalog ?? []).map((e) => [e.id, e]));
  const { weeks, reportWeek, outliers, byWeek, byLevel, byProvince, byRegion, byPortal, byPair, byCategory, byTag } = cells;
  const overallAcc = cells.overall;
  const cadreWeeksTotal = overallAcc.members.length;
  function row<L, F>(key: string, label: L, acc: CellAccumulator, figures: F): AggregateRow<L, F> {
    // The collector's cells already hold theirs as a fresh Int32Array; a row's members are only read.
    const members = acc.members instanceof Int32Array ? acc.members : Int32Array.from(acc.members);
    return { key, label, people: peopleOf(members, reportWeek, weeks.length), cadreWeeks: members.length, figures, members };
  }
  function population<L>(key: string, label: L, acc: CellAccumulator): AggregateRow<L, PopulationFigures> {
    return row(key, label, acc, { ...sumsRecord(POPULATION_SUM_FIELDS, acc.sums), medianActiveMinutes: median(acc.samples[0]!) });
  }
  const nameOf = (portal: string) => catalog.get(portal)?.name ?? null;

  const portals = [...byPortal].map(([key, acc]) => {
    const sums = sumsRecord(PORTAL_SUM_FIELDS, acc.sums);
    const minutes = distribution(acc.samples[0]!);
    const usageShare = acc.members.length / cadreWeeksTotal;
    const figures: PortalFigures = {
      ...sums,
      medianActiveMinutes: minutes.median,
      p90ActiveMinutes: minutes.p90,
      trimmedMeanActiveMinutes: minutes.trimmedMean,
      medianWaitMinutes: median(acc.samples[1]!),
      failureRate: ratio(sums.failedSubmissions, sums.submissions),
      loginOnlyShare: ratio(sums.loginOnlyVisits, sums.logins),
      usageShare,
      estimatedPersonHoursPerYear:
        headcount !== null && minutes.median !== null ? (minutes.median / 60) * WEEKS_PER_YEAR * headcount * usageShare : null,
    };
    const entryOf = catalog.get(key);
    const label: PortalLabel = { portal: key, name: entryOf?.name ?? null, department: entryOf?.department ?? null };
    return row(key, label, acc, figures);
  });
  portals.sort((x, y) => y.figures.activeMinutes - x.figures.activeMinutes || compareCodes(x.key, y.key));

  const pairs = [...byPair].map(([key, acc]) => {
    const sums = sumsRecord(PAIR_SUM_FIELDS, acc.sums);
    const duplicatedWork =
      sums.crossPortalRepeats + DUPLICATE_FILING_WEIGHT * sums.duplicateFilings + sums.transfers + sums.repeatedUploads;
    const [a, b] = key.split('|') as [string, string];
    return row<PairLabel, PairFigures>(key, { a, b, aName: nameOf(a), bName: nameOf(b) }, acc, { ...sums, duplicatedWork });
  });
  pairs.sort((x, y) => y.figures.duplicatedWork - x.figures.duplicatedWork || y.people - x.people || compareCodes(x.key, y.key));

  const categories = [...byCategory].map(([key, acc]) => {
    const sums = sumsRecord(CATEGORY_SUM_FIELDS, acc.sums);
    const repeats = sums.sameFieldRepeats + sums.crossPortalRepeats;
    return row<CategoryLabel, CategoryFigures>(key, { category: key as EntryCategory }, acc, {
      ...sums,
      repeats,
      repeatShare: ratio(repeats, sums.entries),
      medianPortals: median(acc.samples[0]!),
    });
  });
  categories.sort((x, y) => y.figures.repeats - x.figures.repeats || compareCodes(x.key, y.key));

  const tags = [...byTag].map(([key, acc]) =>
    row<TagLabel, TagFigures>(key, { tag: key as PageTagInReport }, acc, {
      ...sumsRecord(TAG_SUM_FIELDS, acc.sums),
      medianActiveMinutes: median(acc.samples[0]!),
    }),
  );
  const tagOrder: readonly string[] = PAGE_TAGS_IN_REPORT;
  tags.sort((x, y) => tagOrder.indexOf(x.key) - tagOrder.indexOf(y.key));

  const levelOrder: readonly string[] = [...LEVELS, UNSPECIFIED];
  const levels = [...byLevel]
    .map(([key, acc]) => population<LevelLabel>(key, { level: key as LevelKey }, acc))
    .sort((x, y) => levelOrder.indexOf(x.key) - levelOrder.indexOf(y.key));

  const byField = new Map<string, { limit: number; weeks: Map<string, number>; count: number }>();
  for (const o of outliers) {
    for (const reason of o.reasons) {
      const cell = byField.get(reason.field) ?? byField.set(reason.field, { limit: reason.limit, weeks: new Map(), count: 0 }).get(reason.field)!;
      cell.count++;
      cell.weeks.set(o.week, (cell.weeks.get(o.week) ?? 0) + 1);
    }
  }
  const outlierRows = [...byField].map(([field, cell]) => ({
    key: field,
    label: { field: field as OutlierLabel['field'], limit: cell.limit },
    people: Math.max(...cell.weeks.values()),
    cadreWeeks: cell.count,
    figures: {},
    members: new Int32Array(0),
  }));

  return {
    range: { from, to },
    weeks,
    reportWeek,
    reportsInRange: cells.reportsInRange,
    outliers,
    outlierRows,
    headcount,
    overall: population<OverallLabel>('all', {}, overallAcc),
    portals,
    pairs,
    categories,
    tags,
    weeklyTrends: weeks.map((w) => population<WeekLabel>(w, { week: w }, byWeek.get(w)!)),
    levels,
    provinces: [...byProvince]
      .map(([key, acc]) => population<ProvinceLabel>(key, { province: key }, acc))
      .sort((x, y) => compareCodes(x.key, y.key)),
    regions: [...byRegion]
      .map(([key, acc]) => population<RegionLabel>(key, { region: key }, acc))
      .sort((x, y) => compareCodes(x.key, y.key)),
  };
}
