import type { browser } from 'wxt/browser';
import { dayKey } from '../../core/day-split';
import { createTimeAccounting, type IdleState, restoreAccountingState, type TimeAccounting } from '../../core/time-accounting';
import type { ActivityRepo } from '../../storage/activity-repo';
import type { LocalConfigStore } from '../../storage/local-config';
import type { MessageRouter } from './message-router';
import { createSerialQueue, portalOfSender } from './sender-portal';

export interface ActivityServiceDeps {
  config: LocalConfigStore;
  activity: ActivityRepo;
  now: () => number;
  tabs: Pick<typeof browser.tabs, 'get'>;
  windows: Pick<typeof browser.windows, 'getLastFocused'>;
  idle: { queryState(seconds: number): Promise<IdleState> };
}

/**
 * Receives the page clocks' slices and counts them (core/time-accounting.ts). There is no clock in the worker:
 * it can die at any moment, so the accounting state lives in IndexedDB and is written in the same transaction
 * as the seconds it credited, one message at a time.
 */
export function createActivityService(deps: ActivityServiceDeps) {
  let accounting: Promise<TimeAccounting> | null = null;
  const load = () =>
    (accounting ??= deps.activity.loadState().then((stored) =>
      createTimeAccounting({ now: deps.now, state: stored === undefined ? undefined : restoreAccountingState(stored) }),
    ));
  const serial = createSerialQueue();

  /**
   * Whether `windowId` has the focus now. Asked at receipt rather than tracked from windows.onFocusChanged:
   * headless Chromium fires spurious WINDOW_ID_NONE events and none when focus returns, while the last
   * focused window's `focused` flag is false whenever another application has the focus.
   */
  async function windowFocused(windowId: number | undefined): Promise<boolean> {
    const last = await deps.windows.getLastFocused().catch(() => null);
    return !!last?.focused && last.id === windowId;
  }

  return {
    async onIdleState(state: IdleState) {
      await serial(async () => (await load()).noteIdleState(state));
    },
    register(router: MessageRouter) {
      router.on('page.activity', (payload, sender) =>
        serial(async () => {
          const portalId = await portalOfSender(deps.config, sender);
          const tabId = sender.tab?.id;
          if (!portalId || tabId === undefined) return { counted: 0 };
          const { idleThresholdSec } = await deps.config.read();
          const [tab, idleState] = await Promise.all([
            deps.tabs.get(tabId).catch(() => null),
            deps.idle.queryState(idleThresholdSec).catch(() => 'active' as const),
          ]);
          const receipt = { tabActive: !!tab?.active, windowFocused: await windowFocused(tab?.windowId), idleState };
          const acc = await load();
          let counted = 0;
          for (const slice of payload.slices) {
            const outcome = acc.acceptSlice(portalId, slice, receipt);
            if (outcome.status === 'counted') counted += outcome.creditedMs;
          }
          for (const gap of payload.gaps) acc.acceptGap(portalId, gap);
          const { credits, gaps } = acc.drain();
          await deps.activity.commit(credits, gaps, acc.snapshot());
          return { counted };
        }),
      );
      router.on('page.waiting', async ({ ms }, sender) => {
        // Only the top document's own navigation is a wait; frames load inside it.
        if (sender.frameId !== 0) return;
        const portalId = await portalOfSender(deps.config, sender);
        if (portalId) await deps.activity.addWaiting(portalId, dayKey(deps.now()), ms);
      });
    },
  };
}
