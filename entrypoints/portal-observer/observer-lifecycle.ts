import { browser } from 'wxt/browser';
import type { Message, MessageReply, PageMessageType, PageSend, Reply } from '../../core/contracts/messages';

const INSTANCE = Symbol.for('burden-barometer.portal-observer');
/** Set in this isolated world by the worker just before it injects the observer into a page already open. */
export const INJECTED_LATE = Symbol.for('burden-barometer.portal-observer.late');

type Registry = { [INSTANCE]?: { alive: () => boolean }; [INJECTED_LATE]?: boolean };

/**
 * Exactly one live observer per document. A script injected into an already-open tab may meet one that was
 * registered for the same load, or an orphan from before an extension update whose connection is gone; the
 * orphan is detected by its dead runtime, never by talking to the page. `resumed`: an earlier observer was here,
 * so this page's load (its visit, its wait) has been reported already (issue 15 item 8).
 */
export function claimDocument(): { controller: AbortController; resumed: boolean } | null {
  const registry = globalThis as Registry;
  const previous = registry[INSTANCE];
  if (previous?.alive()) return null;
  const controller = new AbortController();
  const alive = () => {
    try {
      return !controller.signal.aborted && !!browser.runtime?.id;
    } catch {
      return false;
    }
  };
  registry[INSTANCE] = { alive };
  return { controller, resumed: !!previous };
}

/**
 * Whether this observer came into a page that is already loaded (or loading, with page scripts run), so that it
 * must not open the main-world channel (issue 15 item 1). Told by the worker's marker, and checked in the page
 * itself: at document_start the root element has just been made and is empty, and no page script has run.
 */
export function injectedLate(): boolean {
  const registry = globalThis as Registry;
  const root = document.documentElement;
  return registry[INJECTED_LATE] === true || document.readyState !== 'loading' || !root || root.childNodes.length > 0;
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
