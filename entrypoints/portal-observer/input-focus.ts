import { editableFrom } from './editable-field';
import type { PageEventSubscription, PageEvents } from './page-events';

/**
 * Enter matters to the observers only in a single-line input (an entry's commit, a form's implicit submit), so
 * their keydown handlers listen only while one may have the focus: typing in a textarea or an editor then costs
 * them nothing. They start listening (the focused element at injection is unknown) and listen whenever the focus
 * has just left something, so an Enter is never missed for want of a focus event; only focus arriving on anything
 * but an input pauses them.
 */
export function listenWhileInputFocused(events: PageEvents, subs: readonly PageEventSubscription[]) {
  const onFocusChange = (event: Event) => {
    const mayBeInInput = event.type === 'focusout' || editableFrom(event)?.kind === 'input';
    for (const s of subs) {
      if (mayBeInInput) s.resume();
      else s.pause();
    }
  };
  events.on('focusin', onFocusChange);
  events.on('focusout', onFocusChange);
}
