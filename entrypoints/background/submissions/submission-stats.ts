import { frictionTotals } from '../../../core/submissions/totals';
import type { FrictionRepo } from '../../../storage/submissions/submissions-repo';
import type { LocalConfigStore } from '../../../storage/config/local-config';
import type { MessageRouter } from '../messaging/message-router';

/** Per-portal submissions, logins and tagged-page figures for a range of days, for the dashboard's table. */
export function registerFrictionStats(router: MessageRouter, deps: { config: LocalConfigStore; friction: FrictionRepo }) {
  router.on('stats.friction', async ({ fromDay, toDay }) => {
    const [{ portalSnapshot }, days, tags] = await Promise.all([
      deps.config.read(),
      deps.friction.frictionByDay(fromDay, toDay),
      deps.friction.tagsByDay(fromDay, toDay),
    ]);
    return { portals: frictionTotals(days), tags, names: Object.fromEntries(portalSnapshot.map((p) => [p.id, p.name])) };
  });
}
