import { MAIN_WORLD_EVENTS as EV } from '../../core/contracts/main-world-protocol';

export type FilesListener = (files: File[]) => void;

/**
 * The isolated end of the main-world channel (see ../portal-observer-main). Must be opened synchronously at
 * document_start: the handshake is over before the page's first script, so a page cannot pose as either end.
 */
export function openMainWorldChannel(signal: AbortSignal) {
  const listeners: FilesListener[] = [];
  const enterListeners: (() => void)[] = [];
  let channel: HTMLElement | null = null;

  const onHello = (event: Event) => {
    const node = (event as FocusEvent).relatedTarget;
    if (channel || !(node instanceof HTMLElement) || node.isConnected) return;
    channel = node;
    window.removeEventListener(EV.hello, onHello, true);
    node.dispatchEvent(new Event(EV.ack));
    node.addEventListener(
      EV.files,
      (e) => {
        const input = (e as FocusEvent).relatedTarget;
        if (!(input instanceof HTMLInputElement) || input.type !== 'file' || !input.files?.length) return;
        const files = Array.from(input.files);
        for (const listener of listeners) listener(files);
      },
      { signal },
    );
    node.addEventListener(EV.enter, () => enterListeners.forEach((listener) => listener()), { signal });
  };
  window.addEventListener(EV.hello, onHello, true);
  window.dispatchEvent(new Event(EV.ready));
  // Both scripts run at document_start; a hello that comes later could come from the page.
  setTimeout(() => window.removeEventListener(EV.hello, onHello, true), 0);

  return {
    onFiles(listener: FilesListener) {
      listeners.push(listener);
    },
    /**
     * A trusted Enter in this document, heard by the main-world script before any page handler. False when that
     * script is not there (a tab that was open before access was granted gets the observer alone): the caller
     * then listens for Enter itself.
     */
    onEnter(listener: () => void): boolean {
      if (!channel) return false;
      enterListeners.push(listener);
      return true;
    },
  };
}

export type MainWorldChannel = ReturnType<typeof openMainWorldChannel>;
