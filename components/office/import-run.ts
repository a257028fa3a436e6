/**
 * One import of many files (issue #8): each file is checked for size before it is read (a file above
 * MAX_IMPORT_FILE_BYTES is refused unread), read, and judged by the shared importer one at a time, handing the
 * thread back between files so the progress bar moves. Rejected files are all listed, valid ones all kept,
 * duplicate reportIds dropped and counted.
 *
 * It runs in the office page's worker (aggregation-worker.ts) and streams (issue 15): a file's text and parsed
 * JSON are let go once it is judged, and its accepted reports are stored in batches of STORE_CHUNK as they come,
 * so an import of 100k reports never holds them all as objects.
 */
import { MAX_IMPORT_FILE_BYTES, createReportImporter, type ExistingReports, type RejectDetail, type RejectReason } from '../../core/office/import';
import type { WeeklyReport } from '../../core/contracts/report-schema';
import { STORE_CHUNK } from '../../storage/office/office-reports-repo';
import type { PickedFile } from './drop';

export type PageRejectReason = RejectReason | 'unreadable';

export interface PageRejection {
  file: string;
  reason: PageRejectReason;
  detail?: RejectDetail[];
}

export interface ImportProgress {
  phase: 'reading' | 'storing';
  done: number;
  total: number;
}

export interface ImportOutcome {
  files: number;
  /** Files whose reports were kept (duplicates dropped). */
  acceptedFiles: number;
  /** Reports kept (and stored). */
  accepted: number;
  duplicates: number;
  rejected: PageRejection[];
}

export interface ImportDeps {
  /** The stored reports: reportId → week (a set of ids only drops duplicates). */
  existingIds: ExistingReports;
  /** Stores one batch of accepted reports (at most `batch`), in the order accepted. */
  store(reports: readonly WeeklyReport[]): Promise<void>;
  onProgress(progress: ImportProgress): void;
  /** Hands the thread back to the page; a macrotask by default so the browser can paint. */
  yieldToUi?: () => Promise<void>;
  /** Work at most this long between two yields. */
  sliceMs?: number;
  now?: () => number;
  /** Reports per store call; STORE_CHUNK by default. */
  batch?: number;
}

const macrotask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export async function runImport(files: readonly PickedFile[], deps: ImportDeps): Promise<ImportOutcome> {
  const yieldToUi = deps.yieldToUi ?? macrotask;
  const sliceMs = deps.sliceMs ?? 25;
  const now = deps.now ?? (() => performance.now());
  const batchSize = deps.batch ?? STORE_CHUNK;
  const importer = createReportImporter(deps.existingIds, { keep: false });
  const unreadable: PageRejection[] = [];
  let acceptedFiles = 0;
  let accepted = 0;
  let stored = 0;
  let batch: WeeklyReport[] = [];
  let lastYield = now();
  const maybeYield = async (progress: ImportProgress) => {
    if (now() - lastYield < sliceMs) return;
    deps.onProgress(progress);
    await yieldToUi();
    lastYield = now();
  };
  const flush = async () => {
    if (batch.length === 0) return;
    const chunk = batch;
    batch = [];
    await deps.store(chunk);
    stored += chunk.length;
  };

  deps.onProgress({ phase: 'reading', done: 0, total: files.length });
  await yieldToUi();
  for (let i = 0; i < files.length; i++) {
    const { path, file } = files[i]!;
    let text = '';
    // A file over the limit is never read: the importer refuses it from its size alone.
    if (file.size <= MAX_IMPORT_FILE_BYTES) {
      try {
        text = await file.text();
      } catch {
        unreadable.push({ file: path, reason: 'unreadable' });
        continue;
      }
    }
    const outcome = importer.add({ name: path, text, size: file.size });
    if (outcome.status === 'accepted') {
      acceptedFiles++;
      accepted += outcome.reports.length;
      for (const report of outcome.reports) batch.push(report);
      if (batch.length >= batchSize) await flush();
    }
    await maybeYield({ phase: 'reading', done: i + 1, total: files.length });
  }
  deps.onProgress({ phase: 'reading', done: files.length, total: files.length });

  if (accepted > 0) {
    deps.onProgress({ phase: 'storing', done: stored, total: accepted });
    await flush();
    deps.onProgress({ phase: 'storing', done: accepted, total: accepted });
  }
  const result = importer.result();
  return {
    files: files.length,
    acceptedFiles,
    accepted,
    duplicates: result.duplicates,
    rejected: [...result.rejected, ...unreadable],
  };
}
