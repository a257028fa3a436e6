import { describe, expect, it } from 'vitest';
import { EMPTY_POLICY, POLICY_KEYS, readManagedPolicy, type PolicyProblem } from '../../../../core/contracts/managed-policy';
import { portalSchema, type Portal } from '../../../../core/portals/portal';
import { matchUrl } from '../../../../core/portals/match';

/** A catalog as an office writes it in a policy file: patterns are the strings people type. */
const OFFICE_CATALOG = [
  {
    id: 'gd-zwfw',
    name: '广东政务服务网',
    department: '省政务服务数据管理局',
    patterns: ['zwfw.gd.gov.cn'],
    tags: [
      { pathPrefix: '/checkin', tag: 'check-in' },
      { pathPrefix: '/study/', tag: 'learning' },
    ],
  },
  { id: 'oa', name: '内网办公系统', patterns: ['http://10.1.2.3:8080/app/'] },
  { id: 'all-gov', name: '所有政府网站', patterns: ['*.gov.cn', 'https://www.xuexi.cn'] },
];

describe('readManagedPolicy: a valid catalog', () => {
  const policy = readManagedPolicy({ catalog: OFFICE_CATALOG });

  it('turns every entry into a policy portal with parsed patterns, in catalog order', () => {
    expect(policy.problems).toEqual([]);
    expect(policy.catalog).toStrictEqual<Portal[]>([
      {
        id: 'gd-zwfw',
        name: '广东政务服务网',
        department: '省政务服务数据管理局',
        patterns: [{ scheme: '*', host: 'zwfw.gd.gov.cn' }],
        tags: [
          { pathPrefix: '/checkin', tag: 'check-in' },
          { pathPrefix: '/study/', tag: 'learning' },
        ],
        source: 'policy',
      },
      // No department and no tags in the file: the portal carries no such keys at all (not `undefined`).
      { id: 'oa', name: '内网办公系统', patterns: [{ scheme: 'http', host: '10.1.2.3', port: 8080, pathPrefix: '/app' }], source: 'policy' },
      {
        id: 'all-gov',
        name: '所有政府网站',
        patterns: [
          { scheme: '*', host: '*.gov.cn' },
          { scheme: 'https', host: 'www.xuexi.cn' },
        ],
        source: 'policy',
      },
    ]);
  });

  it('produces portals that pass the stored portal schema', () => {
    for (const portal of policy.catalog) expect(portalSchema.safeParse(portal).success).toBe(true);
  });

  it('produces portals the matcher tracks as the office meant', () => {
    const track = (url: string) => {
      const r = matchUrl(url, policy.catalog);
      return r.tracked ? `${r.portalId}${r.tag ? `/${r.tag}` : ''}` : r.why;
    };
    expect(track('https://zwfw.gd.gov.cn/checkin/today')).toBe('gd-zwfw/check-in');
    expect(track('http://10.1.2.3:8080/app/form')).toBe('oa');
    expect(track('http://10.1.2.3:8080/other')).toBe('outside-prefix');
    expect(track('http://10.1.2.3/app/')).toBe('port-mismatch');
    expect(track('https://rsj.sz.gov.cn/')).toBe('all-gov');
    expect(track('https://example.com/')).toBe('no-portal');
  });

  it('normalises what people type (full-width IME slips, upper case, pasted match patterns)', () => {
    const p = readManagedPolicy({
      catalog: [{ id: 'x', name: 'X', patterns: ['ＺＷＦＷ。GD。gov。cn', 'https://A.gov.cn/path/*'] }],
    });
    expect(p.problems).toEqual([]);
    expect(p.catalog[0]?.patterns).toEqual([
      { scheme: '*', host: 'zwfw.gd.gov.cn' },
      { scheme: 'https', host: 'a.gov.cn', pathPrefix: '/path' },
    ]);
  });

  it('accepts fields the managed schema allows but this version does not use (sensitiveFields)', () => {
    const p = readManagedPolicy({
      catalog: [{ id: 'x', name: 'X', patterns: ['x.gov.cn'], sensitiveFields: ['idCard'] }],
    });
    expect(p.problems).toEqual([]);
    expect(p.catalog.map((c) => c.id)).toEqual(['x']);
    expect(portalSchema.safeParse(p.catalog[0]).success).toBe(true);
  });
});

describe('readManagedPolicy: what is dropped is reported', () => {
  const good = (id: string, host = `${id}.gov.cn`) => ({ id, name: id.toUpperCase(), patterns: [host] });

  it.each<[string, unknown]>([
    ['not an object', 'zwfw.gd.gov.cn'],
    ['null', null],
    ['missing name', { id: 'a', patterns: ['a.gov.cn'] }],
    ['missing patterns', { id: 'a', name: 'A' }],
    ['empty patterns', { id: 'a', name: 'A', patterns: [] }],
    ['patterns not strings', { id: 'a', name: 'A', patterns: [{ scheme: 'https', host: 'a.gov.cn' }] }],
    ['id with upper case and spaces', { id: 'Bad Id', name: 'A', patterns: ['a.gov.cn'] }],
    ['id too long', { id: 'a'.repeat(65), name: 'A', patterns: ['a.gov.cn'] }],
    ['empty name', { id: 'a', name: '', patterns: ['a.gov.cn'] }],
    ['name over 100 chars', { id: 'a', name: '名'.repeat(101), patterns: ['a.gov.cn'] }],
    ['unknown page tag', { id: 'a', name: 'A', patterns: ['a.gov.cn'], tags: [{ pathPrefix: '/x', tag: 'gossip' }] }],
    ['tag path without leading slash', { id: 'a', name: 'A', patterns: ['a.gov.cn'], tags: [{ pathPrefix: 'x', tag: 'login' }] }],
    ['department not a string', { id: 'a', name: 'A', patterns: ['a.gov.cn'], department: 42 }],
  ])('an entry with %s is dropped as invalid-entry, its neighbours kept', (_label, bad) => {
    const p = readManagedPolicy({ catalog: [good('first'), bad, good('last')] });
    expect(p.catalog.map((c) => c.id)).toEqual(['first', 'last']);
    expect(p.problems).toEqual<PolicyProblem[]>([{ key: 'catalog', index: 1, code: 'invalid-entry' }]);
  });

  it.each([
    ['ftp://files.gov.cn'],
    ['http://'],
    ['*.cn'],
    ['a.gov.cn:99999'],
    ['https://a.gov.cn/x?y=1'],
    [''],
  ])('an entry with the invalid pattern %j is dropped as invalid-pattern (one bad pattern drops the entry)', (bad) => {
    const p = readManagedPolicy({
      catalog: [good('first'), { id: 'mixed', name: 'Mixed', patterns: ['ok.gov.cn', bad] }, good('last')],
    });
    expect(p.catalog.map((c) => c.id)).toEqual(['first', 'last']);
    expect(p.problems).toEqual<PolicyProblem[]>([{ key: 'catalog', index: 1, code: 'invalid-pattern' }]);
  });

  it('keeps the first of two entries with the same id and reports the later one with its index', () => {
    const p = readManagedPolicy({
      catalog: [good('a'), good('b'), { id: 'a', name: 'Again', patterns: ['again.gov.cn'] }],
    });
    expect(p.catalog.map((c) => [c.id, c.name])).toEqual([
      ['a', 'A'],
      ['b', 'B'],
    ]);
    expect(p.problems).toEqual<PolicyProblem[]>([{ key: 'catalog', index: 2, code: 'duplicate-id' }]);
  });

  it('an invalid entry does not reserve its id: a later valid entry with that id is kept', () => {
    const p = readManagedPolicy({ catalog: [{ id: 'a', name: '', patterns: ['a.gov.cn'] }, good('a')] });
    expect(p.catalog.map((c) => c.id)).toEqual(['a']);
    expect(p.problems).toEqual<PolicyProblem[]>([{ key: 'catalog', index: 0, code: 'invalid-entry' }]);
  });

  it('reports every dropped entry, each with its own index, in order', () => {
    const p = readManagedPolicy({
      catalog: [7, good('a'), { id: 'b', name: 'B', patterns: ['bad host!'] }, good('a', 'other.gov.cn'), good('c')],
    });
    expect(p.catalog.map((c) => c.id)).toEqual(['a', 'c']);
    expect(p.problems).toEqual<PolicyProblem[]>([
      { key: 'catalog', index: 0, code: 'invalid-entry' },
      { key: 'catalog', index: 2, code: 'invalid-pattern' },
      { key: 'catalog', index: 3, code: 'duplicate-id' },
    ]);
  });

  it('a catalog that is not an array is reported once, without an index, and yields no portals', () => {
    const p = readManagedPolicy({ catalog: { id: 'a', name: 'A', patterns: ['a.gov.cn'] } });
    expect(p.catalog).toEqual([]);
    expect(p.problems).toEqual<PolicyProblem[]>([{ key: 'catalog', code: 'invalid-value' }]);
    expect(p.presentKeys).toEqual(['catalog']);
  });
});

describe('readManagedPolicy: lockPortalList', () => {
  it('true locks, false does not, and neither is a problem', () => {
    expect(readManagedPolicy({ lockPortalList: true })).toMatchObject({ lockPortalList: true, problems: [] });
    expect(readManagedPolicy({ lockPortalList: false })).toMatchObject({ lockPortalList: false, problems: [] });
  });

  it.each<[unknown]>([['true'], [1], [null], [{}]])('the non-boolean %j does not lock and is reported', (value) => {
    const p = readManagedPolicy({ lockPortalList: value });
    expect(p.lockPortalList).toBe(false);
    expect(p.problems).toEqual<PolicyProblem[]>([{ key: 'lockPortalList', code: 'invalid-value' }]);
  });
});

describe('readManagedPolicy: campaign', () => {
  it.each(['2025-spring', 'GD.round_2', 'a', 'A'.repeat(64)])('accepts %j', (campaign) => {
    const p = readManagedPolicy({ campaign });
    expect(p.campaign).toBe(campaign);
    expect(p.problems).toEqual([]);
  });

  it.each<[unknown]>([['-leading-dash'], ['.dot'], ['has space'], ['减负2025'], ['A'.repeat(65)], [''], [2025]])(
    'rejects %j: no campaign, one problem',
    (campaign) => {
      const p = readManagedPolicy({ campaign });
      expect(p).not.toHaveProperty('campaign');
      expect(p.problems).toEqual<PolicyProblem[]>([{ key: 'campaign', code: 'invalid-value' }]);
    },
  );
});

describe('readManagedPolicy: reportEndpoint', () => {
  it('accepts an https URL', () => {
    const p = readManagedPolicy({ reportEndpoint: 'https://collector.jianfu.gov.cn/api/reports' });
    expect(p.reportEndpoint).toBe('https://collector.jianfu.gov.cn/api/reports');
    expect(p.problems).toEqual([]);
  });

  it.each<[unknown]>([
    ['http://collector.jianfu.gov.cn/api/reports'],
    ['ftp://collector.jianfu.gov.cn/'],
    ['javascript:alert(1)'],
    ['collector.jianfu.gov.cn/api'],
    [''],
    [42],
  ])('rejects %j: reports never go anywhere but https', (reportEndpoint) => {
    const p = readManagedPolicy({ reportEndpoint });
    expect(p).not.toHaveProperty('reportEndpoint');
    expect(p.problems).toEqual<PolicyProblem[]>([{ key: 'reportEndpoint', code: 'invalid-value' }]);
  });
});

describe('readManagedPolicy: presentKeys and the empty policy', () => {
  it('an empty policy is the same as EMPTY_POLICY', () => {
    expect(readManagedPolicy({})).toStrictEqual(EMPTY_POLICY);
  });

  it('unknown top-level keys are neither present nor problems', () => {
    expect(readManagedPolicy({ somethingElse: true, sensitiveFields: ['x'] })).toStrictEqual(EMPTY_POLICY);
  });

  it('lists exactly the keys that were present, valid or not, in POLICY_KEYS order', () => {
    expect(readManagedPolicy({ reportEndpoint: 'http://no', lockPortalList: true }).presentKeys).toEqual([
      'lockPortalList',
      'reportEndpoint',
    ]);
    expect(readManagedPolicy({ campaign: 'c1' }).presentKeys).toEqual(['campaign']);
    expect(
      readManagedPolicy({ campaign: 'c1', catalog: [], reportEndpoint: 'https://x.gov.cn/', lockPortalList: false, enrollmentCode: 'x' }).presentKeys,
    ).toEqual([...POLICY_KEYS]);
  });

  it('an explicitly undefined key is not present', () => {
    expect(readManagedPolicy({ campaign: undefined }).presentKeys).toEqual([]);
  });

  // A valid code (its check symbols hold): codes are made by the collector's enroll command.
  const ENROLLMENT_CODE = '21KEQ-PB0P2-Q6H1M-KG4W3-12K66';
  it('a full valid policy carries every value and no problem', () => {
    const p = readManagedPolicy({
      catalog: OFFICE_CATALOG,
      lockPortalList: true,
      campaign: '2025-spring',
      reportEndpoint: 'https://collector.jianfu.gov.cn/r',
      enrollmentCode: ENROLLMENT_CODE,
    });
    expect(p).toMatchObject({
      enrollmentCode: ENROLLMENT_CODE,
      lockPortalList: true,
      campaign: '2025-spring',
      reportEndpoint: 'https://collector.jianfu.gov.cn/r',
      presentKeys: [...POLICY_KEYS],
      problems: [],
    });
    expect(p.catalog).toHaveLength(OFFICE_CATALOG.length);
  });
});

describe('readManagedPolicy: enrollmentCode (issue #17)', () => {
  it('keeps a valid code in its canonical form and drops a mistyped one as a problem', async () => {
    const { generateEnrollmentCode } = await import('../../../../core/tokens/enrollment-code');
    const code = generateEnrollmentCode((n) => crypto.getRandomValues(new Uint8Array(n)));
    expect(readManagedPolicy({ enrollmentCode: code.toLowerCase().replace(/-/g, '') }).enrollmentCode).toBe(code);
    const typo = readManagedPolicy({ enrollmentCode: `${code.slice(0, -1)}${code.endsWith('0') ? '1' : '0'}` });
    expect(typo.enrollmentCode).toBeUndefined();
    expect(typo.presentKeys).toEqual(['enrollmentCode']);
    expect(typo.problems).toEqual([{ key: 'enrollmentCode', code: 'invalid-value' }]);
  });
});
