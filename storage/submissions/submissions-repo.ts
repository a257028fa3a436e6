import { detectDuplicateFiling, type EarlierSubmission } from '../../core/entries/duplicate-filing';
import { type FrictionDay, summariseFriction } from '../../core/submissions/summary';
import { pairKey } from '../../core/portals/pair';
import type { PageTag } from '../../core/portals/portal';
import type { TagDay } from '../../core/contracts/message-replies';
import type { BurdenDb, EntryRow, StayRow, SubmissionRow } from '../db/schema';


export type { FrictionDay };

export interface DuplicateFilingDay {
  day: string;
  portalId: string;
  otherPortal: string;
  /** The pair, a < b, as the report's `pairs[]` keys it. */
  a: string;
  b: string;
  duplicateFilings: number;
}

/** How far back a form's entries belong to the submission that sends them. */
export const FORM_FILLING_MS = 2 * 3600_000;

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

    /**
     * Links the entries a submission sent (same portal, same tab, made in the 2 hours before and not sent
     * already) to it, then checks it for duplicate filing (core/entries/duplicate-filing.ts) against earlier submissions
     * on other portals. Returns the other portal when it is one.
     */
    async linkEntriesAndCheckDuplicate(submission: { id: number; tabId: number; portalId: string; at: number }): Promise<string | null> {
      return db.transaction('rw', db.entries, db.submissions, async () => {
        const mine = await db.entries
          .where('portalId')
          .equals(submission.portalId)
          .filter((e) => e.submissionId === undefined && e.visitKey.startsWith(`${submission.tabId}:`) && e.at <= submission.at + 5_000 && e.at >= submission.at - FORM_FILLING_MS)
          .toArray();
        if (!mine.length) return null;
        await db.entries.bulkUpdate(mine.map((e) => ({ key: e.id!, changes: { submissionId: submission.id } })));
        const earlier = await db.entries.where('valueFp').anyOf([...new Set(mine.map((e) => e.valueFp))]).toArray();
        const bySubmission = new Map<number, EarlierSubmission & { fps: Set<string> }>();
        for (const e of earlier) {
          if (e.submissionId === undefined || e.submissionId === submission.id || e.portalId === submission.portalId) continue;
          const s = bySubmission.get(e.submissionId) ?? { submissionId: String(e.submissionId).padStart(12, '0'), portalId: e.portalId, at: e.at, valueFps: [], fps: new Set<string>() };
          s.fps.add(e.valueFp);
          s.at = Math.max(s.at, e.at);
          bySubmission.set(e.submissionId, s);
        }
        const found = detectDuplicateFiling(
          mine.map((e) => ({ portalId: e.portalId, formKey: e.formFp, fieldKey: e.fieldFp, valueFp: e.valueFp, at: e.at })),
          [...bySubmission.values()].map(({ fps, ...s }) => ({ ...s, valueFps: [...fps] })),
          { now: now() },
        );
        if (!found) return null;
        await db.submissions.update(submission.id, { duplicateOf: found.otherPortal });
        return found.otherPortal;
      });
    },

    /** Duplicate filings per day and portal pair (DESIGN.md §3), for the report's `pairs[].duplicateFilings`. */
    /** `read`: rows of the range the caller already has (the weekly report reads each table once). */
    async duplicateFilingsByDay(fromDay: string, toDay: string, read?: { submissions: SubmissionRow[] }): Promise<DuplicateFilingDay[]> {
      const rows = read
        ? read.submissions.filter((s) => s.duplicateOf !== undefined)
        : await db.submissions.where('day').between(fromDay, toDay, true, true).filter((s) => s.duplicateOf !== undefined).toArray();
      const out = new Map<string, DuplicateFilingDay>();
      for (const s of rows) {
        const key = `${s.day}\u0000${s.portalId}\u0000${s.duplicateOf}`;
        const c = out.get(key) ?? { day: s.day, portalId: s.portalId, otherPortal: s.duplicateOf!, ...pairKey(s.portalId, s.duplicateOf!), duplicateFilings: 0 };
        c.duplicateFilings++;
        out.set(key, c);
      }
      return [...out.values()];
    },

    /** Per portal per local day, `fromDay` to `toDay` inclusive (yyyy-MM-dd). */
    async frictionByDay(fromDay: string, toDay: string, read?: { submissions: SubmissionRow[]; entries: EntryRow[] }): Promise<FrictionDay[]> {
      const [submissions, stays, entries] = await Promise.all([
        read?.submissions ?? db.submissions.where('day').between(fromDay, toDay, true, true).toArray(),
        db.stays.where('day').between(fromDay, toDay, true, true).toArray(),
        read?.entries ?? db.entries.where('day').between(fromDay, toDay, true, true).toArray(),
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
        await db.submissions.filter((s) => s.duplicateOf === from).modify((s) => {
          if (s.portalId === to) delete s.duplicateOf;
          else s.duplicateOf = to;
        });
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
