import * as fs from 'node:fs';
import type { Database } from './database';
import { migrate } from './migrate';
import { openPg } from './open-pg';
import { openPglite } from './open-pglite';

/** DATABASE_URL selects a PostgreSQL server; otherwise PGlite in `dataDir`. Migrations run before anything else. */
export async function openDatabase(options: { databaseUrl?: string; dataDir: string }): Promise<Database> {
  let db: Database;
  if (options.databaseUrl) db = await openPg(options.databaseUrl);
  else {
    fs.mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
    db = await openPglite(options.dataDir);
  }
  await migrate(db);
  return db;
}
