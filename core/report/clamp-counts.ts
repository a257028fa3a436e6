/**
 * Every number of a built report kept within the bound the schema states (issue 15, item 6).
 *
 * The builder counts what happened; a hostile page or one huge value (a same-field repeat of a 1,000,001-character
 * value makes retypedChars pass MAX_COUNT) must not make the week's file fail to build, which would lose the whole
 * week. So each count is clipped at MAX_COUNT, then the cross-field rules that clipping can break are restored by
 * lowering the part, never raising anything:
 * - a sum of parts within its whole (repeats within entries, upload kinds within uploads),
 * - a portal, pair or category within the week's totals,
 * - a per-login figure within logins.
 * Only what clipping broke is mended: a part none of whose values was clipped keeps its numbers, so a builder bug
 * (more relogins than logins from the rows themselves) still fails validation and is seen, not hidden here.
 * A report within every bound is returned unchanged.
 */
import { DAYS_PER_WEEK, MAX_COUNT, MINUTES_PER_WEEK, type ReportTotals, type WeeklyReport } from '../contracts/report-schema';

const MINUTE_FIELDS: ReadonlySet<string> = new Set(['activeMinutes', 'offHoursMinutes', 'waitMinutes', 'repeatTypingMinutes']);

function bound(field: string): number {
  return MINUTE_FIELDS.has(field) ? MINUTES_PER_WEEK : field === 'daysActive' ? DAYS_PER_WEEK : MAX_COUNT;
}

/**
 * Each numeric field within its bound, and within `cap[field]` when a cap is given; `clipped` says whether any
 * value was lowered, and only then are the part's rules mended.
 */
function clampFields<T extends object>(part: T, cap?: Partial<Record<string, number>>): { out: T; clipped: boolean } {
  const out = { ...part } as Record<string, unknown>;
  let clipped = false;
  for (const [key, value] of Object.entries(out)) {
    if (typeof value !== 'number') continue;
    const next = Math.min(value, bound(key), cap?.[key] ?? Infinity);
    if (next < value) {
      out[key] = next;
      clipped = true;
    }
  }
  return { out: out as T, clipped };
}

type Counts = Record<string, number>;

/** `first + second <= whole`, lowering `second` and then `first`. */
function fitSum(o: Counts, first: string, second: string, whole: string): void {
  if (!(first in o) || !(second in o) || !(whole in o)) return;
  o[first] = Math.min(o[first]!, o[whole]!);
  o[second] = Math.min(o[second]!, o[whole]! - o[first]!);
}

function fitAtMost(o: Counts, part: string, whole: string): void {
  if (part in o && whole in o) o[part] = Math.min(o[part]!, o[whole]!);
}

/** The rules of one part (totals, a portal, a category) that clipping can break. */
function fitRules(o: Counts): void {
  fitAtMost(o, 'offHoursMinutes', 'activeMinutes');
  fitSum(o, 'sameFieldRepeats', 'crossPortalRepeats', 'entries');
  fitSum(o, 'repeatedUploads', 'nearRepeatUploads', 'uploads');
  fitAtMost(o, 'repeatedUploads', 'uploads');
  fitSum(o, 'photoUploads', 'screenshotUploads', 'uploads');
  fitAtMost(o, 'failedSubmissions', 'submissions');
  for (const k of ['relogins', 'captchas', 'accounts', 'loginOnlyVisits']) fitAtMost(o, k, 'logins');
  // A category's portals: each had an entry of it.
  fitAtMost(o, 'portals', 'entries');
}

export function clampReportCounts(report: WeeklyReport): WeeklyReport {
  const { out: totals, clipped: totalsClipped } = clampFields(report.totals);
  if (!totalsClipped && ![report.portals, report.pairs, report.categories, report.tags].some((list) => list.some((part) => clampFields(part).clipped))) {
    return report;
  }
  if (totalsClipped) fitRules(totals as unknown as Counts);
  // The parts are held within the clipped totals only where the totals were clipped.
  const cap = totalsClipped ? (totals as unknown as Partial<Record<string, number>>) : undefined;
  const mend = <T extends object>(part: T, partCap?: Partial<Record<string, number>>): T => {
    const { out, clipped } = clampFields(part, partCap);
    if (clipped) fitRules(out as unknown as Counts);
    return out;
  };
  const portals = report.portals.map((p) => mend(p, cap));
  const pairs = report.pairs.map((q) => mend(q, cap));
  const categories = report.categories.map((c) => mend(c, cap));
  const tags = report.tags.map((t) => mend(t, { activeMinutes: totals.activeMinutes }));
  return { ...report, totals: totals as ReportTotals, portals, pairs, categories, tags };
}
