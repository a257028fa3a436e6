import { describe, expect, it } from 'vitest';
import { RETENTION_STEP_MS, retentionNow } from '../../../../core/time/retention-clock';

const DAY = 24 * 3_600_000;
const T0 = Date.UTC(2026, 10, 1);

describe('retentionNow', () => {
  it('follows the wall clock on an ordinary day', () => {
    expect(retentionNow(T0, null)).toBe(T0);
    expect(retentionNow(T0 + DAY, T0)).toBe(T0 + DAY);
  });

  // Issue 15 item 7: a clock set 100 days ahead for one run deleted every fingerprinted record for good.
  it('moves at most one step when the clock jumps far ahead, and does not go back when it is corrected', () => {
    const jumped = retentionNow(T0 + 100 * DAY, T0);
    expect(jumped).toBe(T0 + RETENTION_STEP_MS);
    expect(jumped - T0).toBeLessThan(90 * DAY);
    const corrected = retentionNow(T0 + DAY, jumped);
    expect(corrected).toBe(jumped);
    // …and resumes once real time has passed it.
    expect(retentionNow(T0 + 3 * DAY, corrected)).toBe(T0 + 3 * DAY);
  });

  it('catches up after a real absence one step per run', () => {
    let now = T0;
    const wall = T0 + 10 * DAY;
    let runs = 0;
    while (now < wall) {
      now = retentionNow(wall, now);
      runs++;
    }
    expect(runs).toBe(Math.ceil((10 * DAY) / RETENTION_STEP_MS));
  });

  it('ignores an unreadable stored value', () => {
    expect(retentionNow(T0, Number.NaN)).toBe(T0);
  });
});
