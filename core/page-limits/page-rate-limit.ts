/**
 * What any one page can make the extension do per minute (issue 15): a tracked portal's page is untrusted code,
 * and everything it could make us count, hash or store is bounded here, in one table, per tab. The numbers are
 * far above what a cadre does by hand (a form of 60 fields filled in a minute, 100 photos chosen at once), and far
 * below what a script can make. Over the bound, messages are dropped and the drop goes to the gap log, so the
 * numbers say where they are incomplete.
 *
 *   message ──► its kind's budget this minute ──► within: handled
 *                                              └► over: dropped (the first drop of a minute is logged)
 *           ──► the tab's budget for all page messages, the same way
 */
export const PAGE_LIMITS_PER_MINUTE = {
  /** Files fingerprinted (begun and finished): hashing is the costliest thing a page can ask for. */
  'page.uploadBegin': 100,
  'page.upload': 100,
  'page.uploadProgress': 600,
  /** Committed entries. */
  'page.entry': 120,
  'page.copy': 60,
  /** Actions that may submit: each may pair with a request, and a login's account is fingerprinted. */
  'page.submitIntent': 60,
  /** Observer starts and page loads (frames included). */
  'page.hello': 120,
  'page.waiting': 60,
  /** The page clock: twice a second per frame, a frameset has a few frames. */
  'page.activity': 1_200,
  /** Everything from one tab together. */
  all: 2_400,
} as const;

export type LimitedKind = keyof typeof PAGE_LIMITS_PER_MINUTE;

export const LIMIT_WINDOW_MS = 60_000;

export type LimitDecision = { allowed: true } | { allowed: false; kind: LimitedKind; firstDropThisWindow: boolean };

/**
 * A fixed one-minute window per tab and kind (cheap: one counter each). A burst across a window's edge can reach
 * twice a bound, which is still a bound. The clock is injected; a clock set back starts a new window.
 */
export function createPageRateLimit(now: () => number, limits: Record<LimitedKind, number> = PAGE_LIMITS_PER_MINUTE) {
  const windows = new Map<string, { start: number; count: number; dropped: number }>();
  const take = (key: string, limit: number, at: number) => {
    let w = windows.get(key);
    if (!w || at - w.start >= LIMIT_WINDOW_MS || at < w.start) {
      w = { start: at, count: 0, dropped: 0 };
      windows.set(key, w);
    }
    if (w.count >= limit) {
      w.dropped++;
      return { ok: false, first: w.dropped === 1 };
    }
    w.count++;
    return { ok: true, first: false };
  };
  const prune = (at: number) => {
    if (windows.size < 4_096) return;
    for (const [key, w] of windows) if (at - w.start >= LIMIT_WINDOW_MS) windows.delete(key);
  };

  return {
    /** Counts one message of `type` from `tabId` and says whether it may be handled. */
    take(tabId: number, type: string): LimitDecision {
      const at = now();
      prune(at);
      const kind = type in limits ? (type as LimitedKind) : null;
      if (kind && kind !== 'all') {
        const own = take(`${tabId}|${kind}`, limits[kind], at);
        if (!own.ok) return { allowed: false, kind, firstDropThisWindow: own.first };
      }
      const all = take(`${tabId}|all`, limits.all, at);
      if (!all.ok) return { allowed: false, kind: 'all', firstDropThisWindow: all.first };
      return { allowed: true };
    },
    /** A closed tab's counters go. */
    forgetTab(tabId: number) {
      for (const key of windows.keys()) if (key.startsWith(`${tabId}|`)) windows.delete(key);
    },
  };
}

export type PageRateLimit = ReturnType<typeof createPageRateLimit>;
