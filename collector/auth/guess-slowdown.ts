/**
 * Brute force is slowed for everyone at once: the collector keeps no address to tell guessers apart, so checks
 * run one after another, and after a wrong credential the next check waits; each further wrong one doubles the
 * wait (up to a ceiling). A right credential resets it. Guessing a generated 24-byte token stays hopeless; a
 * short one set by hand is slowed to a few guesses a minute. The price: while someone guesses, the office waits too.
 *
 *   open ──wrong──▶ waiting(base) ──wrong──▶ waiting(2·base … max) ──right──▶ open
 */
export interface GuessSlowdown {
  /** Runs `check` in turn; its verdict updates the wait. */
  check(check: () => Promise<boolean>): Promise<boolean>;
}

export function createGuessSlowdown(options: { baseMs?: number; maxMs?: number; now?: () => number } = {}): GuessSlowdown {
  const base = options.baseMs ?? 500;
  const max = options.maxMs ?? 30_000;
  const now = options.now ?? Date.now;
  let failures = 0;
  let nextAt = 0;
  let queue: Promise<unknown> = Promise.resolve();
  return {
    check(check) {
      const mine = queue.then(async () => {
        const wait = nextAt - now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        const ok = await check();
        if (ok) failures = 0;
        else failures++;
        nextAt = ok ? 0 : now() + Math.min(max, base * 2 ** (failures - 1));
        return ok;
      });
      queue = mine.catch(() => {});
      return mine;
    },
  };
}
