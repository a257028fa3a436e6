/** What the aggregate tests compare: the collector holding exactly some reports, and the office page's tables for them. */
import type { Database } from '../../collector/db/database';
import { storeReports } from '../../collector/db/store-reports';
import { buildOfficeTables } from '../../core/office/view-tables';
import type { WeeklyReport } from '../../core/contracts/report-schema';

export interface View {
  from: string;
  to: string;
  k: number;
}

/** Replaces every stored report with `reports`, through the collector's own store, one file per week. */
export async function storeOnly(db: Database, reports: readonly WeeklyReport[]): Promise<void> {
  await db.query('DELETE FROM reports');
  const weeks = [...new Set(reports.map((r) => r.week))].sort().map((w) => reports.filter((r) => r.week === w));
  for (let i = 0; weeks.some((w) => w.length > i); i++) {
    await storeReports(db, weeks.flatMap((w) => w.slice(i, i + 1)), '2026-W49');
  }
}

/** The office page's tables as the collector serves them (as JSON): it never lists outlier reports, only counts them. */
export const pageTables = (reports: readonly WeeklyReport[], v: View, headcount?: number) =>
  JSON.parse(JSON.stringify({ ...buildOfficeTables(reports, { weeks: { from: v.from, to: v.to }, k: v.k, headcount }), outliers: [] }));
