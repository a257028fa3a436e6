/**
 * The page-side clock of active time (DESIGN.md §3, issue #3; STYLE.md point 5).
 *
 * The clock lives in every portal page and frame, not in the extension worker, because the worker may be
 * stopped at any moment and must not keep time (LESSONS.md, "Time tracking in an MV3 extension"). The page
 * reports short slices of counted time and gaps of uncounted time; the background validates and de-duplicates
 * them (core/time/accounting.ts).
 *
 *   every stretch between two observations (tick or event) is classified by the state that held during it:
 *
 *     stretch longer than maxStepMs ──► gap 'sleep' (page attentive) or 'unfocused' (page not attentive)
 *     page hidden or without focus  ──► gap 'unfocused'
 *     attentive, and input within the idle threshold or media playing ──► slice (counted)
 *     attentive, but idle            ──► counted up to last input + threshold, the rest gap 'idle'
 *
 * "Attentive" is visible AND focused. Events first close the stretch under the old state, then change it, so a
 * stretch never mixes two states. The sleep guard also catches a frozen process or a throttled timer: a gap
 * between observations above maxStepMs is never counted. A hidden or unfocused page's timers are throttled by
 * the browser, so its long gaps are expected and keep the reason 'unfocused'.
 *
 * Slices are flushed at every tick and never exceed maxStepMs, so the background can refuse anything longer.
 * Gaps are merged while their reason holds and reported when it changes, at `flush()`, or at least every
 * gapReportMs, so a closed page loses little of the gap log.
 *
 * The clock reads time only through `now()`; the caller owns the timer (every 500 ms) and calls `tick()`.
 */

export type PageGapReason = 'idle' | 'unfocused' | 'sleep';

export interface ActivitySlice {
  /** Epoch milliseconds; `end - start` is at most maxStepMs. */
  start: number;
  end: number;
  /**
   * Latest trusted input at the end of the slice (null if none yet). The background needs it to resume only on
   * new input after the screen was unlocked: the page cannot see a lock.
   */
  lastInputAt: number | null;
  /** An unmuted media element was playing during the slice. */
  media: boolean;
}

export interface ActivityGap {
  start: number;
  end: number;
  reason: PageGapReason;
}

export interface ActivityClockOptions {
  now: () => number;
  /** Input keeps the page active this long (DESIGN.md: default 120 s, settable 30–600 s). */
  idleThresholdMs: number;
  onSlice: (slice: ActivitySlice) => void;
  onGap?: (gap: ActivityGap) => void;
  /** Longest stretch between two observations that may count; also the longest slice. */
  maxStepMs?: number;
  /** A gap that goes on is reported at least this often. */
  gapReportMs?: number;
  /** Last trusted input seen by an earlier instance of the clock in this page (after a script reload). */
  lastInputAt?: number;
}

export const DEFAULT_MAX_STEP_MS = 2_000;
export const DEFAULT_GAP_REPORT_MS = 60_000;

export function createActivityClock(options: ActivityClockOptions) {
  const { now, onSlice, onGap } = options;
  const maxStepMs = options.maxStepMs ?? DEFAULT_MAX_STEP_MS;
  const gapReportMs = options.gapReportMs ?? DEFAULT_GAP_REPORT_MS;
  let idleThresholdMs = options.idleThresholdMs;

  // Nothing counts until the caller has said the page is visible and focused.
  let visible = false;
  let focused = false;
  let media = false;
  let lastInputAt: number | null = options.lastInputAt ?? null;
  let mark = now();
  let slice: ActivitySlice | null = null;
  let gap: ActivityGap | null = null;

  function flushSlice(): void {
    if (slice) onSlice(slice);
    slice = null;
  }

  function flushGap(): void {
    if (gap) onGap?.(gap);
    gap = null;
  }

  function count(start: number, end: number): void {
    flushGap();
    // Extending must not make the slice longer than one step, or the background would refuse it.
    if (slice && (slice.end !== start || end - slice.start > maxStepMs)) flushSlice();
    slice ??= { start, end, lastInputAt, media };
    slice.end = end;
    slice.lastInputAt = lastInputAt;
    slice.media ||= media;
  }

  function skip(start: number, end: number, reason: PageGapReason): void {
    flushSlice();
    if (gap && (gap.reason !== reason || gap.end !== start)) flushGap();
    gap ??= { start, end, reason };
    gap.end = end;
  }

  /** Classifies the stretch since the last observation under the state that held during it. */
  function advance(): void {
    const from = mark;
    const to = now();
    mark = to;
    if (to < from) {
      // The wall clock was set back: nothing is known about this stretch, and nothing open may straddle it.
      flushSlice();
      flushGap();
      return;
    }
    if (to === from) return;
    const attentive = visible && focused;
    if (to - from > maxStepMs) return skip(from, to, attentive ? 'sleep' : 'unfocused');
    if (!attentive) return skip(from, to, 'unfocused');
    const activeUntil = media ? Infinity : lastInputAt === null ? from : lastInputAt + idleThresholdMs;
    const countedEnd = Math.min(to, Math.max(from, activeUntil));
    if (countedEnd > from) count(from, countedEnd);
    if (countedEnd < to) skip(countedEnd, to, 'idle');
  }

  return {
    /** A trusted user input (key, pointer, wheel, touch) in this page. */
    input(): void {
      advance();
      lastInputAt = mark;
    },
    /** Whether an unmuted media element is playing in this page. */
    mediaPlaying(playing: boolean): void {
      advance();
      media = playing;
    },
    visibility(isVisible: boolean): void {
      advance();
      visible = isVisible;
    },
    /** `document.hasFocus()`: false when another tab, window or application has the focus. */
    focus(hasFocus: boolean): void {
      advance();
      focused = hasFocus;
    },
    setIdleThreshold(ms: number): void {
      advance();
      idleThresholdMs = ms;
    },
    /** Called by the caller's timer (twice a second): reports the slice since the previous tick. */
    tick(): void {
      advance();
      flushSlice();
      if (gap && gap.end - gap.start >= gapReportMs) flushGap();
    },
    /** Reports everything observed so far (on pagehide, or before the page script is torn down). */
    flush(): void {
      advance();
      flushSlice();
      flushGap();
    },
  };
}

export type ActivityClock = ReturnType<typeof createActivityClock>;
