/**
 * Waiting per top-level navigation (DESIGN.md §3): from navigation start to load end, capped at 120 s.
 *
 * The input is the plain fields of a `PerformanceNavigationTiming` (a real entry satisfies the type), so this
 * stays free of DOM globals. All three are milliseconds relative to the page's time origin.
 */

export const WAITING_CAP_MS = 120_000;

export interface NavigationTimingLike {
  startTime: number;
  /**
   * When a prerendered page was shown to the user; 0 for an ordinary navigation. Absent where the browser
   * lacks it (Firefox), which means the same as 0.
   */
  activationStart?: number;
  /** 0 until the load event has finished. */
  loadEventEnd: number;
}

/**
 * Milliseconds the user waited for this navigation, or null while the page has not finished loading.
 *
 * A prerendered page is counted from its activation: the user did not wait for the part that happened before
 * they asked for it, and a page fully loaded before activation cost them nothing (0). A page that took longer
 * than the cap is recorded at the cap, so one hung load cannot dominate a portal's average.
 */
export function waitingMs(timing: NavigationTimingLike): number | null {
  const { startTime, loadEventEnd } = timing;
  const activationStart = timing.activationStart ?? 0;
  if (![startTime, activationStart, loadEventEnd].every(Number.isFinite)) return null;
  if (loadEventEnd <= 0) return null;
  const waited = loadEventEnd - Math.max(startTime, activationStart);
  return Math.min(WAITING_CAP_MS, Math.max(0, waited));
}
