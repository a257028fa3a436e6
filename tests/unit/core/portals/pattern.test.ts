import { describe, expect, it } from 'vitest';
import { portalPatternSchema, portalSchema, type Portal, type PortalPattern } from '../../../../core/portals/portal';
import {
  formatPattern,
  originPermission,
  parsePatternInput,
  permissionsForPortals,
  requestableOrigins,
  type PatternInputError,
} from '../../../../core/portals/pattern';
import { ALL_GOV_CN } from '../../../../core/portals/presets';

// 例子.政务.cn as the WHATWG URL parser writes it.
const IDN = 'xn--fsqu00a.xn--zfr164b.cn';

describe('parsePatternInput accepts what cadres type', () => {
  it.each<[string, PortalPattern]>([
    ['zwfw.gd.gov.cn', { scheme: '*', host: 'zwfw.gd.gov.cn' }],
    ['zwfw.gd.gov.cn:8080', { scheme: '*', host: 'zwfw.gd.gov.cn', port: 8080 }],
    ['zwfw.gd.gov.cn:*', { scheme: '*', host: 'zwfw.gd.gov.cn', port: '*' }],
    ['  zwfw.gd.gov.cn \n', { scheme: '*', host: 'zwfw.gd.gov.cn' }],
    ['ZWFW.GD.Gov.CN.', { scheme: '*', host: 'zwfw.gd.gov.cn' }],
    ['http://10.1.2.3:8080/app/', { scheme: 'http', host: '10.1.2.3', port: 8080, pathPrefix: '/app' }],
    ['HTTP://10.1.2.3', { scheme: 'http', host: '10.1.2.3' }],
    ['https://zwfw.gd.gov.cn/', { scheme: 'https', host: 'zwfw.gd.gov.cn' }],
    ['https://zwfw.gd.gov.cn/a/b', { scheme: 'https', host: 'zwfw.gd.gov.cn', pathPrefix: '/a/b' }],
    ['https://zwfw.gd.gov.cn:443/', { scheme: 'https', host: 'zwfw.gd.gov.cn' }],
    ['http://zwfw.gd.gov.cn:80', { scheme: 'http', host: 'zwfw.gd.gov.cn' }],
    // With both schemes allowed, 443 is not "the" default, so it stays explicit.
    ['zwfw.gd.gov.cn:443', { scheme: '*', host: 'zwfw.gd.gov.cn', port: 443 }],
    ['https://例子.政务.cn/x', { scheme: 'https', host: IDN, pathPrefix: '/x' }],
    ['例子。政务。cn', { scheme: '*', host: IDN }],
    ['https://例子.政务.cn/办事', { scheme: 'https', host: IDN, pathPrefix: '/%E5%8A%9E%E4%BA%8B' }],
    ['ｚｗｆｗ.gd.gov.cn：8080', { scheme: '*', host: 'zwfw.gd.gov.cn', port: 8080 }],
    ['*.gov.cn', { scheme: '*', host: '*.gov.cn' }],
    ['*.政务.cn', { scheme: '*', host: '*.xn--zfr164b.cn' }],
    ['*://*.gov.cn/*', { scheme: '*', host: '*.gov.cn' }],
    ['https://*.gd.gov.cn/app/*', { scheme: 'https', host: '*.gd.gov.cn', pathPrefix: '/app' }],
    ['[::1]:8080', { scheme: '*', host: '[::1]', port: 8080 }],
    ['https://[0:0::1]/', { scheme: 'https', host: '[::1]' }],
    ['http://[FE80::1]/oa', { scheme: 'http', host: '[fe80::1]', pathPrefix: '/oa' }],
    ['localhost:3000', { scheme: '*', host: 'localhost', port: 3000 }],
    ['oa', { scheme: '*', host: 'oa' }],
    ['http://0x0a.1.2.3', { scheme: 'http', host: '10.1.2.3' }],
    ['a.gov.cn/app/./x/../y/', { scheme: '*', host: 'a.gov.cn', pathPrefix: '/app/y' }],
    ['a.gov.cn:65535', { scheme: '*', host: 'a.gov.cn', port: 65535 }],
    ['a.gov.cn:1', { scheme: '*', host: 'a.gov.cn', port: 1 }],
  ])('%j', (input, pattern) => {
    expect(parsePatternInput(input)).toEqual({ ok: true, pattern });
  });
});

describe('parsePatternInput rejects what cannot be a portal', () => {
  it.each<[string, PatternInputError]>([
    ['', 'empty'],
    ['   \t\n', 'empty'],
    ['javascript:alert(1)', 'bad-scheme'],
    ['file:///etc/passwd', 'bad-scheme'],
    ['chrome://extensions', 'bad-scheme'],
    ['about:blank', 'bad-scheme'],
    ['ftp://a.gov.cn', 'bad-scheme'],
    ['ws://a.gov.cn', 'bad-scheme'],
    ['mailto:x@a.gov.cn', 'bad-scheme'],
    ['data:text/html,a.gov.cn', 'bad-scheme'],
    ['view-source:https://a.gov.cn', 'bad-scheme'],
    ['chrome-extension://abcdefghijklmnop/popup.html', 'bad-scheme'],
    ['blob:https://a.gov.cn/0f1e', 'bad-scheme'],
    ['http://', 'bad-host'],
    ['https:///x', 'bad-host'],
    ['http:a.gov.cn', 'bad-host'],
    ['http://user:pw@a.gov.cn', 'bad-host'],
    ['user@a.gov.cn', 'bad-host'],
    ['*', 'bad-host'],
    ['*.cn', 'bad-host'],
    ['*.', 'bad-host'],
    ['a.*.gov.cn', 'bad-host'],
    ['*gov.cn', 'bad-host'],
    ['*.*.gov.cn', 'bad-host'],
    ['*.10.1.2.3', 'bad-host'],
    ['a b.gov.cn', 'bad-host'],
    ['a..gov.cn', 'bad-host'],
    ['-a.gov.cn', 'bad-host'],
    ['a.gov.cn..', 'bad-host'],
    ['a.123', 'bad-host'],
    ['1.2.3.256', 'bad-host'],
    ['::1', 'bad-host'],
    ['[::1', 'bad-host'],
    ['[::1]x', 'bad-host'],
    ['[not-ip]', 'bad-host'],
    ['%41.gov.cn', 'bad-host'],
    ['!!!', 'bad-host'],
    ['a.gov.cn:', 'bad-port'],
    ['a.gov.cn:0', 'bad-port'],
    ['a.gov.cn:65536', 'bad-port'],
    ['a.gov.cn:80a', 'bad-port'],
    ['a.gov.cn:-1', 'bad-port'],
    ['[::1]:x', 'bad-port'],
    ['a.gov.cn/x?y=1', 'bad-path'],
    ['a.gov.cn?y=1', 'bad-path'],
    ['https://a.gov.cn/#/home', 'bad-path'],
    ['a.gov.cn/a*b', 'bad-path'],
    ['a.gov.cn/*/x', 'bad-path'],
    ['a.gov.cn\\x', 'bad-path'],
    ['a.gov.cn/a b', 'bad-path'],
  ])('%j → %s', (input, error) => {
    expect(parsePatternInput(input)).toEqual({ ok: false, error });
  });
});

describe('formatPattern', () => {
  it.each<[PortalPattern, string]>([
    [{ scheme: '*', host: 'zwfw.gd.gov.cn' }, 'zwfw.gd.gov.cn'],
    [{ scheme: 'http', host: '10.1.2.3', port: 8080, pathPrefix: '/app' }, 'http://10.1.2.3:8080/app'],
    [{ scheme: '*', host: '*.gov.cn', port: '*' }, '*.gov.cn:*'],
    [{ scheme: 'https', host: '[::1]', port: 8443 }, 'https://[::1]:8443'],
    [{ scheme: 'https', host: IDN, pathPrefix: '/x' }, `https://${IDN}/x`],
  ])('%j → %s', (pattern, text) => {
    expect(formatPattern(pattern)).toBe(text);
  });

  it.each([
    'zwfw.gd.gov.cn',
    'zwfw.gd.gov.cn:8080',
    'zwfw.gd.gov.cn:443',
    'zwfw.gd.gov.cn:*',
    'http://10.1.2.3:8080/app/',
    'https://例子.政务.cn/办事/指南',
    '*.gov.cn',
    'https://*.gd.gov.cn:*/app',
    '[::1]:8080',
    'http://[fe80::1]/oa',
  ])('round-trips %j through parse', (input) => {
    const first = parsePatternInput(input);
    if (!first.ok) throw new Error(`did not parse: ${first.error}`);
    expect(parsePatternInput(formatPattern(first.pattern))).toEqual(first);
  });
});

describe('originPermission drops port and path, because access is granted per origin', () => {
  it.each<[PortalPattern, string]>([
    [{ scheme: 'http', host: '10.1.2.3', port: 8080, pathPrefix: '/app' }, 'http://10.1.2.3/*'],
    [{ scheme: '*', host: '*.gov.cn' }, '*://*.gov.cn/*'],
    [{ scheme: 'https', host: '[::1]', port: '*' }, 'https://[::1]/*'],
    [{ scheme: '*', host: 'zwfw.gd.gov.cn', port: 443 }, '*://zwfw.gd.gov.cn/*'],
    [{ scheme: 'https', host: IDN }, `https://${IDN}/*`],
  ])('%j → %s', (pattern, permission) => {
    expect(originPermission(pattern)).toBe(permission);
  });
});

describe('requestableOrigins asks for what optional_host_permissions covers (http://*/* and https://*/*)', () => {
  it.each<[string[], string[]]>([
    // A typed host without a scheme, and the welcome page's "all gov.cn": `*://` is refused by the browser.
    [['*://zwfw.example.gov.cn/*'], ['http://zwfw.example.gov.cn/*', 'https://zwfw.example.gov.cn/*']],
    [['*://*.gov.cn/*'], ['http://*.gov.cn/*', 'https://*.gov.cn/*']],
    [['http://10.1.2.3/*'], ['http://10.1.2.3/*']],
    [['*://a.gov.cn/*', 'https://a.gov.cn/*'], ['http://a.gov.cn/*', 'https://a.gov.cn/*']],
  ])('%j → %j', (origins, asked) => {
    expect(requestableOrigins(origins)).toEqual(asked);
  });

  it('asks for the three inputs of issue #16 exactly what the manifest allows', () => {
    const manifest = ['http://*/*', 'https://*/*'];
    const inputs = ['zwfw.example.gov.cn', 'http://10.1.2.3:8080/app'];
    const parsed = inputs.map((i) => parsePatternInput(i)).map((r) => (r.ok ? r.pattern : null));
    expect(parsed.every(Boolean)).toBe(true);
    const asked = requestableOrigins([...parsed.map((p) => originPermission(p!)), originPermission(ALL_GOV_CN.patterns[0]!)]);
    expect(asked).toEqual(['http://zwfw.example.gov.cn/*', 'https://zwfw.example.gov.cn/*', 'http://10.1.2.3/*', 'http://*.gov.cn/*', 'https://*.gov.cn/*']);
    for (const o of asked) expect(manifest.some((m) => m.split(':')[0] === o.split(':')[0])).toBe(true);
  });
});

describe('permissionsForPortals', () => {
  const portal = (id: string, patterns: PortalPattern[]): Portal => ({ id, name: id, patterns, source: 'user' });

  it('is sorted and has each origin once, however many ports and prefixes share it', () => {
    const portals = [
      portal('oa', [
        { scheme: 'http', host: '10.1.2.3', port: 8080, pathPrefix: '/oa' },
        { scheme: 'http', host: '10.1.2.3', port: 9090 },
      ]),
      portal('gd', [{ scheme: 'https', host: 'zwfw.gd.gov.cn' }]),
      portal('all', [{ scheme: '*', host: '*.gov.cn' }]),
      portal('oa2', [{ scheme: 'http', host: '10.1.2.3', pathPrefix: '/other' }]),
    ];
    expect(permissionsForPortals(portals)).toEqual(['*://*.gov.cn/*', 'http://10.1.2.3/*', 'https://zwfw.gd.gov.cn/*']);
  });

  it('is empty with no portals', () => {
    expect(permissionsForPortals([])).toEqual([]);
  });
});

describe('portalPatternSchema insists on the canonical form the matcher compares against', () => {
  it.each<[string, unknown]>([
    ['domain', { scheme: 'https', host: 'zwfw.gd.gov.cn' }],
    ['single label', { scheme: 'http', host: 'oa' }],
    ['punycode', { scheme: '*', host: IDN }],
    ['ipv4 with port', { scheme: 'http', host: '10.1.2.3', port: 8080 }],
    ['ipv6', { scheme: 'https', host: '[::1]' }],
    ['wildcard, any port', { scheme: '*', host: '*.gov.cn', port: '*' }],
    ['path prefix', { scheme: 'http', host: 'a.gov.cn', pathPrefix: '/app/' }],
    ['encoded path prefix', { scheme: 'http', host: 'a.gov.cn', pathPrefix: '/%E5%8A%9E' }],
  ])('accepts %s', (_label, value) => {
    expect(portalPatternSchema.safeParse(value).success).toBe(true);
  });

  it.each<[string, unknown]>([
    ['uppercase host', { scheme: 'https', host: 'ZWFW.gd.gov.cn' }],
    ['unicode host', { scheme: 'https', host: '例子.政务.cn' }],
    ['trailing dot', { scheme: 'https', host: 'gov.cn.' }],
    ['bare star', { scheme: '*', host: '*' }],
    ['one-label wildcard', { scheme: '*', host: '*.cn' }],
    ['star in the middle', { scheme: '*', host: 'a.*.cn' }],
    ['star inside a label', { scheme: '*', host: 'a*b.gov.cn' }],
    ['non-canonical ipv4', { scheme: 'http', host: '010.1.2.3' }],
    ['short ipv4', { scheme: 'http', host: '10.1.3' }],
    ['non-canonical ipv6', { scheme: 'http', host: '[0:0::1]' }],
    ['unbracketed ipv6', { scheme: 'http', host: '::1' }],
    ['host with port', { scheme: 'http', host: 'a.gov.cn:80' }],
    ['host with path', { scheme: 'http', host: 'a.gov.cn/x' }],
    ['other scheme', { scheme: 'ftp', host: 'a.gov.cn' }],
    ['port 0', { scheme: 'http', host: 'a.gov.cn', port: 0 }],
    ['port too big', { scheme: 'http', host: 'a.gov.cn', port: 65536 }],
    ['fractional port', { scheme: 'http', host: 'a.gov.cn', port: 80.5 }],
    ['port as text', { scheme: 'http', host: 'a.gov.cn', port: '8080' }],
    ['relative path', { scheme: 'http', host: 'a.gov.cn', pathPrefix: 'app' }],
    ['path with query', { scheme: 'http', host: 'a.gov.cn', pathPrefix: '/app?x' }],
    ['path with fragment', { scheme: 'http', host: 'a.gov.cn', pathPrefix: '/app#x' }],
    ['unencoded path', { scheme: 'http', host: 'a.gov.cn', pathPrefix: '/办' }],
    ['dot segments', { scheme: 'http', host: 'a.gov.cn', pathPrefix: '/a/../b' }],
    ['unknown key', { scheme: 'http', host: 'a.gov.cn', query: 'x' }],
  ])('rejects %s', (_label, value) => {
    expect(portalPatternSchema.safeParse(value).success).toBe(false);
  });
});

describe('portalSchema', () => {
  const valid: Portal = {
    id: 'gd-zwfw',
    name: '广东政务服务网',
    patterns: [{ scheme: 'https', host: 'zwfw.gd.gov.cn' }],
    department: '广东省政务服务数据管理局',
    tags: [{ pathPrefix: '/checkin', tag: 'check-in' }],
    source: 'policy',
  };

  it('accepts a full catalog entry', () => {
    expect(portalSchema.parse(valid)).toEqual(valid);
  });

  it.each<[string, Record<string, unknown>]>([
    ['uppercase id', { id: 'GD' }],
    ['id starting with a hyphen', { id: '-gd' }],
    ['id too long', { id: 'a'.repeat(65) }],
    ['empty name', { name: '' }],
    ['name too long', { name: '名'.repeat(101) }],
    ['no patterns', { patterns: [] }],
    ['invalid pattern', { patterns: [{ scheme: 'https', host: '*.cn' }] }],
    ['department too long', { department: 'x'.repeat(101) }],
    ['unknown tag', { tags: [{ pathPrefix: '/x', tag: 'survey' }] }],
    ['tag path not absolute', { tags: [{ pathPrefix: 'x', tag: 'login' }] }],
    ['unknown source', { source: 'office' }],
    ['unknown key', { url: 'https://zwfw.gd.gov.cn' }],
  ])('rejects %s', (_label, change) => {
    expect(portalSchema.safeParse({ ...valid, ...change }).success).toBe(false);
  });

  it('accepts the longest id', () => {
    expect(portalSchema.safeParse({ ...valid, id: 'a'.repeat(64) }).success).toBe(true);
  });
});
