/**
 * One passive capture-phase listener per event type for all observers in this document. Every listener in an
 * isolated world costs a crossing per event; with typing at stake (1,000 keystrokes is an ordinary form) the
 * observers share them instead of each adding its own.
 */
export function createPageEvents(signal: AbortSignal) {
  const handlers = new Map<string, ((event: Event) => void)[]>();
  return {
    on(type: string, handler: (event: Event) => void) {
      const list = handlers.get(type);
      if (list) return void list.push(handler);
      const fresh = [handler];
      handlers.set(type, fresh);
      document.addEventListener(
        type,
        (event) => {
          for (const h of fresh) h(event);
        },
        { capture: true, passive: true, signal },
      );
    },
  };
}

export type PageEvents = ReturnType<typeof createPageEvents>;
