import type { WeeklyReport } from '../../core/contracts/report-schema';
import type { OfficeDb } from './office-db';

/** Rows per bulkPut: large enough to be fast, small enough that the page can show progress between chunks. */
export const STORE_CHUNK = 2000;

const SETTINGS_KEY = 'settings';

export function createOfficeReportsRepo(db: OfficeDb) {
  return {
    all: (): Promise<WeeklyReport[]> => db.reports.toArray(),
    count: () => db.reports.count(),
    ids: async (): Promise<Set<string>> => new Set(await db.reports.toCollection().primaryKeys()),
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
    /** Removes every imported report; the workspace settings stay. */
    clear: () => db.reports.clear(),
    async loadSettings<T>(): Promise<T | undefined> {
      return (await db.meta.get(SETTINGS_KEY))?.value as T | undefined;
    },
    saveSettings: (value: unknown) => db.meta.put({ key: SETTINGS_KEY, value }),
  };
}

export type OfficeReportsRepo = ReturnType<typeof createOfficeReportsRepo>;
