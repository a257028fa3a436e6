/**
 * Pairs a page's trusted submit-like action with the POST/PUT it caused (DESIGN.md §3 "Submission"). Both sides
 * reach the worker separately and in either order: a native form's navigation request often starts before the
 * page's message about the click arrives. Times are when each thing happened — the click's time as the page saw
 * it, the request's start as the browser saw it (one machine clock) — not when the worker heard of it, so the
 * order of arrival does not decide which request a click caused.
 *
 *   intent ──┐                        ┌── matched: one submission
 *            ├─ same tab, same frame ─┤   (a navigation request matches any frame of its tab)
 *  request ──┘  request in [intent − early, intent + window]
 *
 *   a request that starts after the click ──────────────────────────► paired at once (the earliest such one)
 *   only one that started just before it ──► held for `holdMs` ──┬─► a request after the click comes: that one
 *                                                                 └─► none came: the one before (settle())
 *
 * Decisions:
 * - One action makes one submission: the intent is consumed by the request it pairs with, and older intents of
 *   that frame go with it (a click that failed the page's own validation must not pair with a later POST).
 * - A request that follows the click is preferred over one that started before it (issue 15 item 9): an
 *   auto-upload or autosave started a moment before the 提交 click must not use the click up and hide the real
 *   submit that follows (and its failure). A request before the click is taken only when nothing follows.
 * - A submit event (`follows`) within `mergeMs` (150 ms) of a click or Enter in the same frame is that action's
 *   consequence, not a second action (the page folds them together too when it can); `merge` decides whose
 *   data is kept. Clicks never merge: a draft saved and a form submitted a moment later are two submissions.
 * - A request may start before its action by at most `earlyMs` (2 s) when it is a navigation and `earlyScriptMs`
 *   (300 ms) when it is a script request: the two clocks are read in different processes, and a script request
 *   much older than its click belongs to something else (a "send code" button a moment ago).
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
  /** How long an action paired only with a request from before it waits for one that follows it. */
  holdMs?: number;
  /** Two announcements of one action: which data to keep (default: the earlier). */
  merge?: (earlier: D, later: D) => D;
}

export const SUBMIT_WINDOW_MS = 10_000;
export const SUBMIT_HOLD_MS = 2_000;

interface Pending<D> extends SubmitIntent<D> {
  /** A request from just before the action, taken if nothing follows by `heldUntil`. */
  before?: ObservedRequest;
  heldUntil?: number;
}

export interface Match<D> {
  intent: SubmitIntent<D>;
  request: ObservedRequest;
}

export function createSubmissionMatcher<L>(opts: MatcherOptions<L> = {}) {
  const merge = opts.merge ?? ((earlier: L) => earlier);
  const windowMs = opts.windowMs ?? SUBMIT_WINDOW_MS;
  const earlyMs = opts.earlyMs ?? 2_000;
  const earlyScriptMs = opts.earlyScriptMs ?? 300;
  const holdMs = opts.holdMs ?? SUBMIT_HOLD_MS;
  const earliness = (r: ObservedRequest) => (r.kind === 'xmlhttprequest' ? earlyScriptMs : earlyMs);
  const mergeMs = opts.mergeMs ?? 150;
  let intents: Pending<L>[] = [];
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
    intents = intents.filter((i) => now - i.at <= windowMs || i.before);
    early = early.filter((r) => now - r.at <= Math.max(earliness(r), holdMs));
  };

  const consume = (matched: SubmitIntent<L>) => {
    consumedAt.set(frameKey(matched), matched.at);
    intents = intents.filter((i) => !(i.tabId === matched.tabId && i.frameId === matched.frameId && i.at <= matched.at));
  };

  const strip = ({ before: _b, heldUntil: _h, ...intent }: Pending<L>): SubmitIntent<L> => intent;

  /** Holds `r`, a request from before `i`, as its fallback (the latest such one is closest to the click). */
  const hold = (i: Pending<L>, r: ObservedRequest, now: number) => {
    if (!i.before || r.at > i.before.at) i.before = r;
    i.heldUntil ??= now + holdMs;
  };

  return {
    /** A trusted submit-like action; returns a request that came first, followed it and is now matched, if any. */
    intent(intent: SubmitIntent<L>, now: number = intent.at): ObservedRequest | null {
      prune(now);
      const lastConsumed = consumedAt.get(frameKey(intent));
      if (intent.follows && lastConsumed !== undefined && intent.at - lastConsumed < mergeMs && intent.at >= lastConsumed) return null;
      const waiting = early.filter((r) => fits(intent, r));
      const following = waiting.filter((r) => r.at >= intent.at).sort((a, b) => a.at - b.at)[0];
      if (following) {
        early = early.filter((r) => r !== following);
        consume(intent);
        return following;
      }
      const twin = intent.follows ? intents.find((i) => i.tabId === intent.tabId && i.frameId === intent.frameId && intent.at - i.at < mergeMs) : undefined;
      if (twin) {
        twin.data = merge(twin.data, intent.data);
        return null;
      }
      const pending: Pending<L> = { ...intent };
      for (const r of waiting) hold(pending, r, now);
      if (pending.before) early = early.filter((r) => r !== pending.before);
      intents.push(pending);
      return null;
    },
    /** A POST/PUT from a tab; returns the intent it answers (the latest that fits), or null and keeps it briefly. */
    request(request: ObservedRequest, now: number = request.at): SubmitIntent<L> | null {
      prune(now);
      const candidates = intents.filter((i) => fits(i, request));
      const after = candidates.filter((i) => request.at >= i.at);
      const latest = after.reduce<Pending<L> | null>((best, i) => (!best || i.at > best.at ? i : best), null);
      if (latest) {
        consume(latest);
        return strip(latest);
      }
      // Started before every action it could belong to: a fallback for the latest of them, if nothing follows it.
      const before = candidates.reduce<Pending<L> | null>((best, i) => (!best || i.at > best.at ? i : best), null);
      if (before) hold(before, request, now);
      else early.push(request);
      return null;
    },
    /** Actions that waited `holdMs` for a following request in vain take the one from before them. */
    settle(now: number): Match<L>[] {
      const due = intents.filter((i) => i.before && i.heldUntil !== undefined && now >= i.heldUntil);
      const matches: Match<L>[] = [];
      for (const i of due.sort((a, b) => a.at - b.at)) {
        if (!intents.includes(i)) continue; // consumed by a later action of its frame meanwhile
        consume(i);
        matches.push({ intent: strip(i), request: i.before! });
      }
      prune(now);
      return matches;
    },
    /** The earliest moment settle() has something to do, if any. */
    nextSettle(): number | null {
      const times = intents.flatMap((i) => (i.before && i.heldUntil !== undefined ? [i.heldUntil] : []));
      return times.length ? Math.min(...times) : null;
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
