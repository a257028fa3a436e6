/**
 * Pairs a page's trusted submit-like action with the POST/PUT it caused (DESIGN.md §3 "Submission"). Both sides
 * reach the worker separately and in either order: a native form's navigation request often starts before the
 * page's message about the click arrives. Times are the worker's own receipt times.
 *
 *   intent ──┐                        ┌── matched: one submission
 *            ├─ same tab, same frame ─┤   (a navigation request matches any frame of its tab)
 *  request ──┘  request in [intent − early, intent + window]
 *
 * Decisions:
 * - One action makes one submission: the intent is consumed by the first request it matches, and older intents
 *   of that frame go with it (a click that failed the page's own validation must not pair with a later POST).
 * - A submit event (`follows`) within `mergeMs` (150 ms) of a click or Enter in the same frame is that action's
 *   consequence, not a second action (the page folds them together too when it can); `merge` decides whose
 *   data is kept. Clicks never merge: a draft saved and a form submitted a moment later are two submissions.
 * - A request seen before its intent waits for it at most `earlyMs` (2 s) when it is a navigation (a native
 *   submit starts it while the page's message is still on its way) and `earlyScriptMs` (300 ms) when it is a
 *   script request: our capture listener announces a click before the page's own handler can send anything, so
 *   a script request much older than its click belongs to something else (a "send code" button a moment ago).
 */

export type RequestKind = 'main_frame' | 'sub_frame' | 'xmlhttprequest';

export interface SubmitIntent<D = unknown> {
  tabId: number;
  frameId: number;
  at: number;
  /** What the caller wants back with the match (the page's portal, login facts). */
  data: D;
  /** A form's submit event: may be the consequence of a click or Enter announced just before. */
  follows?: boolean;
}

export interface ObservedRequest {
  requestId: string;
  tabId: number;
  frameId: number;
  kind: RequestKind;
  at: number;
}

export interface MatcherOptions<D> {
  windowMs?: number;
  earlyMs?: number;
  earlyScriptMs?: number;
  mergeMs?: number;
  /** Two announcements of one action: which data to keep (default: the earlier). */
  merge?: (earlier: D, later: D) => D;
}

export const SUBMIT_WINDOW_MS = 10_000;

export function createSubmissionMatcher<L>(opts: MatcherOptions<L> = {}) {
  const merge = opts.merge ?? ((earlier: L) => earlier);
  const windowMs = opts.windowMs ?? SUBMIT_WINDOW_MS;
  const earlyMs = opts.earlyMs ?? 2_000;
  const earlyScriptMs = opts.earlyScriptMs ?? 300;
  const earliness = (r: ObservedRequest) => (r.kind === 'xmlhttprequest' ? earlyScriptMs : earlyMs);
  const mergeMs = opts.mergeMs ?? 150;
  let intents: SubmitIntent<L>[] = [];
  let early: ObservedRequest[] = [];
  // When each frame's last action was consumed: its twin arriving a moment later is the same action.
  const consumedAt = new Map<string, number>();
  const frameKey = (i: { tabId: number; frameId: number }) => `${i.tabId}:${i.frameId}`;

  const fits = (i: SubmitIntent<L>, r: ObservedRequest) =>
    i.tabId === r.tabId &&
    (i.frameId === r.frameId || r.kind === 'main_frame') &&
    r.at >= i.at - earliness(r) &&
    r.at <= i.at + windowMs;

  const prune = (now: number) => {
    intents = intents.filter((i) => now - i.at <= windowMs);
    early = early.filter((r) => now - r.at <= earliness(r));
  };

  const consume = (matched: SubmitIntent<L>) => {
    consumedAt.set(frameKey(matched), matched.at);
    intents = intents.filter((i) => !(i.tabId === matched.tabId && i.frameId === matched.frameId && i.at <= matched.at));
  };

  return {
    /** A trusted submit-like action; returns a request that came first and is now matched, if any. */
    intent(intent: SubmitIntent<L>): ObservedRequest | null {
      prune(intent.at);
      const lastConsumed = consumedAt.get(frameKey(intent));
      if (intent.follows && lastConsumed !== undefined && intent.at - lastConsumed < mergeMs && intent.at >= lastConsumed) return null;
      const waiting = early.find((r) => fits(intent, r));
      if (waiting) {
        early = early.filter((r) => r !== waiting);
        consume(intent);
        return waiting;
      }
      const twin = intent.follows ? intents.find((i) => i.tabId === intent.tabId && i.frameId === intent.frameId && intent.at - i.at < mergeMs) : undefined;
      if (twin) {
        twin.data = merge(twin.data, intent.data);
        return null;
      }
      intents.push({ ...intent });
      return null;
    },
    /** A POST/PUT from a tab; returns the intent it answers (the latest that fits), or null and keeps it briefly. */
    request(request: ObservedRequest): SubmitIntent<L> | null {
      prune(request.at);
      const candidates = intents.filter((i) => fits(i, request));
      const latest = candidates.reduce<SubmitIntent<L> | null>((best, i) => (!best || i.at > best.at ? i : best), null);
      if (latest) {
        consume(latest);
        return latest;
      }
      early.push(request);
      return null;
    },
    /** A tab closed: nothing of it can match any more. */
    forgetTab(tabId: number) {
      intents = intents.filter((i) => i.tabId !== tabId);
      early = early.filter((r) => r.tabId !== tabId);
      for (const key of consumedAt.keys()) if (key.startsWith(`${tabId}:`)) consumedAt.delete(key);
    },
  };
}

export type SubmissionMatcher<L> = ReturnType<typeof createSubmissionMatcher<L>>;
