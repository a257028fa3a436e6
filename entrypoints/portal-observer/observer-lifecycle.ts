import { browser } from 'wxt/browser';
import type { Message, MessageReply, PageMessageType, PageSend, Reply } from '../../core/contracts/messages';

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

/**
 * The observer's one way to the worker, bound to its document: only page messages, typed by the registry. An
 * invalidated extension context (update, reload) stops this observer instead of throwing.
 */
export function pageSender(controller: AbortController): PageSend {
  return async <T extends PageMessageType>(message: Message<T>) => {
    try {
      return (await browser.runtime.sendMessage(message)) as Reply<MessageReply<T>> | undefined;
    } catch {
      if (!browser.runtime?.id) controller.abort();
      return undefined;
    }
  };
}
