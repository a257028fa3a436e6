/**
 * Calls `then` once the browser has painted the element marked `elementtiming={identifier}` (Element Timing), or
 * after the next frame where Element Timing is missing (Firefox), or after `fallbackMs` at the latest (a tab
 * opened in the background paints nothing). The overview draws its charts, the calendar and the friction table
 * only then: mounted with the headline figures, they held its first paint past 300 ms (npm run bench report,
 * issue #16). Returns a function that cancels.
 */
export function afterPaintOf(identifier: string, then: () => void, fallbackMs = 1000): () => void {
  let done = false;
  const finish = () => {
    if (done) return;
    done = true;
    cancel();
    then();
  };
  const timer = setTimeout(finish, fallbackMs);
  let observer: PerformanceObserver | undefined;
  let frame: number | undefined;
  if (typeof PerformanceObserver !== 'undefined' && PerformanceObserver.supportedEntryTypes?.includes('element')) {
    observer = new PerformanceObserver((list) => {
      if (list.getEntries().some((e) => (e as PerformanceEntry & { identifier?: string }).identifier === identifier)) finish();
    });
    observer.observe({ type: 'element', buffered: true });
  } else {
    frame = requestAnimationFrame(() => setTimeout(finish));
  }
  function cancel() {
    clearTimeout(timer);
    observer?.disconnect();
    if (frame !== undefined) cancelAnimationFrame(frame);
  }
  return () => {
    done = true;
    cancel();
  };
}
