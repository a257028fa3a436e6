import type { ManagedPolicy } from '../contracts/managed-policy';
import type { Portal, PortalPattern } from './portal';
import { formatPattern } from './pattern';

/**
 * The portal list the matcher sees: the office catalog first, then what the cadre chose. A locked policy
 * list means the office decides alone, so the cadre's own portals are set aside (kept, not deleted, in case
 * the lock is lifted).
 */
export function effectivePortals(policy: ManagedPolicy, userPortals: readonly Portal[]): Portal[] {
  if (policy.lockPortalList) return [...policy.catalog];
  const catalogIds = new Set(policy.catalog.map((p) => p.id));
  return [...policy.catalog, ...userPortals.filter((p) => !catalogIds.has(p.id))];
}

export type PortalEditError = 'locked' | 'not-found' | 'from-policy' | 'duplicate' | 'invalid-name' | 'same-portal';
export type PortalEdit = { ok: true; portals: Portal[] } | { ok: false; error: PortalEditError };

/** An id derived from the first pattern's host, readable in exports and stable across sessions. */
export function portalIdFor(pattern: PortalPattern, taken: ReadonlySet<string>): string {
  const base =
    pattern.host
      .replace(/^\*\./, 'all-')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 56) || 'portal';
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  return id;
}

const validName = (name: string) => name.trim().length > 0 && name.trim().length <= 100;

export function addPortals(
  current: readonly Portal[],
  additions: readonly { name: string; patterns: PortalPattern[]; source: 'preset' | 'user'; id?: string }[],
  policy: ManagedPolicy,
): PortalEdit {
  if (policy.lockPortalList) return { ok: false, error: 'locked' };
  const portals = [...current];
  const taken = new Set([...portals.map((p) => p.id), ...policy.catalog.map((p) => p.id)]);
  const known = new Set([...portals, ...policy.catalog].flatMap((p) => p.patterns.map(formatPattern)));
  for (const addition of additions) {
    if (!validName(addition.name)) return { ok: false, error: 'invalid-name' };
    const fresh = addition.patterns.filter((p) => !known.has(formatPattern(p)));
    // Adding a pattern the list already tracks would make two portals claim the same pages.
    if (fresh.length === 0) return { ok: false, error: 'duplicate' };
    const id = addition.id && !taken.has(addition.id) ? addition.id : portalIdFor(fresh[0]!, taken);
    taken.add(id);
    fresh.forEach((p) => known.add(formatPattern(p)));
    portals.push({ id, name: addition.name.trim(), patterns: fresh, source: addition.source });
  }
  return { ok: true, portals };
}

function editable(current: readonly Portal[], id: string, policy: ManagedPolicy): PortalEditError | number {
  if (policy.lockPortalList) return 'locked';
  if (policy.catalog.some((p) => p.id === id)) return 'from-policy';
  const index = current.findIndex((p) => p.id === id);
  return index < 0 ? 'not-found' : index;
}

export function renamePortal(current: readonly Portal[], id: string, name: string, policy: ManagedPolicy): PortalEdit {
  const index = editable(current, id, policy);
  if (typeof index === 'string') return { ok: false, error: index };
  if (!validName(name)) return { ok: false, error: 'invalid-name' };
  return { ok: true, portals: current.map((p, i) => (i === index ? { ...p, name: name.trim() } : p)) };
}

export function removePortal(current: readonly Portal[], id: string, policy: ManagedPolicy): PortalEdit {
  const index = editable(current, id, policy);
  if (typeof index === 'string') return { ok: false, error: index };
  return { ok: true, portals: current.filter((_, i) => i !== index) };
}

/** Merging keeps `into` and its name; `from`'s patterns join it and its records are re-keyed by the caller. */
export function mergePortals(current: readonly Portal[], from: string, into: string, policy: ManagedPolicy): PortalEdit {
  if (from === into) return { ok: false, error: 'same-portal' };
  const a = editable(current, from, policy);
  if (typeof a === 'string') return { ok: false, error: a };
  const b = editable(current, into, policy);
  if (typeof b === 'string') return { ok: false, error: b };
  const target = current[b]!;
  const merged: Portal = { ...target, patterns: [...target.patterns, ...current[a]!.patterns] };
  return { ok: true, portals: current.filter((_, i) => i !== a).map((p) => (p.id === into ? merged : p)) };
}
