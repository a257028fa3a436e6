import type { browser } from 'wxt/browser';
import { type ManagedPolicy } from '../../../core/contracts/managed-policy';
import { matchUrl } from '../../../core/portals/match';
import { addPortals, effectivePortals, mergePortals, type PortalEdit, removePortal, renamePortal } from '../../../core/portals/list';
import { missingOrigins, releasableOrigins } from '../../../core/portals/script-registration';
import type { LocalConfigStore } from '../../../storage/config/local-config';
import { HandledError, type MessageRouter } from '../messaging/message-router';
import type { PortalAccess } from './portal-access';
import { createSerialQueue } from './sender-portal';

export interface PortalServiceDeps {
  config: LocalConfigStore;
  readPolicy: () => Promise<ManagedPolicy>;
  access: PortalAccess;
  permissions: Pick<typeof browser.permissions, 'getAll' | 'remove'>;
  /** Moves every record of a merged-away portal onto the portal it joined. */
  reassignRecords: (from: string, to: string) => Promise<void>;
}

/** Owns the portal list: edits, the snapshot the observers read, and keeping access in step with the list. */
export function createPortalService(deps: PortalServiceDeps) {
  // Edits are read-modify-write on storage.local; a queue keeps two quick clicks from losing one.
  const serial = createSerialQueue();

  async function current() {
    const [config, policy] = await Promise.all([deps.config.read(), deps.readPolicy()]);
    return { config, policy, portals: effectivePortals(policy, config.userPortals) };
  }

  async function publish(opts: { injectOpenTabs: boolean }) {
    const { config, portals } = await current();
    // Unchanged snapshots are not rewritten: every write wakes storage.onChanged in every observed page.
    if (JSON.stringify(config.portalSnapshot) !== JSON.stringify(portals)) await deps.config.setSnapshot(portals);
    await deps.access.resync(opts);
  }

  async function applyEdit(edit: PortalEdit, before: Awaited<ReturnType<typeof current>>) {
    if (!edit.ok) throw new HandledError(edit.error);
    await deps.config.setUserPortals(edit.portals);
    const after = effectivePortals(before.policy, edit.portals);
    const release = releasableOrigins(before.portals, after);
    if (release.length) await deps.permissions.remove({ origins: release });
    await publish({ injectOpenTabs: true });
  }

  return {
    publish,
    register(router: MessageRouter) {
      router.on('portals.state', async () => {
        const { config, policy, portals } = await current();
        const granted = (await deps.permissions.getAll()).origins ?? [];
        return {
          portals: portals.map((p) => ({ ...p, missingOrigins: missingOrigins(p, granted) })),
          userPortalsSetAside: policy.lockPortalList ? config.userPortals.length : 0,
          policy: {
            presentKeys: policy.presentKeys,
            lockPortalList: policy.lockPortalList,
            campaign: policy.campaign,
            reportEndpoint: policy.reportEndpoint,
            problems: policy.problems,
          },
          paused: config.paused,
          welcomeDone: config.welcomeDone,
          grantedOrigins: granted,
        };
      });
      router.on('portals.add', (payload) =>
        serial(async () => {
          const before = await current();
          const edit = addPortals(before.config.userPortals, payload.portals, before.policy);
          await applyEdit(edit, before);
          return edit.ok ? edit.portals.slice(-payload.portals.length).map((p) => p.id) : [];
        }),
      );
      router.on('portals.rename', ({ id, name }) =>
        serial(async () => {
          const before = await current();
          await applyEdit(renamePortal(before.config.userPortals, id, name, before.policy), before);
        }),
      );
      router.on('portals.remove', ({ id }) =>
        serial(async () => {
          const before = await current();
          await applyEdit(removePortal(before.config.userPortals, id, before.policy), before);
        }),
      );
      router.on('portals.merge', ({ from, into }) =>
        serial(async () => {
          const before = await current();
          const edit = mergePortals(before.config.userPortals, from, into, before.policy);
          await applyEdit(edit, before);
          await deps.reassignRecords(from, into);
        }),
      );
      router.on('portals.syncAccess', () => serial(() => publish({ injectOpenTabs: true })));
      router.on('tracking.setPaused', async ({ paused }) => {
        await deps.config.setPaused(paused);
        // Observers stop themselves on pause; resuming has to reach the pages that are already open.
        if (!paused) await serial(() => publish({ injectOpenTabs: true }));
      });
      router.on('settings.setIdleThreshold', ({ seconds }) => deps.config.setIdleThreshold(seconds));
      router.on('settings.completeWelcome', () => deps.config.setWelcomeDone());
      router.on('matcher.test', async ({ url }) => {
        const { config, portals } = await current();
        return matchUrl(url, portals, { paused: config.paused });
      });
    },
  };
}

export type PortalService = ReturnType<typeof createPortalService>;
