/**
 * A throw-away PostgreSQL 15 cluster on loopback for the collector tests: initdb into a temporary folder, a random
 * port, a private socket folder; stopped and deleted after. As root it runs as the `postgres` user (initdb refuses
 * root). Needs Debian's `postgresql` package (server binaries in /usr/lib/postgresql/15/bin).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

export const PG_BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';

export interface PgCluster {
  /** Superuser URL of the `postgres` database. */
  url: string;
  port: number;
  dir: string;
  dataDir: string;
  urlFor(database: string): string;
  /** Fast shutdown (clients disconnected, checkpoint). */
  stop(): void;
  /** As if the server crashed: no checkpoint, recovery from WAL on the next start. */
  crash(): void;
  start(): void;
  /** Stops and deletes everything. */
  destroy(): void;
}

const asPostgres = (cmd: string, args: string[]) =>
  process.getuid?.() === 0 ? { cmd: 'runuser', args: ['-u', 'postgres', '--', cmd, ...args] } : { cmd, args };

function run(cmd: string, args: string[]) {
  const c = asPostgres(cmd, args);
  const r = spawnSync(c.cmd, c.args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${path.basename(cmd)} failed: ${r.stderr || r.stdout}`);
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

export async function startPgCluster(options: { settings?: Record<string, string> } = {}): Promise<PgCluster> {
  if (!fs.existsSync(path.join(PG_BIN, 'initdb'))) {
    throw new Error(`PostgreSQL server binaries not found in ${PG_BIN}: apt-get install -y postgresql`);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bb-pg-'));
  fs.chmodSync(dir, 0o755);
  if (process.getuid?.() === 0) execFileSync('chown', ['postgres:postgres', dir]);
  const data = path.join(dir, 'data');
  run(path.join(PG_BIN, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8', '--locale', 'C']);
  const port = await freePort();
  // Tests need durability against a crash of the server process, not of the machine: fsync off keeps them quick.
  const settings = { listen_addresses: '127.0.0.1', unix_socket_directories: dir, fsync: 'off', max_connections: '200', ...options.settings };
  fs.appendFileSync(path.join(data, 'postgresql.conf'), Object.entries(settings).map(([k, v]) => `${k} = '${v}'\n`).join(''));
  const ctl = path.join(PG_BIN, 'pg_ctl');
  const log = path.join(dir, 'server.log');
  const cluster: PgCluster = {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    dir,
    dataDir: data,
    urlFor: (database) => `postgres://postgres@127.0.0.1:${port}/${database}`,
    start: () => run(ctl, ['-D', data, '-o', `-p ${port}`, '-l', log, '-w', '-t', '60', 'start']),
    stop: () => run(ctl, ['-D', data, '-m', 'fast', '-w', 'stop']),
    crash: () => run(ctl, ['-D', data, '-m', 'immediate', '-w', 'stop']),
    destroy() {
      spawnSync(...(Object.values(asPostgres(ctl, ['-D', data, '-m', 'immediate', '-w', 'stop'])) as [string, string[]]));
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  cluster.start();
  return cluster;
}
