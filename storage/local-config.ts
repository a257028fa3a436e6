import { z } from 'zod';
import { type Portal, portalSchema } from '../core/portal';

/**
 * Small configuration kept in storage.local rather than IndexedDB so the portal observer in each page can read
 * the portal list and the pause switch synchronously with its start and follow changes through
 * storage.onChanged. Nothing here is secret: fingerprint keys live in the extension's IndexedDB only.
 */
export const CONFIG_KEYS = {
  userPortals: 'userPortals',
  paused: 'paused',
  welcomeDone: 'welcomeDone',
  /** The effective list (policy + cadre), written by the background whenever either changes. */
  portalSnapshot: 'portalSnapshot',
} as const;

const portalList = z.array(portalSchema).catch([]);

export interface LocalConfig {
  userPortals: Portal[];
  paused: boolean;
  welcomeDone: boolean;
  portalSnapshot: Portal[];
}

export interface KeyValueArea {
  get(keys: string[]): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

/** Values from an older version or a damaged store fall back to safe defaults instead of throwing. */
export function parseLocalConfig(raw: Record<string, unknown>): LocalConfig {
  return {
    userPortals: portalList.parse(raw[CONFIG_KEYS.userPortals] ?? []),
    paused: raw[CONFIG_KEYS.paused] === true,
    welcomeDone: raw[CONFIG_KEYS.welcomeDone] === true,
    portalSnapshot: portalList.parse(raw[CONFIG_KEYS.portalSnapshot] ?? []),
  };
}

export function createLocalConfig(area: KeyValueArea) {
  return {
    read: async () => parseLocalConfig(await area.get(Object.values(CONFIG_KEYS))),
    setUserPortals: (portals: Portal[]) => area.set({ [CONFIG_KEYS.userPortals]: portals }),
    setPaused: (paused: boolean) => area.set({ [CONFIG_KEYS.paused]: paused }),
    setWelcomeDone: () => area.set({ [CONFIG_KEYS.welcomeDone]: true }),
    setSnapshot: (portals: Portal[]) => area.set({ [CONFIG_KEYS.portalSnapshot]: portals }),
  };
}

export type LocalConfigStore = ReturnType<typeof createLocalConfig>;
