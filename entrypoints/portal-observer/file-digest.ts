import { createSHA256 } from 'hash-wasm';
import { createSha256, type StreamingHash } from '../../core/sha256-stream';
import { regionsToRead, sampledPrefix } from '../../core/upload-sampling';

/** The longest the hashing may hold the page's main thread at a time (DESIGN.md §3: 50 ms), with a margin. */
export const SLICE_BUDGET_MS = 20;
const READ_BYTES = 8 * 1024 ** 2;
const UPDATE_BYTES = 512 * 1024;

export type DigestEngine = 'wasm' | 'js';

let wasmHash: Promise<(() => Promise<StreamingHash>) | null> | null = null;

/**
 * WebAssembly where the page's CSP lets a content script compile it (most portals, plain http included);
 * otherwise plain JavaScript. crypto.subtle is no option: plain-http pages lack it, and it cannot stream.
 */
function engine(): Promise<(() => Promise<StreamingHash>) | null> {
  return (wasmHash ??= createSHA256()
    .then(() => async () => {
      const h = await createSHA256();
      h.init();
      return { update: (bytes: Uint8Array) => void h.update(bytes), digestHex: () => h.digest('hex') };
    })
    .catch(() => null));
}

/** Gives the page its main thread back; not a timer, which a background tab would throttle to one a second. */
function yieldToPage(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (scheduler?.yield) return scheduler.yield();
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(null);
  });
}

export interface DigestResult {
  digest: string;
  sampled: boolean;
  engine: DigestEngine;
}

/**
 * Un-keyed SHA-256 of a file's bytes (or of its size and sampled regions, above the sampling limit), read in
 * chunks and hashed in slices of at most SLICE_BUDGET_MS so the page keeps answering. The digest goes to the
 * worker in memory, which keys it; nothing here is stored.
 */
export async function digestFile(
  file: Blob,
  opts: { signal: AbortSignal; onProgress?: (done: number, total: number) => void; forceEngine?: DigestEngine },
): Promise<DigestResult> {
  const wasm = opts.forceEngine === 'js' ? null : await engine();
  const hash = wasm ? await wasm() : createSha256();
  const { sampled, regions } = regionsToRead(file.size);
  const total = regions.reduce((n, [a, b]) => n + (b - a), 0);
  if (sampled) hash.update(sampledPrefix(file.size));
  let done = 0;
  let sliceStart = performance.now();
  for (const [start, end] of regions) {
    for (let at = start; at < end; at += READ_BYTES) {
      if (opts.signal.aborted) throw new DOMException('aborted', 'AbortError');
      const chunk = new Uint8Array(await file.slice(at, Math.min(end, at + READ_BYTES)).arrayBuffer());
      sliceStart = performance.now(); // awaiting the read gave the thread back
      for (let i = 0; i < chunk.length; i += UPDATE_BYTES) {
        hash.update(chunk.subarray(i, i + UPDATE_BYTES));
        if (performance.now() - sliceStart > SLICE_BUDGET_MS) {
          await yieldToPage();
          sliceStart = performance.now();
        }
      }
      done += chunk.length;
      opts.onProgress?.(done, total);
    }
  }
  return { digest: hash.digestHex(), sampled, engine: wasm ? 'wasm' : 'js' };
}
