import { describe, expect, it } from 'vitest';
import { createActivityClock, type ActivityGap, type ActivitySlice, type PageGapReason } from '../../../../core/time/activity-clock';

const T0 = Date.UTC(2025, 2, 5, 2, 0, 0); // any instant: the clock does not care about calendars
const THRESHOLD_S = 30;

type PageEvent = 'input' | 'media' | 'media-off' | 'show' | 'hide' | 'focus' | 'blur' | 'flush';
/** [second, event], or [second, 'sleep', seconds]: no tick fires during the sleep (machine asleep, process frozen). */
type Step = [number, PageEvent] | [number, 'sleep', number];

const ATTENTIVE: Step[] = [
  [0, 'show'],
  [0, 'focus'],
];

/**
 * Plays a recorded event sequence against the clock with a fake time source: a tick at every whole second
 * (except while asleep), the events at their own (possibly fractional) seconds, and a final flush.
 */
function play(steps: Step[], endS: number, options: { thresholdS?: number; tickEveryS?: number } = {}) {
  let t = T0;
  const slices: ActivitySlice[] = [];
  const gaps: ActivityGap[] = [];
  const clock = createActivityClock({
    now: () => t,
    idleThresholdMs: (options.thresholdS ?? THRESHOLD_S) * 1000,
    onSlice: (s) => slices.push(s),
    onGap: (g) => gaps.push(g),
  });
  const asleep = steps.flatMap((s) => (s[1] === 'sleep' ? [[s[0], s[0] + s[2]] as const] : []));
  const tickEvery = options.tickEveryS ?? 1;
  const timeline: Array<[number, PageEvent | 'tick']> = steps.flatMap((s) => (s[1] === 'sleep' ? [] : [[s[0], s[1]] as [number, PageEvent]]));
  for (let s = tickEvery; s <= endS; s += tickEvery) {
    if (!asleep.some(([from, to]) => s > from && s < to)) timeline.push([s, 'tick']);
  }
  // Events at a second come before that second's tick, as a listener fires before the next timer callback.
  timeline.sort((a, b) => a[0] - b[0] || (a[1] === 'tick' ? 1 : 0) - (b[1] === 'tick' ? 1 : 0));
  for (const [s, event] of timeline) {
    t = T0 + s * 1000;
    if (event === 'tick') clock.tick();
    else if (event === 'input') clock.input();
    else if (event === 'media' || event === 'media-off') clock.mediaPlaying(event === 'media');
    else if (event === 'show' || event === 'hide') clock.visibility(event === 'show');
    else if (event === 'focus' || event === 'blur') clock.focus(event === 'focus');
    else clock.flush();
  }
  t = T0 + endS * 1000;
  clock.flush();
  const seconds = (items: Array<{ start: number; end: number }>) => items.reduce((sum, i) => sum + i.end - i.start, 0) / 1000;
  const gapSeconds = (reason: PageGapReason) => seconds(gaps.filter((g) => g.reason === reason));
  return {
    slices,
    gaps,
    counted: seconds(slices),
    idle: gapSeconds('idle'),
    unfocused: gapSeconds('unfocused'),
    sleep: gapSeconds('sleep'),
  };
}

describe('recorded sessions', () => {
  it.each<[string, Step[], number, { counted: number; idle: number; unfocused: number; sleep: number }]>([
    ['typing steadily', [...ATTENTIVE, [0, 'input'], [5, 'input'], [9.5, 'input']], 10, { counted: 10, idle: 0, unfocused: 0, sleep: 0 }],
    ['no input at all', ATTENTIVE, 10, { counted: 0, idle: 10, unfocused: 0, sleep: 0 }],
    [
      'switching to another tab and back (old input still within the threshold)',
      [...ATTENTIVE, [0, 'input'], [4, 'hide'], [7.5, 'show']],
      10,
      { counted: 6.5, idle: 0, unfocused: 3.5, sleep: 0 },
    ],
    [
      'focus moving to another window or application and back',
      [...ATTENTIVE, [0, 'input'], [3, 'blur'], [8, 'focus']],
      12,
      { counted: 7, idle: 0, unfocused: 5, sleep: 0 },
    ],
    [
      'idle longer than the threshold: counts up to it, then stops until new input',
      [...ATTENTIVE, [0, 'input'], [50, 'input']],
      55,
      { counted: 35, idle: 20, unfocused: 0, sleep: 0 },
    ],
    ['media playing with no input keeps counting', [...ATTENTIVE, [0, 'media']], 100, { counted: 100, idle: 0, unfocused: 0, sleep: 0 }],
    ['media stopping with no input', [...ATTENTIVE, [0, 'media'], [40, 'media-off']], 50, { counted: 40, idle: 10, unfocused: 0, sleep: 0 }],
    [
      'media after the idle threshold resumes counting',
      [...ATTENTIVE, [0, 'input'], [45, 'media']],
      50,
      { counted: 35, idle: 15, unfocused: 0, sleep: 0 },
    ],
    ['media in a hidden tab does not count', [[0, 'focus'], [0, 'media']], 10, { counted: 0, idle: 0, unfocused: 10, sleep: 0 }],
    [
      'a 10-minute sleep between ticks adds nothing, then idle until new input',
      [...ATTENTIVE, [0, 'input'], [5, 'sleep', 600], [607, 'input']],
      610,
      { counted: 8, idle: 2, unfocused: 0, sleep: 600 },
    ],
    [
      'an input on waking, before the first tick, does not bring the slept stretch back',
      [...ATTENTIVE, [0, 'input'], [5, 'sleep', 600], [604.5, 'input']],
      607,
      { counted: 5 + 2.5, idle: 0, unfocused: 0, sleep: 599.5 },
    ],
    [
      'a sleep shorter than the threshold still counts nothing while asleep',
      [...ATTENTIVE, [0, 'input'], [3, 'sleep', 10]],
      20,
      { counted: 3 + 7, idle: 0, unfocused: 0, sleep: 10 },
    ],
    [
      'input before the page is known to be visible and focused does not count',
      [[0, 'input'], [5, 'show'], [6, 'focus']],
      10,
      { counted: 4, idle: 0, unfocused: 6, sleep: 0 },
    ],
  ])('%s', (_name, steps, endS, expected) => {
    const { counted, idle, unfocused, sleep } = play(steps, endS);
    expect({ counted, idle, unfocused, sleep }).toEqual(expected);
  });

  it('accounts for every millisecond once: slices and gaps tile the session without overlap', () => {
    const { slices, gaps } = play(
      [...ATTENTIVE, [0, 'input'], [4.2, 'hide'], [6.7, 'show'], [20, 'blur'], [21.3, 'focus'], [60, 'sleep', 300], [365, 'media']],
      400,
    );
    const all = [...slices, ...gaps].sort((a, b) => a.start - b.start);
    expect(all[0]?.start).toBe(T0);
    for (let i = 1; i < all.length; i++) expect(all[i]?.start).toBe(all[i - 1]?.end);
    expect(all[all.length - 1]?.end).toBe(T0 + 400_000);
  });
});

describe('slices', () => {
  it('are short, so the background can refuse anything longer than the sleep guard', () => {
    const { slices } = play([...ATTENTIVE, [0, 'input'], [0.3, 'input'], [0.9, 'input'], [1.4, 'input']], 20);
    expect(slices.length).toBeGreaterThanOrEqual(20);
    for (const s of slices) expect(s.end - s.start).toBeLessThanOrEqual(2000);
  });

  it('stay within the cap even when ticks are late but events keep arriving', () => {
    let t = T0;
    const slices: ActivitySlice[] = [];
    const clock = createActivityClock({ now: () => t, idleThresholdMs: 30_000, onSlice: (s) => slices.push(s) });
    clock.visibility(true);
    clock.focus(true);
    clock.input();
    for (let i = 1; i <= 12; i++) {
      t += 1_500; // inputs every 1.5 s, no tick at all
      clock.input();
    }
    clock.flush();
    expect(slices.reduce((sum, s) => sum + s.end - s.start, 0)).toBe(18_000);
    for (const s of slices) expect(s.end - s.start).toBeLessThanOrEqual(2000);
  });

  it('carry the latest input and whether media played, for the background lock rule', () => {
    const { slices } = play([...ATTENTIVE, [0, 'input'], [2.5, 'input'], [3, 'media'], [4.5, 'media-off']], 6);
    expect(slices.map((s) => [(s.end - T0) / 1000, s.lastInputAt === null ? null : (s.lastInputAt - T0) / 1000, s.media])).toEqual([
      [1, 0, false],
      [2, 0, false],
      [3, 2.5, false],
      [4, 2.5, true],
      [5, 2.5, true],
      [6, 2.5, false],
    ]);
  });

  it.each([
    [1.5, 10, 0],
    [2, 10, 0],
    [2.5, 0, 10],
    [60, 0, 10],
  ])('with a tick every %s s (timer throttled) counts %s s of 10 and drops %s s as sleep', (tickEveryS, countedS, sleepS) => {
    const { counted, sleep } = play([...ATTENTIVE, [0, 'media']], 10, { tickEveryS });
    expect({ counted, sleep }).toEqual({ counted: countedS, sleep: sleepS });
  });
});

describe('gaps', () => {
  it('in a hidden page with a throttled timer are unfocused, not sleep', () => {
    const { counted, unfocused, sleep } = play([[0, 'focus'], [0, 'input']], 300, { tickEveryS: 60 });
    expect({ counted, unfocused, sleep }).toEqual({ counted: 0, unfocused: 300, sleep: 0 });
  });

  it('are merged while the reason holds and reported at least once a minute', () => {
    const { gaps } = play([[0, 'hide']], 150);
    expect(gaps.map((g) => [(g.start - T0) / 1000, (g.end - T0) / 1000, g.reason])).toEqual([
      [0, 60, 'unfocused'],
      [60, 120, 'unfocused'],
      [120, 150, 'unfocused'],
    ]);
  });

  it('end when counting resumes, before the next slice is sent', () => {
    const order: string[] = [];
    let t = T0;
    const clock = createActivityClock({
      now: () => t,
      idleThresholdMs: 30_000,
      onSlice: () => order.push('slice'),
      onGap: (g) => order.push(g.reason),
    });
    clock.visibility(true);
    clock.focus(true);
    t += 1000;
    clock.tick(); // idle: nothing typed yet
    t += 500;
    clock.input();
    t += 500;
    clock.tick();
    expect(order).toEqual(['idle', 'slice']);
  });
});

describe('time and settings', () => {
  it('counts nothing across a wall clock set backwards', () => {
    let t = T0;
    const slices: ActivitySlice[] = [];
    const clock = createActivityClock({ now: () => t, idleThresholdMs: 30_000, onSlice: (s) => slices.push(s) });
    clock.visibility(true);
    clock.focus(true);
    clock.input();
    t += 1000;
    clock.tick();
    t -= 3_600_000;
    clock.tick();
    t += 1000;
    clock.tick();
    expect(slices.map((s) => s.end - s.start)).toEqual([1000, 1000]);
  });

  it('applies a new idle threshold from the moment it is set', () => {
    let t = T0;
    const slices: ActivitySlice[] = [];
    const clock = createActivityClock({ now: () => t, idleThresholdMs: 120_000, onSlice: (s) => slices.push(s) });
    clock.visibility(true);
    clock.focus(true);
    clock.input();
    for (let i = 0; i < 10; i++) {
      t += 1000;
      clock.tick();
    }
    clock.setIdleThreshold(30_000);
    for (let i = 0; i < 60; i++) {
      t += 1000;
      clock.tick();
    }
    expect(slices.reduce((sum, s) => sum + s.end - s.start, 0)).toBe(30_000);
  });

  it('continues from the last input of an earlier instance in the same page (script reloaded)', () => {
    let t = T0 + 10_000;
    const slices: ActivitySlice[] = [];
    const clock = createActivityClock({ now: () => t, idleThresholdMs: 30_000, lastInputAt: T0, onSlice: (s) => slices.push(s) });
    clock.visibility(true);
    clock.focus(true);
    for (let i = 0; i < 30; i++) {
      t += 1000;
      clock.tick();
    }
    expect(slices.reduce((sum, s) => sum + s.end - s.start, 0)).toBe(20_000);
  });
});
