/**
 * One import of many files (issue #8): each file is checked for size before it is read (a file above
 * MAX_IMPORT_FILE_BYTES is refused unread), read, and judged by the shared importer one at a time, handing the
 * thread back to the page between files so the progress bar moves; then the accepted reports are stored in
 * chunks. Rejected files are all listed, valid ones all kept, duplicate reportIds dropped and counted.
 */
import { MAX_IMPORT_FILE_BYTES, createReportImporter, type RejectDetail, type RejectReason } from '../../core/office/import';
import type { WeeklyReport } from '../../core/contracts/report-schema';
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
  accepted: WeeklyReport[];
  duplicates: number;
  rejected: PageRejection[];
}

export interface ImportDeps {
  existingIds: ReadonlySet<string>;
  store(reports: readonly WeeklyReport[], onStored: (stored: number) => Promise<void>): Promise<void>;
  onProgress(progress: ImportProgress): void;
  /** Hands the thread back to the page; a macrotask by default so the browser can paint. */
  yieldToUi?: () => Promise<void>;
  /** Work at most this long between two yields. */
  sliceMs?: number;
  now?: () => number;
}

const macrotask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export async function runImport(files: readonly PickedFile[], deps: ImportDeps): Promise<ImportOutcome> {
  const yieldToUi = deps.yieldToUi ?? macrotask;
  const sliceMs = deps.sliceMs ?? 25;
  const now = deps.now ?? (() => performance.now());
  const importer = createReportImporter(deps.existingIds);
  const unreadable: PageRejection[] = [];
  let acceptedFiles = 0;
  let lastYield = now();
  const maybeYield = async (progress: ImportProgress) => {
    if (now() - lastYield < sliceMs) return;
    deps.onProgress(progress);
    await yieldToUi();
    lastYield = now();
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
    if (outcome.status === 'accepted') acceptedFiles++;
    await maybeYield({ phase: 'reading', done: i + 1, total: files.length });
  }
  deps.onProgress({ phase: 'reading', done: files.length, total: files.length });

  const result = importer.result();
  if (result.accepted.length > 0) {
    const total = result.accepted.length;
    deps.onProgress({ phase: 'storing', done: 0, total });
    await deps.store(result.accepted, async (stored) => {
      deps.onProgress({ phase: 'storing', done: stored, total });
      await yieldToUi();
    });
  }
  return {
    files: files.length,
    acceptedFiles,
    accepted: result.accepted,
    duplicates: result.duplicates,
    rejected: [...result.rejected, ...unreadable],
  };
}
