/**
 * @vitest-environment node
 */
import { describe, expect, it } from 'vitest';
import { settlesAt, stable, until } from '../../e2e/settle';

// The e2e waits against fake sources that behave like the extension's counters: values written later, in steps.
// Short windows keep this fast; the e2e defaults are the same logic with longer windows. Each test has its own
// source and timers, so they wait side by side (concurrent) rather than one after another.
const FAST = { settleMs: 150, intervalMs: 10, timeoutMs: 2_000 };

/** A counter the "extension" bumps at the given moments (ms from now), as its worker would write rows. */
function counter(bumps: number[]) {
  let n = 0;
  for (const at of bumps) setTimeout(() => n++, at);
  return async () => n;
}

describe.concurrent('settlesAt', () => {
  it('passes a count that reaches its value and stays', async () => {
    await expect(settlesAt(counter([20, 40]), 2, FAST)).resolves.toBe(2);
  });

  it('fails a count that overshoots late, where the old "first time it equals" wait passed', async () => {
    // One submission counted twice: the second row lands 500 ms after the first, inside the settle window.
    const doubled = counter([20, 520]);
    await expect(until(doubled, (n) => n === 1, 2_000)).resolves.toBe(1);
    await expect(settlesAt(counter([20, 520]), 1, { ...FAST, settleMs: 1_000 })).rejects.toThrow(/over-counted/);
  });

  it('fails at once when the first reading is already past the expected count', async () => {
    const started = Date.now();
    await expect(settlesAt(async () => 3, 2, FAST)).rejects.toThrow(/over-counted value: expected \{"value":2\}, read \{"value":3\}/);
    expect(Date.now() - started).toBeLessThan(FAST.settleMs);
  });

  it('checks only the listed fields of a record, and names the one that overshot', async () => {
    let figures = { submissions: 0, failedSubmissions: 0, logins: 5 };
    setTimeout(() => (figures = { ...figures, submissions: 1 }), 20);
    setTimeout(() => (figures = { ...figures, failedSubmissions: 1 }), 60);
    await expect(settlesAt(async () => figures, { submissions: 1 }, FAST)).resolves.toMatchObject({ submissions: 1 });
    await expect(settlesAt(async () => figures, { submissions: 1, failedSubmissions: 0 }, FAST)).rejects.toThrow(/over-counted failedSubmissions/);
  });

  it('fails a count that never arrives, with the last reading', async () => {
    await expect(settlesAt(counter([20]), 2, { ...FAST, timeoutMs: 200 })).rejects.toThrow(/not \{"value":2\} after 200 ms; last read \{"value":1\}/);
  });

  it('fails a count that was right and then went down', async () => {
    let n = 1;
    setTimeout(() => (n = 0), 50);
    await expect(settlesAt(async () => n, 1, FAST)).rejects.toThrow(/moved away/);
  });
});

describe.concurrent('stable', () => {
  it('waits for the last write, not the first change', async () => {
    let ms = 0;
    for (const at of [10, 40, 70]) setTimeout(() => (ms += 500), at);
    await expect(stable(async () => ms, FAST)).resolves.toBe(1500);
  });

  it('fails a value that never stands still', async () => {
    let ms = 0;
    const timer = setInterval(() => (ms += 1), 20);
    await expect(stable(async () => ms, { ...FAST, timeoutMs: 300 })).rejects.toThrow(/still changing/);
    clearInterval(timer);
  });
});
