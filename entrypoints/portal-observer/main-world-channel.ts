import {
  CHANNEL_KINDS as KIND,
  CHANNEL_SECRET_ATTRIBUTE,
  type ChannelKind,
  channelEventName,
  MAIN_WORLD_EVENTS as EV,
} from '../../core/contracts/main-world-protocol';

export type FilesListener = (files: File[]) => void;
export type InputMethod = 'typed' | 'pasted' | 'autofilled';
/** A trusted `input` in `el` heard by the main-world script; `at` is this world's performance.now(). */
export type InputListener = (el: EventTarget, method: InputMethod, at: number) => void;

function newSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(18));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/**
 * The isolated end of the main-world channel (core/contracts/main-world-protocol.ts). Opened only by an observer
 * that runs at document_start (`atDocumentStart`): one injected into a page already loaded (after an install, an
 * update or a grant) never announces itself on window and works without the channel, because there any page
 * script could answer (issue 15 item 1). The hello is listened for only while our own ready is being dispatched,
 * synchronously, so nothing can answer later; the node's later messages go by names made from a secret that only
 * the two scripts know. `enabled` gates every message until the page is known to be measured.
 */
export function openMainWorldChannel(signal: AbortSignal, atDocumentStart: boolean, enabled: () => boolean) {
  const listeners = new Map<ChannelKind, ((relatedTarget: EventTarget | null, at: number) => void)[]>();
  let open = false;

  if (atDocumentStart) {
    let node: HTMLElement | null = null;
    const onHello = (event: Event) => {
      const candidate = (event as FocusEvent).relatedTarget;
      if (!node && candidate instanceof HTMLElement && !candidate.isConnected) node = candidate;
    };
    window.addEventListener(EV.hello, onHello, true);
    try {
      window.dispatchEvent(new Event(EV.ready));
    } finally {
      window.removeEventListener(EV.hello, onHello, true);
    }
    const channel = node as HTMLElement | null;
    if (channel) {
      const secret = newSecret();
      channel.setAttribute(CHANNEL_SECRET_ATTRIBUTE, secret);
      channel.dispatchEvent(new Event(EV.ack));
      // The main world takes the secret off the node as it acknowledges; still there, nobody took it.
      open = !channel.hasAttribute(CHANNEL_SECRET_ATTRIBUTE);
      channel.removeAttribute(CHANNEL_SECRET_ATTRIBUTE);
      if (open) {
        for (const kind of Object.values(KIND)) {
          channel.addEventListener(
            channelEventName(secret, kind),
            (e) => {
              if (!enabled()) return;
              const related = (e as FocusEvent).relatedTarget ?? null;
              for (const listener of listeners.get(kind) ?? []) listener(related, e.timeStamp);
            },
            { signal },
          );
        }
      }
    }
  }

  const on = (kind: ChannelKind, listener: (relatedTarget: EventTarget | null, at: number) => void) => {
    listeners.set(kind, [...(listeners.get(kind) ?? []), listener]);
  };

  return {
    /** Whether the main-world script is on the other end: it then hears keys, pointer and input for us. */
    open,
    onFiles(listener: FilesListener) {
      on(KIND.files, (input) => {
        if (!(input instanceof HTMLInputElement) || input.type !== 'file' || !input.files?.length) return;
        listener(Array.from(input.files));
      });
    },
    /**
     * A trusted Enter in this document, heard by the main-world script before any page handler. False when that
     * script is not there (a tab that was open before access was granted gets the observer alone): the caller
     * then listens for Enter itself.
     */
    onEnter(listener: () => void): boolean {
      if (!open) return false;
      // A fake would need the secret; a real Enter also gives the page transient activation, which we can check.
      on(KIND.enter, () => {
        if ((navigator as Navigator & { userActivation?: { isActive: boolean } }).userActivation?.isActive !== false) listener();
      });
      return true;
    },
    /** Trusted keys, pointer, wheel or touch: at most once per pulse. */
    onActivity(listener: () => void) {
      on(KIND.activity, () => listener());
    },
    onInput(listener: InputListener) {
      on(KIND.inputTyped, (el, at) => el && listener(el, 'typed', at));
      on(KIND.inputPasted, (el, at) => el && listener(el, 'pasted', at));
      on(KIND.inputAutofilled, (el, at) => el && listener(el, 'autofilled', at));
    },
  };
}

export type MainWorldChannel = ReturnType<typeof openMainWorldChannel>;
