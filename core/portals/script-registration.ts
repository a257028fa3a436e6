import type { Portal } from './portal';
import { originPermission } from './pattern';

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

// A grant for *://*.gov.cn/* (or a blanket http://*/* + https://*/*, which Firefox users can switch on)
// covers http://a.gov.cn/*: the browser will run our script there. A *:// origin needs both schemes covered.
function coveredByWildcard(origin: string, granted: readonly string[]): boolean {
  const m = /^(\*|https?):\/\/([^/]+)\/\*$/.exec(origin);
  if (!m) return false;
  const schemes = m[1] === '*' ? ['http', 'https'] : [m[1]!];
  const host = m[2]!;
  return schemes.every((scheme) => granted.some((g) => grantCovers(g, scheme, host)));
}

function grantCovers(grant: string, scheme: string, host: string): boolean {
  if (grant === '<all_urls>') return true;
  const gm = /^(\*|https?):\/\/([^/]+)\/\*$/.exec(grant);
  if (!gm || (gm[1] !== '*' && gm[1] !== scheme)) return false;
  const gHost = gm[2]!;
  if (gHost === '*' || gHost === host) return true;
  if (!gHost.startsWith('*.')) return false;
  // A wildcard portal (*.gov.cn) is covered only by an equal or wider wildcard grant.
  const bare = host.replace(/^\*\./, '');
  const suffix = gHost.slice(2);
  return bare === suffix || bare.endsWith(`.${suffix}`);
}
