import { Ajv } from 'ajv';
import * as fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CHECKSUM_FILE, planKit, type KitFile } from '../../../core/deployment/kit-plan';
import type { KitPolicy } from '../../../core/deployment/kit-policy';
import { readManagedPolicy } from '../../../core/contracts/managed-policy';
import { readRegFile } from './reg-parse';

const POLICY: KitPolicy = {
  catalog: [
    { id: 'zwfw', name: '一体化政务服务平台', department: '县政务服务数据管理局', patterns: ['http://zwfw.sim.gov.cn'], tags: [{ pathPrefix: '/checkin', tag: 'check-in' }] },
    // Quotes and backslashes must survive two layers of escaping (JSON inside a .reg string).
    { id: 'oa', name: '内网 "办公" \\ 系统', patterns: ['http://10.1.2.3:8080/app/'] },
  ],
  lockPortalList: true,
  campaign: '2026-q4',
  reportEndpoint: 'https://collector.example.gov.cn/reports',
};
const OFFICE_ID = 'ilcmglhkolehgpeibofafhmfoajdcgch';
const UPDATE_URL = 'http://10.0.0.5/bb/updates.xml?channel=a&b=1';
const STORE = { chrome: 'acemmocmmejcchndbjkabafmkbiajlgj', edge: 'bcdefghijklmnopabcdefghijklmnopa' };

const files = planKit({ policy: POLICY, officeId: OFFICE_ID, version: '0.1.0', minimumChromeVersion: '109', updateUrl: UPDATE_URL, storeIds: STORE });
const file = (p: string): KitFile => {
  const f = files.find((x) => x.path === p);
  if (!f) throw new Error(`no ${p} in ${files.map((x) => x.path).join(', ')}`);
  return f;
};
const json = (p: string) => JSON.parse(new TextDecoder().decode(file(p).bytes));

const ROOT = { chrome: 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Google\\Chrome', edge: 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Edge' };

/** What Chrome reads from the registry, in the Linux JSON's shape: list values 1…n, JSON strings for arrays. */
function registryAsPolicy(reg: ReturnType<typeof readRegFile>, browser: 'chrome' | 'edge') {
  const out: Record<string, unknown> = {};
  const forcelist = reg.keys.get(`${ROOT[browser]}\\ExtensionInstallForcelist`);
  if (forcelist) {
    const list: unknown[] = [];
    for (let i = 1; forcelist.has(String(i)); i++) list.push(forcelist.get(String(i)));
    expect(list.length).toBe(forcelist.size);
    out.ExtensionInstallForcelist = list;
  }
  const extensions: Record<string, Record<string, unknown>> = {};
  for (const [key, values] of reg.keys) {
    const m = new RegExp(`^${ROOT[browser].replace(/\\/g, '\\\\')}\\\\3rdparty\\\\extensions\\\\([a-p]{32})\\\\policy$`).exec(key);
    if (!m) continue;
    const schemaTypes: Record<string, 'json' | 'bool' | 'string'> = { catalog: 'json', lockPortalList: 'bool', campaign: 'string', reportEndpoint: 'string' };
    extensions[m[1]!] = Object.fromEntries(
      [...values].map(([name, value]) => {
        const type = schemaTypes[name];
        if (type === 'json') return [name, JSON.parse(value as string)];
        if (type === 'bool') {
          expect(typeof value).toBe('number');
          return [name, value === 1];
        }
        expect(typeof value).toBe('string');
        return [name, value];
      }),
    );
  }
  for (const key of reg.keys.keys()) {
    expect(key === `${ROOT[browser]}\\ExtensionInstallForcelist` || key.startsWith(`${ROOT[browser]}\\3rdparty\\extensions\\`)).toBe(true);
  }
  out['3rdparty'] = { extensions };
  return out;
}

describe('kit .reg files', () => {
  const regFiles = files.filter((f) => f.path.endsWith('.reg'));

  it('are written for every route and browser, each with a removal file', () => {
    expect(regFiles.map((f) => f.path).sort()).toEqual(
      ['chrome', 'edge'].flatMap((b) => ['domain-joined', 'manual', 'store'].flatMap((r) => [`windows/${b}-${r}.reg`, `windows/${b}-${r}-remove.reg`])).sort(),
    );
  });

  it.each(regFiles.map((f) => [f.path, f] as const))('%s is UTF-16LE with BOM, the version 5 header and CRLF line ends', (_p, f) => {
    expect([...f.bytes.subarray(0, 2)]).toEqual([0xff, 0xfe]);
    const text = new TextDecoder('utf-16le').decode(f.bytes.subarray(2));
    expect(text.startsWith('Windows Registry Editor Version 5.00\r\n\r\n')).toBe(true);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    expect(readRegFile(f.bytes).header).toBe('Windows Registry Editor Version 5.00');
  });

  it.each([
    ['chrome', 'domain-joined', 'linux/chrome/burden-barometer.json'],
    ['edge', 'domain-joined', 'linux/edge/burden-barometer.json'],
  ] as const)('%s %s: keys and values match the Linux JSON one for one', (browser, route, linux) => {
    const reg = readRegFile(file(`windows/${browser}-${route}.reg`).bytes);
    expect(registryAsPolicy(reg, browser)).toStrictEqual(json(linux));
    expect(json(linux).ExtensionInstallForcelist).toEqual([`${OFFICE_ID};${UPDATE_URL}`]);
  });

  it.each(['chrome', 'edge'] as const)('%s store route names the store id, forces the store listing and carries the same settings', (browser) => {
    const reg = readRegFile(file(`windows/${browser}-store.reg`).bytes);
    const asPolicy = registryAsPolicy(reg, browser) as { ExtensionInstallForcelist: string[]; '3rdparty': { extensions: Record<string, unknown> } };
    expect(Object.keys(asPolicy['3rdparty'].extensions)).toEqual([STORE[browser]]);
    expect(asPolicy['3rdparty'].extensions[STORE[browser]]).toStrictEqual(json('linux/chrome/burden-barometer.json')['3rdparty'].extensions[OFFICE_ID]);
    expect(asPolicy.ExtensionInstallForcelist).toHaveLength(1);
    expect(asPolicy.ExtensionInstallForcelist[0]!.startsWith(`${STORE[browser]};https://`)).toBe(true);
    // The manual route: the same settings, nothing forced, so the cadre can remove it.
    const manual = registryAsPolicy(readRegFile(file(`windows/${browser}-manual.reg`).bytes), browser);
    expect(manual.ExtensionInstallForcelist).toBeUndefined();
    expect(manual['3rdparty']).toStrictEqual(asPolicy['3rdparty']);
  });

  it.each(['chrome', 'edge'] as const)('%s removal files delete exactly what the install file wrote', (browser) => {
    for (const route of ['domain-joined', 'store'] as const) {
      const install = readRegFile(file(`windows/${browser}-${route}.reg`).bytes);
      const removal = readRegFile(file(`windows/${browser}-${route}-remove.reg`).bytes);
      const forcelistKey = `${ROOT[browser]}\\ExtensionInstallForcelist`;
      expect(removal.deletedValues).toEqual([[forcelistKey, '1']]);
      const policyKey = [...install.keys.keys()].find((k) => k.endsWith('\\policy'))!;
      expect(removal.deletedKeys).toEqual([policyKey.replace(/\\policy$/, '')]);
    }
  });

  it('the policy is one the extension reads whole and Chromium keeps whole (managed_schema.json)', () => {
    const policy = json('linux/chromium/burden-barometer.json')['3rdparty'].extensions[OFFICE_ID];
    const read = readManagedPolicy(policy);
    expect(read.problems).toEqual([]);
    expect(read.catalog.map((p) => p.id)).toEqual(['zwfw', 'oa']);
    const schema = JSON.parse(fs.readFileSync('public/managed_schema.json', 'utf8'));
    const validate = new Ajv({ strict: false }).compile(schema);
    expect(validate(policy), JSON.stringify(validate.errors)).toBe(true);
  });
});

describe('kit update manifest and guide', () => {
  it('updates.xml names the office id, the version and the CRX beside it, escaped', () => {
    const xml = new TextDecoder().decode(file('updates.xml').bytes);
    expect(xml).toContain(`appid='${OFFICE_ID}'`);
    expect(xml).toContain(`codebase='http://10.0.0.5/bb/burden-barometer.crx'`);
    expect(xml).toContain(`version='0.1.0'`);
    expect(xml).toContain(`prodversionmin='109'`);
  });

  it('without an update URL there is no self-hosted route and no updates.xml', () => {
    const storeOnly = planKit({ policy: POLICY, officeId: OFFICE_ID, version: '0.1.0', storeIds: { chrome: STORE.chrome } }).map((f) => f.path);
    expect(storeOnly).not.toContain('updates.xml');
    expect(storeOnly.filter((p) => p.includes('domain-joined') || p.startsWith('linux/'))).toEqual([]);
    expect(storeOnly).toContain('windows/chrome-store.reg');
    expect(storeOnly).not.toContain('windows/edge-store.reg');
  });

  it('the guide opens with the voluntariness notice and names each route\'s id', () => {
    const html = new TextDecoder().decode(file('install-guide.html').bytes);
    const firstParagraph = /<p[^>]*>(.*?)<\/p>/s.exec(html)![1]!;
    expect(firstParagraph).toContain('参与是自愿的');
    expect(firstParagraph).toContain('暂停全部测量');
    expect(firstParagraph).toContain('确认');
    expect(firstParagraph).toContain('国办函〔2026〕12号');
    for (const id of [OFFICE_ID, STORE.chrome, STORE.edge]) expect(html).toContain(id);
    expect(html).not.toContain('<script');
    expect(files.map((f) => f.path)).not.toContain(CHECKSUM_FILE); // the caller adds it once the CRX exists
  });
});
