import type { Portal } from './portal';
import { originPermission } from './portal-pattern';

/**
 * Which origins the portal observer must be registered for: those a portal needs AND the browser has granted.
 * A portal without a grant shows as "access needed" instead; a grant without a portal observes nothing.
 */
export function observedOrigins(portals: readonly Portal[], granted: readonly string[]): string[] {
  const grantedSet = new Set(granted);
  const needed = new Set(portals.flatMap((p) => p.patterns.map(originPermission)));
  return [...needed].filter((origin) => grantedSet.has(origin) || coveredByWildcard(origin, granted)).sort();
}

/** Origins no remaining portal needs, so their grant can be handed back when a portal is removed. */
export function releasableOrigins(before: readonly Portal[], after: readonly Portal[]): string[] {
  const still = new Set(after.flatMap((p) => p.patterns.map(originPermission)));
  return [...new Set(before.flatMap((p) => p.patterns.map(originPermission)))].filter((o) => !still.has(o)).sort();
}

export function missingOrigins(portal: Portal, granted: readonly string[]): string[] {
  return portal.patterns.map(originPermission).filter((o) => !granted.includes(o) && !coveredByWildcard(o, granted));
}

// A grant for *://*.gov.cn/* covers http://a.gov.cn/*: the browser will run our script there.
function coveredByWildcard(origin: string, granted: readonly string[]): boolean {
  const m = /^(\*|https?):\/\/([^/]+)\/\*$/.exec(origin);
  if (!m) return false;
  const [, scheme, host] = m;
  return granted.some((g) => {
    const gm = /^(\*|https?):\/\/\*\.([^/]+)\/\*$/.exec(g);
    if (!gm) return false;
    const [, gScheme, suffix] = gm;
    const schemeOk = gScheme === '*' || gScheme === scheme;
    const bare = host!.replace(/^\*\./, '');
    return schemeOk && (bare === suffix || bare.endsWith(`.${suffix}`));
  });
}
