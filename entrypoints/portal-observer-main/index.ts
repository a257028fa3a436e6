import {
  CHANNEL_KINDS as KIND,
  CHANNEL_SECRET_ATTRIBUTE,
  type ChannelKind,
  channelEventName,
  MAIN_WORLD_EVENTS as EV,
  PULSE_MS,
} from '../../core/contracts/main-world-protocol';

/**
 * The minimal main-world script (DESIGN.md §2), registered for document_start only (never injected into a page
 * that is already loaded). Two jobs:
 * - File inputs never attached to the document fire `change` where the isolated world cannot hear it: the input
 *   is noticed when the page opens its picker (click / showPicker), and the user's choice is forwarded.
 * - Typing, pointer movement and Enter are heard here, on window in the capture phase, registered before any page
 *   script and never removed, so nothing the page adds later runs before them (issue 15 item 2). A keystroke
 *   costs a function call here instead of a crossing into the isolated world; what the observers need (an Enter,
 *   a field's input by method, "input happened") crosses at most four times a second.
 * It keeps no state of value and reads no field or file. The channel is described in main-world-protocol.ts.
 * Everything used below is taken now, before any page script could replace it (issue 15 item 1): a page that
 * swaps `Event` or `EventTarget.prototype.dispatchEvent` later changes nothing here.
 * The one trace a page could find is that `click` and `showPicker` are proxies of the native functions.
 */
export default defineUnlistedScript(() => {
  const reflectApply = Reflect.apply;
  const getDescriptor = Object.getOwnPropertyDescriptor;
  const defineProperty = Object.defineProperty;
  const ProxyOf = Proxy;
  const WeakSetOf = WeakSet;
  const weakHas = WeakSet.prototype.has;
  const weakAdd = WeakSet.prototype.add;
  const startsWith = String.prototype.startsWith;
  const testOf = RegExp.prototype.test;
  const getter = (proto: object, name: string) => getDescriptor(proto, name)!.get!;
  const addListener = EventTarget.prototype.addEventListener;
  const removeListener = EventTarget.prototype.removeEventListener;
  const dispatch = EventTarget.prototype.dispatchEvent;
  const EventOf = Event;
  const FocusEventOf = FocusEvent;
  const InputElement = HTMLInputElement;
  const rootOf = Node.prototype.getRootNode;
  const composedPathOf = Event.prototype.composedPath;
  const matchesOf = Element.prototype.matches;
  const getAttributeOf = Element.prototype.getAttribute;
  const removeAttributeOf = Element.prototype.removeAttribute;
  const createElementOf = Document.prototype.createElement;
  const typeOf = getter(HTMLInputElement.prototype, 'type');
  const timeStampOf = getter(Event.prototype, 'timeStamp');
  const keyOf = getter(KeyboardEvent.prototype, 'key');
  const composingOf = getter(KeyboardEvent.prototype, 'isComposing');
  const inputTypeOf = getter(InputEvent.prototype, 'inputType');
  const win = window;
  const doc = document;

  const channel = reflectApply(createElementOf, doc, ['span']) as HTMLSpanElement;
  let secret: string | null = null;
  const send = (kind: ChannelKind, relatedTarget?: EventTarget) => {
    if (secret === null) return;
    const name = channelEventName(secret, kind);
    // Init dictionaries without a prototype: a getter the page puts on Object.prototype is never asked.
    reflectApply(dispatch, channel, [relatedTarget ? new FocusEventOf(name, { __proto__: null, relatedTarget } as FocusEventInit) : new EventOf(name)]);
  };

  // The handshake: answer the isolated side's ready with the node; it puts the secret on it and acknowledges.
  const onReady = () => reflectApply(dispatch, win, [new FocusEventOf(EV.hello, { __proto__: null, relatedTarget: channel } as FocusEventInit)]);
  const stopAnswering = () => {
    reflectApply(removeListener, win, [EV.ready, onReady, true]);
    reflectApply(removeListener, doc, ['readystatechange', stopAnswering, true]);
  };
  const onAck = () => {
    const value = reflectApply(getAttributeOf, channel, [CHANNEL_SECRET_ATTRIBUTE]) as string | null;
    reflectApply(removeAttributeOf, channel, [CHANNEL_SECRET_ATTRIBUTE]);
    reflectApply(removeListener, channel, [EV.ack, onAck]);
    stopAnswering();
    if (value && reflectApply(testOf, /^[A-Za-z0-9_-]{16,}$/, [value])) secret = value;
  };
  reflectApply(addListener, win, [EV.ready, onReady, true]);
  reflectApply(addListener, channel, [EV.ack, onAck]);
  // The isolated side runs at document_start too; once the page is parsing, a ready can only come from the page.
  reflectApply(addListener, doc, ['readystatechange', stopAnswering, true]);

  // Without a prototype: the options of a listener added later (a file input's) must not ask a page getter.
  const options = { __proto__: null, capture: true, passive: true } as AddEventListenerOptions;
  const watched = new WeakSetOf<object>();
  const watch = (el: unknown) => {
    if (!(el instanceof InputElement) || reflectApply(weakHas, watched, [el]) || reflectApply(typeOf, el, []) !== 'file') return;
    if (reflectApply(rootOf, el, []) === doc) return; // the observer hears attached inputs itself
    reflectApply(weakAdd, watched, [el]);
    reflectApply(addListener, el, [
      'change',
      (event: Event) => {
        if (event.isTrusted) send(KIND.files, el);
      },
      options,
    ]);
  };

  let lastPulse = -Infinity;
  const pulse = (event: Event) => {
    const at = reflectApply(timeStampOf, event, []) as number;
    if (at - lastPulse < PULSE_MS) return;
    lastPulse = at;
    send(KIND.activity);
  };
  for (const type of ['pointerdown', 'pointermove', 'wheel', 'touchstart']) {
    reflectApply(addListener, win, [type, (event: Event) => event.isTrusted && pulse(event), options]);
  }
  // Enter commits an entry and may submit a form, and a page may empty the field in its own keydown handler: the
  // observer must read the field first, so an Enter crosses at once.
  reflectApply(addListener, win, [
    'keydown',
    (event: KeyboardEvent) => {
      if (!event.isTrusted) return;
      if (reflectApply(keyOf, event, []) === 'Enter' && !reflectApply(composingOf, event, [])) send(KIND.enter);
      pulse(event);
    },
    options,
  ]);
  // A field's input: the first in a field, every paste, drop or autofill (they decide the entry's method), and
  // typing at most once a pulse (its time only moves the entry's last-input time).
  let lastTarget: EventTarget | undefined;
  let lastTyped = -Infinity;
  reflectApply(addListener, win, [
    'input',
    (event: InputEvent) => {
      if (!event.isTrusted) return;
      pulse(event);
      const target = (reflectApply(composedPathOf, event, []) as EventTarget[])[0];
      if (!target) return;
      const inputType = reflectApply(inputTypeOf, event, []) as string;
      let kind: ChannelKind = KIND.inputTyped;
      if (reflectApply(startsWith, inputType, ['insertFromPaste']) || reflectApply(startsWith, inputType, ['insertFromDrop'])) kind = KIND.inputPasted;
      else if (inputType === 'insertReplacementText' || (!inputType && autofilled(target))) kind = KIND.inputAutofilled;
      const at = reflectApply(timeStampOf, event, []) as number;
      if (kind === KIND.inputTyped && target === lastTarget && at - lastTyped < PULSE_MS) return;
      lastTarget = target;
      if (kind === KIND.inputTyped) lastTyped = at;
      send(kind, target);
    },
    options,
  ]);
  const autofilled = (el: EventTarget) => {
    try {
      return !!reflectApply(matchesOf, el, [':autofill']);
    } catch {
      return false; // older engines: the observer checks the field again when it is committed
    }
  };

  for (const [proto, name] of [
    [HTMLElement.prototype, 'click'],
    [HTMLInputElement.prototype, 'showPicker'],
  ] as const) {
    const descriptor = getDescriptor(proto, name);
    if (typeof descriptor?.value !== 'function') continue;
    defineProperty(proto, name, {
      ...descriptor,
      value: new ProxyOf(descriptor.value as (...args: unknown[]) => unknown, {
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
