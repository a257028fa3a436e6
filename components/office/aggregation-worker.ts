/**
 * The office page's import and aggregation, off the page's main thread (issue 15): a module worker that reads the
 * picked files and the stored reports from the office database itself (so 100k reports are never cloned across
 * from the page) and answers each view of the page with its suppressed tables, built by
 * core/office/view-tables.ts. Only those tables, counts and the list of rejected files come back; the reports stay
 * here, in the compact store (core/office/compact-reports.ts), not as 100k parsed objects.
 *
 * Protocol (aggregation-protocol.ts): `load` (re)reads the database in chunks of separate transactions, so a
 * "Clear" on the page is never held up behind a long read, each chunk folded into a new compact store and let go;
 * `import` judges the picked files one at a time (components/office/import-run.ts), stores the accepted reports in
 * batches and adds each stored batch to the reports held here, so no reload follows an import; `tables` answers
 * with the tables of one view once the load or import before it is done; `drop` forgets the reports (after a clear).
 */
import { createCompactReports, type CompactReports } from '../../core/office/compact-reports';
import type { OfficeTables } from '../../core/office/suppression';
import { buildOfficeTables } from '../../core/office/view-tables';
import { openOfficeDb } from '../../storage/office/office-db';
import { createOfficeReportsRepo } from '../../storage/office/office-reports-repo';
import type { WorkerReply, WorkerRequest } from './aggregation-protocol';
import type { PickedFile } from './drop';
import { runImport } from './import-run';

const repo = createOfficeReportsRepo(openOfficeDb());
let reports: CompactReports = createCompactReports();
let generation = 0;
/** The load or import in progress (or the last one); views and imports wait for it. */
let busy: Promise<void> = Promise.resolve();
/** Week views of the current reports, catalog and headcount (view-tables.ts), so a new range or k reuses them. */
let weekCache = new Map<string, OfficeTables>();
let cacheFor = '';

const reply = (message: WorkerReply) => postMessage(message);
/** Files sent for an import that has not started yet, by request id. */
const incoming = new Map<number, PickedFile[]>();

async function load(): Promise<void> {
  const mine = ++generation;
  const next = createCompactReports();
  await repo.eachChunk((chunk) => {
    if (mine !== generation) return false;
    for (const report of chunk) next.add(report);
    return true;
  });
  if (mine === generation) {
    reports = next;
    weekCache = new Map();
  }
}

async function importFiles(id: number, files: PickedFile[]): Promise<void> {
  const mine = generation;
  const into = reports;
  const outcome = await runImport(files, {
    existingIds: await repo.weeksById(),
    store: async (batch) => {
      await repo.putAll(batch);
      // Dropped (cleared) meanwhile: what was stored is the database's, not these reports'.
      if (mine !== generation) return;
      for (const report of batch) into.add(report);
      weekCache = new Map();
    },
    onProgress: (progress) => reply({ type: 'progress', id, progress }),
  });
  reply({ type: 'imported', id, outcome, count: reports.length });
}

addEventListener('message', (event: MessageEvent<WorkerRequest>) => {
  const request = event.data;
  const failed = () => reply({ type: 'failed', id: request.id });
  if (request.type === 'load') {
    busy = load();
    busy.then(() => reply({ type: 'loaded', id: request.id, count: reports.length }), failed);
  } else if (request.type === 'files') {
    const files = incoming.get(request.id) ?? incoming.set(request.id, []).get(request.id)!;
    for (const file of request.files) files.push(file);
  } else if (request.type === 'import') {
    const files = incoming.get(request.id) ?? [];
    incoming.delete(request.id);
    busy = busy.catch(() => undefined).then(() => importFiles(request.id, files));
    busy.catch(failed);
  } else if (request.type === 'drop') {
    generation++;
    reports = createCompactReports();
    weekCache = new Map();
    busy = Promise.resolve();
    reply({ type: 'loaded', id: request.id, count: 0 });
  } else if (request.type === 'tables') {
    void busy.then(() => {
      try {
        const key = JSON.stringify([request.options.catalog ?? [], request.options.headcount ?? null]);
        if (key !== cacheFor) {
          weekCache = new Map();
          cacheFor = key;
        }
        request.options.weekCache = weekCache;
        reply({ type: 'tables', id: request.id, tables: reports.length === 0 ? null : buildOfficeTables(reports.views(), request.options), weeks: reports.weeks() });
      } catch {
        failed();
      }
    }, failed);
  }
});
