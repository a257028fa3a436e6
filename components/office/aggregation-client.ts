/**
 * The page's side of the aggregation worker: one worker per page, requests answered in order as promises.
 * Vite bundles the worker from the `new URL(…, import.meta.url)` form; it is an extension script like the page,
 * so the page's CSP (script-src 'self') allows it.
 */
import type { OfficeTables } from '../../core/office/suppression';
import type { ViewOptions } from '../../core/office/view-tables';
import type { WorkerReply, WorkerRequest } from './aggregation-protocol';

type Pending = { resolve(reply: WorkerReply): void; reject(error: Error): void };
type Request = WorkerRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

export function createAggregationClient(worker: Worker = new Worker(new URL('./aggregation-worker.ts', import.meta.url), { type: 'module' })) {
  let nextId = 1;
  const pending = new Map<number, Pending>();
  worker.addEventListener('message', (event: MessageEvent<WorkerReply>) => {
    const p = pending.get(event.data.id);
    if (!p) return;
    pending.delete(event.data.id);
    if (event.data.type === 'failed') p.reject(new Error('aggregation failed'));
    else p.resolve(event.data);
  });
  worker.addEventListener('error', () => {
    for (const p of pending.values()) p.reject(new Error('aggregation worker failed'));
    pending.clear();
  });
  const send = (request: Request) =>
    new Promise<WorkerReply>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
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
    close: () => worker.terminate(),
  };
}

export type AggregationClient = ReturnType<typeof createAggregationClient>;
