import { formatNumber } from './i18n';

/**
 * Minutes as a cadre reads them: one decimal below 10 (0.6 is not 1, 0.1 is not 0), whole minutes above, where a
 * tenth no longer matters. Charts get the same rounding as numbers so a bar and its table cell agree.
 */
export function minutesValue(ms: number): number {
  const m = Math.max(0, ms) / 60_000;
  return m < 10 ? Math.round(m * 10) / 10 : Math.round(m);
}

export function formatMinutes(ms: number): string {
  const m = minutesValue(ms);
  return formatNumber(m, { maximumFractionDigits: m < 10 ? 1 : 0 });
}
