import type Dexie from 'dexie';

/** One released schema: never edited once shipped; a change is a new entry with a pure row transform. */
export interface SchemaVersion {
  version: number;
  stores: Record<string, string | null>;
  upgrade?: Record<string, (row: Record<string, unknown>) => Record<string, unknown>>;
}

/** Declares every version up to `upTo` on `db`, each with its upgrade, so Dexie migrates any older database. */
export function declareVersions(db: Dexie, versions: readonly SchemaVersion[], upTo = Infinity) {
  for (const v of versions.filter((s) => s.version <= upTo)) {
    const declared = db.version(v.version).stores(v.stores);
    const upgrade = v.upgrade;
    if (!upgrade) continue;
    declared.upgrade(async (tx) => {
      for (const [table, transform] of Object.entries(upgrade)) {
        await tx.table(table).toCollection().modify((row: Record<string, unknown>) => {
          Object.assign(row, transform(row));
        });
      }
    });
  }
}
