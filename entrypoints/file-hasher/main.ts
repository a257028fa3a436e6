import { createSHA256, type IHasher } from 'hash-wasm';
import { chunksToRead, regionsToRead, sampledPrefix } from '../../core/uploads/sampling';
import { type HasherReply, type HasherRequest, isHasherHello, parseHasherRequest } from '../../core/contracts/hasher-protocol';

// The file hasher: an extension page the page observer puts in a hidden frame while files are being hashed
// (see portal-observer/hasher-frame.ts). It runs in the extension's process, with the extension's CSP, so it may
// use WebAssembly whatever the portal's CSP says, and the portal's main thread stays free. It answers only on the
// MessagePort handed over with the right nonce, stores nothing and sends nothing anywhere else: the digest goes
// back to the content script, which passes it to the worker.

const READ_BYTES = 16 * 1024 ** 2;
/**
 * Up to this size the whole file is read into memory and hashed natively with crypto.subtle (the extension's frame
 * has it even under an http page, measured): several times faster than WebAssembly, at the cost of holding the
 * file in memory for a moment. Above it, WebAssembly streams in READ_BYTES chunks.
 */
const SUBTLE_MAX_BYTES = 32 * 1024 ** 2;

/**
 * Hashed between two turns of the frame's event loop. The frame shares the extension's process with the popup and
 * the dashboard: hashing a whole 16 MB read in one go held that thread for 100–120 ms (traced).
 */
const UPDATE_BYTES = 2 * 1024 ** 2;

/** A posted message, not a timer: the frame is hidden, and hidden frames' timers may be throttled. */
const nextTurn = () =>
  new Promise<void>((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(null);
  });

const hex = (bytes: ArrayBuffer) => Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, '0')).join('');

async function hashWithWasm(hasher: IHasher, file: Blob, progress: (done: number, total: number) => void) {
  const { sampled, regions } = regionsToRead(file.size);
  hasher.init();
  if (sampled) hasher.update(sampledPrefix(file.size));
  const chunks = chunksToRead(regions, READ_BYTES);
  const total = chunks.reduce((n, [a, b]) => n + (b - a), 0);
  // The next chunk is read while this one is hashed.
  const read = (i: number) => (i < chunks.length ? file.slice(...chunks[i]!).arrayBuffer() : null);
  let done = 0;
  let next = read(0);
  for (let c = 0; next; c++) {
    const chunk = new Uint8Array(await next);
    next = read(c + 1);
    for (let at = 0; at < chunk.length; at += UPDATE_BYTES) {
      if (at > 0) await nextTurn();
      hasher.update(chunk.subarray(at, at + UPDATE_BYTES));
    }
    done += chunk.length;
    progress(done, total);
  }
  return { digest: hasher.digest('hex'), sampled };
}

function serve(port: MessagePort) {
  const subtle = globalThis.isSecureContext ? globalThis.crypto?.subtle : undefined;
  let queue: Promise<void> = Promise.resolve();
  const reply = (message: HasherReply) => port.postMessage(message);

  const hash = async (hasher: IHasher, { id, file }: HasherRequest) => {
    try {
      if (subtle && file.size <= SUBTLE_MAX_BYTES) {
        const digest = hex(await subtle.digest('SHA-256', await file.arrayBuffer()));
        reply({ type: 'digest', id, digest, sampled: false, engine: 'subtle' });
        return;
      }
      const { digest, sampled } = await hashWithWasm(hasher, file, (done, total) => reply({ type: 'progress', id, done, total }));
      reply({ type: 'digest', id, digest, sampled, engine: 'wasm' });
    } catch {
      reply({ type: 'failed', id });
    }
  };

  createSHA256().then(
    (hasher) => {
      port.onmessage = (event) => {
        const request = parseHasherRequest(event.data);
        if (request) queue = queue.then(() => hash(hasher, request));
      };
      reply({ type: 'ready' });
    },
    // WebAssembly refused (a browser or policy without it): the observer hashes in the page instead.
    () => reply({ type: 'unavailable' }),
  );
}

const nonce = location.hash.slice(1);
history.replaceState(null, '', location.pathname); // the nonce is used once; nothing else in this frame needs it
const onHello = (event: MessageEvent) => {
  if (event.source !== window.parent || event.ports.length !== 1 || !isHasherHello(event.data, nonce)) return;
  window.removeEventListener('message', onHello);
  serve(event.ports[0]!);
};
window.addEventListener('message', onHello);
