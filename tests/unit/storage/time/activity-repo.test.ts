import { describe, expect, it } from 'vitest';
import { createTimeAccounting } from '../../../../core/time/accounting';
import { createActivityRepo } from '../../../../storage/time/activity-repo';
import { applyRetention } from '../../../../storage/db/retention';
import { BurdenDb } from '../../../../storage/db/schema';

let n = 0;
const freshDb = () => new BurdenDb(`activity-test-${n++}`);
const T0 = new Date(2026, 10, 27, 9, 0, 0).getTime(); // a Friday, inside working hours
const active = { tabActive: true, windowFocused: true, idleState: 'active' as const };

describe('activity repository', () => {
  it('adds credits to the day and keeps the accounting state in the same transaction', async () => {
    const repo = createActivityRepo(freshDb());
    let now = T0 + 1000;
    const acc = createTimeAccounting({ now: () => now });
    acc.acceptSlice('zwfw', { start: T0, end: T0 + 1000, lastInputAt: T0, media: false }, active);
    let batch = acc.drain();
    await repo.commit(batch.credits, batch.gaps, acc.snapshot());
    now = T0 + 2000;
    acc.acceptSlice('zwfw', { start: T0 + 1000, end: T0 + 2000, lastInputAt: T0, media: false }, active);
    batch = acc.drain();
    await repo.commit(batch.credits, batch.gaps, acc.snapshot());

    const [day] = await repo.dailyOn('2026-11-27');
    expect(day).toMatchObject({ portalId: 'zwfw', activeMs: 2000, offHoursMs: 0 });
    // A worker restored from the stored state does not count a re-sent second again.
    const restored = createTimeAccounting({ now: () => now, state: (await repo.loadState()) as never });
    const again = restored.acceptSlice('zwfw', { start: T0 + 1000, end: T0 + 2000, lastInputAt: T0, media: false }, active);
    expect(again).toEqual({ status: 'counted', creditedMs: 0 });
  });

  it('keeps a gap reported second by second as one row per stretch, and starts a new row when it changes', async () => {
    const repo = createActivityRepo(freshDb());
    const gap = (portalId: string, start: number, end: number, reason: 'unfocused' | 'idle') =>
      ({ portalId, day: '2026-11-27', start: T0 + start, end: T0 + end, reason });
    const state = createTimeAccounting({ now: () => T0 }).snapshot();
    // A background tab of one portal reports "unfocused" every second for a minute, another portal meanwhile.
    for (let s = 0; s < 60; s++) await repo.commit([], [gap('zwfw', s * 1000, (s + 1) * 1000, 'unfocused'), gap('layui', s * 1000, (s + 1) * 1000, 'idle')], state);
    await repo.commit([], [gap('zwfw', 60_000, 61_000, 'idle')], state); // the reason changes
    await repo.commit([], [gap('zwfw', 90_000, 91_000, 'idle')], state); // not contiguous: a stretch of its own
    const rows = (await repo.gapsOn('2026-11-27')).map((g) => [g.portalId, g.reason, g.start - T0, g.end - T0]);
    expect(rows).toEqual([
      ['zwfw', 'unfocused', 0, 60_000],
      ['layui', 'idle', 0, 60_000],
      ['zwfw', 'idle', 60_000, 61_000],
      ['zwfw', 'idle', 90_000, 91_000],
    ]);
  });

  it('adds each navigation\'s waiting to its day', async () => {
    const repo = createActivityRepo(freshDb());
    await repo.addWaiting('zwfw', '2026-11-27', 1200);
    await repo.addWaiting('zwfw', '2026-11-27', 800);
    expect((await repo.dailyOn('2026-11-27'))[0]).toMatchObject({ waitMs: 2000, navigations: 2 });
  });

  it('moves a merged portal\'s days and gaps onto the portal it joined, adding up shared days', async () => {
    const db = freshDb();
    const repo = createActivityRepo(db);
    await db.daily.bulkPut([
      { portalId: 'a', day: '2026-11-27', activeMs: 1000, offHoursMs: 0, waitMs: 10, navigations: 1 },
      { portalId: 'b', day: '2026-11-27', activeMs: 500, offHoursMs: 100, waitMs: 5, navigations: 2 },
      { portalId: 'b', day: '2026-11-26', activeMs: 300, offHoursMs: 0, waitMs: 0, navigations: 1 },
    ]);
    await db.gaps.add({ portalId: 'b', day: '2026-11-26', start: 1, end: 2, reason: 'idle' });
    await repo.reassignPortal('b', 'a');
    expect(await db.daily.where('portalId').equals('b').count()).toBe(0);
    expect(await db.daily.get(['a', '2026-11-27'])).toMatchObject({ activeMs: 1500, offHoursMs: 100, waitMs: 15, navigations: 3 });
    expect(await db.daily.get(['a', '2026-11-26'])).toMatchObject({ activeMs: 300 });
    expect((await db.gaps.toArray())[0]!.portalId).toBe('a');
  });
});

describe('retention', () => {
  it('keeps daily and tag totals 13 months, and the gap log, visits, stays and submissions 90 days', async () => {
    const db = freshDb();
    const now = new Date(2026, 10, 27).getTime();
    await db.daily.bulkPut([
      { portalId: 'a', day: '2025-10-26', activeMs: 1, offHoursMs: 0, waitMs: 0, navigations: 0 },
      { portalId: 'a', day: '2025-10-28', activeMs: 1, offHoursMs: 0, waitMs: 0, navigations: 0 },
    ]);
    await db.gaps.bulkAdd([
      { portalId: 'a', day: '2026-08-28', start: 1, end: 2, reason: 'idle' },
      { portalId: 'a', day: '2026-08-29', start: 1, end: 2, reason: 'idle' },
    ]);
    await db.visits.bulkAdd([
      { portalId: 'a', day: '2026-08-28', startedAt: 1 },
      { portalId: 'a', day: '2026-11-27', startedAt: 2 },
    ]);
    const submission = { requestId: '1', tabId: 1, portalId: 'a', at: 1, login: true, captcha: false, oneTimeCode: false, accountFp: 'fp', status: 'ok' as const };
    await db.submissions.bulkAdd([
      { ...submission, day: '2026-08-28' },
      { ...submission, day: '2026-08-29' },
    ]);
    await db.stays.bulkAdd([
      { tabId: 1, portalId: 'a', day: '2026-08-28', startedAt: 1, lastSeenAt: 1 },
      { tabId: 1, portalId: 'a', day: '2026-08-29', startedAt: 1, lastSeenAt: 1 },
    ]);
    await db.tagDaily.bulkPut([
      { tag: 'check-in', portalId: 'a', day: '2025-10-26', activeMs: 1 },
      { tag: 'check-in', portalId: 'a', day: '2025-10-28', activeMs: 1 },
    ]);
    expect(await applyRetention(db, now)).toEqual({ daily: 1, gaps: 1, visits: 1, entries: 0, submissions: 1, stays: 1, tagDaily: 1, uploads: 0 });
    // Account fingerprints go with their submissions after 90 days; tag totals are daily aggregates (13 months).
    expect((await db.submissions.toArray()).map((r) => r.day)).toEqual(['2026-08-29']);
    expect((await db.tagDaily.toArray()).map((r) => r.day)).toEqual(['2025-10-28']);
    expect((await db.daily.toArray()).map((r) => r.day)).toEqual(['2025-10-28']);
    expect((await db.gaps.toArray()).map((r) => r.day)).toEqual(['2026-08-29']);
    expect((await db.visits.toArray()).map((r) => r.day)).toEqual(['2026-11-27']);
  });
});
