import { type MatchResult, matchUrl } from '../../../core/portals/match';
import type { LocalConfigStore } from '../../../storage/config/local-config';

type MessageSender = Browser.runtime.MessageSender;

/**
 * The portal a page message is about, decided from the sender's own URL with the one matcher, never from the
 * payload. about:blank and srcdoc frames have no URL of their own and count for their tab's page.
 */
export async function matchSender(config: Pick<LocalConfigStore, 'read'>, sender: MessageSender): Promise<MatchResult> {
  const { portalSnapshot, paused } = await config.read();
  const url = sender.frameId === 0 || /^https?:/.test(sender.url ?? '') ? sender.url : sender.tab?.url;
  return matchUrl(url ?? '', portalSnapshot, { paused });
}

/** Runs tasks one after another: read-modify-write handlers must not interleave when messages arrive together. */
export function createSerialQueue() {
  let queue: Promise<unknown> = Promise.resolve();
  return <T>(task: () => Promise<T>): Promise<T> => {
    const next = queue.then(task, task);
    queue = next.catch(() => undefined);
    return next;
  };
}
