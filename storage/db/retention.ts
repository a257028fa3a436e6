import { format, subDays, subMonths } from 'date-fns';
import type { BurdenDb } from './schema';

/** DESIGN.md §3: daily aggregates 13 months; gap log and per-event records 90 days. */
export const RETENTION = { dailyMonths: 13, gapDays: 90, visitDays: 90, fingerprintDays: 90 } as const;

/** Deletes what has outlived its retention; returns how many rows went, per table. */
export async function applyRetention(db: BurdenDb, now: number) {
  const day = (d: Date) => format(d, 'yyyy-MM-dd');
  const dailyBefore = day(subMonths(now, RETENTION.dailyMonths));
  const gapsBefore = day(subDays(now, RETENTION.gapDays));
  const visitsBefore = day(subDays(now, RETENTION.visitDays));
  return {
    daily: await db.daily.where('day').below(dailyBefore).delete(),
    gaps: await db.gaps.where('day').below(gapsBefore).delete(),
    visits: await db.visits.where('day').below(visitsBefore).delete(),
    entries: await db.entries.where('day').below(day(subDays(now, RETENTION.fingerprintDays))).delete(),
    // Submissions carry account fingerprints and stays are per-event records: 90 days. Tag totals are daily aggregates.
    submissions: await db.submissions.where('day').below(day(subDays(now, RETENTION.fingerprintDays))).delete(),
    stays: await db.stays.where('day').below(visitsBefore).delete(),
    tagDaily: await db.tagDaily.where('day').below(dailyBefore).delete(),
    uploads: await db.uploads.where('day').below(day(subDays(now, RETENTION.fingerprintDays))).delete(),
  };
}
