import { format, startOfISOWeek, startOfMonth } from 'date-fns';
import { rpc } from '../shared/rpc';

export const OVERVIEW_PERIODS = ['day', 'week', 'month'] as const;
export type OverviewPeriod = (typeof OVERVIEW_PERIODS)[number];
export const DEFAULT_OVERVIEW_PERIOD: OverviewPeriod = 'week';

const day = (d: Date) => format(d, 'yyyy-MM-dd');

/** The days a period covers, up to today: today, this ISO week, this month. */
export function overviewRange(period: OverviewPeriod, now: Date): { fromDay: string; toDay: string } {
  const from = period === 'day' ? now : period === 'week' ? startOfISOWeek(now) : startOfMonth(now);
  return { fromDay: day(from), toDay: day(now) };
}

const request = (range: { fromDay: string; toDay: string }) => rpc('stats.overview', { trendFrom: range.fromDay, ...range });

let early: { key: string; reply: ReturnType<typeof request> } | null = null;

/**
 * Asks the worker for the overview's first figures as the dashboard starts, so the worker reads while the page
 * renders its shell (first paint ≤ 300 ms with a year of data). Only when the dashboard opens on the overview.
 */
export function startEarlyOverviewRead(hash: string, now: Date) {
  if (hash !== '' && hash !== '#overview') return;
  const range = overviewRange(DEFAULT_OVERVIEW_PERIOD, now);
  const reply = request(range);
  reply.catch(() => undefined); // a failure is reported by whoever takes the reply
  early = { key: `${range.fromDay}/${range.toDay}`, reply };
}

/** The period's figures: the early reply once if it asked for this very range, else a fresh request. */
export function readOverview(range: { fromDay: string; toDay: string }): ReturnType<typeof request> {
  const taken = early;
  early = null;
  if (taken && taken.key === `${range.fromDay}/${range.toDay}`) return taken.reply;
  return request(range);
}
