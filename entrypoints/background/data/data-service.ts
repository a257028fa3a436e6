import type { ExportedData } from '../../../core/contracts/message-replies';
import type { KeyStore } from '../../../storage/config/key-store';
import { OUTBOX_KEYS } from '../../../storage/report/report-outbox';
import type { BurdenDb } from '../../../storage/db/schema';
import type { MessageRouter } from '../messaging/message-router';

/** storage.local entries that are not the cadre's data: the office's policy, and the count of requests sent. */
const KEPT_ON_DELETE = ['policyCache', OUTBOX_KEYS.requestsSent];
/** `meta` holds the fingerprint and report keys and internal state: never exported. */
const NOT_EXPORTED_TABLES = new Set(['meta']);

interface LocalArea {
  get(keys?: null): Promise<Record<string, unknown>>;
  remove(keys: string[]): Promise<void>;
}

/**
 * "Export my data" and "delete all my data" (settings). Both walk every table of the database, so a table
 * added later is exported and deleted without anyone remembering to list it here.
 */
export function registerDataService(router: MessageRouter, deps: { db: BurdenDb; local: LocalArea; keys: KeyStore; afterDelete: () => Promise<void> }) {
  router.on('data.export', async () => {
    const tables: ExportedData['tables'] = {};
    for (const table of deps.db.tables) {
      if (!NOT_EXPORTED_TABLES.has(table.name)) tables[table.name] = await table.toArray();
    }
    const settings = await deps.local.get(null);
    return { tables, settings };
  });

  router.on('data.deleteAll', async () => {
    await deps.db.transaction('rw', deps.db.tables, async () => {
      for (const table of deps.db.tables) await table.clear();
    });
    await deps.keys.destroy();
    const local = await deps.local.get(null);
    await deps.local.remove(Object.keys(local).filter((k) => !KEPT_ON_DELETE.includes(k)));
    await deps.afterDelete();
    return { deleted: true };
  });
}
