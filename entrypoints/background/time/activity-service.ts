import type { PersistedLedger } from '../../../storage/time/document-ledger-store';
import type { browser } from 'wxt/browser';
import type { ActivitySlice } from '../../../core/time/activity-clock';
import { dayKey } from '../../../core/time/day-split';
import { splitSliceAt } from '../../../core/time/slice-split';
import { createTimeAccounting, type IdleState, restoreAccountingState, type TimeAccounting } from '../../../core/time/accounting';
import type { ActivityRepo } from '../../../storage/time/activity-repo';
import type { LocalConfigStore } from '../../../storage/config/local-config';
import type { MessageRouter } from '../messaging/message-router';
import type { PageTag } from '../../../core/portals/portal';
import { createSerialQueue } from '../portals/sender-portal';

export interface ActivityServiceDeps {
  config: LocalConfigStore;
  activity: ActivityRepo;
  now: () => number;
  tabs: Pick<typeof browser.tabs, 'get' | 'query'>;
  windows: Pick<typeof browser.windows, 'getLastFocused'>;
  idle: { queryState(seconds: number): Promise<IdleState> };
  session: { get(key: string): Promise<Record<string, unknown>>; set(items: Record<string, unknown>): Promise<void> };
  /** Called after a message's credits are stored: per-tag minutes and stays (issue 4) hang off counted time. */
  onCredited?: (sender: Browser.runtime.MessageSender, portalId: string, tag: PageTag | undefined, credits: { day: string; activeMs: number }[]) => Promise<void>;
  /** A document's load counts once, however often an observer is injected into it (issue 15 item 8). */
  ledger?: PersistedLedger;
}

/** Per window: the tab activated last, when, and the tab it replaced. */
type Activations = Record<string, { tabId: number; at: number; previousTabId?: number }>;
const ACTIVATIONS_KEY = 'tabActivations';

/**
 * Receives the page clocks' slices and counts them (core/time/accounting.ts). There is no clock in the worker:
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

  // Kept in storage.session too: the worker that receives a slice is often not the one that saw the switch.
  // storage.session is empty after a browser start or an extension reload or update, while tabs are already in
  // use: the log then starts from the tabs active now, so the first switch away still knows which tab it left.
  let activations: Promise<Activations> | null = null;
  const loadActivations = () =>
    (activations ??= (async () => {
      const stored = (await deps.session.get(ACTIVATIONS_KEY))[ACTIVATIONS_KEY] as Activations | undefined;
      if (stored) return stored;
      const seeded: Activations = {};
      for (const tab of await deps.tabs.query({ active: true }).catch(() => [])) {
        if (tab.id !== undefined) seeded[tab.windowId] = { tabId: tab.id, at: deps.now() };
      }
      await deps.session.set({ [ACTIVATIONS_KEY]: seeded });
      return seeded;
    })());
  // At once, before a tab switch can change what is active.
  void loadActivations();

  return {
    /** tabs.onActivated: remembered so a slice that straddles a switch is split at it. */
    async onTabActivated(tabId: number, windowId: number) {
      const all = await loadActivations();
      const previous = all[windowId]?.tabId;
      all[windowId] = { tabId, at: deps.now(), previousTabId: previous === tabId ? undefined : previous };
      await deps.session.set({ [ACTIVATIONS_KEY]: all });
    },
    async onIdleState(state: IdleState) {
      await serial(async () => (await load()).noteIdleState(state));
    },
    register(router: MessageRouter) {
      router.on('page.activity', (payload, { sender, match, portalId }) =>
        serial(async () => {
          const tabId = sender.tab?.id;
          if (!portalId || tabId === undefined) return { counted: 0 };
          const { idleThresholdSec } = await deps.config.read();
          const [tab, idleState] = await Promise.all([
            deps.tabs.get(tabId).catch(() => null),
            deps.idle.queryState(idleThresholdSec).catch(() => 'active' as const),
          ]);
          const receipt = {
            tabActive: !!tab?.active,
            windowFocused: await windowFocused(tab?.windowId),
            idleState,
            documentId: sender.documentId,
            idleThresholdMs: idleThresholdSec * 1000,
          };
          // The tab lost its place a moment ago: the part of a slice before the switch still counted as active.
          const switched = !receipt.tabActive && tab ? (await loadActivations())[tab.windowId] : undefined;
          const switchedAwayAt = switched?.previousTabId === tabId ? switched.at : null;
          const acc = await load();
          let counted = 0;
          const accept = (slice: ActivitySlice | null, tabActive: boolean) => {
            if (!slice) return;
            const outcome = acc.acceptSlice(portalId, slice, { ...receipt, tabActive });
            if (outcome.status === 'counted') counted += outcome.creditedMs;
          };
          for (const slice of payload.slices) {
            if (switchedAwayAt === null) accept(slice, receipt.tabActive);
            else {
              const { before, after } = splitSliceAt(slice, switchedAwayAt);
              accept(before, true);
              accept(after, false);
            }
          }
          for (const gap of payload.gaps) acc.acceptGap(portalId, gap);
          const { credits, gaps } = acc.drain();
          await deps.activity.commit(credits, gaps, acc.snapshot());
          const ours = credits.filter((c) => c.portalId === portalId && c.activeMs > 0);
          // Time is already stored; a failure in what hangs off it must not fail the slice message.
          if (ours.length) await deps.onCredited?.(sender, portalId, match.tracked ? match.tag : undefined, ours).catch(() => undefined);
          return { counted };
        }),
      );
      router.on('page.waiting', async ({ ms }, { sender, portalId }) => {
        // Only the top document's own navigation is a wait; frames load inside it.
        if (sender.frameId !== 0 || (await deps.ledger?.first(sender.documentId, 'waiting')) === false) return;
        if (portalId) await deps.activity.addWaiting(portalId, dayKey(deps.now()), ms);
      });
    },
  };
}
