/**
 * A weekly report as the rows the collector keeps. The values are what core's aggregation adds to each cell for
 * this one report — pooled other-N portals, dropped self-pairs, contributions clipped at the caps — obtained by
 * running core's own `aggregateReports` on the report alone, so the collector has no second copy of those rules.
 */
import { aggregateReports } from '../../core/office/aggregate';
import {
  CATEGORY_SUM_FIELDS,
  PAIR_SUM_FIELDS,
  POPULATION_SUM_FIELDS,
  PORTAL_SUM_FIELDS,
  TAG_SUM_FIELDS,
  UNSPECIFIED,
} from '../../core/office/figures';
import type { OutlierReason } from '../../core/office/outliers';
import type { WeeklyReport } from '../../core/contracts/report-schema';

export interface ReportRows {
  reportId: string;
  week: string;
  level: string;
  province: string;
  region: string;
  outlier: OutlierReason[] | null;
  /** POPULATION_SUM_FIELDS order. */
  totals: number[];
  /** [key, ...PORTAL_SUM_FIELDS] */
  portals: [string, ...number[]][];
  /** [pair key a|b, ...PAIR_SUM_FIELDS] */
  pairs: [string, ...number[]][];
  /** [category, ...CATEGORY_SUM_FIELDS, portals] */
  categories: [string, ...number[]][];
  /** [tag, ...TAG_SUM_FIELDS] */
  tags: [string, ...number[]][];
}

const values = <F extends string>(fields: readonly F[], figures: Record<F, number | null>) => fields.map((f) => figures[f] ?? 0);

export function reportRows(report: WeeklyReport): ReportRows {
  const one = aggregateReports([report]);
  const region = report.profile?.region;
  const base = {
    reportId: report.reportId,
    week: report.week,
    level: report.profile?.level ?? UNSPECIFIED,
    province: region ? region.slice(0, 2) : UNSPECIFIED,
    region: region ?? UNSPECIFIED,
  };
  const outlier = one.outliers[0]?.reasons ?? null;
  if (outlier) {
    return { ...base, outlier, totals: POPULATION_SUM_FIELDS.map(() => 0), portals: [], pairs: [], categories: [], tags: [] };
  }
  return {
    ...base,
    outlier: null,
    totals: values(POPULATION_SUM_FIELDS, one.overall.figures),
    portals: one.portals.map((r) => [r.key, ...values(PORTAL_SUM_FIELDS, r.figures)]),
    pairs: one.pairs.map((r) => [r.key, ...values(PAIR_SUM_FIELDS, r.figures)]),
    categories: one.categories.map((r) => [r.key, ...values(CATEGORY_SUM_FIELDS, r.figures), r.figures.medianPortals ?? 0]),
    tags: one.tags.map((r) => [r.key, ...values(TAG_SUM_FIELDS, r.figures)]),
  };
}

/** snake_case column of a core field name. */
export const column = (field: string) => field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
