/**
 * A handler's place in the shared listener. Paused, it is not called; the listener itself stays on the page.
 */
export interface PageEventSubscription {
  pause(): void;
  resume(): void;
}

export { PULSE_MS as INPUT_COOLDOWN_MS } from '../../core/contracts/main-world-protocol';

interface Handler {
  run: (event: Event) => void;
  paused: boolean;
}

/**
 * One passive capture-phase listener per event type for all observers in this document, added synchronously when
 * the observer starts — at document_start, before any page script — and kept until the observer stops (issue 15
 * item 2). Listeners on one target run in the order they were added, so ours, first on `window` (the first node
 * of every event's capture path), run before anything the page adds, and a page's
 * `addEventListener(type, e => e.stopImmediatePropagation(), true)` on window comes too late to hide an event.
 * An observer that has learnt all it needs for a while pauses its handler inside the listener: a listener taken
 * off and added again would go to the end of the list, behind the page's.
 *
 * Every type must be named at creation: a listener added later would not be first. Handlers are not called until
 * `enable()` (the portal list says whether this page is measured at all).
 */
export function createPageEvents(signal: AbortSignal, types: readonly string[], target: EventTarget = window) {
  const options = { capture: true, passive: true, signal } as const;
  const handlers = new Map<string, Handler[]>();
  let enabled = false;
  for (const type of types) {
    if (handlers.has(type)) continue;
    const list: Handler[] = [];
    handlers.set(type, list);
    target.addEventListener(
      type,
      (event) => {
        if (!enabled) return;
        for (const h of list) if (!h.paused) h.run(event);
      },
      options,
    );
  }

  return {
    on(type: string, run: (event: Event) => void): PageEventSubscription {
      const list = handlers.get(type);
      if (!list) throw new Error(`page event type not listened to from the start: ${type}`);
      const handler: Handler = { run, paused: false };
      list.push(handler);
      return {
        pause: () => void (handler.paused = true),
        resume: () => void (handler.paused = false),
      };
    },
    /** Whether `type` is listened to in this document (some are heard by the main-world script instead). */
    has: (type: string) => handlers.has(type),
    enable() {
      enabled = true;
    },
    get enabled() {
      return enabled;
    },
  };
}

export type PageEvents = ReturnType<typeof createPageEvents>;

/**
 * Pauses a set of handlers for `ms` after an event has told its observer all that this stretch can tell it: the
 * events in between would be ignored anyway. `end()` resumes them early, for an event that means the next one
 * matters again. Nothing stays paused once the observer is stopped.
 */
export function createCooldown(subs: readonly PageEventSubscription[], ms: number, signal: AbortSignal) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const end = () => {
    if (timer === undefined) return;
    clearTimeout(timer);
    timer = undefined;
    for (const s of subs) s.resume();
  };
  signal.addEventListener('abort', end);
  return {
    start() {
      if (timer !== undefined || signal.aborted) return;
      for (const s of subs) s.pause();
      timer = setTimeout(end, ms);
    },
    end,
  };
}
