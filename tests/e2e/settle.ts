/**
 * Waiting for values the extension writes in its own time (the popup's counts, the report's totals). A wait that
 * returns the moment it sees the expected count cannot notice a count that goes on past it: a submission counted
 * twice passes through 1 on its way to 2. These waits accept a value only once it has stood still for a settle
 * window longer than the extension's own delays, and a count that goes past what was expected fails at once.
 */

export interface SettleOptions {
  /** Give up after this long (ms). */
  timeoutMs?: number;
  /**
   * How long (ms) a value must stay unchanged to count as final. It outlasts the extension's own delays: the page
   * flushes every 0.5 s, a submission's entries are linked 1.5 s after its answer.
   */
  settleMs?: number;
  /** Poll period (ms). */
  intervalMs?: number;
}

export const SETTLE_MS = 2_000;
const DEFAULTS = { timeoutMs: 15_000, settleMs: SETTLE_MS, intervalMs: 100 } satisfies Required<SettleOptions>;

type Counts = number | Readonly<Record<string, number>>;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const show = (v: unknown) => JSON.stringify(v);

/** The fields of `expected` (a number, or some fields of a record of counts) read from `value`. */
function pick(value: Counts, expected: Counts): Record<string, number> {
  if (typeof expected === 'number') return { value: Number(value) };
  const record = value as Record<string, number>;
  return Object.fromEntries(Object.keys(expected).map((k) => [k, record[k] ?? NaN]));
}

function asRecord(expected: Counts): Record<string, number> {
  return typeof expected === 'number' ? { value: expected } : { ...expected };
}

/**
 * Resolves with `read()` once it has returned the same value (compared as JSON) for `settleMs`. For figures with
 * no exact expectation, such as milliseconds measured against a ground truth.
 */
export async function stable<T>(read: () => Promise<T>, opts: SettleOptions = {}): Promise<T> {
  const { timeoutMs, settleMs, intervalMs } = { ...DEFAULTS, ...opts };
  const deadline = Date.now() + timeoutMs;
  let last = await read();
  let since = Date.now();
  for (;;) {
    if (Date.now() - since >= settleMs) return last;
    if (Date.now() > deadline) throw new Error(`value still changing after ${timeoutMs} ms; last value: ${show(last)}`);
    await sleep(intervalMs);
    const next = await read();
    if (show(next) !== show(last)) {
      last = next;
      since = Date.now();
    }
  }
}

/**
 * Resolves once the counts read are exactly `expected` (a number, or the listed fields of a record) and have stayed
 * so for `settleMs`. Rejects as soon as any of them goes past its expected value (over-counting), and at the timeout
 * with the last value read. Fields not listed in `expected` are neither waited for nor checked.
 */
export async function settlesAt<T>(read: () => Promise<T>, expected: Counts, opts: SettleOptions = {}): Promise<T> {
  const { timeoutMs, settleMs, intervalMs } = { ...DEFAULTS, ...opts };
  const want = asRecord(expected);
  const deadline = Date.now() + timeoutMs;
  let equalSince: number | null = null;
  for (;;) {
    const value = await read();
    const got = pick(value as Counts, expected);
    const over = Object.keys(want).filter((k) => got[k]! > want[k]!);
    if (over.length) throw new Error(`over-counted ${over.join(', ')}: expected ${show(want)}, read ${show(got)}`);
    if (Object.keys(want).every((k) => got[k] === want[k])) {
      equalSince ??= Date.now();
      if (Date.now() - equalSince >= settleMs) return value;
    } else {
      // It was right and then moved: a count that goes down is as wrong as one that goes up.
      if (equalSince !== null) throw new Error(`count moved away from ${show(want)} to ${show(got)}`);
    }
    if (Date.now() > deadline) throw new Error(`counts not ${show(want)} after ${timeoutMs} ms; last read ${show(got)}`);
    await sleep(intervalMs);
  }
}

/**
 * Waits for a condition that is not a count: a page state, a list that has loaded. Never use it for a count that
 * should end at a value (use `settlesAt`): it returns the first moment `accept` holds.
 */
export async function until<T>(read: () => Promise<T>, accept: (v: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T = await read();
  while (!accept(last)) {
    if (Date.now() > deadline) throw new Error(`condition not met in ${timeoutMs} ms; last value: ${show(last)}`);
    await sleep(100);
    last = await read();
  }
  return last;
}
