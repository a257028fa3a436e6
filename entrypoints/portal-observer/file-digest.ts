import type { HashedBy } from '../../core/contracts/messages';
import { createSha256 } from '../../core/uploads/sha256-stream';
import { chunksToRead, regionsToRead, sampledPrefix } from '../../core/uploads/sampling';
import { type HasherFrame, openHasherFrame } from './hasher-frame';

/** The longest the hashing may hold the page's main thread at a time (DESIGN.md §3: 50 ms), with a margin. */
export const SLICE_BUDGET_MS = 10;
const READ_BYTES = 2 * 1024 ** 2;
/**
 * Hashed between two looks at the clock. Small, because the first calls of the JavaScript hash run before V8 has
 * optimised it: 512 KB then took 200 ms in one go (measured), 64 KB stays within the budget.
 */
const UPDATE_BYTES = 64 * 1024;

/**
 * Gives the page its main thread back. Not scheduler.yield(): its continuation jumps the queue, and the page's
 * own timers starved for 100–200 ms between our slices (measured). Not a timer: nested 0 ms timers are clamped
 * to 4 ms (a fifth of the throughput gone) and a background tab throttles them to one a second. A posted message
 * waits its turn.
 */
function yieldToPage(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(null);
  });
}

export interface DigestResult {
  digest: string;
  sampled: boolean;
}

type DigestOptions = { signal: AbortSignal; onProgress?: (done: number, total: number) => void };

/**
 * Digests files in the extension's hasher frame (hasher-frame.ts): WebAssembly in the extension's process, the
 * page's main thread free. Falls back to hashing in the page when the frame cannot load or answer; after one
 * such failure the page hashes everything itself (the cause — a sandbox, a policy — does not go away). release()
 * removes the frame: it is in the page only while files are being hashed.
 */
export function createFileDigester(signal: AbortSignal) {
  let frame: Promise<HasherFrame | null> | null = null;
  let frameFailed = false;
  return {
    async digest(file: Blob, opts: Omit<DigestOptions, 'signal'> = {}): Promise<DigestResult & { hashedBy: HashedBy }> {
      if (!frameFailed) {
        frame ??= openHasherFrame(signal);
        const hasher = await frame;
        if (hasher) {
          try {
            const { digest, sampled, engine } = await hasher.digest(file, { signal, ...opts });
            return { digest, sampled, hashedBy: engine === 'subtle' ? 'frame-subtle' : 'frame-wasm' };
          } catch (error) {
            if (signal.aborted) throw error;
            hasher.close();
          }
        }
        frameFailed = true;
        frame = null;
      }
      return { ...(await digestInPage(file, { signal, ...opts })), hashedBy: 'page-js' };
    },
    /** Starts loading the frame while the files' kinds are worked out: it takes 100–200 ms to answer. */
    prepare() {
      if (!frameFailed) frame ??= openHasherFrame(signal);
    },
    release() {
      void frame?.then((hasher) => hasher?.close());
      frame = null;
    },
  };
}

export type FileDigester = ReturnType<typeof createFileDigester>;

/**
 * Un-keyed SHA-256 of a file's bytes (or of its size and sampled regions, above the sampling limit), read in
 * chunks and hashed in slices of at most SLICE_BUDGET_MS so the page keeps answering. The digest goes to the
 * worker in memory, which keys it; nothing here is stored.
 *
 * The fallback when the hasher frame is unavailable: plain JavaScript in the page. crypto.subtle is missing on
 * http pages and cannot stream. WebAssembly is not tried here: trying it on a page whose CSP forbids it fires a `securitypolicyviolation` event the
 * page sees (and may report to its server, naming our script): the page would learn the extension is there,
 * and the extension would have caused a request. There is no way to read the page's CSP before trying.
 */
export async function digestInPage(file: Blob, opts: DigestOptions): Promise<DigestResult> {
  const hash = createSha256();
  const { sampled, regions } = regionsToRead(file.size);
  const total = regions.reduce((n, [a, b]) => n + (b - a), 0);
  if (sampled) hash.update(sampledPrefix(file.size));
  // The next chunk is read while this one is hashed: reading a file runs at about disk speed, so done one after
  // the other the two would add up.
  const chunks = chunksToRead(regions, READ_BYTES);
  const read = (i: number) => (i < chunks.length ? file.slice(...chunks[i]!).arrayBuffer() : null);
  let done = 0;
  let next = read(0);
  for (let c = 0; next; c++) {
    if (opts.signal.aborted) throw new DOMException('aborted', 'AbortError');
    const chunk = new Uint8Array(await next);
    next = read(c + 1);
    let sliceStart = performance.now(); // awaiting the read gave the thread back
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
  return { digest: hash.digestHex(), sampled };
}
