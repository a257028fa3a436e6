/**
 * What the office tables show (issue #8, DESIGN.md §5): one row type per table, shared by the aggregation
 * (office-aggregate.ts), the suppression (office-suppression.ts) and the exports.
 *
 * Every minutes or count figure is a sum over the cell's cadre-weeks of values clipped at the contribution caps
 * (office-outliers.ts). A null figure means "no value" (a rate without a denominator, a median of nothing) or, in
 * the population tables after suppression, "withheld" (see `withheldFigures` in office-suppression.ts).
 */
import type { EntryCategory, Level, PageTagInReport } from '../contracts/report-schema';

/** Figures of a set of whole cadre-weeks (the overall row, weeks, levels, provinces, regions), from report totals. */
export interface PopulationFigures {
  activeMinutes: number | null;
  /** Median of totals.activeMinutes per cadre-week. */
  medianActiveMinutes: number | null;
  offHoursMinutes: number | null;
  waitMinutes: number | null;
  logins: number | null;
  relogins: number | null;
  captchas: number | null;
  loginOnlyVisits: number | null;
  submissions: number | null;
  failedSubmissions: number | null;
  entries: number | null;
  sameFieldRepeats: number | null;
  crossPortalRepeats: number | null;
  transfers: number | null;
  duplicateFilings: number | null;
  uploads: number | null;
  repeatedUploads: number | null;
  photoUploads: number | null;
  screenshotUploads: number | null;
}

/** The summed fields of PopulationFigures (all but the median), each the sum of `totals.<field>`. */
export const POPULATION_SUM_FIELDS = [
  'activeMinutes',
  'offHoursMinutes',
  'waitMinutes',
  'logins',
  'relogins',
  'captchas',
  'loginOnlyVisits',
  'submissions',
  'failedSubmissions',
  'entries',
  'sameFieldRepeats',
  'crossPortalRepeats',
  'transfers',
  'duplicateFilings',
  'uploads',
  'repeatedUploads',
  'photoUploads',
  'screenshotUploads',
] as const satisfies readonly (keyof PopulationFigures)[];
export type PopulationSumField = (typeof POPULATION_SUM_FIELDS)[number];

/** Per portal, over the cadre-weeks whose report lists the portal. */
export interface PortalFigures {
  activeMinutes: number;
  medianActiveMinutes: number | null;
  p90ActiveMinutes: number | null;
  /** 10 % trimmed mean of active minutes per cadre-week. */
  trimmedMeanActiveMinutes: number | null;
  waitMinutes: number;
  medianWaitMinutes: number | null;
  submissions: number;
  failedSubmissions: number;
  /** failedSubmissions / submissions; null without submissions. */
  failureRate: number | null;
  logins: number;
  relogins: number;
  captchas: number;
  loginOnlyVisits: number;
  /** loginOnlyVisits / logins: the share of logins after which nothing else was done; null without logins. */
  loginOnlyShare: number | null;
  entries: number;
  sameFieldRepeats: number;
  crossPortalRepeats: number;
  uploads: number;
  repeatedUploads: number;
  photoUploads: number;
  screenshotUploads: number;
  /** Cadre-weeks using the portal / all cadre-weeks of the range. */
  usageShare: number;
  /** See ESTIMATED_HOURS_FORMULA in office-aggregate.ts; null without a headcount. */
  estimatedPersonHoursPerYear: number | null;
}

/** The summed fields of PortalFigures, each the sum of `portals[].<field>`. */
export const PORTAL_SUM_FIELDS = [
  'activeMinutes',
  'waitMinutes',
  'submissions',
  'failedSubmissions',
  'logins',
  'relogins',
  'captchas',
  'loginOnlyVisits',
  'entries',
  'sameFieldRepeats',
  'crossPortalRepeats',
  'uploads',
  'repeatedUploads',
  'photoUploads',
  'screenshotUploads',
] as const satisfies readonly (keyof PortalFigures)[];
export type PortalSumField = (typeof PORTAL_SUM_FIELDS)[number];

export interface PairFigures {
  crossPortalRepeats: number;
  duplicateFilings: number;
  transfers: number;
  repeatedUploads: number;
  /** The ranking score, see DUPLICATED_WORK_FORMULA in office-aggregate.ts. */
  duplicatedWork: number;
}

export const PAIR_SUM_FIELDS = [
  'crossPortalRepeats',
  'duplicateFilings',
  'transfers',
  'repeatedUploads',
] as const satisfies readonly (keyof PairFigures)[];
export type PairSumField = (typeof PAIR_SUM_FIELDS)[number];

export interface CategoryFigures {
  entries: number;
  sameFieldRepeats: number;
  crossPortalRepeats: number;
  /** sameFieldRepeats + crossPortalRepeats: the ranking figure ("re-entered most"). */
  repeats: number;
  /** repeats / entries; null without entries. */
  repeatShare: number | null;
  /** Median, per cadre-week, of the number of portals the category was typed into. */
  medianPortals: number | null;
}

export const CATEGORY_SUM_FIELDS = [
  'entries',
  'sameFieldRepeats',
  'crossPortalRepeats',
] as const satisfies readonly (keyof CategoryFigures)[];
export type CategorySumField = (typeof CATEGORY_SUM_FIELDS)[number];

export interface TagFigures {
  visits: number;
  activeMinutes: number;
  medianActiveMinutes: number | null;
}

export const TAG_SUM_FIELDS = ['visits', 'activeMinutes'] as const satisfies readonly (keyof TagFigures)[];
export type TagSumField = (typeof TAG_SUM_FIELDS)[number];

/**
 * Which population figures each non-population table adds up to, or can: a report's portal values sum to its
 * totals, its category entries to totals.entries, and the one pair of a cadre-week with two portals is all of its
 * cross-portal work. The suppression uses it: when such a table cannot hide its small cells from a subtraction,
 * these population figures are withheld instead.
 */
export const SUMS_OF_POPULATION_FIGURES = {
  portals: PORTAL_SUM_FIELDS,
  pairs: PAIR_SUM_FIELDS,
  categories: CATEGORY_SUM_FIELDS,
} as const satisfies Record<string, readonly PopulationSumField[]>;

/** Portals outside the office catalog are `other-1`, `other-2`, … numbered per install, so they are pooled. */
export const OTHER_PORTALS_KEY = 'other-*';
/** The level, province or region of reports whose profile does not say. */
export const UNSPECIFIED = 'unspecified';

export type LevelKey = Level | typeof UNSPECIFIED;

export interface PortalLabel {
  /** Catalog id, a host name, or OTHER_PORTALS_KEY. Came from a report: escape it. */
  portal: string;
  /** From the office catalog, when it lists the portal. */
  name: string | null;
  department: string | null;
}
export interface PairLabel {
  a: string;
  b: string;
  aName: string | null;
  bName: string | null;
}
export interface CategoryLabel {
  category: EntryCategory;
}
export interface TagLabel {
  tag: PageTagInReport;
}
export interface WeekLabel {
  week: string;
}
export interface LevelLabel {
  level: LevelKey;
}
export interface ProvinceLabel {
  /** The first two digits of the region code, or UNSPECIFIED. */
  province: string;
}
export interface RegionLabel {
  /** The region code as reported (2, 4 or 6 digits), or UNSPECIFIED. */
  region: string;
}
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- the overall row has nothing to name it
export type OverallLabel = {};

/**
 * One cell of an aggregate table before suppression. `members` lists the (sorted, distinct) indices of the
 * cadre-weeks behind it, for the suppression; it never leaves the office page.
 */
export interface AggregateRow<L, F> {
  key: string;
  label: L;
  /** Busiest single week's number of reports (office-people.ts). */
  people: number;
  cadreWeeks: number;
  figures: F;
  members: Int32Array;
}
