import { browser } from 'wxt/browser';
import { HASHER_HELLO, type HasherEngine, parseHasherReply } from '../../core/contracts/hasher-protocol';

/** The frame must load, compile its WebAssembly and answer within this, or the page hashes the file itself. */
const READY_TIMEOUT_MS = 3000;
/** A frame that stops answering mid-file (crashed, killed) is given up after this long without a word. */
const SILENCE_TIMEOUT_MS = 15_000;

export interface FrameDigest {
  digest: string;
  sampled: boolean;
  engine: HasherEngine;
}

export interface HasherFrame {
  digest(file: Blob, opts: { signal: AbortSignal; onProgress?: (done: number, total: number) => void }): Promise<FrameDigest>;
  close(): void;
}

function newNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(24));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/**
 * Puts the extension's file-hasher page (entrypoints/file-hasher) in a hidden frame and hands it a MessagePort.
 * A File posted over the port is structured-cloned as a handle, not copied, so the bytes reach the extension's
 * origin for free; it hashes them with WebAssembly in the extension's process while the page's main thread
 * stays free. The frame sits in a closed shadow root on an element appended to <html>, is not displayed and is
 * removed by close(). Resolves null when it cannot load or does not answer in time (a sandboxed frame, a browser
 * without WebAssembly): the caller then hashes in the page.
 */
export function openHasherFrame(signal: AbortSignal): Promise<HasherFrame | null> {
  const host = document.createElement('span');
  // Set through the CSSOM, which a page's style-src does not govern (a style attribute would be a violation).
  host.style.setProperty('display', 'none', 'important');
  const root = host.attachShadow({ mode: 'closed' });
  const frame = document.createElement('iframe');
  const nonce = newNonce();
  // Chromium: getURL gives the per-session dynamic URL the manifest asks for (use_dynamic_url), but the frame
  // commits under the extension's real origin, and that is where the hello must be addressed. Addressed, because
  // the page can navigate its child frames: a hello sent to whatever is in the frame could hand the port over.
  frame.src = `${browser.runtime.getURL('/file-hasher.html')}#${nonce}`;
  const origin = import.meta.env.FIREFOX ? new URL(browser.runtime.getURL('/')).origin : `chrome-extension://${browser.runtime.id}`;
  root.append(frame);

  const channel = new MessageChannel();
  const port = channel.port1;
  const close = () => {
    signal.removeEventListener('abort', close);
    port.close();
    host.remove();
  };
  signal.addEventListener('abort', close);

  type Pending = { resolve: (d: FrameDigest) => void; reject: (e: unknown) => void; onProgress?: (done: number, total: number) => void; watchdog: () => void };
  const pending = new Map<number, Pending>();
  let nextId = 0;
  let resolveReady: (ok: boolean) => void = () => undefined;
  const ready = new Promise<boolean>((resolve) => (resolveReady = resolve));

  port.onmessage = (event) => {
    const reply = parseHasherReply(event.data);
    if (!reply) return;
    if (reply.type === 'ready' || reply.type === 'unavailable') {
      resolveReady(reply.type === 'ready');
      return;
    }
    const job = pending.get(reply.id);
    if (!job) return;
    job.watchdog();
    if (reply.type === 'progress') {
      job.onProgress?.(reply.done, reply.total);
      return;
    }
    pending.delete(reply.id);
    if (reply.type === 'digest') job.resolve({ digest: reply.digest, sampled: reply.sampled, engine: reply.engine });
    else job.reject(new Error('hasher failed'));
  };

  frame.addEventListener('load', () => frame.contentWindow?.postMessage({ type: HASHER_HELLO, nonce }, origin, [channel.port2]), { once: true });
  document.documentElement.append(host);
  const timer = setTimeout(() => resolveReady(false), READY_TIMEOUT_MS);

  const hasher: HasherFrame = {
    close,
    digest(file, { signal: jobSignal, onProgress }) {
      return new Promise<FrameDigest>((resolve, reject) => {
        const id = nextId++;
        let silence: ReturnType<typeof setTimeout>;
        const settle = () => {
          clearTimeout(silence);
          jobSignal.removeEventListener('abort', onAbort);
          pending.delete(id);
        };
        const fail = (error: unknown) => {
          settle();
          reject(error);
        };
        const onAbort = () => fail(new DOMException('aborted', 'AbortError'));
        const watchdog = () => {
          clearTimeout(silence);
          silence = setTimeout(() => fail(new Error('hasher silent')), SILENCE_TIMEOUT_MS);
        };
        if (jobSignal.aborted) return reject(new DOMException('aborted', 'AbortError'));
        jobSignal.addEventListener('abort', onAbort);
        pending.set(id, {
          resolve: (d) => {
            settle();
            resolve(d);
          },
          reject: fail,
          ...(onProgress && { onProgress }),
          watchdog,
        });
        watchdog();
        port.postMessage({ type: 'hash', id, file });
      });
    },
  };

  return ready.then((ok) => {
    clearTimeout(timer);
    if (ok && !signal.aborted) return hasher;
    close();
    return null;
  });
}
