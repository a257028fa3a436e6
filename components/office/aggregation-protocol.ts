/** Messages between the office page and its aggregation worker (aggregation-worker.ts). */
import type { OfficeTables } from '../../core/office/suppression';
import type { ViewOptions } from '../../core/office/view-tables';

export type WorkerRequest =
  | { type: 'load'; id: number }
  | { type: 'drop'; id: number }
  | { type: 'tables'; id: number; options: ViewOptions };

export type WorkerReply =
  | { type: 'loaded'; id: number; count: number }
  | { type: 'tables'; id: number; tables: OfficeTables | null; weeks: string[] }
  | { type: 'failed'; id: number };
