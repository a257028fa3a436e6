import { describe, expect, it } from 'vitest';
import { WAITING_CAP_MS, waitingMs, type NavigationTimingLike } from '../../../../core/time/waiting';

describe('waitingMs', () => {
  it.each<[string, NavigationTimingLike, number | null]>([
    ['an ordinary navigation', { startTime: 0, activationStart: 0, loadEventEnd: 1_840 }, 1_840],
    ['a browser without activationStart', { startTime: 0, loadEventEnd: 950 }, 950],
    ['a load that has not ended', { startTime: 0, activationStart: 0, loadEventEnd: 0 }, null],
    // Prerendered: the user asked for the page at activation, so the wait starts there.
    ['a prerendered page still loading when shown', { startTime: 0, activationStart: 3_000, loadEventEnd: 3_400 }, 400],
    ['a prerendered page loaded before it was shown', { startTime: 0, activationStart: 5_000, loadEventEnd: 2_000 }, 0],
    ['exactly the cap', { startTime: 0, activationStart: 0, loadEventEnd: WAITING_CAP_MS }, 120_000],
    ['a hung load, capped', { startTime: 0, activationStart: 0, loadEventEnd: 300_000 }, 120_000],
    ['a prerendered hung load, capped from activation', { startTime: 0, activationStart: 10_000, loadEventEnd: 200_000 }, 120_000],
    ['fractional milliseconds', { startTime: 0, activationStart: 0, loadEventEnd: 1234.5 }, 1234.5],
    ['a non-finite field', { startTime: 0, activationStart: Number.NaN, loadEventEnd: 1_000 }, null],
  ])('%s', (_name, timing, expected) => {
    expect(waitingMs(timing)).toBe(expected);
  });

  it('accepts a real PerformanceNavigationTiming-shaped entry with its other fields', () => {
    const entry = { name: 'https://portal.example/', entryType: 'navigation', type: 'reload', startTime: 0, activationStart: 0, responseEnd: 300, loadEventEnd: 700 };
    expect(waitingMs(entry)).toBe(700);
  });
});
