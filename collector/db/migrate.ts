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

/**
 * A semicolon at a line end ends a statement, except inside a dollar-quoted function body (kept whole, comments
 * and all); migrations hold no other quoted semicolons.
 */
export function splitStatements(sql: string): string[] {
  const statements: string[] = [''];
  sql.split('$$').forEach((part, i) => {
    if (i % 2 === 1) {
      statements[statements.length - 1] += `$$${part}$$`;
      return;
    }
    const pieces = part.replace(/--[^\n]*/g, '').split(/;\s*\n/);
    statements[statements.length - 1] += pieces[0]!;
    statements.push(...pieces.slice(1));
  });
  return statements.map((s) => s.trim().replace(/;$/, '')).filter((s) => s.length > 0);
}
