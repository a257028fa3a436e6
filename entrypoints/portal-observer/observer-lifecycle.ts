import { browser } from 'wxt/browser';

const INSTANCE = Symbol.for('burden-barometer.portal-observer');

type Registry = { [INSTANCE]?: { alive: () => boolean } };

/**
 * Exactly one live observer per document. A script injected into an already-open tab may meet one that was
 * registered for the same load, or an orphan from before an extension update whose connection is gone; the
 * orphan is detected by its dead runtime, never by talking to the page.
 */
export function claimDocument(): AbortController | null {
  const registry = globalThis as Registry;
  if (registry[INSTANCE]?.alive()) return null;
  const controller = new AbortController();
  const alive = () => {
    try {
      return !controller.signal.aborted && !!browser.runtime?.id;
    } catch {
      return false;
    }
  };
  registry[INSTANCE] = { alive };
  return controller;
}

/** Sends a message; an invalidated extension context (update, reload) stops this observer instead of throwing. */
export async function send(controller: AbortController, message: unknown): Promise<unknown> {
  try {
    return await browser.runtime.sendMessage(message);
  } catch {
    if (!browser.runtime?.id) controller.abort();
    return undefined;
  }
}
