import type { browser } from 'wxt/browser';
import type { Portal } from '../../../core/portals/portal';
import { observedOrigins } from '../../../core/portals/script-registration';

export const OBSERVER_SCRIPT_ID = 'portal-observer';
export const OBSERVER_FILE = '/portal-observer.js' as const;
export const MAIN_WORLD_SCRIPT_ID = 'portal-observer-main';
export const MAIN_WORLD_FILE = '/portal-observer-main.js' as const;

type Scripting = Pick<typeof browser.scripting, 'getRegisteredContentScripts' | 'registerContentScripts' | 'updateContentScripts' | 'unregisterContentScripts' | 'executeScript'>;

export interface PortalAccessDeps {
  scripting: Scripting;
  permissions: Pick<typeof browser.permissions, 'getAll'>;
  tabs: Pick<typeof browser.tabs, 'query'>;
  loadPortals: () => Promise<Portal[]>;
}

/**
 * Keeps the observer registered for exactly the origins that are both wanted by a portal and granted, and
 * reaches tabs that were already open when access appeared (install, update, grant), so no reload is needed.
 */
export function createPortalAccess(deps: PortalAccessDeps) {
  // about:blank and srcdoc frames inherit their creator's origin; Chromium 119+ can follow them there.
  let fallbackSupported = true;
  let mainWorldSupported = true;

  /** @returns whether the registration had to change (then open tabs have not been reached yet) */
  async function register(matches: string[]): Promise<boolean> {
    const existing: Browser.scripting.RegisteredContentScript[] =
      (await deps.scripting.getRegisteredContentScripts({ ids: [OBSERVER_SCRIPT_ID, MAIN_WORLD_SCRIPT_ID] })) ?? [];
    if (matches.length === 0) {
      if (existing.length) await deps.scripting.unregisterContentScripts({ ids: existing.map((s) => s.id) });
      return false;
    }
    const isolated = await registerOne(existing, {
      id: OBSERVER_SCRIPT_ID,
      js: [OBSERVER_FILE],
      matches,
      allFrames: true,
      runAt: 'document_start' as const,
      persistAcrossSessions: true,
    });
    // The main-world part (file inputs never attached to the document) is optional: a browser that cannot
    // register it still gets everything else.
    if (mainWorldSupported) {
      try {
        await registerOne(existing, {
          id: MAIN_WORLD_SCRIPT_ID,
          js: [MAIN_WORLD_FILE],
          matches,
          allFrames: true,
          runAt: 'document_start' as const,
          persistAcrossSessions: true,
          world: 'MAIN' as const,
        });
      } catch {
        mainWorldSupported = false;
      }
    }
    return isolated;
  }

  type Script = Parameters<Scripting['registerContentScripts']>[0][number];
  async function registerOne(existing: Browser.scripting.RegisteredContentScript[], script: Script): Promise<boolean> {
    const current = existing.find((s) => s.id === script.id);
    const file = script.js![0]!.slice(1);
    if (current && sameList(current.matches, script.matches!) && current.allFrames && current.js?.[0]?.endsWith(file)) return false;
    const apply = (s: Script) => (current ? deps.scripting.updateContentScripts([s]) : deps.scripting.registerContentScripts([s]));
    if (fallbackSupported) {
      try {
        await apply({ ...script, matchOriginAsFallback: true } as Script);
        return true;
      } catch {
        fallbackSupported = false; // older Chromium rejects the unknown key; register without it
      }
    }
    await apply(script);
    return true;
  }

  async function injectIntoOpenTabs(matches: string[]) {
    if (matches.length === 0) return;
    const tabs = await deps.tabs.query({ url: matches });
    await Promise.all(
      tabs
        .filter((tab) => tab.id !== undefined && !tab.incognito && !tab.discarded)
        .map((tab) =>
          deps.scripting
            .executeScript({ target: { tabId: tab.id!, allFrames: true }, files: [OBSERVER_FILE] })
            .catch(() => undefined), // a tab mid-navigation or showing an error page: its next load is covered
        ),
    );
  }

  return {
    /** @returns the origins now observed */
    async resync(opts: { injectOpenTabs: boolean }): Promise<string[]> {
      const [portals, granted] = await Promise.all([deps.loadPortals(), deps.permissions.getAll()]);
      const matches = observedOrigins(portals, granted.origins ?? []);
      // Open tabs first when asked (after an update or reload every second until then is lost), alongside the
      // registration; a registration that was missing (lost in an abrupt close) also missed the tabs restored at
      // start-up, so those are injected once it is known.
      const injecting = opts.injectOpenTabs ? injectIntoOpenTabs(matches) : null;
      const changed = await register(matches);
      if (injecting) await injecting;
      else if (changed) await injectIntoOpenTabs(matches);
      return matches;
    },
  };
}

const sameList = (a: readonly string[] | undefined, b: readonly string[]) =>
  !!a && a.length === b.length && [...a].sort().every((x, i) => x === [...b].sort()[i]);

export type PortalAccess = ReturnType<typeof createPortalAccess>;
