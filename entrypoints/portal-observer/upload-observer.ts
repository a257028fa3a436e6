import { createPageRateLimit } from '../../core/page-limits/page-rate-limit';
import { createFileDigester } from './file-digest';
import { fileFacts } from './file-facts';
import type { MainWorldChannel } from './main-world-channel';
import type { PageEvents } from './page-events';
import type { PageSend } from '../../core/contracts/messages';

type Source = 'input' | 'drop' | 'paste';

export interface UploadObserverDeps {
  signal: AbortSignal;
  events: PageEvents;
  channel: MainWorldChannel;
  send: PageSend;
}

/** Progress shows on the badge only for files that take longer than this, and at most twice a second. */
const PROGRESS_AFTER_MS = 1000;
const PROGRESS_EVERY_MS = 500;

/** Runs after the current event's dispatch is over (a task, not a microtask: those run between listeners). */
const afterDispatch = (fn: () => void) => {
  const channel = new MessageChannel();
  channel.port1.onmessage = fn;
  channel.port2.postMessage(null);
};

const isEditable = (target: EventTarget | null) =>
  target instanceof HTMLElement && (target.isContentEditable || target instanceof HTMLTextAreaElement || target instanceof HTMLInputElement);

const isFileInput = (target: EventTarget | null): target is HTMLInputElement => target instanceof HTMLInputElement && target.type === 'file';

function newToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_');
}

/**
 * Files the user gives the page (DESIGN.md §3 "Upload"): chosen in a file input (attached, hidden, or — through
 * the main-world channel — never attached), dropped, or pasted as images. Each is fingerprinted one at a time
 * (in the extension's hasher frame when it answers, else in the page) and only the digest, kind, size bucket and
 * perceptual hash go to the worker. Only trusted events count.
 */
export function startUploadObserver({ signal, events, channel, send }: UploadObserverDeps) {
  let queue: Promise<void> = Promise.resolve();
  let queued = 0;
  const digester = createFileDigester(signal);
  // The worker's bound on files per minute, kept here too so that a page cannot make us hash beyond it; the file
  // over it is still announced, and the worker drops the announcement and logs the drop (core/page-limits).
  const budget = createPageRateLimit(Date.now);

  const process = async (file: File, source: Source) => {
    const token = newToken();
    // Hashing (in the extension's frame, another process) starts at once and runs alongside the worker writing
    // the gap ahead and the page working out the file's kind; the result is sent only after both.
    const begun = send({ type: 'page.uploadBegin', payload: { token } });
    const started = performance.now();
    let shown = 0;
    const digesting = digester.digest(file, {
      onProgress: (done, total) => {
        const now = performance.now();
        if (now - started < PROGRESS_AFTER_MS || now - shown < PROGRESS_EVERY_MS) return;
        shown = now;
        void send({ type: 'page.uploadProgress', payload: { token, percent: Math.floor((done / Math.max(total, 1)) * 100) } });
      },
    });
    digesting.catch(() => undefined); // awaited below; a failure meanwhile is not an unhandled rejection
    const facts = await fileFacts(file);
    const { digest, sampled, hashedBy } = await digesting;
    await begun;
    await send({ type: 'page.upload', payload: { token, digest, sampled, hashedBy, source, ...facts } });
  };

  const take = (files: File[], source: Source) => {
    digester.prepare();
    for (const file of files) {
      if (!budget.take(0, 'page.uploadBegin').allowed) {
        void send({ type: 'page.uploadBegin', payload: { token: newToken() } });
        continue;
      }
      // A file that cannot be read (gone from disk, page closed) keeps its upload-unfinished gap in the log.
      queued++;
      queue = queue
        .then(() => (signal.aborted ? undefined : process(file, source).catch(() => undefined)))
        // The hasher frame stays in the page only while files are waiting.
        .then(() => {
          if (--queued === 0) digester.release();
        });
    }
  };

  // Only trusted events: files a page puts into an input itself (DataTransfer) and announces with a synthetic
  // change, drop or paste are not the cadre's (issue 15).
  events.on('change', (event) => {
    if (!event.isTrusted || !isFileInput(event.target) || !event.target.files?.length) return;
    take(Array.from(event.target.files), 'input');
  });
  channel.onFiles((files) => take(files, 'input'));

  events.on('drop', (event) => {
    const drop = event as DragEvent;
    // A drop onto a file input reaches us again as that input's change.
    if (!drop.isTrusted || isFileInput(drop.target)) return;
    const files = Array.from(drop.dataTransfer?.files ?? []); // readable only during the dispatch
    if (!files.length) return;
    // A page that does not take the drop lets the browser open the file instead: nothing was uploaded.
    afterDispatch(() => {
      if (drop.defaultPrevented) take(files, 'drop');
    });
  });

  events.on('paste', (event) => {
    const paste = event as ClipboardEvent;
    if (!paste.isTrusted) return;
    const files = Array.from(paste.clipboardData?.files ?? []).filter((f) => f.type.startsWith('image/'));
    if (!files.length) return;
    const target = paste.target;
    afterDispatch(() => {
      if (paste.defaultPrevented || isEditable(target)) take(files, 'paste');
    });
  });
}
