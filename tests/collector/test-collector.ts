/** Starts a collector in this process on a fresh database of either backend, for one test file. */
import * as fs from 'node:fs';
import pg from 'pg';
import { inject } from 'vitest';
import { startCollector, type CollectorOptions, type RunningCollector } from '../../collector/start-collector';
import { scratchDir } from './scratch-dir';

export const BACKENDS = ['pglite', 'pg'] as const;
export type Backend = (typeof BACKENDS)[number];
export const OFFICE_TOKEN = 'test-office-token-0123456789';
export const EXTENSION_ORIGIN = 'chrome-extension://acemmocmmejcchndbjkabafmkbiajlgj';

let counter = 0;

/** A fresh PGlite folder (a copy of the migrated template) or a fresh database on the shared server. */
export async function freshDatabase(backend: Backend): Promise<{ dataDir: string; databaseUrl?: string; drop(): Promise<void> }> {
  const dataDir = scratchDir('bb-col-data-');
  if (backend === 'pglite') {
    fs.cpSync(inject('pgliteTemplate'), dataDir, { recursive: true });
    return { dataDir, drop: async () => fs.rmSync(dataDir, { recursive: true, force: true }) };
  }
  const name = `collector_${process.pid}_${++counter}`;
  const admin = new pg.Client({ connectionString: inject('pgUrl') });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const databaseUrl = inject('pgUrl').replace(/\/postgres$/, `/${name}`);
  return {
    dataDir,
    databaseUrl,
    async drop() {
      fs.rmSync(dataDir, { recursive: true, force: true });
      const c = new pg.Client({ connectionString: inject('pgUrl') });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export async function startTestCollector(
  backend: Backend,
  options: Partial<CollectorOptions> = {},
): Promise<RunningCollector & { dataDir: string; drop(): Promise<void> }> {
  const fresh = await freshDatabase(backend);
  const collector = await startCollector({
    port: 0,
    host: '127.0.0.1',
    dataDir: fresh.dataDir,
    databaseUrl: fresh.databaseUrl,
    officeToken: OFFICE_TOKEN,
    guessDelayMs: 50,
    ...options,
  });
  return {
    ...collector,
    // PGlite's folder, or the PostgreSQL server's data folder.
    dataDir: backend === 'pglite' ? fresh.dataDir : inject('pgDir'),
    async drop() {
      await collector.close();
      await fresh.drop();
    },
  };
}

export function postReport(url: string, body: string, headers: Record<string, string> = {}) {
  return fetch(`${url}/v1/reports`, { method: 'POST', body, headers: { 'content-type': 'application/json', origin: EXTENSION_ORIGIN, ...headers } });
}

export function getAggregates(url: string, query: string, token: string | null = OFFICE_TOKEN) {
  return fetch(`${url}/v1/aggregates?${query}`, { headers: token === null ? {} : { authorization: `Bearer ${token}` } });
}
