import { summariseEntries } from '../../core/entry-summary';
import type { EntriesRepo } from '../../storage/entries-repo';
import type { LocalConfigStore } from '../../storage/local-config';
import type { MessageRouter } from './message-router';

/** Summaries for the 重复填报 view: counts and categories only, and portal names from the list. */
export function registerEntryStats(router: MessageRouter, deps: { config: LocalConfigStore; entries: EntriesRepo }) {
  router.on('stats.entries', async ({ fromDay, toDay }) => {
    const [{ portalSnapshot }, rows] = await Promise.all([deps.config.read(), deps.entries.between(fromDay, toDay)]);
    return { ...summariseEntries(rows), names: Object.fromEntries(portalSnapshot.map((p) => [p.id, p.name])) };
  });
}
