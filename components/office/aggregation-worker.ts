/**
 * The office page's aggregation, off the page's main thread (issue 15): a module worker that reads the stored
 * reports from the office database itself (so 100k reports are never cloned across from the page) and answers
 * each view of the page with its suppressed tables, built by core/office/view-tables.ts. Only those tables come
 * back; the reports stay here.
 *
 * Protocol (aggregation-protocol.ts): `load` (re)reads the database in chunks of separate transactions, so a
 * "Clear" on the page is never held up behind a long read; `tables` answers with the tables of one view once the
 * latest load is done; `drop` forgets the reports (after a clear).
 */
import type { OfficeTables } from '../../core/office/suppression';
import { buildOfficeTables } from '../../core/office/view-tables';
import type { WeeklyReport } from '../../core/contracts/report-schema';
import { openOfficeDb } from '../../storage/office/office-db';
import { createOfficeReportsRepo } from '../../storage/office/office-reports-repo';
import type { WorkerReply, WorkerRequest } from './aggregation-protocol';

const repo = createOfficeReportsRepo(openOfficeDb());
let reports: WeeklyReport[] = [];
let generation = 0;
let loading: Promise<void> = Promise.resolve();
/** Week views of the current reports, catalog and headcount (view-tables.ts), so a new range or k reuses them. */
let weekCache = new Map<string, OfficeTables>();
let cacheFor = '';

const reply = (message: WorkerReply) => postMessage(message);

async function load(): Promise<void> {
  const mine = ++generation;
  const next: WeeklyReport[] = [];
  await repo.eachChunk((chunk) => {
    if (mine !== generation) return false;
    next.push(...chunk);
    return true;
  });
  if (mine === generation) {
    reports = next;
    weekCache = new Map();
  }
}

addEventListener('message', (event: MessageEvent<WorkerRequest>) => {
  const request = event.data;
  if (request.type === 'load') {
    loading = load();
    loading.then(
      () => reply({ type: 'loaded', id: request.id, count: reports.length }),
      () => reply({ type: 'failed', id: request.id }),
    );
  } else if (request.type === 'drop') {
    generation++;
    reports = [];
    weekCache = new Map();
    loading = Promise.resolve();
    reply({ type: 'loaded', id: request.id, count: 0 });
  } else if (request.type === 'tables') {
    void loading.then(() => {
      try {
        const key = JSON.stringify([request.options.catalog ?? [], request.options.headcount ?? null]);
        if (key !== cacheFor) {
          weekCache = new Map();
          cacheFor = key;
        }
        request.options.weekCache = weekCache;
        reply({ type: 'tables', id: request.id, tables: reports.length === 0 ? null : buildOfficeTables(reports, request.options), weeks: [...new Set(reports.map((r) => r.week))].sort() });
      } catch {
        reply({ type: 'failed', id: request.id });
      }
    }, () => reply({ type: 'failed', id: request.id }));
  }
});
