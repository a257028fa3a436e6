import { MAIN_WORLD_EVENTS as EV } from '../../core/contracts/main-world-protocol';

/**
 * The minimal main-world script (DESIGN.md §2): file inputs that are never attached to the document (or live in a
 * shadow root) fire `change` where the isolated world cannot hear it. This script notices such an input when the
 * page opens its picker (click / showPicker), listens for the user's choice on the element itself, and forwards
 * the element to the observer over a private channel. It keeps no state of value and reads no file. It also
 * tells the observer of a trusted Enter, so the observer need not hear every keystroke itself.
 * The one trace a page could find is that `click` and `showPicker` are proxies of the native functions.
 */
export default defineUnlistedScript(() => {
  // Natives taken before any page script could replace them.
  const addListener = EventTarget.prototype.addEventListener;
  const removeListener = EventTarget.prototype.removeEventListener;
  const dispatch = EventTarget.prototype.dispatchEvent;
  const rootOf = Node.prototype.getRootNode;
  const InputElement = HTMLInputElement;
  const Focus = FocusEvent;
  const reflectApply = Reflect.apply;
  const typeOf = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'type')!.get!;
  const keyOf = Object.getOwnPropertyDescriptor(KeyboardEvent.prototype, 'key')!.get!;
  const composingOf = Object.getOwnPropertyDescriptor(KeyboardEvent.prototype, 'isComposing')!.get!;
  const watched = new WeakSet<object>();
  const channel = document.createElement('span');

  const hello = () => reflectApply(dispatch, window, [new Focus(EV.hello, { relatedTarget: channel })]);
  const onReady = () => hello();
  const onAck = () => {
    reflectApply(removeListener, window, [EV.ready, onReady, true]);
    reflectApply(removeListener, channel, [EV.ack, onAck]);
  };
  reflectApply(addListener, window, [EV.ready, onReady, true]);
  reflectApply(addListener, channel, [EV.ack, onAck]);
  hello();

  const watch = (el: unknown) => {
    if (!(el instanceof InputElement) || watched.has(el) || reflectApply(typeOf, el, []) !== 'file') return;
    if (reflectApply(rootOf, el, []) === document) return; // the observer hears attached inputs itself
    watched.add(el);
    reflectApply(addListener, el, [
      'change',
      (event: Event) => {
        if (event.isTrusted) reflectApply(dispatch, channel, [new Focus(EV.files, { relatedTarget: el })]);
      },
      { capture: true, passive: true },
    ]);
  };

  // Enter commits an entry and may submit a form, and a page may empty the field in its own keydown handler: the
  // observer must read the field first. Listening for every keydown from the isolated world costs a crossing per
  // keystroke (about 25 ms per 1,000 in an input, measured: `npm run bench page-cost`); here in the page's own
  // world it costs a function call, and only an Enter crosses. Registered before any page script, on window in
  // the capture phase, so it runs before every page handler.
  reflectApply(addListener, window, [
    'keydown',
    (event: KeyboardEvent) => {
      if (event.isTrusted && reflectApply(keyOf, event, []) === 'Enter' && !reflectApply(composingOf, event, [])) {
        reflectApply(dispatch, channel, [new Event(EV.enter)]);
      }
    },
    { capture: true, passive: true },
  ]);

  for (const [proto, name] of [
    [HTMLElement.prototype, 'click'],
    [HTMLInputElement.prototype, 'showPicker'],
  ] as const) {
    const descriptor = Object.getOwnPropertyDescriptor(proto, name);
    if (typeof descriptor?.value !== 'function') continue;
    Object.defineProperty(proto, name, {
      ...descriptor,
      value: new Proxy(descriptor.value as (...args: unknown[]) => unknown, {
        apply(target, thisArg, args) {
          try {
            watch(thisArg);
          } catch {
            // never let the observer break the page's own call
          }
          return reflectApply(target, thisArg, args);
        },
      }),
    });
  }
});
