import { z } from 'zod';
import { DEFAULT_MAX_STEP_MS, type ActivityGap, type ActivitySlice, type PageGapReason } from './activity-clock';
import { splitAtMidnight, splitByDay, type Interval } from './day-split';

/**
 * Background-side accounting of active time (DESIGN.md §3, issue #3).
 *
 * The background keeps no clock: pages send slices and gaps (core/time/activity-clock.ts), and this module decides,
 * from the browser state at receipt, which slices count. Content scripts are not trusted, so every slice is
 * checked against the same limits the page clock obeys.
 *
 *   slice ──► malformed / negative / too long / in the future / stale ──► rejected (no time, no gap)
 *         ──► screen locked at receipt                                 ──► gap 'locked'
 *         ──► sender's tab not active, or its window not focused      ──► gap 'unfocused'
 *         ──► after a lock, no input since and no media               ──► gap 'locked'
 *         ──► the part not already covered for this portal            ──► credited per local day
 *
 * Each second counts once per portal across tabs, windows and frames: the portal's recent coverage is kept as
 * merged intervals, and only the uncovered part of a slice is credited. The same makes re-sending a slice
 * harmless. Coverage older than the oldest acceptable slice can never be overlapped again, so it is dropped
 * and the state stays a few intervals per portal.
 *
 * The state is plain JSON (`snapshot()`), including the credits and gap entries not yet drained, so the
 * worker can persist it often and write `drain()` batches to the database. Persist the drained batch and the
 * snapshot taken right after it together; a worker restored from an older snapshot would credit that batch twice.
 * A restored worker logs the hole between a portal's last counted slice and its next one as 'worker-restart'
 * when the portal was counting when the previous worker went away.
 */

export type GapLogReason = PageGapReason | 'locked' | 'worker-restart';

export interface GapLogEntry {
  portalId: string;
  /** Local day, yyyy-MM-dd; a gap crossing midnight is one entry per day. */
  day: string;
  start: number;
  end: number;
  reason: GapLogReason;
}

/** Newly counted time for a portal on a local day, to be added to its daily totals. */
export interface DayCredit {
  portalId: string;
  day: string;
  activeMs: number;
  offHoursMs: number;
}

export type IdleState = 'active' | 'idle' | 'locked';

/** What the background knows about the sender when the slice arrives. */
export interface ReceiptState {
  /** The sender's tab is the active tab of its window. */
  tabActive: boolean;
  /** The sender's window is the focused window (false when another application has the focus). */
  windowFocused: boolean;
  /** `idle.queryState` now; only 'locked' matters (the page judges idleness from its own input). */
  idleState: IdleState;
  /** The browser's id of the sender's document (`MessageSender.documentId`), to bridge a reload's hole. */
  documentId?: string;
  /** The idle threshold in force (DESIGN.md §3), to bridge a reload's hole. */
  idleThresholdMs?: number;
}

export interface AccountingLimits {
  /** Longest slice a page clock sends (its own sleep guard). */
  maxSliceMs: number;
  /** How far in the future a slice may end, for clock skew between page and worker. */
  futureToleranceMs: number;
  /** Oldest slice end accepted: the receipt state says nothing about older time. */
  maxSliceAgeMs: number;
  /** Oldest gap end accepted (pages report a continuing gap at least once a minute). */
  maxGapAgeMs: number;
  /** Longest gap accepted (an overnight sleep fits; a forged century does not). */
  maxGapSpanMs: number;
  /** Longest hole after a worker restart still attributed to it. */
  restartHoleMaxMs: number;
  /** Longest hole an extension reload leaves in a page in use that is still credited (see bridgeReloadHole). */
  reloadBridgeMaxMs: number;
}

export const DEFAULT_LIMITS: AccountingLimits = {
  maxSliceMs: DEFAULT_MAX_STEP_MS,
  futureToleranceMs: 2_000,
  maxSliceAgeMs: 10_000,
  maxGapAgeMs: 5 * 60_000,
  maxGapSpanMs: 7 * 24 * 3_600_000,
  restartHoleMaxMs: 60_000,
  reloadBridgeMaxMs: 10_000,
};

const epochMs = z.number().nonnegative();

/** Message payloads from the page clock; the message registry uses these to parse what pages send. */
export const activitySliceSchema = z.strictObject({
  start: epochMs,
  end: epochMs,
  lastInputAt: epochMs.nullable(),
  media: z.boolean(),
}) satisfies z.ZodType<ActivitySlice>;

export const activityGapSchema = z.strictObject({
  start: epochMs,
  end: epochMs,
  reason: z.enum(['idle', 'unfocused', 'sleep']),
}) satisfies z.ZodType<ActivityGap>;

export type SliceRejection = 'malformed' | 'negative' | 'too-long' | 'future' | 'stale';

/** The slice, or why it cannot be genuine or cannot be judged any more. */
export function checkSlice(
  slice: unknown,
  now: number,
  limits: AccountingLimits = DEFAULT_LIMITS,
): { ok: true; slice: ActivitySlice } | { ok: false; why: SliceRejection } {
  const parsed = activitySliceSchema.safeParse(slice);
  if (!parsed.success) return { ok: false, why: 'malformed' };
  const { start, end } = parsed.data;
  if (end <= start) return { ok: false, why: 'negative' };
  if (end - start > limits.maxSliceMs) return { ok: false, why: 'too-long' };
  if (end > now + limits.futureToleranceMs) return { ok: false, why: 'future' };
  if (end < now - limits.maxSliceAgeMs) return { ok: false, why: 'stale' };
  return { ok: true, slice: parsed.data };
}

export type SliceOutcome =
  | { status: 'counted'; creditedMs: number }
  | { status: 'not-counted'; reason: 'locked' | 'unfocused' }
  | { status: 'rejected'; why: SliceRejection };

type Span = [start: number, end: number];

interface PortalCoverage {
  /** Merged, sorted intervals counted recently. */
  recent: Span[];
  /** End of the last counted time. */
  lastEnd: number;
  /** The document and the latest input of the slice that ended last (absent in states of earlier versions). */
  documentId?: string;
  lastInputAt?: number | null;
}

const spanSchema = z.tuple([z.number(), z.number()]);

export const accountingStateSchema = z.strictObject({
  version: z.literal(1),
  coverage: z.record(
    z.string(),
    z.strictObject({ recent: z.array(spanSchema), lastEnd: z.number(), documentId: z.string().optional(), lastInputAt: z.number().nullable().optional() }),
  ),
  /** Receipt time of the latest slice, counted or not. */
  lastSeenAt: z.number().nullable(),
  /** The last moment the screen was known to be locked. */
  lockSeenAt: z.number().nullable(),
  screenLocked: z.boolean(),
  credits: z.array(
    z.strictObject({ portalId: z.string(), day: z.string(), activeMs: z.number(), offHoursMs: z.number() }),
  ),
  gaps: z.array(
    z.strictObject({
      portalId: z.string(),
      day: z.string(),
      start: z.number(),
      end: z.number(),
      reason: z.enum(['idle', 'unfocused', 'sleep', 'locked', 'worker-restart']),
    }),
  ),
});

export type AccountingState = z.infer<typeof accountingStateSchema>;

export function emptyAccountingState(): AccountingState {
  return { version: 1, coverage: {}, lastSeenAt: null, lockSeenAt: null, screenLocked: false, credits: [], gaps: [] };
}

/** A persisted state, or a fresh one when it is missing or unreadable (e.g. written by another version). */
export function restoreAccountingState(stored: unknown): AccountingState {
  const parsed = accountingStateSchema.safeParse(stored);
  return parsed.success ? parsed.data : emptyAccountingState();
}

/** Parts of [start, end) not covered by the sorted, merged spans. */
function uncovered(spans: Span[], start: number, end: number): Interval[] {
  const pieces: Interval[] = [];
  let from = start;
  for (const [s, e] of spans) {
    if (e <= from) continue;
    if (s >= end) break;
    if (s > from) pieces.push({ start: from, end: s });
    from = Math.max(from, e);
  }
  if (from < end) pieces.push({ start: from, end });
  return pieces;
}

function mergeSpan(spans: Span[], start: number, end: number): Span[] {
  const sorted = [...spans, [start, end] as Span].sort((a, b) => a[0] - b[0]);
  const merged: Span[] = [];
  for (const [s, e] of sorted) {
    const last = merged[merged.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else merged.push([s, e]);
  }
  return merged;
}

export interface TimeAccountingOptions {
  now: () => number;
  /** A persisted state: passing one means this worker replaces an earlier one. */
  state?: AccountingState;
  limits?: Partial<AccountingLimits>;
}

export function createTimeAccounting(options: TimeAccountingOptions) {
  const { now } = options;
  const limits: AccountingLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const state: AccountingState = options.state ? structuredClone(options.state) : emptyAccountingState();
  const startedAt = now();

  // Portals that were counting when the previous worker went away: their next hole is the restart's.
  const lastSeenAt = state.lastSeenAt;
  const countingWindowMs = 2 * limits.maxSliceMs;
  const restartCandidates = new Set(
    options.state && lastSeenAt !== null
      ? Object.entries(state.coverage)
          .filter(([, c]) => c.lastEnd >= lastSeenAt - countingWindowMs)
          .map(([portalId]) => portalId)
      : [],
  );

  function logGap(portalId: string, interval: Interval, reason: GapLogReason): void {
    for (const piece of splitAtMidnight(interval)) {
      // Contiguous or overlapping reports of the same reason (1 s slices, two tabs) become one entry.
      const same = state.gaps.findLast(
        (g) => g.portalId === portalId && g.day === piece.day && g.reason === reason && g.end >= piece.start && g.start <= piece.end,
      );
      if (same) {
        same.start = Math.min(same.start, piece.start);
        same.end = Math.max(same.end, piece.end);
      } else {
        state.gaps.push({ portalId, ...piece, reason });
      }
    }
  }

  function credit(portalId: string, interval: Interval): void {
    for (const { day, ms, offHoursMs } of splitByDay(interval)) {
      const entry = state.credits.find((c) => c.portalId === portalId && c.day === day);
      if (entry) {
        entry.activeMs += ms;
        entry.offHoursMs += offHoursMs;
      } else {
        state.credits.push({ portalId, day, activeMs: ms, offHoursMs });
      }
    }
  }

  /**
   * The hole an extension reload or update leaves in a page that stays in use: the old observer's connection dies
   * with the old worker, and the new worker injects a new observer into the same document seconds later (longer on
   * a loaded machine). The cadre's last input before the hole keeps the page active, by the idle rule (DESIGN.md
   * §3), past the hole's end, and the new slice comes from the same document, its tab active and focused: the
   * seconds between count as they would have without the reload ("a reloaded worker loses at most one second").
   * Not after a browser restart or a navigation (another document), a lock, or a hole longer than the limit.
   */
  function bridgeReloadHole(portalId: string, coverage: PortalCoverage | undefined, from: number, receipt: ReceiptState): Interval | null {
    if (!coverage || !restartCandidates.has(portalId)) return null;
    const hole = { start: coverage.lastEnd, end: from };
    if (hole.end <= hole.start || hole.end - hole.start > limits.reloadBridgeMaxMs) return null;
    if (!receipt.documentId || receipt.documentId !== coverage.documentId || receipt.idleThresholdMs === undefined) return null;
    const lastInputAt = coverage.lastInputAt ?? null;
    if (lastInputAt === null || lastInputAt + receipt.idleThresholdMs < hole.end) return null;
    if (state.lockSeenAt !== null && state.lockSeenAt >= hole.start) return null;
    restartCandidates.delete(portalId);
    return hole;
  }

  function noteRestartHole(portalId: string, coverage: PortalCoverage | undefined, { start, end }: Interval, at: number): void {
    // A resent slice of time already counted says nothing about the hole; wait for the first new one.
    if (!coverage || end <= coverage.lastEnd || !restartCandidates.delete(portalId)) return;
    const hole = start - coverage.lastEnd;
    if (hole > 0 && hole <= limits.restartHoleMaxMs && at - startedAt <= limits.restartHoleMaxMs) {
      logGap(portalId, { start: coverage.lastEnd, end: start }, 'worker-restart');
    }
  }

  /** Coverage that no acceptable slice can overlap any more is forgotten. */
  function prune(at: number): void {
    const horizon = at - limits.maxSliceAgeMs - limits.maxSliceMs;
    for (const [portalId, coverage] of Object.entries(state.coverage)) {
      coverage.recent = coverage.recent.filter(([, e]) => e >= horizon);
      if (coverage.recent.length === 0 && coverage.lastEnd < at - limits.restartHoleMaxMs) {
        delete state.coverage[portalId];
      }
    }
  }

  function noteLock(idleState: IdleState, at: number): void {
    // The latest sighting by the clock as it is now, not the greatest number ever seen (issue 15 item 7): a clock
    // corrected back after a lock must not leave the lock in the future.
    if (idleState === 'locked' || state.screenLocked) state.lockSeenAt = at;
  }

  /**
   * The machine's clock was set back (a correction, a time-zone fix): everything this state remembers by time is
   * moved back with it, so a lock seen an hour "ahead" does not refuse the next hour of input, and coverage does
   * not claim time that has not happened yet. How much real time passed meanwhile is unknown; taking none puts
   * the lock at now, which costs at most the slice in flight.
   */
  function followClockBack(at: number): void {
    const latest = Math.max(state.lastSeenAt ?? -Infinity, state.lockSeenAt ?? -Infinity);
    const back = latest - at;
    if (!(back > limits.futureToleranceMs)) return;
    if (state.lastSeenAt !== null) state.lastSeenAt -= back;
    if (state.lockSeenAt !== null) state.lockSeenAt = Math.min(state.lockSeenAt - back, at);
    for (const coverage of Object.values(state.coverage)) {
      coverage.recent = coverage.recent.map(([s, e]) => [s - back, e - back] as Span);
      coverage.lastEnd -= back;
    }
  }

  return {
    /** A slice from a page of `portalId` (derived by the caller from the sender, never from the payload). */
    acceptSlice(portalId: string, slice: unknown, receipt: ReceiptState): SliceOutcome {
      const at = now();
      const checked = checkSlice(slice, at, limits);
      if (!checked.ok) return { status: 'rejected', why: checked.why };
      followClockBack(at);
      const { start, end, lastInputAt, media } = checked.slice;
      state.lastSeenAt = at;

      // 'locked' is a hard stop, whatever the page believes.
      if (receipt.idleState === 'locked') {
        noteLock('locked', at);
        logGap(portalId, { start, end }, 'locked');
        return { status: 'not-counted', reason: 'locked' };
      }
      if (!receipt.tabActive || !receipt.windowFocused) {
        logGap(portalId, { start, end }, 'unfocused');
        return { status: 'not-counted', reason: 'unfocused' };
      }
      // The page cannot see a lock: after one, its old input no longer counts; new input or media must come.
      let from = start;
      const lockSeenAt = state.lockSeenAt;
      if (lockSeenAt !== null) {
        // Input "after" the slice's own end was stamped by the clock before it was set back: it is old input.
        const evidence = media || (lastInputAt !== null && lastInputAt > lockSeenAt && lastInputAt <= end + limits.futureToleranceMs);
        if (!evidence || end <= lockSeenAt) {
          logGap(portalId, { start, end }, 'locked');
          return { status: 'not-counted', reason: 'locked' };
        }
        // The slice holding the first new input counts from the unlock on: at most 1 s more than strictly seen.
        from = Math.max(start, lockSeenAt);
      }

      const coverage = state.coverage[portalId];
      const bridge = bridgeReloadHole(portalId, coverage, from, receipt);
      if (bridge) from = bridge.start;
      else noteRestartHole(portalId, coverage, { start: from, end }, at);
      const fresh = uncovered(coverage?.recent ?? [], from, end);
      for (const piece of fresh) credit(portalId, piece);
      const latest = !coverage || end >= coverage.lastEnd;
      state.coverage[portalId] = {
        recent: mergeSpan(coverage?.recent ?? [], from, end),
        lastEnd: Math.max(coverage?.lastEnd ?? end, end),
        ...(latest ? { documentId: receipt.documentId, lastInputAt } : { documentId: coverage.documentId, lastInputAt: coverage.lastInputAt }),
      };
      prune(at);
      return { status: 'counted', creditedMs: fresh.reduce((sum, p) => sum + p.end - p.start, 0) };
    },

    /** A gap a page reports (idle, unfocused, sleep); false when it cannot be genuine. */
    acceptGap(portalId: string, gap: unknown): boolean {
      const at = now();
      const parsed = activityGapSchema.safeParse(gap);
      if (!parsed.success) return false;
      const { start, end, reason } = parsed.data;
      if (end <= start || end - start > limits.maxGapSpanMs) return false;
      if (end > at + limits.futureToleranceMs || end < at - limits.maxGapAgeMs) return false;
      logGap(portalId, { start, end }, reason);
      return true;
    },

    /** `idle.onStateChanged`: remembers until when the screen was locked. */
    noteIdleState(idleState: IdleState, at: number = now()): void {
      followClockBack(at);
      noteLock(idleState, at);
      state.screenLocked = idleState === 'locked';
    },

    /** Credits and gap entries since the last drain, for one batched database write. */
    drain(): { credits: DayCredit[]; gaps: GapLogEntry[] } {
      const batch = { credits: state.credits, gaps: state.gaps };
      state.credits = [];
      state.gaps = [];
      return batch;
    },

    /** The whole state as plain JSON, to persist and pass back as `state` after a worker restart. */
    snapshot(): AccountingState {
      return structuredClone(state);
    },
  };
}

export type TimeAccounting = ReturnType<typeof createTimeAccounting>;
