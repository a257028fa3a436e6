import { afterEach, describe, expect, it, vi } from 'vitest';
import { afterPaintOf } from '../../../../components/dashboard/after-paint';

// The overview's charts wait for its headline figures to be painted: they must come when the browser reports
// that paint, still come where it reports nothing (a background tab, a browser without Element Timing), and
// never come for a view that has gone away.
type Callback = (list: { getEntries(): { identifier?: string }[] }) => void;

function fakeElementTiming() {
  const observers: { cb: Callback; disconnected: boolean }[] = [];
  class FakeObserver {
    static supportedEntryTypes = ['element', 'paint'];
    private readonly entry: { cb: Callback; disconnected: boolean };
    constructor(cb: Callback) {
      this.entry = { cb, disconnected: false };
      observers.push(this.entry);
    }
    observe() {}
    disconnect() {
      this.entry.disconnected = true;
    }
  }
  vi.stubGlobal('PerformanceObserver', FakeObserver);
  return (identifier: string) => observers.filter((o) => !o.disconnected).forEach((o) => o.cb({ getEntries: () => [{ identifier }] }));
}

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('after the figures are painted', () => {
  it('runs when the marked element is painted, not for another one, and once', () => {
    vi.useFakeTimers();
    const paint = fakeElementTiming();
    const then = vi.fn();
    afterPaintOf('overview-totals', then);
    paint('something-else');
    expect(then).not.toHaveBeenCalled();
    paint('overview-totals');
    paint('overview-totals');
    vi.advanceTimersByTime(5000);
    expect(then).toHaveBeenCalledTimes(1);
  });

  it('runs after the fallback delay when no paint is reported', () => {
    vi.useFakeTimers();
    fakeElementTiming();
    const then = vi.fn();
    afterPaintOf('overview-totals', then, 800);
    vi.advanceTimersByTime(799);
    expect(then).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(then).toHaveBeenCalledTimes(1);
  });

  it('without Element Timing, runs after the next frame', () => {
    vi.useFakeTimers();
    vi.stubGlobal('PerformanceObserver', class { static supportedEntryTypes = ['paint']; });
    const frames: (() => void)[] = [];
    vi.stubGlobal('requestAnimationFrame', (cb: () => void) => frames.push(cb));
    vi.stubGlobal('cancelAnimationFrame', () => undefined);
    const then = vi.fn();
    afterPaintOf('overview-totals', then);
    vi.advanceTimersByTime(10);
    expect(then).not.toHaveBeenCalled();
    frames.forEach((f) => f());
    vi.advanceTimersByTime(0);
    expect(then).toHaveBeenCalledTimes(1);
  });

  it('never runs once cancelled', () => {
    vi.useFakeTimers();
    const paint = fakeElementTiming();
    const then = vi.fn();
    const cancel = afterPaintOf('overview-totals', then);
    cancel();
    paint('overview-totals');
    vi.advanceTimersByTime(5000);
    expect(then).not.toHaveBeenCalled();
  });
});
