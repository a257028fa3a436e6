import { createActivityClock, type ActivityGap, type ActivitySlice } from '../../core/time/activity-clock';
import { waitingMs } from '../../core/time/waiting';
import type { MainWorldChannel } from './main-world-channel';
import { createCooldown, INPUT_COOLDOWN_MS, type PageEvents, type PageEventSubscription } from './page-events';
import type { PageSend } from '../../core/contracts/messages';

export interface ActivityObserverDeps {
  signal: AbortSignal;
  events: PageEvents;
  channel: Pick<MainWorldChannel, 'open' | 'onActivity' | 'onInput'>;
  send: PageSend;
  idleThresholdSec: number;
  /** The top document measures waiting for its navigation; frames do not. */
  top: boolean;
}

// Trusted input of any kind marks the page active. Listeners are passive and capture-phase so nothing the
// page does (stopPropagation, preventDefault) can hide input or be slowed by us. Not `scroll`: it is trusted
// even when the page scrolls itself, and the wheel, keys and touches that scroll for a user are counted already.
export const INPUT_EVENTS = ['keydown', 'pointerdown', 'pointermove', 'wheel', 'touchstart', 'input'] as const;
/** How often counted time leaves the page (README: the most an abrupt close or a reload can lose). */
export const FLUSH_INTERVAL_MS = 500;
export const MEDIA_EVENTS = ['play', 'playing', 'pause', 'ended', 'volumechange', 'emptied'] as const;

/**
 * The page-side clock (core/time/activity-clock.ts) wired to this document: trusted input, visibility, focus and
 * playing unmuted media in, slices and gaps out to the background once a second. The background decides
 * whether the tab was the active one in the focused window and counts each second once per portal.
 */
export function startActivityObserver({ signal, events, channel, send, idleThresholdSec, top }: ActivityObserverDeps) {
  const slices: ActivitySlice[] = [];
  const gaps: ActivityGap[] = [];
  const clock = createActivityClock({
    now: Date.now,
    idleThresholdMs: idleThresholdSec * 1000,
    onSlice: (s) => slices.push(s),
    onGap: (g) => gaps.push(g),
  });
  const options = { capture: true, passive: true, signal } as const;

  // The clock works in whole seconds: telling it about input more than four times a second adds nothing. With the
  // main-world script, input is heard there (a function call per keystroke, no crossing into this world) and a
  // pulse comes at most four times a second. Without it, our own handlers pause for a quarter second after each
  // trusted input (inside the listener, which stays first on window).
  if (channel.open) {
    channel.onActivity(() => clock.input());
    channel.onInput(() => clock.input());
  } else {
    const inputSubs: PageEventSubscription[] = [];
    const cooldown = createCooldown(inputSubs, INPUT_COOLDOWN_MS, signal);
    const onInput = (event: Event) => {
      if (!event.isTrusted) return; // a page cannot make us count time by dispatching fake events
      clock.input();
      cooldown.start();
    };
    for (const type of INPUT_EVENTS) inputSubs.push(events.on(type, onInput));
  }
  // Injected into a page already in use (after an update or reload of the extension, a new grant): transient user
  // activation means trusted input in this frame within the last few seconds, far inside the idle threshold, so
  // the cadre is counted from now instead of from their next key press.
  if ((navigator as Navigator & { userActivation?: { isActive: boolean } }).userActivation?.isActive) clock.input();

  const mediaPlaying = () =>
    Array.from(document.querySelectorAll('audio, video')).some((m) => {
      const media = m as HTMLMediaElement;
      return !media.paused && !media.ended && !media.muted && media.volume > 0 && media.readyState > 2;
    });
  // Media that starts, resumes or is unmuted says so with an event, so the tick only looks at the page's media
  // while one may be playing (and once at the start: the script may arrive in a page already playing).
  let mediaMayPlay = true;
  const checkMedia = () => {
    const playing = mediaPlaying();
    clock.mediaPlaying(playing);
    mediaMayPlay = playing;
  };
  // Media events do not bubble, but they do pass through the capture phase on window.
  for (const type of MEDIA_EVENTS) events.on(type, checkMedia);

  const onFocusChange = () => {
    clock.visibility(document.visibilityState === 'visible');
    clock.focus(document.hasFocus());
  };
  document.addEventListener('visibilitychange', onFocusChange, options);
  addEventListener('focus', onFocusChange, options);
  addEventListener('blur', onFocusChange, options);
  onFocusChange();

  const flushToBackground = () => {
    if (!slices.length && !gaps.length) return;
    void send({ type: 'page.activity', payload: { slices: slices.splice(0, 30), gaps: gaps.splice(0, 30) } });
  };
  // Counted time is sent twice a second: what a page has not sent is lost when the extension is reloaded or
  // updated (this script's connection dies with it) or the browser is killed, so the flush interval bounds that
  // loss. Gaps alone are not urgent and go once a second.
  let ticks = 0;
  const timer = setInterval(() => {
    // Focus can move without an event reaching this frame (another frame, another window): re-read each tick.
    onFocusChange();
    if (mediaMayPlay) checkMedia();
    clock.tick();
    if (slices.length || ++ticks % 2 === 0) flushToBackground();
  }, FLUSH_INTERVAL_MS);

  const onHide = () => {
    onFocusChange();
    clock.flush();
    flushToBackground();
  };
  addEventListener('pagehide', onHide, options);
  signal.addEventListener('abort', () => clearInterval(timer));

  return {
    setIdleThreshold: (sec: number) => clock.setIdleThreshold(sec * 1000),
    /** The top document's load, once (not by an observer put into a page whose load was reported: issue 15 item 8). */
    reportWaiting: () => top && reportWaiting(signal, send),
  };
}

function reportWaiting(signal: AbortSignal, send: PageSend) {
  const measure = () => {
    const [nav] = performance.getEntriesByType('navigation') as (PerformanceNavigationTiming & { activationStart?: number })[];
    const ms = nav && waitingMs({ startTime: nav.startTime, activationStart: nav.activationStart, loadEventEnd: nav.loadEventEnd });
    if (ms !== null && ms !== undefined) void send({ type: 'page.waiting', payload: { ms: Math.round(ms) } });
  };
  // loadEventEnd is only set once the load handlers have returned, so measure on the next task.
  if (document.readyState === 'complete') setTimeout(measure, 0);
  else addEventListener('load', () => setTimeout(measure, 0), { once: true, signal });
}
