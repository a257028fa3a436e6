/**
 * A handler's place in the shared listener. Paused, it is not called; when every handler of a type is paused the
 * listener itself leaves the page, so the events of that type stop crossing into this isolated world at all.
 */
export interface PageEventSubscription {
  pause(): void;
  resume(): void;
}

/** After a trusted input, more of the same tells an observer nothing for this long (README: active time). */
export const INPUT_COOLDOWN_MS = 250;

interface Handler {
  run: (event: Event) => void;
  paused: boolean;
}

/**
 * One passive capture-phase listener per event type for all observers in this document. Every listener in an
 * isolated world costs a crossing per event, even one that returns at once; with typing at stake (1,000
 * keystrokes is an ordinary form) the observers share them, and an observer that has learnt all it needs for a
 * while pauses its handler so the keystrokes in between cost nothing.
 *
 * On `window`, the first node of every event's capture path, so a page's own document listeners cannot stop an
 * event before us even after a paused type has been listened to again.
 */
export function createPageEvents(signal: AbortSignal, target: EventTarget = window) {
  const options = { capture: true, passive: true, signal } as const;
  const types = new Map<string, { handlers: Handler[]; listening: boolean; listener: (event: Event) => void }>();

  const sync = (type: string) => {
    const entry = types.get(type)!;
    const wanted = entry.handlers.some((h) => !h.paused);
    if (wanted === entry.listening) return;
    entry.listening = wanted;
    if (wanted) target.addEventListener(type, entry.listener, options);
    else target.removeEventListener(type, entry.listener, { capture: true });
  };

  return {
    on(type: string, run: (event: Event) => void): PageEventSubscription {
      let entry = types.get(type);
      if (!entry) {
        const handlers: Handler[] = [];
        entry = {
          handlers,
          listening: false,
          listener: (event) => {
            for (const h of handlers) if (!h.paused) h.run(event);
          },
        };
        types.set(type, entry);
      }
      const handler: Handler = { run, paused: false };
      entry.handlers.push(handler);
      sync(type);
      return {
        pause() {
          if (handler.paused) return;
          handler.paused = true;
          sync(type);
        },
        resume() {
          if (!handler.paused) return;
          handler.paused = false;
          sync(type);
        },
      };
    },
  };
}

export type PageEvents = ReturnType<typeof createPageEvents>;

/**
 * Pauses a set of handlers for `ms` after an event has told its observer all that this stretch can tell it: the
 * events in between would be ignored anyway, so they need not reach us. `end()` resumes them early, for an event
 * that means the next one matters again. Nothing stays paused once the observer is stopped.
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
