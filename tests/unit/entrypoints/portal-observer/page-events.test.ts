import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { onEnterKey } from '../../../../entrypoints/portal-observer/enter-key';
import { createCooldown, createPageEvents } from '../../../../entrypoints/portal-observer/page-events';

/** An EventTarget that knows which listeners it holds, as a page's window would (an aborted signal drops one). */
class CountingTarget extends EventTarget {
  held = new Set<string>();
  private ids = new WeakMap<object, number>();
  private next = 0;
  private key(type: string, listener: EventListenerOrEventListenerObject | null) {
    if (!this.ids.has(listener!)) this.ids.set(listener!, this.next++);
    return `${type}:${this.ids.get(listener!)}`;
  }
  override addEventListener(type: string, listener: EventListenerOrEventListenerObject | null, options?: AddEventListenerOptions | boolean) {
    const signal = typeof options === 'object' ? options.signal : undefined;
    if (signal?.aborted) return;
    const key = this.key(type, listener);
    this.held.add(key);
    signal?.addEventListener('abort', () => this.held.delete(key));
    super.addEventListener(type, listener, options);
  }
  override removeEventListener(type: string, listener: EventListenerOrEventListenerObject | null, options?: EventListenerOptions | boolean) {
    this.held.delete(this.key(type, listener));
    super.removeEventListener(type, listener, options);
  }
  count(type: string) {
    return [...this.held].filter((k) => k.startsWith(`${type}:`)).length;
  }
}

describe('createPageEvents', () => {
  it('shares one listener per type and calls every handler in order', () => {
    const target = new CountingTarget();
    const events = createPageEvents(new AbortController().signal, target);
    const calls: string[] = [];
    events.on('keydown', () => calls.push('a'));
    events.on('keydown', () => calls.push('b'));
    events.on('input', () => calls.push('c'));
    target.dispatchEvent(new Event('keydown'));
    expect(calls).toEqual(['a', 'b']);
    expect(target.count('keydown')).toBe(1);
    expect(target.count('input')).toBe(1);
  });

  it('takes the listener off the page only when every handler of its type is paused, and puts it back on resume', () => {
    const target = new CountingTarget();
    const events = createPageEvents(new AbortController().signal, target);
    const calls: string[] = [];
    const a = events.on('input', () => calls.push('a'));
    const b = events.on('input', () => calls.push('b'));
    a.pause();
    target.dispatchEvent(new Event('input'));
    expect(calls).toEqual(['b']);
    expect(target.count('input')).toBe(1);
    b.pause();
    b.pause(); // pausing twice is still one pause
    expect(target.count('input')).toBe(0);
    target.dispatchEvent(new Event('input'));
    expect(calls).toEqual(['b']);
    a.resume();
    a.resume();
    expect(target.count('input')).toBe(1);
    target.dispatchEvent(new Event('input'));
    expect(calls).toEqual(['b', 'a']);
  });

  it('a handler that pauses itself does not stop the others from seeing the same event', () => {
    const target = new CountingTarget();
    const events = createPageEvents(new AbortController().signal, target);
    const calls: string[] = [];
    const a = events.on('keydown', () => {
      calls.push('a');
      a.pause();
    });
    events.on('keydown', () => calls.push('b'));
    target.dispatchEvent(new Event('keydown'));
    target.dispatchEvent(new Event('keydown'));
    expect(calls).toEqual(['a', 'b', 'b']);
  });

  it('never listens again once the observer is stopped', () => {
    const target = new CountingTarget();
    const controller = new AbortController();
    const events = createPageEvents(controller.signal, target);
    const calls: string[] = [];
    const a = events.on('input', () => calls.push('a'));
    a.pause();
    controller.abort();
    a.resume();
    target.dispatchEvent(new Event('input'));
    expect(calls).toEqual([]);
    expect(target.count('input')).toBe(0);
  });
});

describe('createCooldown', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  function setUp() {
    const target = new CountingTarget();
    const controller = new AbortController();
    const events = createPageEvents(controller.signal, target);
    const seen: number[] = [];
    const sub = events.on('input', () => seen.push(Date.now()));
    const cooldown = createCooldown([sub], 250, controller.signal);
    return { target, controller, seen, cooldown };
  }

  it('nothing reaches the handler for 250 ms, and everything after it does', () => {
    const { target, seen, cooldown } = setUp();
    const start = Date.now();
    cooldown.start();
    for (let ms = 0; ms < 250; ms += 10) {
      expect(target.count('input')).toBe(0);
      target.dispatchEvent(new Event('input'));
      vi.advanceTimersByTime(10);
    }
    expect(seen).toEqual([]);
    expect(target.count('input')).toBe(1);
    target.dispatchEvent(new Event('input'));
    expect(seen).toEqual([start + 250]);
  });

  it('a second start inside the pause does not extend it', () => {
    const { target, seen, cooldown } = setUp();
    const start = Date.now();
    cooldown.start();
    vi.advanceTimersByTime(200);
    cooldown.start();
    vi.advanceTimersByTime(50);
    target.dispatchEvent(new Event('input'));
    expect(seen).toEqual([start + 250]);
  });

  it('end() resumes at once, and the timer left behind changes nothing', () => {
    const { target, seen, cooldown } = setUp();
    const start = Date.now();
    cooldown.start();
    vi.advanceTimersByTime(100);
    cooldown.end();
    target.dispatchEvent(new Event('input'));
    cooldown.start();
    vi.advanceTimersByTime(150); // the first pause's timer would have fired here
    target.dispatchEvent(new Event('input'));
    expect(seen).toEqual([start + 100]);
    vi.advanceTimersByTime(100);
    target.dispatchEvent(new Event('input'));
    expect(seen).toEqual([start + 100, start + 350]);
  });

  it('stopping the observer during a pause leaves no listener and no timer', () => {
    const { target, controller, seen, cooldown } = setUp();
    cooldown.start();
    controller.abort();
    expect(vi.getTimerCount()).toBe(0);
    vi.advanceTimersByTime(1000);
    cooldown.start();
    target.dispatchEvent(new Event('input'));
    expect(seen).toEqual([]);
    expect(target.count('input')).toBe(0);
  });
});

describe('onEnterKey', () => {
  // Every keydown the observer listens to crosses into its isolated world: with the main-world script there, it
  // must not listen at all, and without it (a tab open before access was granted) it must.
  it('leaves keydown to the main-world script when it is there, and listens itself when it is not', () => {
    const withMain = new CountingTarget();
    const heard: (() => void)[] = [];
    onEnterKey(createPageEvents(new AbortController().signal, withMain), { onEnter: (l) => (heard.push(l), true) }, () => {});
    expect(withMain.count('keydown')).toBe(0);
    expect(heard).toHaveLength(1);

    const alone = new CountingTarget();
    onEnterKey(createPageEvents(new AbortController().signal, alone), { onEnter: () => false }, () => {});
    expect(alone.count('keydown')).toBe(1);
  });
});
