/**
 * Robustness rules of the office aggregates (issue #8, DESIGN.md §5 "reports outside plausible bounds are flagged
 * and listed, not silently counted"; LESSONS.md "bound each report's contribution").
 *
 * Two separate bounds:
 * - A report whose week totals pass an outlier limit is implausible for one cadre: it is flagged, listed with its
 *   reportId and the fields at fault, and left out of every aggregate.
 * - Every value a report adds to any cell is clipped at a contribution cap, so no single cadre-week can dominate a
 *   cell even where no outlier rule looks (per-portal, per-pair, per-category and per-tag values included).
 */
import { reportTotalsSchema, type ReportTotals, type WeeklyReport } from '../contracts/report-schema';

/** 80 hours of active portal time in one week: the schema allows 168 h, but no cadre works 80 h in portals. */
export const OUTLIER_MAX_MINUTES = 80 * 60;
/** Twenty thousand field entries (or logins, submissions, uploads…) in a week is one every 7 s of a 40-hour week. */
export const OUTLIER_MAX_COUNT = 20_000;

/** Largest number of minutes one report adds to any cell (equal to the outlier limit, so included reports are never cut). */
export const CONTRIBUTION_CAP_MINUTES = OUTLIER_MAX_MINUTES;
/** Largest count one report adds to any cell. */
export const CONTRIBUTION_CAP_COUNT = OUTLIER_MAX_COUNT;

type TotalsField = keyof ReportTotals;

/** Fields measured in minutes, wherever they appear (totals, portals, tags); every other numeric field is a count. */
const MINUTE_FIELDS: ReadonlySet<string> = new Set(['activeMinutes', 'offHoursMinutes', 'waitMinutes', 'repeatTypingMinutes']);
/** Not checked: days are at most 7 by schema; typed characters are not aggregated. */
const UNCHECKED_FIELDS: ReadonlySet<TotalsField> = new Set<TotalsField>(['daysActive', 'retypedChars']);

export interface OutlierReason {
  field: TotalsField;
  value: number;
  limit: number;
}

export interface OutlierReport {
  reportId: string;
  week: string;
  reasons: OutlierReason[];
}

/** The outlier limit of a totals field, or null when the field is not checked. */
export function outlierLimit(field: TotalsField): number | null {
  if (UNCHECKED_FIELDS.has(field)) return null;
  return MINUTE_FIELDS.has(field) ? OUTLIER_MAX_MINUTES : OUTLIER_MAX_COUNT;
}

const TOTALS_FIELDS = Object.keys(reportTotalsSchema.shape) as TotalsField[];
/** Resolved once: the office page checks every imported report. */
const TOTALS_LIMITS = TOTALS_FIELDS.map(outlierLimit);

/** Why `report` is an outlier; empty when it is not. Fields are checked in the schema's order. */
export function outlierReasons(report: WeeklyReport): OutlierReason[] {
  const reasons: OutlierReason[] = [];
  for (let j = 0; j < TOTALS_FIELDS.length; j++) {
    const field = TOTALS_FIELDS[j]!;
    const limit = TOTALS_LIMITS[j]!;
    const value = report.totals[field];
    if (limit !== null && value > limit) reasons.push({ field, value, limit });
  }
  return reasons;
}

export function capMinutes(value: number): number {
  return Math.min(value, CONTRIBUTION_CAP_MINUTES);
}

export function capCount(value: number): number {
  return Math.min(value, CONTRIBUTION_CAP_COUNT);
}

/** Clips a value of the field named `field` (in totals, portals, pairs, categories or tags) at its cap. */
export function capField(field: string, value: number): number {
  return MINUTE_FIELDS.has(field) ? capMinutes(value) : capCount(value);
}
