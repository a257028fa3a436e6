import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActivityClock, type ActivitySlice } from '../../../../core/time/activity-clock';
import {
  createTimeAccounting,
  restoreAccountingState,
  type AccountingState,
  type DayCredit,
  type GapLogEntry,
  type ReceiptState,
} from '../../../../core/time/accounting';

// Day keys depend on the local zone; pin China's (see day-split.test.ts).
const previousTz = process.env.TZ;
beforeAll(() => {
  process.env.TZ = 'Asia/Shanghai';
});
afterAll(() => {
  process.env.TZ = previousTz;
});

const at = (local: string) => new Date(`${local}+08:00`).getTime();
const T0 = at('2025-03-05T10:00:00'); // a Wednesday morning

const ACTIVE: ReceiptState = { tabActive: true, windowFocused: true, idleState: 'active' };
const BACKGROUND_TAB: ReceiptState = { ...ACTIVE, tabActive: false };
const OTHER_APP: ReceiptState = { ...ACTIVE, windowFocused: false };
const LOCKED: ReceiptState = { ...ACTIVE, idleState: 'locked' };

/** A fake worker: slices arrive 20 ms after they end. */
function worker(state?: AccountingState, startAt = T0) {
  let t = startAt;
  const accounting = createTimeAccounting({ now: () => t, state });
  const credits: DayCredit[] = [];
  const gaps: GapLogEntry[] = [];
  return {
    accounting,
    setNow: (ms: number) => (t = ms),
    /** Delivers a slice as a page would send it; by default with an input at its start. */
    send(portalId: string, start: number, end: number, receipt: ReceiptState = ACTIVE, extra: Partial<ActivitySlice> = {}) {
      t = end + 20;
      return accounting.acceptSlice(portalId, { start, end, lastInputAt: start, media: false, ...extra }, receipt);
    },
    /** Drains into the fake database and returns active seconds per portal and day. */
    totals() {
      const batch = accounting.drain();
      credits.push(...batch.credits);
      gaps.push(...batch.gaps);
      const out: Record<string, number> = {};
      for (const c of credits) out[`${c.portalId} ${c.day}`] = (out[`${c.portalId} ${c.day}`] ?? 0) + c.activeMs / 1000;
      return out;
    },
    credits,
    gaps,
  };
}

/** One-second slices from `from` for `seconds`. */
function sendSeconds(w: ReturnType<typeof worker>, portalId: string, from: number, seconds: number, receipt: ReceiptState = ACTIVE, extra: Partial<ActivitySlice> = {}) {
  for (let i = 0; i < seconds; i++) w.send(portalId, from + i * 1000, from + (i + 1) * 1000, receipt, extra);
}

describe('counting', () => {
  it('counts slices from the active tab of the focused window', () => {
    const w = worker();
    sendSeconds(w, 'gd', T0, 10);
    expect(w.totals()).toEqual({ 'gd 2025-03-05': 10 });
  });

  it.each([
    ['another tab is active', BACKGROUND_TAB],
    ['another application has the focus', OTHER_APP],
  ])('does not count when %s, and logs the time as unfocused', (_name, receipt) => {
    const w = worker();
    sendSeconds(w, 'gd', T0, 5, receipt);
    expect(w.send('gd', T0 + 5000, T0 + 6000, receipt)).toEqual({ status: 'not-counted', reason: 'unfocused' });
    expect(w.totals()).toEqual({});
    expect(w.gaps).toEqual([{ portalId: 'gd', day: '2025-03-05', start: T0, end: T0 + 6000, reason: 'unfocused' }]);
  });

  it('counts each second once when two tabs of one portal send overlapping slices', () => {
    const w = worker();
    for (let i = 0; i < 10; i++) {
      w.send('gd', T0 + i * 1000, T0 + (i + 1) * 1000);
      w.send('gd', T0 + 500 + i * 1000, T0 + 500 + (i + 1) * 1000); // a second tab (or a frame), half a second later
    }
    expect(w.totals()).toEqual({ 'gd 2025-03-05': 10.5 });
  });

  it('counts two portals separately (a portal frame inside another portal page)', () => {
    const w = worker();
    for (let i = 0; i < 5; i++) {
      w.send('gd', T0 + i * 1000, T0 + (i + 1) * 1000);
      w.send('12345', T0 + i * 1000, T0 + (i + 1) * 1000);
    }
    expect(w.totals()).toEqual({ 'gd 2025-03-05': 5, '12345 2025-03-05': 5 });
  });

  it('ignores a slice sent again (retry after a lost answer)', () => {
    const w = worker();
    expect(w.send('gd', T0, T0 + 1000)).toEqual({ status: 'counted', creditedMs: 1000 });
    expect(w.send('gd', T0, T0 + 1000)).toEqual({ status: 'counted', creditedMs: 0 });
    expect(w.send('gd', T0 + 500, T0 + 1500)).toEqual({ status: 'counted', creditedMs: 500 });
    expect(w.totals()).toEqual({ 'gd 2025-03-05': 1.5 });
  });

  it('splits a slice at local midnight and counts off-hours', () => {
    const w = worker(undefined, at('2025-03-05T23:59:50'));
    sendSeconds(w, 'gd', at('2025-03-05T23:59:58'), 4);
    w.send('gd', at('2025-03-06T00:00:01.5'), at('2025-03-06T00:00:02.5'));
    expect(w.totals()).toEqual({ 'gd 2025-03-05': 2, 'gd 2025-03-06': 2.5 });
    expect(w.credits.map((c) => [c.day, c.offHoursMs])).toEqual([
      ['2025-03-05', 2000],
      ['2025-03-06', 2500],
    ]);
  });

  it('counts off-hours on a weekday evening and all day on a weekend', () => {
    const w = worker(undefined, at('2025-03-05T17:59:00'));
    sendSeconds(w, 'gd', at('2025-03-05T17:59:57'), 5); // Wednesday, across 18:00
    w.setNow(at('2025-03-08T10:00:00'));
    sendSeconds(w, 'gd', at('2025-03-08T10:00:00'), 3); // Saturday morning
    w.totals();
    expect(w.credits).toEqual([
      { portalId: 'gd', day: '2025-03-05', activeMs: 5000, offHoursMs: 2000 },
      { portalId: 'gd', day: '2025-03-08', activeMs: 3000, offHoursMs: 3000 },
    ]);
  });
});

describe('forged or late slices', () => {
  const now = T0 + 60_000;
  it.each<[string, unknown, string]>([
    ['ending in the future', { start: now + 2_500, end: now + 3_000, lastInputAt: null, media: true }, 'future'],
    ['longer than the page clock sends', { start: now - 2_500, end: now, lastInputAt: null, media: true }, 'too-long'],
    ['an hour long', { start: now - 3_600_000, end: now, lastInputAt: null, media: true }, 'too-long'],
    ['negative', { start: now, end: now - 1000, lastInputAt: null, media: true }, 'negative'],
    ['empty', { start: now, end: now, lastInputAt: null, media: true }, 'negative'],
    ['too old to judge by the present state', { start: now - 11_000, end: now - 10_500, lastInputAt: null, media: true }, 'stale'],
    ['with a negative time', { start: -1000, end: 0, lastInputAt: null, media: true }, 'malformed'],
    ['with a string time', { start: String(now - 1000), end: now, lastInputAt: null, media: true }, 'malformed'],
    ['with an infinite end', { start: now - 1000, end: Infinity, lastInputAt: null, media: true }, 'malformed'],
    ['without the media flag', { start: now - 1000, end: now }, 'malformed'],
    ['with an extra field', { start: now - 1000, end: now, lastInputAt: null, media: true, seconds: 3600 }, 'malformed'],
    ['that is not an object', 'slice', 'malformed'],
  ])('rejects a slice %s', (_name, slice, why) => {
    const w = worker(undefined, now);
    expect(w.accounting.acceptSlice('gd', slice, ACTIVE)).toEqual({ status: 'rejected', why });
    expect(w.totals()).toEqual({});
    expect(w.gaps).toEqual([]);
  });

  it.each([
    ['exactly the cap long', now - 2_000, now],
    ['ending within the clock-skew tolerance', now + 1_000, now + 2_000],
    ['at the age bound', now - 10_500, now - 10_000],
  ])('accepts a slice %s', (_name, start, end) => {
    const w = worker(undefined, now);
    expect(w.accounting.acceptSlice('gd', { start, end, lastInputAt: start, media: false }, ACTIVE)).toEqual({
      status: 'counted',
      creditedMs: end - start,
    });
  });
});

describe('screen lock', () => {
  it('is a hard stop, whatever the page says', () => {
    const w = worker();
    sendSeconds(w, 'gd', T0, 3);
    expect(w.send('gd', T0 + 3000, T0 + 4000, LOCKED, { media: true })).toEqual({ status: 'not-counted', reason: 'locked' });
    sendSeconds(w, 'gd', T0 + 4000, 5, LOCKED);
    expect(w.totals()).toEqual({ 'gd 2025-03-05': 3 });
    expect(w.gaps).toEqual([{ portalId: 'gd', day: '2025-03-05', start: T0 + 3000, end: T0 + 9000, reason: 'locked' }]);
  });

  it('resumes after unlock only with new input', () => {
    const w = worker();
    const lastInput = T0;
    sendSeconds(w, 'gd', T0, 5, ACTIVE, { lastInputAt: lastInput });
    w.accounting.noteIdleState('locked', T0 + 5000);
    w.accounting.noteIdleState('active', T0 + 20_000); // unlocked within the page's idle threshold
    // The page still believes its old input is recent; the background knows better.
    sendSeconds(w, 'gd', T0 + 20_000, 5, ACTIVE, { lastInputAt: lastInput });
    // New input at +25.4 s: the slice it falls in counts from the unlock on, later ones whole.
    w.send('gd', T0 + 25_000, T0 + 26_000, ACTIVE, { lastInputAt: T0 + 25_400 });
    w.send('gd', T0 + 26_000, T0 + 27_000, ACTIVE, { lastInputAt: T0 + 25_400 });
    expect(w.totals()).toEqual({ 'gd 2025-03-05': 7 });
    expect(w.gaps).toEqual([{ portalId: 'gd', day: '2025-03-05', start: T0 + 20_000, end: T0 + 25_000, reason: 'locked' }]);
  });

  it('resumes after unlock with media playing and no input', () => {
    const w = worker();
    sendSeconds(w, 'gd', T0, 2, ACTIVE, { lastInputAt: T0 });
    w.accounting.noteIdleState('locked', T0 + 2000);
    sendSeconds(w, 'gd', T0 + 2000, 3, LOCKED, { lastInputAt: T0, media: true });
    w.accounting.noteIdleState('active', T0 + 5500);
    sendSeconds(w, 'gd', T0 + 5000, 4, ACTIVE, { lastInputAt: T0, media: true });
    // 2 s before the lock, then from the unlock at +5.5 s to +9 s.
    expect(w.totals()).toEqual({ 'gd 2025-03-05': 5.5 });
  });

  it('is remembered from slices refused while locked, without a lock event', () => {
    const w = worker();
    sendSeconds(w, 'gd', T0, 4, LOCKED, { lastInputAt: T0 });
    sendSeconds(w, 'gd', T0 + 4000, 4, ACTIVE, { lastInputAt: T0 });
    expect(w.totals()).toEqual({});
  });

  // Issue 15 item 7: the lock was remembered as the greatest time ever seen, so after a lock and a clock set back
  // by an hour the next hour of typing counted nothing.
  it('counts typing after a lock when the clock is then set back an hour', () => {
    const w = worker();
    sendSeconds(w, 'gd', T0, 5, ACTIVE, { lastInputAt: T0 });
    w.accounting.noteIdleState('locked', T0 + 5000);
    w.accounting.noteIdleState('active', T0 + 60_000);
    const back = T0 + 61_000 - 3_600_000; // the clock is corrected: an hour earlier
    for (let i = 0; i < 600; i++) w.send('gd', back + i * 1000, back + (i + 1) * 1000, ACTIVE, { lastInputAt: back + i * 1000 + 500 });
    const totals = w.totals();
    // 5 s before the lock; of the 10 minutes after, at most the first slice is lost (where the lock now sits).
    const day = Object.keys(totals)[0]!;
    expect(Object.keys(totals)).toEqual([day]);
    expect(totals[day]).toBeGreaterThanOrEqual(5 + 598);
    expect(totals[day]).toBeLessThanOrEqual(5 + 600);
  });

  it('still refuses old input after a lock when the clock is set back while locked', () => {
    const w = worker();
    sendSeconds(w, 'gd', T0, 2, ACTIVE, { lastInputAt: T0 });
    w.accounting.noteIdleState('locked', T0 + 2000);
    const back = T0 + 3000 - 3_600_000;
    w.accounting.noteIdleState('active', back + 10_000);
    // The page's input before the lock is, by the corrected clock, an hour "later" than the unlock: still old.
    sendSeconds(w, 'gd', back + 10_000, 3, ACTIVE, { lastInputAt: T0 });
    expect(w.totals()).toEqual({ 'gd 2025-03-05': 2 });
    sendSeconds(w, 'gd', back + 13_000, 3, ACTIVE, { lastInputAt: back + 13_100 });
    expect(w.totals()).toEqual({ 'gd 2025-03-05': 2 + 3 });
  });

  it('does not block counting after an idle (not locked) state ends', () => {
    const w = worker();
    w.accounting.noteIdleState('idle', T0);
    w.accounting.noteIdleState('active', T0 + 1000);
    sendSeconds(w, 'gd', T0 + 1000, 3, ACTIVE, { lastInputAt: T0 - 60_000, media: false });
    expect(w.totals()).toEqual({ 'gd 2025-03-05': 3 });
  });
});

describe('gaps reported by pages', () => {
  it('are logged per local day and merged when contiguous', () => {
    const w = worker(undefined, at('2025-03-06T00:00:30'));
    expect(w.accounting.acceptGap('gd', { start: at('2025-03-05T23:59:00'), end: at('2025-03-06T00:00:00'), reason: 'idle' })).toBe(true);
    expect(w.accounting.acceptGap('gd', { start: at('2025-03-06T00:00:00'), end: at('2025-03-06T00:00:30'), reason: 'idle' })).toBe(true);
    expect(w.accounting.drain().gaps).toEqual([
      { portalId: 'gd', day: '2025-03-05', start: at('2025-03-05T23:59:00'), end: at('2025-03-06T00:00:00'), reason: 'idle' },
      { portalId: 'gd', day: '2025-03-06', start: at('2025-03-06T00:00:00'), end: at('2025-03-06T00:00:30'), reason: 'idle' },
    ]);
  });

  it('accept an overnight sleep reported on waking', () => {
    const w = worker(undefined, at('2025-03-06T08:30:00'));
    expect(w.accounting.acceptGap('gd', { start: at('2025-03-05T18:00:00'), end: at('2025-03-06T08:30:00'), reason: 'sleep' })).toBe(true);
    expect(w.accounting.drain().gaps.map((g) => [g.day, g.reason])).toEqual([
      ['2025-03-05', 'sleep'],
      ['2025-03-06', 'sleep'],
    ]);
  });

  it.each<[string, unknown]>([
    ['in the future', { start: T0, end: T0 + 10_000, reason: 'idle' }],
    ['reversed', { start: T0 - 1000, end: T0 - 2000, reason: 'idle' }],
    ['spanning years', { start: 0, end: T0, reason: 'sleep' }],
    ['long over', { start: T0 - 3_600_000, end: T0 - 3_000_000, reason: 'idle' }],
    ['with a reason only the background gives', { start: T0 - 2000, end: T0 - 1000, reason: 'worker-restart' }],
  ])('are refused when %s', (_name, gap) => {
    const w = worker();
    expect(w.accounting.acceptGap('gd', gap)).toBe(false);
    expect(w.accounting.drain().gaps).toEqual([]);
  });
});

describe('worker restarts', () => {
  it('keep plain JSON state, lose at most the slice in flight, and log the hole', () => {
    const first = worker();
    sendSeconds(first, 'gd', T0, 10);
    const db = first.totals();
    // The worker is stopped; the slice [10 s, 11 s] was in flight and is lost. The state was persisted as JSON.
    const persisted = JSON.parse(JSON.stringify(first.accounting.snapshot())) as unknown;

    const second = worker(restoreAccountingState(persisted), T0 + 11_500);
    // The page may resend its last delivered slice: it is not counted twice.
    expect(second.send('gd', T0 + 9000, T0 + 10_000)).toEqual({ status: 'counted', creditedMs: 0 });
    sendSeconds(second, 'gd', T0 + 11_000, 9);
    const after = second.totals();
    expect((db['gd 2025-03-05'] ?? 0) + (after['gd 2025-03-05'] ?? 0)).toBe(19); // 20 s observed, 1 s lost
    expect(second.gaps).toEqual([{ portalId: 'gd', day: '2025-03-05', start: T0 + 10_000, end: T0 + 11_000, reason: 'worker-restart' }]);
  });

  describe('an extension reload in a page still in use (the same document, input before and after)', () => {
    const DOC: ReceiptState = { ...ACTIVE, documentId: 'doc-1', idleThresholdMs: 30_000 };
    /** 10 s counted, then the worker and the observer go; the new observer's slices start `holeMs` later. */
    function reload(holeMs: number, after: ReceiptState = DOC, persisted?: (s: AccountingState) => unknown) {
      const first = worker();
      sendSeconds(first, 'gd', T0, 10, DOC);
      const before = first.totals()['gd 2025-03-05'] ?? 0;
      const snapshot = first.accounting.snapshot();
      const second = worker(restoreAccountingState(JSON.parse(JSON.stringify(persisted ? persisted(snapshot) : snapshot))), T0 + 10_000 + holeMs);
      sendSeconds(second, 'gd', T0 + 10_000 + holeMs, 5, after);
      return { total: before + (second.totals()['gd 2025-03-05'] ?? 0), gaps: second.gaps };
    }

    it('counts the seconds the reload took, as the idle rule would have, and logs no hole', () => {
      const { total, gaps } = reload(2_700);
      expect(total).toBeCloseTo(10 + 2.7 + 5, 5);
      expect(gaps.filter((g) => g.reason === 'worker-restart')).toEqual([]);
    });

    it.each([
      ['another document (a navigation, a browser restart)', 2_700, { ...DOC, documentId: 'doc-2' }],
      ['a browser that gives no document id', 2_700, { ...ACTIVE, idleThresholdMs: 30_000 }],
      ['a hole longer than a reload takes', 12_000, DOC],
      ['a hole past the idle threshold of the last input', 2_700, { ...DOC, idleThresholdMs: 1_000 }],
    ])('does not bridge %s: the hole is logged as the restart\'s', (_, hole, after) => {
      const { total, gaps } = reload(hole as number, after as ReceiptState);
      expect(total).toBeCloseTo(15, 5);
      expect(gaps.filter((g) => g.reason === 'worker-restart').map((g) => g.end - g.start)).toEqual([hole]);
    });

    it('does not bridge over a lock seen before the restart', () => {
      const { total } = reload(2_700, DOC, (s) => ({ ...s, lockSeenAt: T0 + 10_000 }));
      expect(total).toBeLessThanOrEqual(15);
    });

    it('reads a state of the earlier version, without documents, and bridges nothing', () => {
      const { total } = reload(2_700, DOC, (s) => ({ ...s, coverage: { gd: { recent: s.coverage.gd!.recent, lastEnd: s.coverage.gd!.lastEnd } } }));
      expect(total).toBeCloseTo(15, 5);
    });
  });

  it('keep undrained credits across the restart', () => {
    const first = worker();
    sendSeconds(first, 'gd', T0, 4);
    const second = worker(restoreAccountingState(JSON.parse(JSON.stringify(first.accounting.snapshot()))), T0 + 4100);
    sendSeconds(second, 'gd', T0 + 4000, 2);
    expect(second.totals()).toEqual({ 'gd 2025-03-05': 6 });
    expect(second.gaps).toEqual([]);
  });

  it('log no restart hole for a portal that was not counting when the worker stopped', () => {
    const first = worker();
    sendSeconds(first, 'gd', T0, 3);
    first.send('gd', T0 + 30_000, T0 + 31_000, BACKGROUND_TAB); // the worker went on seeing other tabs
    const second = worker(first.accounting.snapshot(), T0 + 40_000);
    second.send('gd', T0 + 40_000, T0 + 41_000);
    expect(second.gaps.filter((g) => g.reason === 'worker-restart')).toEqual([]);
    second.totals();
    expect(second.gaps.filter((g) => g.reason === 'worker-restart')).toEqual([]);
  });

  it.each([undefined, null, 'garbage', { version: 2 }, { version: 1, coverage: [] }])('start fresh from an unreadable state (%s)', (stored) => {
    const w = worker(restoreAccountingState(stored));
    sendSeconds(w, 'gd', T0, 2);
    expect(w.totals()).toEqual({ 'gd 2025-03-05': 2 });
  });

  it('keep the state small over a long session', () => {
    const w = worker();
    for (let i = 0; i < 3600; i++) {
      w.send(i % 2 ? 'gd' : '12345', T0 + i * 1000, T0 + (i + 1) * 1000);
      if (i % 600 === 0) w.totals(); // batched writes
    }
    const snapshot = w.accounting.snapshot();
    expect(Object.values(snapshot.coverage).map((c) => c.recent.length)).toEqual([expect.any(Number), expect.any(Number)]);
    for (const c of Object.values(snapshot.coverage)) expect(c.recent.length).toBeLessThanOrEqual(13);
    expect(snapshot.credits.length).toBeLessThanOrEqual(2);
    expect(JSON.stringify(snapshot).length).toBeLessThan(2_000);
  });
});

describe('a recorded session through page clocks and the background', () => {
  it('counts the truth for two portals in two tabs with a tab switch, another application and an idle stretch', () => {
    let t = T0;
    const accounting = createTimeAccounting({ now: () => t });
    let activeTab: 'gd' | '12345' = 'gd';
    let browserFocused = true;
    const tabs = (['gd', '12345'] as const).map((portalId) => {
      const clock = createActivityClock({
        now: () => t,
        idleThresholdMs: 30_000,
        onSlice: (slice) =>
          accounting.acceptSlice(portalId, slice, { tabActive: activeTab === portalId, windowFocused: browserFocused, idleState: 'active' }),
        onGap: (gap) => accounting.acceptGap(portalId, gap),
      });
      clock.visibility(portalId === 'gd');
      clock.focus(portalId === 'gd');
      return { portalId, clock };
    });
    const [gd, other] = tabs as [(typeof tabs)[number], (typeof tabs)[number]];
    const run = (seconds: number) => {
      for (let i = 0; i < seconds; i++) {
        t += 1000;
        for (const tab of tabs) tab.clock.tick();
      }
    };
    const switchTo = (to: typeof gd, from: typeof gd) => {
      from.clock.visibility(false);
      from.clock.focus(false);
      activeTab = to.portalId;
      to.clock.visibility(true);
      to.clock.focus(true);
    };

    gd.clock.input();
    run(20); // gd: 20
    switchTo(other, gd);
    other.clock.input();
    run(10); // 12345: 10
    other.clock.focus(false); // another application takes the focus
    browserFocused = false;
    run(15);
    browserFocused = true;
    other.clock.focus(true); // back within the threshold of the last input: counts again
    run(5); // 12345: 5 (its last input at +20 s still holds until +50 s)
    switchTo(gd, other);
    run(60); // gd: last input at +0 s, long past the threshold: idle
    gd.clock.input();
    run(5); // gd: 5
    for (const tab of tabs) tab.clock.flush();

    const totals: Record<string, number> = {};
    const { credits, gaps } = accounting.drain();
    for (const c of credits) totals[c.portalId] = (totals[c.portalId] ?? 0) + c.activeMs / 1000;
    expect(totals).toEqual({ gd: 25, '12345': 15 });
    const reasons = (portalId: string) => [...new Set(gaps.filter((g) => g.portalId === portalId).map((g) => g.reason))].sort();
    expect(reasons('gd')).toEqual(['idle', 'unfocused']);
    expect(reasons('12345')).toEqual(['unfocused']);
  });
});
