import type { Database } from './database';
import { MIGRATIONS } from './migrations';

/**
 * Brings the database to the last version, each migration in its own transaction with its version row, so a
 * crash leaves it at a whole version. A failing migration is named in the error.
 */
export async function migrate(db: Database): Promise<number> {
  await db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY)');
  const done = new Set((await db.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((r) => r.version));
  for (const m of MIGRATIONS) {
    if (done.has(m.version)) continue;
    try {
      await db.transaction(async (tx) => {
        for (const statement of splitStatements(m.sql)) await tx.query(statement);
        await tx.query('INSERT INTO schema_migrations (version) VALUES ($1)', [m.version]);
      });
    } catch (e) {
      throw new Error(`collector migration ${m.version} failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  return MIGRATIONS.at(-1)?.version ?? 0;
}

/** Migrations hold no functions or quoted semicolons, so a semicolon at a line end ends a statement. */
function splitStatements(sql: string): string[] {
  return sql
    .split(/;\s*\n/)
    .map((s) => s.replace(/--[^\n]*/g, '').trim())
    .filter((s) => s.length > 0);
}
