import { describe, expect, it } from 'vitest';
import { extensionIdFromSha256Hex } from '../../../core/deployment/extension-id';
import { formatKitProblems } from '../../../core/deployment/kit-messages';
import { checkKitPolicy, type KitProblem } from '../../../core/deployment/kit-policy';
import { createHash } from 'node:crypto';
import { MANIFEST_KEY } from '../../../wxt.config';

const GOOD = [
  { id: 'zwfw', name: '一体化政务服务平台', patterns: ['zwfw.gd.gov.cn'], tags: [{ pathPrefix: '/checkin', tag: 'check-in' }] },
  { id: 'oa', name: '内网办公系统', department: '县委办', patterns: ['http://10.1.2.3:8080/app/'] },
];

function problems(file: unknown, extra: Partial<Parameters<typeof checkKitPolicy>[0]> = {}): KitProblem[] {
  const r = checkKitPolicy({ file, ...extra });
  if (r.ok) throw new Error('expected the catalog to be refused');
  return r.problems;
}

describe('checkKitPolicy', () => {
  it('accepts a valid catalog as written, with the command-line settings and the list locked by default', () => {
    const r = checkKitPolicy({ file: GOOD, campaign: '2026-q4', reportEndpoint: 'https://collector.example.gov.cn/r' });
    expect(r).toEqual({ ok: true, policy: { catalog: GOOD, lockPortalList: true, campaign: '2026-q4', reportEndpoint: 'https://collector.example.gov.cn/r' } });
  });

  it('takes a whole policy object too; the command line wins over the file', () => {
    const r = checkKitPolicy({ file: { catalog: GOOD, campaign: 'from-file', lockPortalList: true }, campaign: 'from-flag', lockPortalList: false });
    expect(r.ok && r.policy).toEqual({ catalog: GOOD, lockPortalList: false, campaign: 'from-flag' });
  });

  it.each<[string, unknown, Partial<KitProblem>]>([
    ['a bad id', [GOOD[0], { id: 'Bad Id', name: '坏', patterns: ['a.gov.cn'] }], { code: 'entry-invalid', index: 1, id: 'Bad Id', field: 'id' }],
    ['a bad pattern', [{ id: 'oa', name: 'OA', patterns: ['ftp://10.1.2.3'] }], { code: 'entry-pattern', index: 0, id: 'oa', pattern: 'ftp://10.1.2.3', reason: 'bad-scheme' }],
    ['a duplicate id', [GOOD[0], GOOD[0]], { code: 'entry-duplicate-id', index: 1, id: 'zwfw' }],
    ['a misspelt key', [{ id: 'x', name: 'X', patterns: ['x.gov.cn'], pattern: ['y.gov.cn'] }], { code: 'entry-unknown-key', index: 0, key: 'pattern' }],
    ['a bad tag', [{ id: 'x', name: 'X', patterns: ['x.gov.cn'], tags: [{ pathPrefix: '/a', tag: 'score' }] }], { code: 'entry-invalid', index: 0, field: 'tags' }],
    ['no name', [{ id: 'x', patterns: ['x.gov.cn'] }], { code: 'entry-invalid', index: 0, field: 'name' }],
    ['an entry that is not an object', ['x.gov.cn'], { code: 'entry-not-object', index: 0 }],
    ['an empty catalog', [], { code: 'catalog-empty' }],
    ['a file that is no catalog', { portals: GOOD }, { code: 'catalog-shape' }],
  ])('refuses %s, naming it', (_label, file, expected) => {
    expect(problems(file)).toContainEqual(expect.objectContaining(expected));
  });

  it('refuses a plain-http endpoint and a malformed campaign', () => {
    expect(problems(GOOD, { reportEndpoint: 'http://collector.example.gov.cn/r' })).toEqual([{ code: 'setting-invalid', key: 'reportEndpoint' }]);
    expect(problems(GOOD, { campaign: '第四季度' })).toEqual([{ code: 'setting-invalid', key: 'campaign' }]);
  });

  it('says in Chinese which entry is wrong and why, and in English too', () => {
    const list = problems([GOOD[0], { id: 'Bad Id', name: '坏条目', patterns: ['a.gov.cn'] }, { id: 'oa', name: 'OA', patterns: ['ftp://x'] }]);
    const zh = formatKitProblems(list, 'zh-CN');
    expect(zh).toContain('没有写出任何文件');
    expect(zh).toContain('目录第 2 项（id “Bad Id”，名称 “坏条目”）：id 只能用小写字母');
    expect(zh).toContain('目录第 3 项（id “oa”，名称 “OA”）：地址 “ftp://x” 无效：只能是 http 或 https');
    const en = formatKitProblems(list, 'en');
    expect(en).toContain('catalog entry 2 (id "Bad Id", name "坏条目"): the id may use');
    expect(en).toContain('catalog entry 3 (id "oa", name "OA"): address "ftp://x" is invalid: only http or https');
  });
});

describe('extensionIdFromSha256Hex', () => {
  it('gives the id Chromium gives the project key', () => {
    const hex = createHash('sha256').update(Buffer.from(MANIFEST_KEY, 'base64')).digest('hex');
    expect(extensionIdFromSha256Hex(hex)).toBe('acemmocmmejcchndbjkabafmkbiajlgj');
  });
});
