import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dayKey, offHoursMs, splitAtMidnight, splitByDay } from '../../../../core/time/day-split';

/*
 * The module uses the runtime's local zone, as the extension does. Node applies `process.env.TZ` when it is
 * assigned, so each test here pins the zone (China, no DST) and the first test proves the pin took effect;
 * the DST case switches to Europe/Berlin for its own duration. Instants are written with explicit offsets.
 */
const previousTz = process.env.TZ;
beforeAll(() => {
  process.env.TZ = 'Asia/Shanghai';
});
afterAll(() => {
  process.env.TZ = previousTz;
});

const at = (local: string) => new Date(`${local}+08:00`).getTime();
const H = 3_600_000;

it('runs in the pinned zone', () => {
  expect(new Date(at('2025-03-05T00:00:00')).getHours()).toBe(0);
  expect(new Date(Date.UTC(2025, 0, 1)).getHours()).toBe(8);
});

describe('dayKey', () => {
  it.each([
    ['2025-03-05T00:00:00', '2025-03-05'],
    ['2025-03-05T23:59:59.999', '2025-03-05'],
    ['2025-03-06T00:00:00', '2025-03-06'],
    // 07:59 in Beijing is still the previous day in UTC: the local day is what counts.
    ['2025-03-06T07:59:00', '2025-03-06'],
  ])('%s is on %s', (local, day) => {
    expect(dayKey(at(local))).toBe(day);
  });
});

describe('splitAtMidnight', () => {
  const pieces = (from: string, to: string) =>
    splitAtMidnight({ start: at(from), end: at(to) }).map((p) => [p.day, (p.end - p.start) / 1000]);

  it.each<[string, string, string, Array<[string, number]>]>([
    ['within a day', '2025-03-05T10:00:00', '2025-03-05T10:00:01', [['2025-03-05', 1]]],
    ['across midnight', '2025-03-05T23:59:59.5', '2025-03-06T00:00:00.5', [['2025-03-05', 0.5], ['2025-03-06', 0.5]]],
    ['ending exactly at midnight', '2025-03-05T23:59:59', '2025-03-06T00:00:00', [['2025-03-05', 1]]],
    ['starting exactly at midnight', '2025-03-06T00:00:00', '2025-03-06T00:00:01', [['2025-03-06', 1]]],
    [
      'over two midnights',
      '2025-03-05T12:00:00',
      '2025-03-07T06:00:00',
      [['2025-03-05', 12 * 3600], ['2025-03-06', 24 * 3600], ['2025-03-07', 6 * 3600]],
    ],
    ['empty', '2025-03-05T10:00:00', '2025-03-05T10:00:00', []],
    ['reversed', '2025-03-05T10:00:01', '2025-03-05T10:00:00', []],
  ])('%s', (_name, from, to, expected) => {
    expect(pieces(from, to)).toEqual(expected);
  });

  it('follows local midnight on a 23-hour DST day', () => {
    process.env.TZ = 'Europe/Berlin';
    try {
      // Sunday 2025-03-30: clocks go from 02:00 to 03:00.
      const start = new Date('2025-03-29T12:00:00+01:00').getTime();
      const end = new Date('2025-03-31T12:00:00+02:00').getTime();
      expect(splitAtMidnight({ start, end }).map((p) => [p.day, (p.end - p.start) / H])).toEqual([
        ['2025-03-29', 12],
        ['2025-03-30', 23],
        ['2025-03-31', 12],
      ]);
      // Monday's working window is 08:00–18:00 wall time, whatever the offset changed to.
      expect(offHoursMs({ start: new Date('2025-03-31T00:00:00+02:00').getTime(), end }) / H).toBe(8);
    } finally {
      process.env.TZ = 'Asia/Shanghai';
    }
  });
});

describe('offHoursMs', () => {
  // 2025-03-05 is a Wednesday, 2025-03-07 a Friday, 2025-03-08 a Saturday, 2025-03-09 a Sunday.
  it.each<[string, string, string, number]>([
    ['weekday working hours', '2025-03-05T09:00:00', '2025-03-05T17:00:00', 0],
    ['weekday early morning', '2025-03-05T07:00:00', '2025-03-05T09:00:00', 1],
    ['weekday evening across 18:00', '2025-03-05T17:30:00', '2025-03-05T18:30:00', 0.5],
    ['weekday evening', '2025-03-05T20:00:00', '2025-03-05T21:00:00', 1],
    ['exactly 08:00 to 18:00', '2025-03-05T08:00:00', '2025-03-05T18:00:00', 0],
    ['a whole weekday', '2025-03-05T00:00:00', '2025-03-06T00:00:00', 14],
    ['Saturday working hours', '2025-03-08T10:00:00', '2025-03-08T11:00:00', 1],
    ['Sunday', '2025-03-09T09:00:00', '2025-03-09T12:00:00', 3],
    ['Friday afternoon into Saturday night', '2025-03-07T17:00:00', '2025-03-08T01:00:00', 7],
    ['Sunday night into Monday morning', '2025-03-09T23:00:00', '2025-03-10T09:00:00', 9],
  ])('%s', (_name, from, to, hours) => {
    expect(offHoursMs({ start: at(from), end: at(to) }) / H).toBe(hours);
  });
});

describe('splitByDay', () => {
  it('gives each local day its milliseconds and off-hours', () => {
    expect(splitByDay({ start: at('2025-03-07T23:59:58'), end: at('2025-03-08T00:00:03') })).toEqual([
      { day: '2025-03-07', ms: 2000, offHoursMs: 2000 },
      { day: '2025-03-08', ms: 3000, offHoursMs: 3000 },
    ]);
    expect(splitByDay({ start: at('2025-03-05T17:59:59'), end: at('2025-03-05T18:00:01') })).toEqual([
      { day: '2025-03-05', ms: 2000, offHoursMs: 1000 },
    ]);
  });
});
