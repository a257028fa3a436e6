/** Messages between the office page and its aggregation worker (aggregation-worker.ts). */
import type { OfficeTables } from '../../core/office/suppression';
import type { ViewOptions } from '../../core/office/view-tables';
import type { PickedFile } from './drop';
import type { ImportOutcome, ImportProgress } from './import-run';

export type WorkerRequest =
  | { type: 'load'; id: number }
  | { type: 'drop'; id: number }
  | { type: 'tables'; id: number; options: ViewOptions }
  /**
   * Picked files travel as File objects (a handle, not the bytes; the worker reads them), a few hundred per
   * message, since cloning 1,500 of them at once held the page's thread for 340 ms. `import` starts on the files
   * sent before it under the same id.
   */
  | { type: 'files'; id: number; files: PickedFile[] }
  | { type: 'import'; id: number };

export type WorkerReply =
  | { type: 'loaded'; id: number; count: number }
  | { type: 'tables'; id: number; tables: OfficeTables | null; weeks: string[] }
  /** Not an answer: the import of request `id` moved on; its answer (`imported`) follows. */
  | { type: 'progress'; id: number; progress: ImportProgress }
  | { type: 'imported'; id: number; outcome: ImportOutcome; count: number }
  | { type: 'failed'; id: number };
