import { PORTAL_ID_PATTERN } from '../contracts/report-schema';

/**
 * How each internal portal appears in a report (DESIGN.md §4): an office catalog id as itself; any other portal
 * as `other-1`, `other-2`, … unless the cadre chose to show its host; a dropped portal not at all.
 * The internal id of a portal the cadre added is derived from its address, so it is never written as is.
 */
export interface PortalPresentation {
  /** Ids of the office catalog (policy). */
  catalogIds: ReadonlySet<string>;
  /** Host of each non-catalog portal, shown only if the cadre ticks it. */
  hosts: Readonly<Record<string, string>>;
  showHost: ReadonlySet<string>;
  drop: ReadonlySet<string>;
}

export const NO_PRESENTATION_CHOICES: Pick<PortalPresentation, 'showHost' | 'drop'> = { showHost: new Set(), drop: new Set() };

/**
 * `portalIds` are the portals with data in the week, in the order `other-N` should be numbered (the builder
 * passes them busiest first, so `other-1` is the one that took the most time).
 */
export function labelPortals(portalIds: readonly string[], p: PortalPresentation): Map<string, string> {
  const out = new Map<string, string>();
  const used = new Set<string>();
  for (const id of portalIds) {
    if (!p.drop.has(id) && p.catalogIds.has(id)) {
      out.set(id, id);
      used.add(id);
    }
  }
  let n = 0;
  for (const id of portalIds) {
    if (p.drop.has(id) || out.has(id)) continue;
    const host = p.hosts[id]?.toLowerCase();
    // Two portals on one host (path prefixes) cannot both show it: the second stays anonymous.
    if (host && p.showHost.has(id) && host.includes('.') && PORTAL_ID_PATTERN.test(host) && !used.has(host)) {
      out.set(id, host);
      used.add(host);
      continue;
    }
    let label: string;
    do label = `other-${++n}`;
    while (used.has(label));
    out.set(id, label);
    used.add(label);
  }
  return out;
}
