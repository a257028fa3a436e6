import { editableFrom } from './editable-field';
import type { MainWorldChannel } from './main-world-channel';
import type { PageEvents } from './page-events';

/**
 * Calls `onEnter` for each trusted Enter (not while composing) in this document, before the page's own handlers
 * run. Enter matters to the observers (an entry's commit, a form's implicit submit) but every other keystroke
 * does not, so the Enter is heard in the page's world by the main-world script, where a keystroke costs no
 * crossing into this isolated world (README: active time, the keystroke benchmark).
 *
 * Without the main-world script (a tab open before access was granted), the observer listens to keydown itself,
 * and only while a single-line input may have the focus: typing in a textarea or an editor then costs nothing.
 * It listens from the start (the focused element at injection is unknown) and whenever the focus has just left
 * something, so an Enter is never missed for want of a focus event; only focus arriving elsewhere pauses it.
 */
export function onEnterKey(events: PageEvents, channel: Pick<MainWorldChannel, 'onEnter'>, onEnter: () => void) {
  if (channel.onEnter(onEnter)) return;
  const keydown = events.on('keydown', (e) => {
    const event = e as KeyboardEvent;
    if (event.key === 'Enter' && event.isTrusted && !event.isComposing) onEnter(); // every keystroke: cheapest first
  });
  const onFocusChange = (event: Event) => {
    if (event.type === 'focusout' || editableFrom(event)?.kind === 'input') keydown.resume();
    else keydown.pause();
  };
  events.on('focusin', onFocusChange);
  events.on('focusout', onFocusChange);
}
