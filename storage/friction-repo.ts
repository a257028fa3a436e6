import { type FrictionDay, summariseFriction } from '../core/friction-summary';
import type { PageTag } from '../core/portal';
import type { BurdenDb, StayRow, SubmissionRow } from './schema';

export interface TagDay {
  tag: PageTag;
  portalId: string;
  day: string;
  visits: number;
  activeMs: number;
}

export type { FrictionDay };

/**
 * Submissions, logins, stays and tagged-page time (issue 4). The weekly report and the popup read only
 * `frictionByDay` and `tagsByDay`; `now` decides which unanswered submissions are past their 60 s deadline.
 */
export function createFrictionRepo(db: BurdenDb, now: () => number) {
  return {
    addSubmission: (row: Omit<SubmissionRow, 'id'>) => db.submissions.add(row),

    /** The newest row for a browser request id (ids restart with the browser, so older ones are history). */
    async submissionForRequest(requestId: string): Promise<SubmissionRow | undefined> {
      const rows = await db.submissions.where('requestId').equals(requestId).toArray();
      return rows.sort((a, b) => b.at - a.at)[0];
    },

    updateSubmission: (id: number, patch: Partial<Omit<SubmissionRow, 'id'>>) => db.submissions.update(id, patch),

    async lastStayOfTab(tabId: number): Promise<StayRow | undefined> {
      const rows = await db.stays.where('tabId').equals(tabId).toArray();
      return rows.sort((a, b) => b.startedAt - a.startedAt)[0];
    },
    addStay: (row: Omit<StayRow, 'id'>) => db.stays.add(row),
    updateStay: (id: number, patch: Partial<Omit<StayRow, 'id'>>) => db.stays.update(id, patch),

    addTagActive: (tag: PageTag, portalId: string, day: string, ms: number) =>
      db.transaction('rw', db.tagDaily, async () => {
        const row = await db.tagDaily.get([tag, portalId, day]);
        await db.tagDaily.put({ tag, portalId, day, activeMs: (row?.activeMs ?? 0) + ms });
      }),

    /** Per portal per local day, `fromDay` to `toDay` inclusive (yyyy-MM-dd). */
    async frictionByDay(fromDay: string, toDay: string): Promise<FrictionDay[]> {
      const [submissions, stays, entries] = await Promise.all([
        db.submissions.where('day').between(fromDay, toDay, true, true).toArray(),
        db.stays.where('day').between(fromDay, toDay, true, true).toArray(),
        db.entries.where('day').between(fromDay, toDay, true, true).toArray(),
      ]);
      return summariseFriction({ submissions, stays, entries, now: now() });
    },

    /** Visits (page loads) and active time per catalog tag, portal and local day. */
    async tagsByDay(fromDay: string, toDay: string): Promise<TagDay[]> {
      const [visits, active] = await Promise.all([
        db.visits.where('day').between(fromDay, toDay, true, true).toArray(),
        db.tagDaily.where('day').between(fromDay, toDay, true, true).toArray(),
      ]);
      const out = new Map<string, TagDay>();
      const cell = (tag: PageTag, portalId: string, day: string) => {
        const key = `${tag}\u0000${portalId}\u0000${day}`;
        let c = out.get(key);
        if (!c) out.set(key, (c = { tag, portalId, day, visits: 0, activeMs: 0 }));
        return c;
      };
      for (const v of visits) if (v.tag) cell(v.tag, v.portalId, v.day).visits++;
      for (const a of active) cell(a.tag, a.portalId, a.day).activeMs += a.activeMs;
      return [...out.values()].sort((a, b) => a.day.localeCompare(b.day) || a.portalId.localeCompare(b.portalId) || a.tag.localeCompare(b.tag));
    },

    /** A merge moves the absorbed portal's records to the portal it joined. */
    reassignPortal: (from: string, to: string) =>
      db.transaction('rw', db.submissions, db.stays, db.tagDaily, async () => {
        await db.submissions.where('portalId').equals(from).modify({ portalId: to });
        await db.stays.where('portalId').equals(from).modify({ portalId: to });
        for (const row of await db.tagDaily.where('portalId').equals(from).toArray()) {
          const into = await db.tagDaily.get([row.tag, to, row.day]);
          await db.tagDaily.put({ ...row, portalId: to, activeMs: row.activeMs + (into?.activeMs ?? 0) });
          await db.tagDaily.delete([row.tag, from, row.day]);
        }
      }),
  };
}

export type FrictionRepo = ReturnType<typeof createFrictionRepo>;
