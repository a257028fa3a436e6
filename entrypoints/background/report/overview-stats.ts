import { summariseOverview } from '../../../core/overview/summary';
import type { LocalConfigStore } from '../../../storage/config/local-config';
import type { ReportSource } from '../../../storage/report/report-source';
import type { MessageRouter } from '../messaging/message-router';

/** The dashboard overview: the period's per-portal figures and the weekly trend, names from the portal list. */
export function registerOverviewStats(router: MessageRouter, deps: { config: LocalConfigStore; source: ReportSource }) {
  router.on('stats.overview', async ({ trendFrom, fromDay, toDay }) => {
    const [{ portalSnapshot }, input] = await Promise.all([deps.config.read(), deps.source.read(trendFrom < fromDay ? trendFrom : fromDay, toDay)]);
    return { ...summariseOverview(input, fromDay), names: Object.fromEntries(portalSnapshot.map((p) => [p.id, p.name])) };
  });
  // The daily totals alone: a year of them is a few thousand small rows, read without the entries and uploads.
  router.on('stats.daily', async ({ fromDay, toDay }) => {
    const [{ portalSnapshot }, rows] = await Promise.all([deps.config.read(), deps.source.dailyRows(fromDay, toDay)]);
    return {
      days: rows.map((r) => ({ day: r.day, portalId: r.portalId, activeMs: r.activeMs, waitMs: r.waitMs })),
      names: Object.fromEntries(portalSnapshot.map((p) => [p.id, p.name])),
    };
  });
}
