import { describe, expect, it } from 'vitest';
import { daysOfIsoWeek, isoWeekOfDay, isoWeeksEndingAt, isValidIsoWeek } from '../../../../core/time/iso-week';

describe('ISO weeks of local days', () => {
  it.each([
    ['2026-11-23', '2026-W48'], // Monday
    ['2026-11-29', '2026-W48'], // Sunday
    ['2026-12-28', '2026-W53'],
    ['2026-12-31', '2026-W53'],
    ['2027-01-01', '2026-W53'], // a Friday: still the last week of 2026
    ['2027-01-03', '2026-W53'],
    ['2027-01-04', '2027-W01'],
    ['2024-12-30', '2025-W01'], // a Monday of December belongs to next year's week 1
    ['2021-01-03', '2020-W53'],
    ['2025-12-28', '2025-W52'],
  ])('%s is in %s', (day, week) => {
    expect(isoWeekOfDay(day)).toBe(week);
  });

  it('lists the seven days of a week across a year boundary, Monday first', () => {
    expect(daysOfIsoWeek('2026-W53')).toEqual(['2026-12-28', '2026-12-29', '2026-12-30', '2026-12-31', '2027-01-01', '2027-01-02', '2027-01-03']);
    expect(daysOfIsoWeek('2025-W01')[0]).toBe('2024-12-30');
    for (const day of daysOfIsoWeek('2020-W53')) expect(isoWeekOfDay(day)).toBe('2020-W53');
  });

  it('knows which years have a week 53', () => {
    expect(isValidIsoWeek('2026-W53')).toBe(true);
    expect(isValidIsoWeek('2025-W53')).toBe(false);
    expect(isValidIsoWeek('2026-W00')).toBe(false);
    expect(isValidIsoWeek('2026-W5')).toBe(false);
    expect(() => daysOfIsoWeek('2025-W53')).toThrow();
  });

  it('counts weeks back over a year boundary', () => {
    expect(isoWeeksEndingAt('2027-01-06', 3)).toEqual(['2026-W52', '2026-W53', '2027-W01']);
  });
});
