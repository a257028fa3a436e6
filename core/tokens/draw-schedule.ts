import { daysOfIsoWeek, isoWeekOfDay } from '../time/iso-week';
import { dayKey } from '../time/day-split';
import { isoWeekPlus } from './week-key';

/**
 * When the extension asks the issuer for a token (issue #17). Next week's token is drawn at a random moment of
 * the current week, so it is drawn days before the report it pays for is sent: the office, which runs the issuer
 * and the collector, cannot pair a draw with a report by time. Only the week the cadre enrolls in is drawn at
 * once (there is no earlier week to draw it in), and the note in settings says so.
 *
 *   enrolled ──▶ draw current week now ──▶ each week W: at drawAt(W) draw W+1 ──▶ spend W's token with W's report
 */
export interface WalletState {
  /** Weeks that hold a token (spent or not). */
  weeksHeld: readonly string[];
  /** The random moment chosen for drawing next week's token, per week it is drawn for. */
  drawAt: Readonly<Record<string, number>>;
  /** Weeks the issuer said were already drawn (by another install with the same code): never asked again. */
  refused: readonly string[];
}

export const nextWeekOf = (week: string): string => isoWeekPlus(week, 1);

/**
 * A moment in `[start of current week, its Saturday noon)`, from a uniform `random` in [0, 1): late enough that the
 * whole week is possible, early enough that a draw is never squeezed against the week it pays for. Chosen at
 * `notBefore` (the moment of choosing), it lies in what is left of that span: a moment already past would draw
 * next week's token together with the current week's, and two draws at one moment tie them to one install.
 * Past Saturday noon, what is left of the week serves.
 */
export function pickDrawMoment(currentWeek: string, random: number, notBefore = -Infinity): number {
  const days = daysOfIsoWeek(currentWeek);
  // A minute on, so that a moment chosen now is never due in the same run.
  const start = Math.max(new Date(`${days[0]}T00:00:00`).getTime(), notBefore + 60_000);
  let end = new Date(`${days[5]}T12:00:00`).getTime();
  if (start >= end) end = new Date(`${days[6]}T23:59:59`).getTime();
  if (start >= end) return start;
  return Math.floor(start + random * (end - start));
}

export interface DrawPlan {
  /** Weeks to draw a token for now. */
  due: string[];
  /** Draw moments to remember, for weeks whose moment is chosen now. */
  schedule: Record<string, number>;
}

export function planDraws(now: number, state: WalletState, random: () => number): DrawPlan {
  const current = isoWeekOfDay(dayKey(now));
  const next = nextWeekOf(current);
  const held = new Set([...state.weeksHeld, ...state.refused]);
  const due: string[] = [];
  const schedule: Record<string, number> = {};
  if (!held.has(current)) due.push(current);
  if (!held.has(next)) {
    const at = state.drawAt[next] ?? (schedule[next] = pickDrawMoment(current, random(), now));
    if (now >= at) due.push(next);
  }
  return { due, schedule };
}
