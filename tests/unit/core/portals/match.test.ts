import { describe, expect, it } from 'vitest';
import type { PageTagRule, Portal, PortalPattern, PortalSource } from '../../../../core/portals/portal';
import { matchUrl, type MatchResult } from '../../../../core/portals/match';
import { parsePatternInput } from '../../../../core/portals/pattern';

function pattern(text: string): PortalPattern {
  const parsed = parsePatternInput(text);
  if (!parsed.ok) throw new Error(`bad pattern in test: ${text} (${parsed.error})`);
  return parsed.pattern;
}

function portal(id: string, patterns: string[], source: PortalSource = 'user', tags?: PageTagRule[]): Portal {
  return { id, name: id, patterns: patterns.map(pattern), source, ...(tags ? { tags } : {}) };
}

/** Which portal tracks the URL, or the reason it is not tracked (with the nearest portal, if any). */
function outcome(result: MatchResult): string {
  if (result.tracked) return result.portalId;
  return result.portalId === undefined ? result.why : `${result.why}:${result.portalId}`;
}

describe('hosts, subdomains and wildcards', () => {
  const portals = [
    portal('gd', ['zwfw.gd.gov.cn']),
    portal('all-gov', ['*.gov.cn']),
    portal('oa', ['http://10.1.2.3:8080']),
    portal('idn', ['例子.政务.cn']),
    portal('v6', ['[::1]:8080']),
    portal('intranet', ['oa']),
  ];

  it.each([
    ['https://zwfw.gd.gov.cn/', 'gd'],
    ['http://zwfw.gd.gov.cn/index', 'gd'],
    ['https://ZWFW.GD.GOV.CN/', 'gd'],
    ['https://zwfw.gd.gov.cn./', 'gd'],
    ['https://ｚｗｆｗ.gd.gov.cn/', 'gd'],
    ['https://user:pw@zwfw.gd.gov.cn/', 'gd'],
    // Only the exact host is the gd portal; its subdomains fall to the wildcard.
    ['https://www.zwfw.gd.gov.cn/', 'all-gov'],
    ['https://a.gov.cn/', 'all-gov'],
    ['https://x.y.gov.cn/deep/path', 'all-gov'],
    ['https://gov.cn/', 'all-gov'],
    ['https://GOV.CN./', 'all-gov'],
    ['https://www.gov.cn.lookalike.com/', 'no-portal'],
    ['https://gov.cn.evil.com/', 'no-portal'],
    ['https://evilgov.cn/', 'no-portal'],
    ['https://zwfw.gd.gov.cn.evil.com/', 'no-portal'],
    ['https://gov.com.cn/', 'no-portal'],
    ['https://cn/', 'no-portal'],
    ['https://例子.政务.cn/x', 'idn'],
    ['https://xn--fsqu00a.xn--zfr164b.cn/', 'idn'],
    ['https://例子。政务。cn/', 'idn'],
    ['https://别的.政务.cn/', 'no-portal'],
    ['http://10.1.2.3:8080/app', 'oa'],
    // The URL parser canonicalises other IPv4 notations, so they cannot sneak past the pattern.
    ['http://0x0a.1.2.3:8080/', 'oa'],
    ['http://10.1.2.4:8080/', 'no-portal'],
    ['http://10.1.2.30:8080/', 'no-portal'],
    ['http://110.1.2.3:8080/', 'no-portal'],
    ['http://[::1]:8080/', 'v6'],
    ['http://[0:0:0:0:0:0:0:1]:8080/', 'v6'],
    ['http://[::2]:8080/', 'no-portal'],
    ['http://oa/', 'intranet'],
    ['http://oa.corp/', 'no-portal'],
  ])('%s → %s', (url, expected) => {
    expect(outcome(matchUrl(url, portals))).toBe(expected);
  });

  it('returns the pattern that matched', () => {
    const result = matchUrl('https://a.gov.cn/', portals);
    expect(result).toEqual({ tracked: true, portalId: 'all-gov', pattern: { scheme: '*', host: '*.gov.cn' } });
  });
});

describe('URLs that are not web pages or not URLs', () => {
  const portals = [portal('all-gov', ['*.gov.cn']), portal('oa', ['10.1.2.3'])];

  it.each([
    ['', 'invalid-url'],
    ['not a url', 'invalid-url'],
    ['zwfw.gd.gov.cn', 'invalid-url'],
    ['http://', 'invalid-url'],
    ['https://[::1', 'invalid-url'],
    ['http://a.123/', 'invalid-url'],
    ['javascript:alert(1)', 'not-web'],
    ['file:///C:/a.gov.cn/x.html', 'not-web'],
    ['chrome://extensions', 'not-web'],
    ['chrome-extension://abcdefghijklmnop/popup.html', 'not-web'],
    ['about:blank', 'not-web'],
    ['data:text/html,<p>a.gov.cn</p>', 'not-web'],
    ['blob:https://a.gov.cn/0f1e2d3c', 'not-web'],
    ['ftp://a.gov.cn/', 'not-web'],
    ['ws://a.gov.cn/', 'not-web'],
    ['view-source:https://a.gov.cn/', 'not-web'],
  ])('%j → %s', (url, expected) => {
    expect(outcome(matchUrl(url, portals))).toBe(expected);
  });

  it('tracks nothing with an empty portal list', () => {
    expect(matchUrl('https://a.gov.cn/', [])).toEqual({ tracked: false, why: 'no-portal' });
  });
});

describe('schemes and ports', () => {
  it.each([
    // No port in the pattern: the scheme's default port only.
    ['https://a.gov.cn', 'https://a.gov.cn/', 'p'],
    ['https://a.gov.cn', 'https://a.gov.cn:443/', 'p'],
    ['https://a.gov.cn', 'https://a.gov.cn:8443/', 'port-mismatch:p'],
    ['https://a.gov.cn', 'http://a.gov.cn/', 'scheme-mismatch:p'],
    ['http://a.gov.cn', 'http://a.gov.cn:80/', 'p'],
    ['http://a.gov.cn', 'https://a.gov.cn/', 'scheme-mismatch:p'],
    ['http://a.gov.cn', 'http://a.gov.cn:8080/', 'port-mismatch:p'],
    // Any scheme, default port: each scheme's own default.
    ['a.gov.cn', 'http://a.gov.cn/', 'p'],
    ['a.gov.cn', 'https://a.gov.cn/', 'p'],
    ['a.gov.cn', 'http://a.gov.cn:8080/', 'port-mismatch:p'],
    ['a.gov.cn', 'http://a.gov.cn:443/', 'port-mismatch:p'],
    // Explicit port.
    ['http://10.1.2.3:8080', 'http://10.1.2.3:8080/', 'p'],
    ['http://10.1.2.3:8080', 'http://10.1.2.3/', 'port-mismatch:p'],
    ['http://10.1.2.3:8080', 'http://10.1.2.3:8081/', 'port-mismatch:p'],
    ['http://10.1.2.3:8080', 'https://10.1.2.3:8080/', 'scheme-mismatch:p'],
    ['10.1.2.3:8080', 'https://10.1.2.3:8080/', 'p'],
    ['10.1.2.3:443', 'https://10.1.2.3/', 'p'],
    ['10.1.2.3:443', 'http://10.1.2.3:443/', 'p'],
    ['10.1.2.3:443', 'http://10.1.2.3/', 'port-mismatch:p'],
    // Any port.
    ['10.1.2.3:*', 'http://10.1.2.3/', 'p'],
    ['10.1.2.3:*', 'http://10.1.2.3:8080/', 'p'],
    ['10.1.2.3:*', 'https://10.1.2.3:65535/', 'p'],
    ['https://10.1.2.3:*', 'http://10.1.2.3:8080/', 'scheme-mismatch:p'],
    ['[::1]:8080', 'http://[::1]:8080/', 'p'],
    ['[::1]:8080', 'http://[::1]/', 'port-mismatch:p'],
  ])('pattern %s, %s → %s', (text, url, expected) => {
    expect(outcome(matchUrl(url, [portal('p', [text])]))).toBe(expected);
  });
});

describe('path prefixes match on segment boundaries', () => {
  it.each([
    ['/app', 'http://a.gov.cn/app', 'p'],
    ['/app', 'http://a.gov.cn/app/', 'p'],
    ['/app', 'http://a.gov.cn/app/x/y.html', 'p'],
    ['/app', 'http://a.gov.cn/app?x=1#/home', 'p'],
    ['/app', 'http://a.gov.cn/apple', 'outside-prefix:p'],
    ['/app', 'http://a.gov.cn/ap', 'outside-prefix:p'],
    ['/app', 'http://a.gov.cn/', 'outside-prefix:p'],
    ['/app', 'http://a.gov.cn/x/app', 'outside-prefix:p'],
    ['/app', 'http://a.gov.cn/APP', 'outside-prefix:p'],
    // Dot segments are resolved before matching, so they cannot step into or out of a prefix.
    ['/app', 'http://a.gov.cn/app/../admin', 'outside-prefix:p'],
    ['/app', 'http://a.gov.cn/x/../app/y', 'p'],
    ['/app/', 'http://a.gov.cn/app', 'p'],
    ['/a/b', 'http://a.gov.cn/a/b/c', 'p'],
    ['/a/b', 'http://a.gov.cn/a/bc', 'outside-prefix:p'],
    ['/a/b', 'http://a.gov.cn/a', 'outside-prefix:p'],
    ['/办事', 'http://a.gov.cn/办事/指南', 'p'],
    ['/办事', 'http://a.gov.cn/%E5%8A%9E%E4%BA%8B', 'p'],
    ['/办事', 'http://a.gov.cn/办事员', 'outside-prefix:p'],
  ])('prefix %s, %s → %s', (prefix, url, expected) => {
    expect(outcome(matchUrl(url, [portal('p', [`a.gov.cn${prefix}`])]))).toBe(expected);
  });

  it('treats a schema-valid prefix with a trailing slash like the same prefix without one', () => {
    const p: Portal = {
      id: 'p',
      name: 'p',
      patterns: [{ scheme: '*', host: 'a.gov.cn', pathPrefix: '/app/' }],
      source: 'policy',
    };
    expect(outcome(matchUrl('http://a.gov.cn/app', [p]))).toBe('p');
    expect(outcome(matchUrl('http://a.gov.cn/apple', [p]))).toBe('outside-prefix:p');
  });
});

describe('the most specific pattern wins', () => {
  it.each<[string, Portal[], string, string]>([
    [
      'exact host beats wildcard, whatever the order',
      [portal('wild', ['*.gov.cn']), portal('exact', ['a.gd.gov.cn'])],
      'https://a.gd.gov.cn/',
      'exact',
    ],
    [
      'exact host beats wildcard even when the wildcard has port and path',
      [portal('wild', ['*.gov.cn:8080/app']), portal('exact', ['a.gov.cn:*'])],
      'http://a.gov.cn:8080/app/x',
      'exact',
    ],
    [
      'exact host beats a wildcard whose suffix is that host',
      [portal('wild', ['*.gov.cn']), portal('exact', ['gov.cn'])],
      'https://gov.cn/',
      'exact',
    ],
    [
      'longer wildcard suffix beats shorter',
      [portal('country', ['*.gov.cn']), portal('province', ['*.gd.gov.cn'])],
      'https://x.gd.gov.cn/',
      'province',
    ],
    [
      'longer wildcard suffix beats shorter, reversed',
      [portal('province', ['*.gd.gov.cn']), portal('country', ['*.gov.cn'])],
      'https://x.gd.gov.cn/',
      'province',
    ],
    [
      'the shorter wildcard still gets what the longer does not cover',
      [portal('province', ['*.gd.gov.cn']), portal('country', ['*.gov.cn'])],
      'https://x.gx.gov.cn/',
      'country',
    ],
    [
      'explicit port beats default port',
      [portal('default', ['http://10.1.2.3']), portal('explicit', ['http://10.1.2.3:8080'])],
      'http://10.1.2.3:8080/',
      'explicit',
    ],
    [
      'explicit port beats any port',
      [portal('any', ['10.1.2.3:*']), portal('explicit', ['10.1.2.3:8080'])],
      'http://10.1.2.3:8080/',
      'explicit',
    ],
    [
      'default port beats any port',
      [portal('any', ['10.1.2.3:*']), portal('default', ['10.1.2.3'])],
      'http://10.1.2.3/',
      'default',
    ],
    [
      'any port still covers other ports',
      [portal('any', ['10.1.2.3:*']), portal('explicit', ['10.1.2.3:8080'])],
      'http://10.1.2.3:9090/',
      'any',
    ],
    [
      'port outranks path',
      [portal('path', ['10.1.2.3:*/app/x']), portal('port', ['10.1.2.3:8080'])],
      'http://10.1.2.3:8080/app/x',
      'port',
    ],
    [
      'longer path prefix beats shorter',
      [portal('oa', ['10.1.2.3:8080/oa']), portal('oa-hr', ['10.1.2.3:8080/oa/hr'])],
      'http://10.1.2.3:8080/oa/hr/list',
      'oa-hr',
    ],
    [
      'a prefix beats none',
      [portal('oa-hr', ['10.1.2.3:8080/oa/hr']), portal('whole', ['10.1.2.3:8080'])],
      'http://10.1.2.3:8080/oa/hr',
      'oa-hr',
    ],
    [
      'the shorter prefix keeps its other pages',
      [portal('oa', ['10.1.2.3:8080/oa']), portal('oa-hr', ['10.1.2.3:8080/oa/hr'])],
      'http://10.1.2.3:8080/oa/finance',
      'oa',
    ],
    [
      'a named scheme beats any scheme',
      [portal('any', ['a.gov.cn']), portal('https', ['https://a.gov.cn'])],
      'https://a.gov.cn/',
      'https',
    ],
    [
      'policy beats user and preset on a tie',
      [portal('preset', ['a.gov.cn'], 'preset'), portal('user', ['a.gov.cn'], 'user'), portal('policy', ['a.gov.cn'], 'policy')],
      'https://a.gov.cn/',
      'policy',
    ],
    [
      'user beats preset on a tie',
      [portal('preset', ['a.gov.cn'], 'preset'), portal('user', ['a.gov.cn'], 'user')],
      'https://a.gov.cn/',
      'user',
    ],
    [
      'source does not outrank specificity',
      [portal('policy', ['*.gov.cn'], 'policy'), portal('user', ['a.gov.cn'], 'user')],
      'https://a.gov.cn/',
      'user',
    ],
    [
      'list order breaks the last tie',
      [portal('first', ['a.gov.cn']), portal('second', ['a.gov.cn'])],
      'https://a.gov.cn/',
      'first',
    ],
    [
      'a portal with several patterns is judged by its best one',
      [portal('multi', ['*.gov.cn', 'a.gov.cn:8080']), portal('single', ['a.gov.cn:*'])],
      'http://a.gov.cn:8080/',
      'multi',
    ],
  ])('%s', (_label, portals, url, expected) => {
    expect(outcome(matchUrl(url, portals))).toBe(expected);
  });

  it('reports the pattern that won, not just the portal', () => {
    const portals = [portal('multi', ['*.gov.cn', '10.1.2.3:8080/oa', '10.1.2.3:8080/oa/hr'])];
    const result = matchUrl('http://10.1.2.3:8080/oa/hr/1', portals);
    expect(result).toMatchObject({ tracked: true, pattern: { pathPrefix: '/oa/hr' } });
  });
});

describe('explanations for near misses name the nearest portal', () => {
  it.each<[string, Portal[], string, string]>([
    [
      'a portal that got further beats one that failed earlier',
      [portal('https-only', ['https://a.gov.cn']), portal('other-port', ['a.gov.cn:8080'])],
      'http://a.gov.cn/',
      'port-mismatch:other-port',
    ],
    [
      'outside a prefix is nearer than a port mismatch',
      [portal('port', ['a.gov.cn:8080']), portal('prefix', ['a.gov.cn/app'])],
      'https://a.gov.cn/other',
      'outside-prefix:prefix',
    ],
    [
      'a matching host elsewhere does not make a look-alike a near miss',
      [portal('gd', ['https://zwfw.gd.gov.cn'])],
      'http://zwfw.gd.gov.cn.evil.com/',
      'no-portal',
    ],
    [
      'any tracking pattern beats a closer-looking miss',
      [portal('exact', ['https://a.gov.cn']), portal('wild', ['*.gov.cn'])],
      'http://a.gov.cn/',
      'wild',
    ],
  ])('%s', (_label, portals, url, expected) => {
    expect(outcome(matchUrl(url, portals))).toBe(expected);
  });
});

describe('page tags', () => {
  const tagged = portal('gd', ['zwfw.gd.gov.cn', 'zwfw.gd.gov.cn:8443'], 'policy', [
    // Deliberately not sorted by length: the longest matching prefix must win wherever it sits.
    { pathPrefix: '/study/rank', tag: 'ranking' },
    { pathPrefix: '/study', tag: 'learning' },
    { pathPrefix: '/study/rank/checkin', tag: 'check-in' },
    { pathPrefix: '/sso/login', tag: 'login' },
    { pathPrefix: '/%E7%AD%BE%E5%88%B0', tag: 'check-in' },
  ]);
  const other = portal('other', ['*.gov.cn'], 'user', [{ pathPrefix: '/tasks', tag: 'work-order' }]);

  it.each([
    ['https://zwfw.gd.gov.cn/study', 'learning'],
    ['https://zwfw.gd.gov.cn/study/', 'learning'],
    ['https://zwfw.gd.gov.cn/study/exam', 'learning'],
    ['https://zwfw.gd.gov.cn/study/rank/2026', 'ranking'],
    ['https://zwfw.gd.gov.cn/study/rank/checkin/today', 'check-in'],
    ['https://zwfw.gd.gov.cn/study/ranking', 'learning'],
    ['https://zwfw.gd.gov.cn/studying', undefined],
    ['https://zwfw.gd.gov.cn/sso/login?next=/x', 'login'],
    ['https://zwfw.gd.gov.cn/签到/今日', 'check-in'],
    ['https://zwfw.gd.gov.cn:8443/study', 'learning'],
    ['https://zwfw.gd.gov.cn/', undefined],
    // Tags belong to the portal that matched, not to whichever portal has a matching prefix.
    ['https://zwfw.gd.gov.cn/tasks', undefined],
    ['https://a.gov.cn/tasks/1', 'work-order'],
    ['https://a.gov.cn/study', undefined],
  ])('%s → %s', (url, tag) => {
    const result = matchUrl(url, [other, tagged]);
    expect(result.tracked).toBe(true);
    expect(result.tracked && result.tag).toBe(tag);
    expect('tag' in result).toBe(tag !== undefined);
  });
});

describe('paused', () => {
  const portals = [portal('oa', ['http://10.1.2.3:8080/oa'])];

  it.each<[string, MatchResult]>([
    ['http://10.1.2.3:8080/oa/x', { tracked: false, why: 'paused', portalId: 'oa' }],
    ['http://10.1.2.3:8080/other', { tracked: false, why: 'outside-prefix', portalId: 'oa' }],
    ['http://10.1.2.3:9090/oa', { tracked: false, why: 'port-mismatch', portalId: 'oa' }],
    ['https://10.1.2.3:8080/oa', { tracked: false, why: 'scheme-mismatch', portalId: 'oa' }],
    ['http://10.1.2.4:8080/oa', { tracked: false, why: 'no-portal' }],
    ['about:blank', { tracked: false, why: 'not-web' }],
    ['::', { tracked: false, why: 'invalid-url' }],
  ])('%s', (url, expected) => {
    expect(matchUrl(url, portals, { paused: true })).toEqual(expected);
  });

  it('tracks again once not paused', () => {
    expect(matchUrl('http://10.1.2.3:8080/oa/x', portals, { paused: false })).toMatchObject({
      tracked: true,
      portalId: 'oa',
    });
  });
});
