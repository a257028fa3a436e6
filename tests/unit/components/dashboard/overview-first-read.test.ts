import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { overviewRange, readOverview, startEarlyOverviewRead } from '../../../../components/dashboard/overview-first-read';

// The dashboard asks for the overview's figures before its code has loaded; the view must take that reply for
// the very range it shows, once, and never show a stale reply for another period.
function countRequests() {
  const asked: unknown[] = [];
  vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation(async (message: unknown) => {
    asked.push(message);
    return { ok: true, data: { n: asked.length } };
  });
  return asked;
}

const now = new Date(2026, 10, 27, 9, 0); // a Friday

describe('overview first read', () => {
  it('covers today, the ISO week from Monday, the month from the 1st', () => {
    expect(overviewRange('day', now)).toEqual({ fromDay: '2026-11-27', toDay: '2026-11-27' });
    expect(overviewRange('week', now)).toEqual({ fromDay: '2026-11-23', toDay: '2026-11-27' });
    expect(overviewRange('month', now)).toEqual({ fromDay: '2026-11-01', toDay: '2026-11-27' });
  });

  it('the view takes the early reply for the week once; a second load asks again', async () => {
    const asked = countRequests();
    startEarlyOverviewRead('#overview', now);
    expect(asked).toEqual([{ type: 'stats.overview', payload: { trendFrom: '2026-11-23', fromDay: '2026-11-23', toDay: '2026-11-27' } }]);
    expect(await readOverview(overviewRange('week', now))).toEqual({ n: 1 });
    expect(asked).toHaveLength(1);
    expect(await readOverview(overviewRange('week', now))).toEqual({ n: 2 });
  });

  it('another period, or a dashboard opened on another view, never uses an early reply', async () => {
    const asked = countRequests();
    startEarlyOverviewRead('#settings', now);
    expect(asked).toHaveLength(0);
    startEarlyOverviewRead('', now);
    await readOverview(overviewRange('month', now));
    expect(asked.map((m) => (m as { payload: { fromDay: string } }).payload.fromDay)).toEqual(['2026-11-23', '2026-11-01']);
  });
});
