import { isoWeekOfDay } from '../core/iso-week';
import { groupByWeek, type ReportInput } from '../core/report-input';
import type { BurdenDb } from './schema';

/**
 * The rows a weekly report is built from, read in one pass over a day range and grouped by ISO week.
 *
 * Submissions, logins and tagged pages (issue 4) and uploads (issue 6) live in tables this branch does not have
 * yet: `otherIssueRows` stands in for their repositories and returns nothing, so those counts are 0 until the
 * repositories are wired in here. Transfers and duplicate filings are not stored by anyone yet.
 */
export async function otherIssueRows(_fromDay: string, _toDay: string): Promise<Pick<ReportInput, 'friction' | 'tags' | 'uploads' | 'transfers' | 'duplicateFilings'>> {
  return { friction: [], tags: [], uploads: [], transfers: [], duplicateFilings: [] };
}

export function createReportSource(db: BurdenDb) {
  async function read(fromDay: string, toDay: string): Promise<ReportInput> {
    const range = <T>(table: { where(i: string): { between(a: string, b: string, x: boolean, y: boolean): { toArray(): Promise<T[]> } } }) =>
      table.where('day').between(fromDay, toDay, true, true).toArray();
    const [daily, gaps, entries, other] = await Promise.all([
      range(db.daily),
      range(db.gaps),
      range(db.entries),
      otherIssueRows(fromDay, toDay),
    ]);
    return { daily, gaps, entries, ...other } as ReportInput;
  }

  return {
    read,
    /** The rows of `fromDay`…`toDay` split by ISO week, so each week is built from its own rows only. */
    /** Active milliseconds per ISO week from the daily totals alone: enough to list the weeks there are. */
    async activeMsByWeek(fromDay: string, toDay: string): Promise<Map<string, number>> {
      const out = new Map<string, number>();
      const rows = await db.daily.where('day').between(fromDay, toDay, true, true).toArray();
      for (const r of rows) {
        const week = isoWeekOfDay(r.day);
        out.set(week, (out.get(week) ?? 0) + r.activeMs);
      }
      return out;
    },
    async byWeek(fromDay: string, toDay: string): Promise<Map<string, ReportInput>> {
      return groupByWeek(await read(fromDay, toDay), isoWeekOfDay);
    },
  };
}

export type ReportSource = ReturnType<typeof createReportSource>;
