import { browser } from 'wxt/browser';
import type { MessagePayload } from '../../core/contracts/messages';
import type { PortalPattern } from '../../core/portals/portal';
import { originPermission, requestableOrigins } from '../../core/portals/pattern';
import { rpc } from './rpc';

type Additions = MessagePayload<'portals.add'>['portals'];

/** The origins asked of the browser for these patterns, in the form the manifest allows (no `*://`). */
export const originsToRequest = (patterns: readonly PortalPattern[]) => requestableOrigins([...new Set(patterns.map(originPermission))]);

/**
 * Asks the browser for exactly the origins these portals need, then adds them. Must be called straight from
 * a click: the permission prompt needs the user gesture, so nothing may be awaited before it. `onGranted` lets
 * the page show the second step (adding to the list) as soon as the browser said yes.
 */
export async function grantAndAdd(additions: Additions, onGranted?: () => void): Promise<string[]> {
  const granted = await browser.permissions.request({ origins: originsToRequest(additions.flatMap((a) => a.patterns)) });
  if (!granted) throw new Error('not-granted');
  onGranted?.();
  return rpc('portals.add', { portals: additions });
}

/** For a listed portal whose access was never granted or was revoked (office catalog, browser settings). */
export async function grantAccess(origins: string[]): Promise<void> {
  const granted = await browser.permissions.request({ origins: requestableOrigins(origins) });
  if (!granted) throw new Error('not-granted');
  await rpc('portals.syncAccess', {});
}
