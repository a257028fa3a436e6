import { dayKey } from '../../../core/time/day-split';
import { frictionTotals } from '../../../core/submissions/totals';
import type { ActivityRepo } from '../../../storage/time/activity-repo';
import type { FrictionRepo } from '../../../storage/submissions/submissions-repo';
import type { LocalConfigStore } from '../../../storage/config/local-config';
import type { VisitsRepo } from '../../../storage/time/visits-repo';
import type { MessageRouter } from '../messaging/message-router';

/** Today per portal for the popup: read-only, answered from the daily totals without touching the clock. */
export function registerTodayStats(router: MessageRouter, deps: { config: LocalConfigStore; visits: VisitsRepo; activity: ActivityRepo; friction: FrictionRepo; now: () => number }) {
  router.on('stats.today', async () => {
    const day = dayKey(deps.now());
    const [{ portalSnapshot }, visits, daily, frictionDays] = await Promise.all([
      deps.config.read(),
      deps.visits.countByPortal(day),
      deps.activity.dailyOn(day),
      deps.friction.frictionByDay(day, day),
    ]);
    const friction = new Map(frictionTotals(frictionDays).map((f) => [f.portalId, f]));
    const names = new Map(portalSnapshot.map((p) => [p.id, p.name]));
    const ids = new Set([...Object.keys(visits), ...daily.map((d) => d.portalId), ...friction.keys()]);
    return [...ids]
      .map((portalId) => {
        const d = daily.find((row) => row.portalId === portalId);
        const f = friction.get(portalId);
        return {
          portalId,
          // A portal removed since keeps its records; its id stands in for the name it no longer has.
          name: names.get(portalId) ?? portalId,
          visits: visits[portalId] ?? 0,
          activeMs: d?.activeMs ?? 0,
          offHoursMs: d?.offHoursMs ?? 0,
          waitMs: d?.waitMs ?? 0,
          navigations: d?.navigations ?? 0,
          submissions: f?.submissions ?? 0,
          failedSubmissions: f?.failedSubmissions ?? 0,
          logins: f?.logins ?? 0,
          relogins: f?.relogins ?? 0,
          captchas: f?.captchas ?? 0,
          loginOnlyVisits: f?.loginOnlyVisits ?? 0,
          accounts: f?.accounts ?? 0,
        };
      })
      .sort((a, b) => b.activeMs - a.activeMs || a.name.localeCompare(b.name));
  });
}
