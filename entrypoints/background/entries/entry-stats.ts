import { summariseEntries } from '../../../core/entries/summary';
import type { EntriesRepo } from '../../../storage/entries/entries-repo';
import type { FrictionRepo } from '../../../storage/submissions/submissions-repo';
import type { LocalConfigStore } from '../../../storage/config/local-config';
import type { MessageRouter } from '../messaging/message-router';

/** Summaries for the 重复填报 view: counts and categories only, and portal names from the list. */
export function registerEntryStats(router: MessageRouter, deps: { config: LocalConfigStore; entries: EntriesRepo; friction: FrictionRepo }) {
  router.on('stats.entries', async ({ fromDay, toDay }) => {
    const [{ portalSnapshot }, rows, filings] = await Promise.all([
      deps.config.read(),
      deps.entries.between(fromDay, toDay),
      deps.friction.duplicateFilingsByDay(fromDay, toDay),
    ]);
    const filingVerdicts = filings.flatMap((f) => Array.from({ length: f.duplicateFilings }, () => ({ portalId: f.portalId, otherPortal: f.otherPortal })));
    return { ...summariseEntries(rows, filingVerdicts), names: Object.fromEntries(portalSnapshot.map((p) => [p.id, p.name])) };
  });
}
