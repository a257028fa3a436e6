import { addDays, format, isWeekend, setHours, startOfDay } from 'date-fns';

/**
 * Local calendar for time accounting (DESIGN.md §3: "time is split at local midnight"; off-hours are
 * "outside 08:00–18:00 on weekdays, or on weekends").
 *
 * Everything here uses the runtime's local time zone through date-fns, exactly as the browser will: no zone is
 * injected, because a cadre's day is whatever their machine says it is. Wall-clock hours are set with
 * `setHours`, never by adding 8 h to midnight, so a day with a DST change (23 or 25 h long) still has its
 * working window at 08:00–18:00 local. Tests pin the zone by setting `process.env.TZ` per file (Node applies it
 * on assignment) and assert that it took effect.
 *
 * Statutory holidays and make-up workdays (调休) are not modelled: the design counts weekends only.
 */

export const WORK_START_HOUR = 8;
export const WORK_END_HOUR = 18;

/** Epoch milliseconds, `start < end` for anything that carries time. */
export interface Interval {
  start: number;
  end: number;
}

/** A piece of an interval that lies within one local day. */
export interface DayPiece extends Interval {
  /** Local calendar day, yyyy-MM-dd (the key used by the daily tables). */
  day: string;
}

/** The local day an instant belongs to, yyyy-MM-dd. */
export function dayKey(ms: number): string {
  return format(ms, 'yyyy-MM-dd');
}

/** The first instant of the next local day (the next local midnight). */
export function nextLocalMidnight(ms: number): number {
  return startOfDay(addDays(startOfDay(ms), 1)).getTime();
}

/** Cuts an interval at each local midnight it crosses. An empty or reversed interval yields nothing. */
export function splitAtMidnight({ start, end }: Interval): DayPiece[] {
  const pieces: DayPiece[] = [];
  let from = start;
  while (from < end) {
    const to = Math.min(end, nextLocalMidnight(from));
    pieces.push({ day: dayKey(from), start: from, end: to });
    from = to;
  }
  return pieces;
}

/**
 * Milliseconds of an interval that fall outside working hours: all of Saturday and Sunday, and on weekdays
 * whatever lies before 08:00 or after 18:00 local time.
 */
export function offHoursMs(interval: Interval): number {
  return splitAtMidnight(interval).reduce((sum, piece) => sum + offHoursOfPiece(piece), 0);
}

function offHoursOfPiece({ start, end }: Interval): number {
  if (isWeekend(start)) return end - start;
  const day = startOfDay(start);
  const workStart = setHours(day, WORK_START_HOUR).getTime();
  const workEnd = setHours(day, WORK_END_HOUR).getTime();
  const working = Math.max(0, Math.min(end, workEnd) - Math.max(start, workStart));
  return end - start - working;
}

/** Per local day: how many milliseconds of the interval fall on it, and how many of those are off-hours. */
export function splitByDay(interval: Interval): Array<{ day: string; ms: number; offHoursMs: number }> {
  return splitAtMidnight(interval).map((piece) => ({
    day: piece.day,
    ms: piece.end - piece.start,
    offHoursMs: offHoursOfPiece(piece),
  }));
}
