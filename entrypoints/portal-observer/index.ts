import { browser } from 'wxt/browser';
import { matchUrl } from '../../core/portals/match';
import { CONFIG_KEYS, parseLocalConfig } from '../../storage/config/local-config';
import { effectiveUrl } from './effective-url';
import { startActivityObserver } from './activity-observer';
import { startCopyObserver } from './copy-observer';
import { startEntryObserver } from './entry-observer';
import { startSubmitObserver } from './submit-observer';
import { openMainWorldChannel } from './main-world-channel';
import { createPageEvents } from './page-events';
import { startUploadObserver } from './upload-observer';
import { claimDocument, pageSender } from './observer-lifecycle';

// Registered at run time for granted portal origins only (see background/portal-access.ts). Access is per
// origin, so the port and path prefix are checked here with the same matcher the settings tester uses.
// Nothing here touches the page: no DOM changes, no globals, passive listeners only — except the hidden
// file-hasher frame, there only while an upload is fingerprinted (hasher-frame.ts).
export default defineUnlistedScript(async () => {
  const controller = claimDocument();
  if (!controller) return;
  // Synchronously, at document_start: the handshake with the main-world script must beat the page's scripts.
  const channel = openMainWorldChannel(controller.signal);
  const config = parseLocalConfig(
    await browser.storage.local.get([CONFIG_KEYS.portalSnapshot, CONFIG_KEYS.paused, CONFIG_KEYS.idleThresholdSec]),
  );
  const match = matchUrl(effectiveUrl(window), config.portalSnapshot, { paused: config.paused });
  if (!match.tracked) return;
  // Not awaited: observing starts at once, whatever the worker is busy with (after an update it is starting up).
  const send = pageSender(controller);
  void send({ type: 'page.hello', payload: {} });
  const events = createPageEvents(controller.signal);
  const activity = startActivityObserver({
    signal: controller.signal,
    events,
    send,
    idleThresholdSec: config.idleThresholdSec,
    top: window.top === window,
  });
  const taggedLogin = match.tag === 'login';
  startEntryObserver({ signal: controller.signal, events, channel, send, taggedLogin });
  startSubmitObserver({ events, channel, send, taggedLogin });
  startCopyObserver({ events, send, taggedLogin });
  startUploadObserver({ signal: controller.signal, events, channel, send });
  // Pausing, removing the portal or changing the threshold takes effect without reloading the page.
  const onChange = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area !== 'local') return;
    const next = parseLocalConfig(
      Object.fromEntries(Object.entries(changes).map(([key, change]) => [key, change.newValue])),
    );
    if (CONFIG_KEYS.idleThresholdSec in changes) activity.setIdleThreshold(next.idleThresholdSec);
    if (CONFIG_KEYS.paused in changes || CONFIG_KEYS.portalSnapshot in changes) {
      void browser.storage.local.get([CONFIG_KEYS.portalSnapshot, CONFIG_KEYS.paused]).then((raw) => {
        const now = parseLocalConfig(raw);
        if (!matchUrl(effectiveUrl(window), now.portalSnapshot, { paused: now.paused }).tracked) controller.abort();
      });
    }
  };
  browser.storage.onChanged.addListener(onChange);
  controller.signal.addEventListener('abort', () => browser.storage.onChanged.removeListener(onChange));
});
