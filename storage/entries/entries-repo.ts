import type { BurdenDb, EntryRow } from '../db/schema';

export function createEntriesRepo(db: BurdenDb) {
  return {
    add: (row: Omit<EntryRow, 'id'>) => db.entries.add(row),
    /** Earlier entries with any of these value fingerprints (one per live key). */
    withValue: (valueFps: string[]) => db.entries.where('valueFp').anyOf(valueFps).toArray(),
    between: (fromDay: string, toDay: string) => db.entries.where('day').between(fromDay, toDay, true, true).toArray(),
    reassignPortal: async (from: string, to: string) => {
      await db.entries.where('portalId').equals(from).modify({ portalId: to });
      await db.entries.filter((e) => e.otherPortal === from).modify({ otherPortal: to });
      await db.entries.filter((e) => e.transferFrom === from).modify({ transferFrom: to });
    },
  };
}

export type EntriesRepo = ReturnType<typeof createEntriesRepo>;
