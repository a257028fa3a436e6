import { isoWeekOfDay } from '../../core/time/iso-week';
import { groupByWeek, type ReportInput } from '../../core/contracts/report-input';
import { createFrictionRepo } from '../submissions/submissions-repo';
import { createUploadsRepo } from '../uploads/uploads-repo';
import type { BurdenDb, EntryRow, SubmissionRow } from '../db/schema';

/**
 * The rows a weekly report is built from, read in one pass over a day range and grouped by ISO week: time and
 * gaps, entries (with the transfers marked on pasted ones), submissions and logins, tagged pages and duplicate
 * filings (storage/submissions/submissions-repo.ts), uploads with their repeat verdicts (storage/uploads/uploads-repo.ts).
 */
export function createReportSource(db: BurdenDb, now: () => number = Date.now) {
  const friction = createFrictionRepo(db, now);
  const uploadsRepo = createUploadsRepo(db);
  // One read-only transaction over every table read: ten small queries each in its own transaction cost the
  // dashboard's first figures about as much again as the rows themselves (npm run bench report).
  const read = (fromDay: string, toDay: string): Promise<ReportInput> =>
    db.transaction('r', [db.daily, db.gaps, db.entries, db.submissions, db.stays, db.visits, db.tagDaily, db.uploads], () => readRows(fromDay, toDay));

  async function readRows(fromDay: string, toDay: string): Promise<ReportInput> {
    const range = <T>(table: { where(i: string): { between(a: string, b: string, x: boolean, y: boolean): { toArray(): Promise<T[]> } } }) =>
      table.where('day').between(fromDay, toDay, true, true).toArray();
    // Each table is read once: entries and submissions also feed the friction figures and duplicate filings.
    const [daily, gaps, entries, submissions, tags, uploads] = await Promise.all([
      range(db.daily),
      range(db.gaps),
      range<EntryRow>(db.entries),
      range<SubmissionRow>(db.submissions),
      friction.tagsByDay(fromDay, toDay),
      uploadsRepo.uploadsByDay(fromDay, toDay),
    ]);
    const [frictionRows, filings] = await Promise.all([
      friction.frictionByDay(fromDay, toDay, { submissions, entries }),
      friction.duplicateFilingsByDay(fromDay, toDay, { submissions }),
    ]);
    const transfers = entries
      .filter((e) => e.transferFrom !== undefined && e.transferFrom !== e.portalId)
      .map((e) => ({ day: e.day, from: e.transferFrom!, to: e.portalId }));
    const duplicateFilings = filings.flatMap((f) =>
      Array.from({ length: f.duplicateFilings }, () => ({ day: f.day, portalId: f.portalId, otherPortal: f.otherPortal })),
    );
    return { daily, gaps, entries, friction: frictionRows, tags, uploads, transfers, duplicateFilings } as ReportInput;
  }

  return {
    read,
    /** The daily totals of `fromDay`…`toDay`, nothing else. */
    dailyRows: (fromDay: string, toDay: string) => db.daily.where('day').between(fromDay, toDay, true, true).toArray(),
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
