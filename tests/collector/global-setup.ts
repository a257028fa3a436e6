/**
 * Once per run of the collector tests: a PGlite data folder created and migrated once (creating one costs PGlite
 * over ten seconds of initdb; each test copies it), and a throw-away PostgreSQL cluster.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../collector/db/open-database';
import { startPgCluster } from './pg-cluster';
import { scratchDir } from './scratch-dir';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
    pgUrl: string;
    pgPort: number;
    pgDir: string;
  }
}

export default async function setup(project: TestProject) {
  const root = scratchDir('bb-collector-');
  const template = path.join(root, 'pglite-template');
  const [cluster] = await Promise.all([
    startPgCluster(),
    openDatabase({ dataDir: template }).then((db) => db.close()),
  ]);
  project.provide('pgliteTemplate', template);
  project.provide('pgUrl', cluster.url);
  project.provide('pgPort', cluster.port);
  project.provide('pgDir', cluster.dataDir);
  return () => {
    cluster.destroy();
    fs.rmSync(root, { recursive: true, force: true });
  };
}
