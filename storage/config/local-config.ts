import type { Portal } from '../../core/portals/portal';
import { isPortal } from '../../core/portals/shape';

/**
 * Small configuration kept in storage.local rather than IndexedDB so the portal observer in each page can read
 * the portal list and the pause switch synchronously with its start and follow changes through
 * storage.onChanged. Nothing here is secret: fingerprint keys live in the extension's IndexedDB only.
 */
export const CONFIG_KEYS = {
  userPortals: 'userPortals',
  paused: 'paused',
  welcomeDone: 'welcomeDone',
  /** Seconds after the last input that still count (DESIGN.md §3: default 120, settable 30–600). */
  idleThresholdSec: 'idleThresholdSec',
  /** The effective list (policy + cadre), written by the background whenever either changes. */
  portalSnapshot: 'portalSnapshot',
} as const;

/**
 * Checked without zod (core/portals/shape.ts): the page script parses this list at every load.
 * Entry by entry: one damaged or unknown-shaped portal must not take the cadre's whole list with it (the next
 * edit would write the shortened list back). Entries from before `source` existed were the cadre's own.
 */
function parsePortalList(raw: unknown): Portal[] {
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((entry: unknown) => {
    if (isPortal(entry)) return [structuredClone(entry)];
    if (entry && typeof entry === 'object' && !('source' in entry)) {
      const legacy = { ...entry, source: 'user' };
      if (isPortal(legacy)) return [legacy];
    }
    return [];
  });
}

export const IDLE_THRESHOLD = { defaultSec: 120, minSec: 30, maxSec: 600 } as const;

export interface LocalConfig {
  userPortals: Portal[];
  paused: boolean;
  idleThresholdSec: number;
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
    userPortals: parsePortalList(raw[CONFIG_KEYS.userPortals]),
    paused: raw[CONFIG_KEYS.paused] === true,
    idleThresholdSec: idleThreshold(raw[CONFIG_KEYS.idleThresholdSec]),
    welcomeDone: raw[CONFIG_KEYS.welcomeDone] === true,
    portalSnapshot: parsePortalList(raw[CONFIG_KEYS.portalSnapshot]),
  };
}

function idleThreshold(raw: unknown): number {
  if (typeof raw !== 'number' || !Number.isFinite(raw)) return IDLE_THRESHOLD.defaultSec;
  return Math.min(IDLE_THRESHOLD.maxSec, Math.max(IDLE_THRESHOLD.minSec, Math.round(raw)));
}

export function createLocalConfig(area: KeyValueArea) {
  return {
    read: async () => parseLocalConfig(await area.get(Object.values(CONFIG_KEYS))),
    setUserPortals: (portals: Portal[]) => area.set({ [CONFIG_KEYS.userPortals]: portals }),
    setPaused: (paused: boolean) => area.set({ [CONFIG_KEYS.paused]: paused }),
    setIdleThreshold: (seconds: number) => area.set({ [CONFIG_KEYS.idleThresholdSec]: idleThreshold(seconds) }),
    setWelcomeDone: () => area.set({ [CONFIG_KEYS.welcomeDone]: true }),
    setSnapshot: (portals: Portal[]) => area.set({ [CONFIG_KEYS.portalSnapshot]: portals }),
  };
}

export type LocalConfigStore = ReturnType<typeof createLocalConfig>;
