import { describe, expect, it } from 'vitest';
import { BurdenDb } from '../../../../storage/db/schema';
import { createEntriesRepo } from '../../../../storage/entries/entries-repo';
import { createRecordReassigner, type PortalRecordRepos } from '../../../../storage/portals/reassign-records';
import { createFrictionRepo } from '../../../../storage/submissions/submissions-repo';
import { createActivityRepo } from '../../../../storage/time/activity-repo';
import { createVisitsRepo } from '../../../../storage/time/visits-repo';
import { createUploadsRepo } from '../../../../storage/uploads/uploads-repo';

let n = 0;
const DAY = '2026-11-27';
const AT = new Date(2026, 10, 27, 9).getTime();

/** A database holding one record of portal `gd` in every table a merge rewrites. */
async function seeded() {
  const db = new BurdenDb(`reassign-test-${n++}`);
  await db.visits.add({ portalId: 'gd', day: DAY, startedAt: AT });
  await db.daily.put({ portalId: 'gd', day: DAY, activeMs: 60_000, offHoursMs: 0, waitMs: 500, navigations: 2 });
  await db.daily.put({ portalId: 'zw', day: DAY, activeMs: 30_000, offHoursMs: 0, waitMs: 0, navigations: 1 });
  await db.gaps.add({ portalId: 'gd', day: DAY, start: AT, end: AT + 1000, reason: 'idle' });
  await db.entries.add({ portalId: 'gd', day: DAY, at: AT, keyId: 'k', valueFp: 'v', formFp: 'f', fieldFp: 'x', category: 'name', length: 3, method: 'typed' } as never);
  await db.submissions.add({ requestId: 'r', tabId: 1, portalId: 'gd', day: DAY, at: AT, login: false, captcha: false, oneTimeCode: false } as never);
  await db.stays.add({ tabId: 1, portalId: 'gd', day: DAY, startedAt: AT, lastSeenAt: AT });
  await db.tagDaily.put({ tag: 'check-in', portalId: 'gd', day: DAY, activeMs: 1000 });
  await db.uploads.add({ portalId: 'gd', day: DAY, at: AT, keyId: 'k', contentFp: 'c', sampled: false, kind: 'document', sizeBucket: 0 } as never);
  const repos: PortalRecordRepos = {
    visits: createVisitsRepo(db),
    activity: createActivityRepo(db),
    entries: createEntriesRepo(db),
    submissions: createFrictionRepo(db, () => AT),
    uploads: createUploadsRepo(db),
  };
  return { db, repos };
}

/** Every row of every table the merge touches, so "nothing changed" compares all of them. */
async function everything(db: BurdenDb) {
  const tables = [db.visits, db.daily, db.gaps, db.entries, db.submissions, db.stays, db.tagDaily, db.uploads];
  return Promise.all(tables.map((t) => (t as typeof db.visits).toArray()));
}

describe('reassigning a merged portal’s records', () => {
  it('moves every table’s records to the portal merged into, adding up the day totals', async () => {
    const { db, repos } = await seeded();
    await createRecordReassigner(db, repos)('gd', 'zw');
    const rows = (await everything(db)).flat() as { portalId: string }[];
    expect(rows.length).toBe(8);
    expect(rows.every((r) => r.portalId === 'zw')).toBe(true);
    expect(await db.daily.get(['zw', DAY])).toMatchObject({ activeMs: 90_000, navigations: 3 });
  });

  it('a merge stopped after most tables were rewritten leaves every table exactly as before', async () => {
    const { db, repos } = await seeded();
    const before = await everything(db);
    // The last step fails after visits, time, entries and submissions have already been rewritten inside the
    // transaction: as a worker killed there, or a quota error, would.
    const stopped: PortalRecordRepos = {
      ...repos,
      uploads: {
        ...repos.uploads,
        reassignPortal: async (from, to) => {
          await repos.uploads.reassignPortal(from, to);
          throw new Error('worker stopped');
        },
      },
    };
    await expect(createRecordReassigner(db, stopped)('gd', 'zw')).rejects.toThrow('worker stopped');
    expect(await everything(db)).toEqual(before);
  });
});
