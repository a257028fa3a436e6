import pg from 'pg';
import type { Database } from './database';

/** A PostgreSQL server (the province scale path): a small pool; each transaction holds one client. */
export async function openPg(connectionString: string, poolSize = 16): Promise<Database> {
  const pool = new pg.Pool({ connectionString, max: poolSize, connectionTimeoutMillis: 5_000, application_name: 'burden-collector' });
  // An idle client whose server went away emits here; without a listener the process would die with it.
  pool.on('error', () => {});
  await pool.query('SELECT 1');
  return {
    kind: 'pg',
    query: async <T>(sql: string, params?: readonly unknown[]) => ({ rows: (await pool.query(sql, params as unknown[])).rows as T[] }),
    async transaction(fn) {
      const client = await pool.connect();
      let broken = false;
      // A server that goes away mid-transaction makes the checked-out client emit; the query's own error answers.
      const ignore = () => (broken = true);
      client.on('error', ignore);
      try {
        await client.query('BEGIN');
        const result = await fn({ query: async <T>(sql: string, params?: readonly unknown[]) => ({ rows: (await client.query(sql, params as unknown[])).rows as T[] }) });
        await client.query('COMMIT');
        return result;
      } catch (e) {
        await client.query('ROLLBACK').catch(() => (broken = true));
        throw e;
      } finally {
        // A client that could not even roll back has lost its server: do not hand it out again.
        client.off('error', ignore);
        client.release(broken ? true : undefined);
      }
    },
    exec: async (sql) => {
      await pool.query(sql);
    },
    close: () => pool.end(),
  };
}
