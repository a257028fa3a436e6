import { MAIN_WORLD_EVENTS as EV } from '../portal-observer/main-world-protocol';

/**
 * The minimal main-world script (DESIGN.md §2): file inputs that are never attached to the document (or live in a
 * shadow root) fire `change` where the isolated world cannot hear it. This script notices such an input when the
 * page opens its picker (click / showPicker), listens for the user's choice on the element itself, and forwards
 * the element to the observer over a private channel. It keeps no state of value and reads no file.
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
