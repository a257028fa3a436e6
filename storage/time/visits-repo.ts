import type { BurdenDb, VisitRow } from '../db/schema';

export function createVisitsRepo(db: BurdenDb) {
  return {
    add: (row: Omit<VisitRow, 'id'>) => db.visits.add(row),
    countByPortal: async (day: string): Promise<Record<string, number>> => {
      const rows = await db.visits.where('day').equals(day).toArray();
      return rows.reduce<Record<string, number>>((acc, r) => ({ ...acc, [r.portalId]: (acc[r.portalId] ?? 0) + 1 }), {});
    },
    all: () => db.visits.toArray(),
    /** A merge moves the absorbed portal's records to the portal it joined. */
    reassignPortal: (from: string, to: string) => db.visits.where('portalId').equals(from).modify({ portalId: to }),
  };
}

export type VisitsRepo = ReturnType<typeof createVisitsRepo>;
