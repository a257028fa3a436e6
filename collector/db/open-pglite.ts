import { PGlite } from '@electric-sql/pglite';
import type { Database, Queryable } from './database';

/**
 * PGlite keeps one data folder and runs in this process; it serialises queries and transactions itself.
 * `relaxedDurability` stays off: a report is acknowledged only once its commit has reached the file system.
 */
export async function openPglite(dataDir: string): Promise<Database> {
  const db = await PGlite.create({ dataDir });
  const wrap = (q: Pick<PGlite, 'query'>): Queryable => ({
    query: async <T>(sql: string, params?: readonly unknown[]) => ({ rows: (await q.query<T>(sql, params as unknown[])).rows }),
  });
  const top = wrap(db);
  return {
    kind: 'pglite',
    query: top.query,
    transaction: (fn) => db.transaction((tx) => fn(wrap(tx))),
    exec: async (sql) => {
      await db.exec(sql);
    },
    close: () => db.close(),
  };
}
