import { browser } from 'wxt/browser';
import { matchUrl } from '../../core/portal-match';
import { CONFIG_KEYS, parseLocalConfig } from '../../storage/local-config';
import { effectiveUrl } from './effective-url';
import { claimDocument, send } from './observer-lifecycle';

// Registered at run time for granted portal origins only (see background/portal-access.ts). Access is per
// origin, so the port and path prefix are checked here with the same matcher the settings tester uses.
// Nothing here touches the page: no DOM changes, no globals, passive listeners only.
export default defineUnlistedScript(async () => {
  const controller = claimDocument();
  if (!controller) return;
  const config = parseLocalConfig(await browser.storage.local.get([CONFIG_KEYS.portalSnapshot, CONFIG_KEYS.paused]));
  const match = matchUrl(effectiveUrl(window), config.portalSnapshot, { paused: config.paused });
  if (!match.tracked) return;
  await send(controller, { type: 'page.hello', payload: {} });
});
