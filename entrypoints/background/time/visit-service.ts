import { dayKey } from '../../../core/time/day-split';
import type { LocalConfigStore } from '../../../storage/config/local-config';
import type { VisitsRepo } from '../../../storage/time/visits-repo';
import type { MessageRouter } from '../messaging/message-router';

export interface VisitServiceDeps {
  config: LocalConfigStore;
  visits: VisitsRepo;
  now: () => number;
  /** A top-level portal page loaded in a tab (stays for login-only visits). */
  onTopVisit?: (sender: Browser.runtime.MessageSender, portalId: string) => Promise<void>;
}

/** Turns an observer's hello into a visit, deciding the portal from the sender's URL, never from the page. */
export function createVisitService(deps: VisitServiceDeps) {
  return {
    register(router: MessageRouter) {
      router.on('page.hello', async (_payload, { sender, match }) => {
        // Frames report too (so a frame's observer knows it is wanted), but only the top document is a visit.
        if (!match.tracked) return { tracked: false };
        if (sender.frameId === 0) {
          const now = deps.now();
          await deps.visits.add({
            portalId: match.portalId,
            day: dayKey(now),
            startedAt: now,
            ...(match.tag && { tag: match.tag }),
          });
          await deps.onTopVisit?.(sender, match.portalId);
        }
        return { tracked: true };
      });
    },
  };
}
