import type { WeeklyReport } from '../../core/contracts/report-schema';
import type { OfficeDb } from './office-db';

/** Rows per bulkPut: large enough to be fast, small enough that the page can show progress between chunks. */
export const STORE_CHUNK = 2000;

const SETTINGS_KEY = 'settings';
/** Reports per read transaction when the stored reports are read back. */
export const READ_CHUNK = 2000;

export function createOfficeReportsRepo(db: OfficeDb) {
  return {
    all: (): Promise<WeeklyReport[]> => db.reports.toArray(),
    count: () => db.reports.count(),
    ids: async (): Promise<Set<string>> => new Set(await db.reports.toCollection().primaryKeys()),
    /** reportId → week of every stored report, from the week index alone (the rows are not read). */
    async weeksById(): Promise<Map<string, string>> {
      const out = new Map<string, string>();
      await db.reports.orderBy('week').eachKey((week, cursor) => {
        out.set(cursor.primaryKey as string, week as string);
      });
      return out;
    },
    /**
     * Stores reports (already validated, ids already deduplicated) in chunks; `onChunk` gets the number stored so
     * far after each chunk, so the page can update its progress bar.
     */
    async putAll(reports: readonly WeeklyReport[], onChunk?: (stored: number) => void | Promise<void>): Promise<void> {
      for (let i = 0; i < reports.length; i += STORE_CHUNK) {
        const chunk = reports.slice(i, i + STORE_CHUNK);
        await db.reports.bulkPut(chunk);
        await onChunk?.(i + chunk.length);
      }
    },
    /**
     * Every stored report, `READ_CHUNK` at a time in key order, each chunk in its own transaction so a clear is
     * never held up behind a long read. `onChunk` returns false to stop.
     */
    async eachChunk(onChunk: (reports: WeeklyReport[]) => boolean | void): Promise<void> {
      let after: string | null = null;
      for (;;) {
        const chunk: WeeklyReport[] = await (after === null ? db.reports.orderBy(':id') : db.reports.where(':id').above(after)).limit(READ_CHUNK).toArray();
        if (chunk.length === 0 || onChunk(chunk) === false || chunk.length < READ_CHUNK) return;
        after = chunk[chunk.length - 1]!.reportId;
      }
    },
    /** Removes every imported report; the workspace settings stay. */
    clear: () => db.reports.clear(),
    async loadSettings<T>(): Promise<T | undefined> {
      return (await db.meta.get(SETTINGS_KEY))?.value as T | undefined;
    },
    saveSettings: (value: unknown) => db.meta.put({ key: SETTINGS_KEY, value }),
  };
}

export type OfficeReportsRepo = ReturnType<typeof createOfficeReportsRepo>;
