import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';

// `npm run kit` itself, as an office runs it: a refused catalog writes nothing — no kit, no key. The runs are
// started without blocking, side by side: each is mostly Node starting up.
function runKit(args: string[], lang = 'zh-CN'): Promise<{ status: number | null; stderr: string }> {
  const bin = path.resolve('node_modules/.bin/jiti');
  return new Promise((resolve) =>
    execFile(bin, ['scripts/kit/main.ts', ...args], { encoding: 'utf8', env: { ...process.env, BB_LANG: lang } }, (error, _stdout, stderr) =>
      resolve({ status: error ? (typeof error.code === 'number' ? error.code : null) : 0, stderr }),
    ),
  );
}

describe.concurrent('npm run kit', () => {
  it('refuses a catalog with an invalid entry before writing anything, naming the entry', async () => {
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'bb-kit-cli-'));
    const catalog = path.join(work, 'catalog.json');
    fs.writeFileSync(catalog, JSON.stringify([{ id: 'zwfw', name: '政务服务网', patterns: ['zwfw.gd.gov.cn'] }, { id: 'oa', name: '内网办公', patterns: ['10.1.2.3:99999'] }]));
    const out = path.join(work, 'kit');
    const key = path.join(work, 'keys', 'office.pem');
    const r = await runKit(['--catalog', catalog, '--key', key, '--out', out, '--update-url', 'http://10.0.0.5/bb/updates.xml']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('目录第 2 项（id “oa”，名称 “内网办公”）：地址 “10.1.2.3:99999” 无效：端口不合规');
    expect(fs.existsSync(out)).toBe(false);
    expect(fs.existsSync(key)).toBe(false);
  }, 30_000);

  it('refuses unreadable JSON and a key inside the project, in the office\'s language', async () => {
    // Three runs, each with its own folder, side by side.
    const scratch = () => fs.mkdtempSync(path.join(os.tmpdir(), 'bb-kit-cli-'));
    const broken = path.join(scratch(), 'catalog.json');
    fs.writeFileSync(broken, '[{ "id": "x", ');
    const unbuilt = scratch();
    const catalog = path.join(unbuilt, 'catalog.json');
    fs.writeFileSync(catalog, JSON.stringify([{ id: 'x', name: 'X', patterns: ['x.gov.cn'] }]));
    // A stand-in build is enough to reach the key check, which refuses before anything is packed.
    const built = scratch();
    fs.writeFileSync(path.join(built, 'manifest.json'), JSON.stringify({ version: '0.1.0' }));
    const [unreadable, noBuild, r] = await Promise.all([
      runKit(['--catalog', broken], 'en'),
      runKit(['--catalog', catalog, '--extension-dir', unbuilt]),
      runKit(['--catalog', catalog, '--key', 'office.pem', '--extension-dir', built]),
    ]);
    expect(unreadable.stderr).toContain(`cannot read the catalog file ${broken}`);
    expect(noBuild.stderr).toContain('找不到已构建的扩展');
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('在项目文件夹里');
    expect(fs.existsSync('office.pem')).toBe(false);
  }, 30_000);
});
