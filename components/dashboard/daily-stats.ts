import { useEffect, useState } from 'preact/hooks';
import type { DailyStats } from '../../core/contracts/message-replies';
import { rpc } from '../shared/rpc';

/**
 * Active and waiting time per portal and day from `fromDay` to `toDay`, read again every `pollMs`. `fromDay`
 * null means not yet (the overview asks only after its first figures have painted).
 */
export function useDailyStats(fromDay: string | null, toDay: string, pollMs: number): DailyStats | null {
  const [stats, setStats] = useState<DailyStats | null>(null);
  useEffect(() => {
    if (!fromDay) return;
    let live = true;
    const load = () =>
      rpc('stats.daily', { fromDay, toDay }).then(
        (s) => live && setStats(s),
        () => live && setStats(null),
      );
    void load();
    const timer = setInterval(load, pollMs);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [fromDay, toDay, pollMs]);
  return stats;
}
