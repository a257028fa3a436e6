import { daysOfIsoWeek } from '../../core/time/iso-week';
import { formatDate } from '../shared/i18n';

const at = (d: string) => new Date(`${d}T12:00:00`);

/**
 * An ISO week as people say it: "12月1日–7日" / "Dec 1 – 7", never "2026-W49" (issue #16). `short` gives the week's
 * first day alone, for an axis with twelve weeks on it.
 */
export function weekRangeLabel(week: string, short = false): string {
  const days = daysOfIsoWeek(week);
  const first = at(days[0]!);
  const last = at(days[days.length - 1]!);
  if (short) return formatDate(first, { month: 'numeric', day: 'numeric' });
  return new Intl.DateTimeFormat(document.documentElement.lang || undefined, { year: 'numeric', month: 'short', day: 'numeric' }).formatRange(first, last);
}

/** A day range "yyyy-MM-dd"…"yyyy-MM-dd" the same way. */
export function dayRangeLabel(from: string, to: string): string {
  return new Intl.DateTimeFormat(document.documentElement.lang || undefined, { year: 'numeric', month: 'short', day: 'numeric' }).formatRange(at(from), at(to));
}
