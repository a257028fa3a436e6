/**
 * The page's side of the aggregation worker: one worker per page, requests answered in order as promises.
 * Vite bundles the worker from the `new URL(…, import.meta.url)` form; it is an extension script like the page,
 * so the page's CSP (script-src 'self') allows it.
 */
import type { OfficeTables } from '../../core/office/suppression';
import type { ViewOptions } from '../../core/office/view-tables';
import type { WorkerReply, WorkerRequest } from './aggregation-protocol';
import type { PickedFile } from './drop';
import type { ImportOutcome, ImportProgress } from './import-run';

/** Picked files per message to the worker: cloning one File handle costs about 0.2 ms of the page's thread. */
const FILES_PER_MESSAGE = 200;
const macrotask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

type Pending = { resolve(reply: WorkerReply): void; reject(error: Error): void; progress?(progress: ImportProgress): void };
type Request = WorkerRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

export function createAggregationClient(worker: Worker = new Worker(new URL('./aggregation-worker.ts', import.meta.url), { type: 'module' })) {
  let nextId = 1;
  const pending = new Map<number, Pending>();
  worker.addEventListener('message', (event: MessageEvent<WorkerReply>) => {
    const p = pending.get(event.data.id);
    if (!p) return;
    if (event.data.type === 'progress') {
      p.progress?.(event.data.progress);
      return;
    }
    pending.delete(event.data.id);
    if (event.data.type === 'failed') p.reject(new Error('aggregation failed'));
    else p.resolve(event.data);
  });
  worker.addEventListener('error', () => {
    for (const p of pending.values()) p.reject(new Error('aggregation worker failed'));
    pending.clear();
  });
  const send = (request: Request, progress?: (progress: ImportProgress) => void, id = nextId++) =>
    new Promise<WorkerReply>((resolve, reject) => {
      pending.set(id, { resolve, reject, progress });
      worker.postMessage({ ...request, id } as WorkerRequest);
    });

  return {
    /** (Re)reads the stored reports in the worker; resolves with their number. */
    load: async () => ((await send({ type: 'load' })) as Extract<WorkerReply, { type: 'loaded' }>).count,
    /** Forgets the reports (the database was cleared). */
    drop: async () => void (await send({ type: 'drop' })),
    /** The suppressed tables of one view (null without reports) and every stored week. */
    tables: async (options: ViewOptions): Promise<{ tables: OfficeTables | null; weeks: string[] }> => {
      const r = (await send({ type: 'tables', options })) as Extract<WorkerReply, { type: 'tables' }>;
      return { tables: r.tables, weeks: r.weeks };
    },
    /**
     * Imports picked files in the worker, which reads, judges and stores them and keeps the accepted reports;
     * resolves with the outcome and the number of reports now held.
     */
    importFiles: async (files: readonly PickedFile[], onProgress: (progress: ImportProgress) => void): Promise<{ outcome: ImportOutcome; count: number }> => {
      // The id is taken now: other requests may be sent while the files go across.
      const id = nextId++;
      for (let i = 0; i < files.length; i += FILES_PER_MESSAGE) {
        worker.postMessage({ type: 'files', id, files: files.slice(i, i + FILES_PER_MESSAGE) } satisfies WorkerRequest);
        await macrotask();
      }
      const r = (await send({ type: 'import' }, onProgress, id)) as Extract<WorkerReply, { type: 'imported' }>;
      return { outcome: r.outcome, count: r.count };
    },
    close: () => worker.terminate(),
  };
}

export type AggregationClient = ReturnType<typeof createAggregationClient>;
