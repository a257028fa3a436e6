/** The collector as its own process (`node --import tsx collector/main.ts`), for tests that kill it. */
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { OFFICE_TOKEN } from './test-collector';

const ROOT = path.resolve(import.meta.dirname, '../..');

export interface CollectorProcess {
  url: string;
  child: ChildProcess;
  output(): string;
  /** Resolves when the process has exited. */
  exited: Promise<void>;
}

export async function spawnCollector(options: { port: number; dataDir: string; env?: Record<string, string> }): Promise<CollectorProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'collector/main.ts', '--port', String(options.port), '--data', options.dataDir], {
    cwd: ROOT,
    env: { ...process.env, COLLECTOR_OFFICE_TOKEN: OFFICE_TOKEN, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${options.port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`collector exited: ${out}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`collector did not start: ${out}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url, child, output: () => out, exited };
}
