import { describe, expect, it } from 'vitest';
import { EMPTY_POLICY, type ManagedPolicy } from '../../../../../core/contracts/managed-policy';
import type { Portal } from '../../../../../core/portals/portal';
import type { MessageRouter } from '../../../../../entrypoints/background/messaging/message-router';
import { createPortalAccess } from '../../../../../entrypoints/background/portals/portal-access';
import { createPortalService } from '../../../../../entrypoints/background/portals/portal-service';
import { createLocalConfig } from '../../../../../storage/config/local-config';

// The browser's storage and scripting APIs answer after a while, and under load that while grows; every call here
// takes a few milliseconds so that two tasks really interleave, as they do in a busy worker.
const later = <T>(value: T) => new Promise<T>((r) => setTimeout(() => r(value), 2 + Math.random() * 6));

const CATALOG: Portal = { id: 'zwfw', name: '政务服务网', source: 'policy', patterns: [{ scheme: 'http', host: 'zwfw.sim.gov.cn', port: 8080 }] };
const ADDED = { name: '报表系统', source: 'user' as const, patterns: [{ scheme: 'http' as const, host: 'layui.sim.gov.cn', port: 8080 }] };

function setUp() {
  const local: Record<string, unknown> = {};
  const config = createLocalConfig({
    get: async (keys) => later(Object.fromEntries(keys.filter((k) => k in local).map((k) => [k, structuredClone(local[k])]))),
    set: async (items) => void Object.assign(local, structuredClone(await later(items))),
  });
  let policy: ManagedPolicy = EMPTY_POLICY;
  let registered: string[] = [];
  const access = createPortalAccess({
    scripting: {
      getRegisteredContentScripts: async () => later(registered.length ? [{ id: 'portal-observer', matches: [...registered], allFrames: true, js: ['portal-observer.js'] }] : []),
      registerContentScripts: async (scripts: { matches?: string[] }[]) => void (registered = [...(await later(scripts))[0]!.matches!]),
      updateContentScripts: async (scripts: { matches?: string[] }[]) => void (registered = [...(await later(scripts))[0]!.matches!]),
      unregisterContentScripts: async () => void (registered = await later([])),
      executeScript: async () => later([]),
    } as never,
    // Both origins granted already, as after the permission prompt (or pre-granted by policy).
    permissions: { getAll: async () => later({ origins: ['http://zwfw.sim.gov.cn/*', 'http://layui.sim.gov.cn/*'] }) },
    tabs: { query: async () => later([]) } as never,
    loadPortals: async () => (await config.read()).portalSnapshot,
  });
  const service = createPortalService({
    config,
    readPolicy: async () => later(policy),
    access,
    permissions: { getAll: async () => later({ origins: [] }), remove: async () => later(true) },
    reassignRecords: async () => undefined,
  });
  const handlers: Record<string, (p: unknown) => Promise<unknown>> = {};
  service.register({ on: (type: string, h: (p: unknown) => Promise<unknown>) => void (handlers[type] = h) } as unknown as MessageRouter);
  return {
    service,
    handlers,
    setPolicy: (p: ManagedPolicy) => void (policy = p),
    snapshotIds: () => ((local.portalSnapshot as Portal[] | undefined) ?? []).map((p) => p.id).sort(),
    registered: () => [...registered].sort(),
  };
}

describe('adding a portal while something else republishes the portal list', () => {
  // A cadre adding a portal grants its origin first: permissions.onAdded republishes in the worker while the add
  // itself is on its way, and on an office machine the policy can land at the same moment. Whichever finishes
  // last must not write back the list it read before the add.
  it('the new portal stays in the page scripts\' list and in the registration, whatever finishes last', async () => {
    // Rounds, each on its own worker state, run side by side: the interleaving inside a round is what is tested,
    // and rounds waiting on their timers together take about the time of one. With publish outside the edit queue
    // (the bug this holds), 20 rounds one after another failed about one run in four, 100 side by side four in five.
    const round = async (n: number) => {
      const t = setUp();
      await t.service.publish({ injectOpenTabs: false }); // worker start
      t.setPolicy({ ...EMPTY_POLICY, catalog: [CATALOG], presentKeys: ['catalog'] });
      await Promise.all([
        t.service.publish({ injectOpenTabs: true }), // storage.managed changed / permissions.onAdded
        t.handlers['portals.add']!({ portals: [ADDED] }),
      ]);
      expect(t.snapshotIds(), `round ${n}`).toEqual(['layui-sim-gov-cn', 'zwfw']);
      expect(t.registered(), `round ${n}`).toEqual(['http://layui.sim.gov.cn/*', 'http://zwfw.sim.gov.cn/*']);
    };
    await Promise.all(Array.from({ length: 100 }, (_, n) => round(n)));
  });
});
