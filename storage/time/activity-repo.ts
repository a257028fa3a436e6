import type { AccountingState, DayCredit, GapLogEntry } from '../../core/time/accounting';
import type { BurdenDb, DailyRow, GapRow } from '../db/schema';

const STATE_KEY = 'accounting';

const emptyDaily = (portalId: string, day: string): DailyRow => ({ portalId, day, activeMs: 0, offHoursMs: 0, waitMs: 0, navigations: 0 });

/**
 * Pages report a continuing gap piece by piece (a background portal tab says "unfocused" every second): a piece
 * that continues the portal's latest gap row with the same day and reason extends it, so an open tab costs one
 * row per stretch, not one per second.
 */
async function addOrExtendGap(db: BurdenDb, g: GapLogEntry): Promise<void> {
  const last = await db.gaps.where('portalId').equals(g.portalId).last();
  if (last && last.day === g.day && last.reason === g.reason && last.end >= g.start && last.start <= g.end) {
    await db.gaps.update(last.id!, { start: Math.min(last.start, g.start), end: Math.max(last.end, g.end) });
  } else {
    await db.gaps.add({ ...g });
  }
}

export function createActivityRepo(db: BurdenDb) {
  return {
    loadState: async (): Promise<unknown> => (await db.meta.get(STATE_KEY))?.value,

    /**
     * Credits, gaps and the accounting state that produced them go in one transaction: a worker restored from
     * the state can then neither lose nor double-count a batch.
     */
    commit: (credits: DayCredit[], gaps: GapLogEntry[], state: AccountingState) =>
      db.transaction('rw', db.daily, db.gaps, db.meta, async () => {
        for (const c of credits) {
          const row = (await db.daily.get([c.portalId, c.day])) ?? emptyDaily(c.portalId, c.day);
          await db.daily.put({ ...row, activeMs: row.activeMs + c.activeMs, offHoursMs: row.offHoursMs + c.offHoursMs });
        }
        for (const g of gaps) await addOrExtendGap(db, g);
        await db.meta.put({ key: STATE_KEY, value: state });
      }),

    addWaiting: (portalId: string, day: string, ms: number) =>
      db.transaction('rw', db.daily, async () => {
        const row = (await db.daily.get([portalId, day])) ?? emptyDaily(portalId, day);
        await db.daily.put({ ...row, waitMs: row.waitMs + ms, navigations: row.navigations + 1 });
      }),

    /** A gap written ahead of work that may never finish (an upload's fingerprint); removed when it does. */
    addGap: (gap: Omit<GapRow, 'id'>) => db.gaps.add({ ...gap }),
    removeGap: (id: number) => db.gaps.delete(id),

    dailyOn: (day: string) => db.daily.where('day').equals(day).toArray(),
    gapsOn: (day: string) => db.gaps.where('day').equals(day).toArray(),

    /** A merge moves the absorbed portal's days onto the portal it joined. */
    reassignPortal: (from: string, to: string) =>
      db.transaction('rw', db.daily, db.gaps, async () => {
        for (const row of await db.daily.where('portalId').equals(from).toArray()) {
          const into = (await db.daily.get([to, row.day])) ?? emptyDaily(to, row.day);
          await db.daily.put({
            ...into,
            activeMs: into.activeMs + row.activeMs,
            offHoursMs: into.offHoursMs + row.offHoursMs,
            waitMs: into.waitMs + row.waitMs,
            navigations: into.navigations + row.navigations,
          });
          await db.daily.delete([from, row.day]);
        }
        await db.gaps.where('portalId').equals(from).modify({ portalId: to });
      }),
  };
}

export type ActivityRepo = ReturnType<typeof createActivityRepo>;
