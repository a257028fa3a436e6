import { addDays, addWeeks, format, getISOWeek, getISOWeeksInYear, getISOWeekYear, parseISO, setISOWeek, startOfISOWeek } from 'date-fns';

/**
 * ISO weeks over the local calendar days the daily tables use (yyyy-MM-dd). A week belongs to its ISO
 * week-year, so 2026-12-31 (a Thursday) is 2026-W53 and 2027-01-01 (a Friday) is still 2026-W53.
 */

const WEEK = /^(\d{4})-W(\d{2})$/;

/**
 * ISO week-year `year` has a week 53. Here rather than in the report schema: the dashboard labels weeks with
 * this module, and importing the schema pulled zod into its first paint (npm run bench report, issue #16).
 */
export function hasIsoWeek53(year: number): boolean {
  // Mid-June lies inside ISO week-year `year` whatever the local time zone.
  return getISOWeeksInYear(new Date(year, 5, 15)) === 53;
}

/** Local noon of a day key: far from midnight, so no DST change can move it to a neighbouring day. */
const noonOf = (day: string): Date => parseISO(`${day}T12:00:00`);

export function isoWeekOfDay(day: string): string {
  const d = noonOf(day);
  return `${getISOWeekYear(d)}-W${String(getISOWeek(d)).padStart(2, '0')}`;
}

export function isValidIsoWeek(week: string): boolean {
  const m = WEEK.exec(week);
  if (!m) return false;
  const n = Number(m[2]);
  return n >= 1 && (n <= 52 || (n === 53 && hasIsoWeek53(Number(m[1]))));
}

/** The seven local days of an ISO week, Monday first. */
export function daysOfIsoWeek(week: string): string[] {
  const m = WEEK.exec(week);
  if (!m || !isValidIsoWeek(week)) throw new Error(`not an ISO week: ${week}`);
  // 4 January is always in week 1 of its ISO week-year.
  const monday = startOfISOWeek(setISOWeek(new Date(Number(m[1]), 0, 4, 12), Number(m[2])));
  return Array.from({ length: 7 }, (_, i) => format(addDays(monday, i), 'yyyy-MM-dd'));
}

/** `count` ISO weeks ending with the week of `day`, oldest first. */
export function isoWeeksEndingAt(day: string, count: number): string[] {
  const end = noonOf(day);
  return Array.from({ length: count }, (_, i) => isoWeekOfDay(format(addWeeks(end, i - count + 1), 'yyyy-MM-dd')));
}
