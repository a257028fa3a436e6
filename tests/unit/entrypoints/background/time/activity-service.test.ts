import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createActivityService } from '../../../../../entrypoints/background/time/activity-service';
import { createMessageRouter } from '../../../../../entrypoints/background/messaging/message-router';
import { createActivityRepo } from '../../../../../storage/time/activity-repo';
import { createLocalConfig } from '../../../../../storage/config/local-config';
import { BurdenDb } from '../../../../../storage/db/schema';

const T0 = new Date(2026, 10, 27, 9, 0, 0).getTime();
let n = 0;

// After an extension reload storage.session is empty while a portal tab is in use. The cadre then opens another
// tab: the part of the portal's last slice before that switch must still count.
describe('activity service after an extension reload', () => {
  it('knows the tab active at start, so the slice that straddles the first switch is split at it', async () => {
    const db = new BurdenDb(`activity-service-${n++}`);
    const config = createLocalConfig(fakeBrowser.storage.local);
    await config.setSnapshot([{ id: 'zwfw', name: 'A', patterns: [{ scheme: 'http', host: 'zwfw.example.gov.cn' }], source: 'user' }] as never);
    let now = T0;
    const tabs = new Map([[7, { id: 7, windowId: 1, active: true }], [8, { id: 8, windowId: 1, active: false }]]);
    const service = createActivityService({
      config,
      activity: createActivityRepo(db),
      now: () => now,
      tabs: {
        get: async (id: number) => tabs.get(id)!,
        query: async () => [...tabs.values()].filter((t) => t.active),
      } as never,
      windows: { getLastFocused: async () => ({ id: 1, focused: true }) } as never,
      idle: { queryState: async () => 'active' },
      session: fakeBrowser.storage.session as never,
    });
    const router = createMessageRouter(fakeBrowser.runtime, config);
    service.register(router);
    await new Promise((r) => setTimeout(r, 0)); // the worker's start-up seeding

    // At T0+600 the cadre switches to tab 8; the slice T0..T0+1000 from tab 7 arrives afterwards.
    now = T0 + 600;
    tabs.get(7)!.active = false;
    tabs.get(8)!.active = true;
    await service.onTabActivated(8, 1);
    now = T0 + 1000;
    const reply = await router.dispatch(
      { type: 'page.activity', payload: { slices: [{ start: T0, end: T0 + 1000, lastInputAt: T0, media: false }], gaps: [] } },
      { id: fakeBrowser.runtime.id, url: 'http://zwfw.example.gov.cn/form', tab: { id: 7, incognito: false } as never, frameId: 0 },
    );
    expect(reply).toEqual({ ok: true, data: { counted: 600 } });
  });
});
