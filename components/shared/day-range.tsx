import { format, subDays } from 'date-fns';
import { useEffect, useState } from 'preact/hooks';
import { t } from './i18n';
import type { MessageReply } from '../../core/contracts/messages';
import { rpc } from './rpc';

/** The ranges a dashboard table offers: today, and the last 7, 30 or 90 days. */
export const DAY_RANGES = [1, 7, 30, 90] as const;
export type DayRange = (typeof DAY_RANGES)[number];

/** A statistics message of the worker that takes a day range (core/contracts/messages.ts). */
type DayRangeMessage = 'stats.entries' | 'stats.uploads' | 'stats.friction';

/**
 * The worker's figures for the last `days` days, kept fresh while the view is open: what the cadre does in a
 * portal in another tab shows up within seconds. The range is recomputed on each poll, so a dashboard left open
 * overnight moves on to the new day. A failed read shows nothing rather than stale figures.
 */
export function useDayRangeStats<T extends DayRangeMessage>(type: T, days: number, pollMs = 3000): MessageReply<T> | null {
  const [stats, setStats] = useState<MessageReply<T> | null>(null);
  useEffect(() => {
    let live = true;
    const load = () => {
      const now = new Date();
      // All three take the same range; TypeScript cannot narrow the payload of a generic `T`, hence the widening.
      rpc<DayRangeMessage>(type, { fromDay: format(subDays(now, days - 1), 'yyyy-MM-dd'), toDay: format(now, 'yyyy-MM-dd') }).then(
        (data) => live && setStats(data as MessageReply<T>),
        () => live && setStats(null),
      );
    };
    load();
    const timer = setInterval(load, pollMs);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [type, days, pollMs]);
  return stats;
}

/** The range picker above a dashboard table. */
export function DayRangeSelect(props: { testId: string; value: DayRange; onChange: (days: DayRange) => void }) {
  return (
    <label>
      {t('entries_range')}{' '}
      <select data-testid={props.testId} value={props.value} onChange={(e) => props.onChange(Number(e.currentTarget.value) as DayRange)}>
        {DAY_RANGES.map((d) => (
          <option key={d} value={d}>
            {t('entries_lastDays', d)}
          </option>
        ))}
      </select>
    </label>
  );
}
