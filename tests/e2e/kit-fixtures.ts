/**
 * The deployment kit as an office builds it (#18): `npm run kit`'s own entry run as a child process against the
 * built extension, with a throw-away office key, and a tiny intranet server for updates.xml and the CRX.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { EXT_DIR } from './harness';

export const KIT_CATALOG = [
  {
    id: 'zwfw',
    name: '一体化政务服务平台',
    department: '县政务服务数据管理局',
    patterns: ['http://zwfw.sim.gov.cn'],
    tags: [{ pathPrefix: '/checkin', tag: 'check-in' }],
  },
  { id: 'oa', name: '内网办公系统', patterns: ['http://10.1.2.3:8080/app/'] },
];
export const KIT_CAMPAIGN = '2026-q4-kit';
export const KIT_ENDPOINT = 'https://collector.sim.gov.cn/receiver';
// Store ids are assigned by the stores; any well-formed id shows the store route's files name it.
export const KIT_STORE_IDS = { chrome: 'acemmocmmejcchndbjkabafmkbiajlgj', edge: 'bcdefghijklmnopabcdefghijklmnopa' };

export interface BuiltKit {
  dir: string;
  keyFile: string;
  stdout: string;
  manifest: { extensionIds: { selfHosted: string } };
}

export function buildKit(opts: { updateUrl: string; work?: string }): BuiltKit {
  const work = opts.work ?? fs.mkdtempSync(path.join(os.tmpdir(), 'bb-kit-'));
  const catalogFile = path.join(work, 'catalog.json');
  fs.writeFileSync(catalogFile, JSON.stringify(KIT_CATALOG));
  const keyFile = path.join(work, 'keys', 'office.pem');
  const dir = path.join(work, 'kit');
  const r = spawnSync(
    path.resolve('node_modules/.bin/jiti'),
    [
      'scripts/kit/main.ts',
      '--catalog', catalogFile,
      '--campaign', KIT_CAMPAIGN,
      '--endpoint', KIT_ENDPOINT,
      '--key', keyFile,
      '--update-url', opts.updateUrl,
      '--chrome-store-id', KIT_STORE_IDS.chrome,
      '--edge-store-id', KIT_STORE_IDS.edge,
      '--extension-dir', EXT_DIR,
      '--out', dir,
    ],
    { encoding: 'utf8', env: { ...process.env, BB_LANG: 'zh-CN' } },
  );
  if (r.status !== 0) throw new Error(`npm run kit failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  return { dir, keyFile, stdout: r.stdout, manifest: JSON.parse(fs.readFileSync(path.join(dir, 'kit.json'), 'utf8')) };
}

export interface IntranetServer {
  /** Base URL ending in `/`; the kit's files are served under it. */
  base: string;
  served: { path: string; status: number }[];
  serve(dir: string): void;
  close(): Promise<void>;
}

/** The office's intranet web server: serves one kit folder, with the CRX type Chromium expects. */
export async function startIntranetServer(): Promise<IntranetServer> {
  let root = '';
  const served: IntranetServer['served'] = [];
  const server = http.createServer((req, res) => {
    const name = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname).replace(/^\/bb\//, '');
    const file = path.join(root, name);
    const inside = root && !path.relative(root, file).startsWith('..') && fs.existsSync(file) && fs.statSync(file).isFile();
    const status = inside ? 200 : 404;
    served.push({ path: `/bb/${name}`, status });
    if (!inside) return void res.writeHead(404).end();
    const type = file.endsWith('.crx') ? 'application/x-chrome-extension' : file.endsWith('.xml') ? 'text/xml' : 'application/octet-stream';
    res.writeHead(200, { 'content-type': type });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}/bb/`,
    served,
    serve: (dir) => void (root = dir),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
