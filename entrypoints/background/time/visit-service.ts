import type { PersistedLedger } from '../../../storage/time/document-ledger-store';
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
  /** A document's load counts once, however often an observer is injected into it (issue 15 item 8). */
  ledger?: PersistedLedger;
}

/** Turns an observer's hello into a visit, deciding the portal from the sender's URL, never from the page. */
export function createVisitService(deps: VisitServiceDeps) {
  return {
    register(router: MessageRouter) {
      router.on('page.hello', async (payload, { sender, match }) => {
        // Frames report too (so a frame's observer knows it is wanted), but only the top document is a visit.
        if (!match.tracked) return { tracked: false };
        // An observer put into a page it did not see load (after an update, a grant) says so; the ledger catches
        // a second hello from one document even after an update or reload.
        const fresh = !payload.resumed && (await deps.ledger?.first(sender.documentId, 'visit')) !== false;
        if (sender.frameId === 0 && fresh) {
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
