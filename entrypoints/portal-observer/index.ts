import { browser } from 'wxt/browser';
import { matchUrl } from '../../core/portals/match';
import { CONFIG_KEYS, parseLocalConfig } from '../../storage/config/local-config';
import { effectiveUrl } from './effective-url';
import { INPUT_EVENTS, MEDIA_EVENTS, startActivityObserver } from './activity-observer';
import { startCopyObserver } from './copy-observer';
import { startEntryObserver } from './entry-observer';
import { startSubmitObserver } from './submit-observer';
import { openMainWorldChannel } from './main-world-channel';
import { createPageEvents } from './page-events';
import { startUploadObserver } from './upload-observer';
import { claimDocument, injectedLate, pageSender } from './observer-lifecycle';
import type { PageSend } from '../../core/contracts/messages';

/** Heard by this script in every document, low in number (focus changes, clicks, commits, files). */
const OWN_EVENTS = ['focusin', 'focusout', 'click', 'submit', 'change', 'drop', 'paste', 'copy', 'cut', 'compositionstart', 'compositionend', ...MEDIA_EVENTS];

// Registered at run time for granted portal origins only (see background/portal-access.ts). Access is per
// origin, so the port and path prefix are checked here with the same matcher the settings tester uses.
// Nothing here touches the page: no DOM changes, no globals, passive listeners only — except the hidden
// file-hasher frame, there only while an upload is fingerprinted (hasher-frame.ts).
export default defineUnlistedScript(() => {
  const claim = claimDocument();
  if (!claim) return;
  const { controller, resumed } = claim;
  const { signal } = controller;
  // Everything below up to the storage read runs synchronously at document_start, before the page's first script
  // (issue 15 item 2): the channel's handshake, and every listener, first on window, never removed.
  let measured = false;
  const channel = openMainWorldChannel(signal, !injectedLate(), () => measured);
  // Keys, pointer and input are heard by the main-world script when it is there; only without it do we listen.
  const events = createPageEvents(signal, channel.open ? OWN_EVENTS : [...OWN_EVENTS, ...INPUT_EVENTS]);
  const send = pageSender(controller);
  // Nothing reaches the worker before the storage read says this page is tracked.
  const toBackground: PageSend = (message) => (measured ? send(message) : Promise.resolve(undefined));
  let taggedLogin = false;
  const isTaggedLogin = () => taggedLogin;
  const activity = startActivityObserver({ signal, events, channel, send: toBackground, idleThresholdSec: 120, top: window.top === window });
  startEntryObserver({ signal, events, channel, send: toBackground, taggedLogin: isTaggedLogin });
  startSubmitObserver({ events, channel, send: toBackground, taggedLogin: isTaggedLogin });
  startCopyObserver({ events, send: toBackground, taggedLogin: isTaggedLogin });
  startUploadObserver({ signal, events, channel, send: toBackground });

  void browser.storage.local.get([CONFIG_KEYS.portalSnapshot, CONFIG_KEYS.paused, CONFIG_KEYS.idleThresholdSec]).then((raw) => {
    const config = parseLocalConfig(raw);
    const match = matchUrl(effectiveUrl(window), config.portalSnapshot, { paused: config.paused });
    if (!match.tracked) return controller.abort();
    taggedLogin = match.tag === 'login';
    activity.setIdleThreshold(config.idleThresholdSec);
    measured = true;
    events.enable();
    // Not awaited: observing starts at once, whatever the worker is busy with (after an update it is starting up).
    void send({ type: 'page.hello', payload: resumed ? { resumed: true } : {} });
    if (!resumed) activity.reportWaiting();
    followConfig();
  });

  // Pausing, removing the portal or changing the threshold takes effect without reloading the page.
  function followConfig() {
    const onChange = (changes: Record<string, { newValue?: unknown }>, area: string) => {
      if (area !== 'local') return;
      const next = parseLocalConfig(Object.fromEntries(Object.entries(changes).map(([key, change]) => [key, change.newValue])));
      if (CONFIG_KEYS.idleThresholdSec in changes) activity.setIdleThreshold(next.idleThresholdSec);
      if (CONFIG_KEYS.paused in changes || CONFIG_KEYS.portalSnapshot in changes) {
        void browser.storage.local.get([CONFIG_KEYS.portalSnapshot, CONFIG_KEYS.paused]).then((raw) => {
          const now = parseLocalConfig(raw);
          if (!matchUrl(effectiveUrl(window), now.portalSnapshot, { paused: now.paused }).tracked) controller.abort();
        });
      }
    };
    browser.storage.onChanged.addListener(onChange);
    signal.addEventListener('abort', () => browser.storage.onChanged.removeListener(onChange));
  }
});
