import { describe, expect, it } from 'vitest';
import type { Portal, PortalSource } from '../../../../core/portals/portal';
import { parsePatternInput } from '../../../../core/portals/pattern';
import { missingOrigins, observedOrigins, releasableOrigins } from '../../../../core/portals/script-registration';

function portal(id: string, patterns: string[], source: PortalSource = 'user'): Portal {
  return {
    id,
    name: id,
    source,
    patterns: patterns.map((text) => {
      const parsed = parsePatternInput(text);
      if (!parsed.ok) throw new Error(`bad pattern in test: ${text}`);
      return parsed.pattern;
    }),
  };
}

const GD = portal('gd', ['https://zwfw.gd.gov.cn/app', 'https://zwfw.gd.gov.cn/other']);
const OA = portal('oa', ['http://10.1.2.3:8080/app', 'http://10.1.2.3:9090']);
const TOWN = portal('town', ['town.gov.cn']);
const EVIL = portal('evil', ['http://gov.cn.evil.com']);

describe('observedOrigins: needed ∩ granted', () => {
  it('registers only origins that a portal needs and the browser granted, one per origin, sorted', () => {
    const granted = ['https://zwfw.gd.gov.cn/*', 'http://10.1.2.3/*', 'https://unrelated.example/*'];
    expect(observedOrigins([GD, OA, TOWN], granted)).toEqual(['http://10.1.2.3/*', 'https://zwfw.gd.gov.cn/*']);
  });

  it('a grant without a portal observes nothing; a portal without a grant is not observed', () => {
    expect(observedOrigins([], ['https://zwfw.gd.gov.cn/*', '*://*.gov.cn/*'])).toEqual([]);
    expect(observedOrigins([GD, TOWN], [])).toEqual([]);
  });

  it('an http-only or https-only grant does not cover a portal that wants both schemes', () => {
    expect(observedOrigins([TOWN], ['https://town.gov.cn/*'])).toEqual([]);
    expect(observedOrigins([TOWN], ['http://town.gov.cn/*'])).toEqual([]);
    expect(observedOrigins([TOWN], ['*://town.gov.cn/*'])).toEqual(['*://town.gov.cn/*']);
  });

  it('a wildcard grant *://*.gov.cn/* covers http://a.gov.cn/*, https://… and gov.cn itself', () => {
    const portals = [portal('a', ['http://a.gov.cn']), portal('b', ['https://b.x.gov.cn']), portal('root', ['gov.cn']), TOWN];
    expect(observedOrigins(portals, ['*://*.gov.cn/*'])).toEqual([
      '*://gov.cn/*',
      '*://town.gov.cn/*',
      'http://a.gov.cn/*',
      'https://b.x.gov.cn/*',
    ]);
  });

  it('a wildcard grant never covers a look-alike host outside it (gov.cn.evil.com, evilgov.cn)', () => {
    const granted = ['*://*.gov.cn/*'];
    expect(observedOrigins([EVIL, portal('e2', ['http://evilgov.cn'])], granted)).toEqual([]);
    expect(missingOrigins(EVIL, granted)).toEqual(['http://gov.cn.evil.com/*']);
  });

  it('a narrower wildcard grant covers a narrower wildcard portal but not a broader one', () => {
    const gd = portal('all-gd', ['*.gd.gov.cn']);
    const all = portal('all', ['*.gov.cn']);
    expect(observedOrigins([gd, all], ['*://*.gd.gov.cn/*'])).toEqual(['*://*.gd.gov.cn/*']);
    expect(observedOrigins([gd, all], ['*://*.gov.cn/*'])).toEqual(['*://*.gd.gov.cn/*', '*://*.gov.cn/*']);
  });

  it('an https-only wildcard grant covers https portals but not http or both-scheme ones', () => {
    const portals = [portal('s', ['https://s.gov.cn']), portal('p', ['http://p.gov.cn']), portal('any', ['any.gov.cn'])];
    expect(observedOrigins(portals, ['https://*.gov.cn/*'])).toEqual(['https://s.gov.cn/*']);
  });

  it('ports and path prefixes never split an origin (access is per origin; the matcher filters them)', () => {
    expect(observedOrigins([OA], ['http://10.1.2.3/*'])).toEqual(['http://10.1.2.3/*']);
  });

  // Firefox lets the user switch on "access your data for all websites": the browser then runs our script
  // everywhere, so no portal may keep asking for access it already has.
  it('the all-sites grants http://*/* + https://*/* cover every portal', () => {
    const granted = ['http://*/*', 'https://*/*'];
    expect(observedOrigins([GD, OA, TOWN], granted)).toEqual(['*://town.gov.cn/*', 'http://10.1.2.3/*', 'https://zwfw.gd.gov.cn/*']);
    expect(missingOrigins(TOWN, granted)).toEqual([]);
  });
});

describe('missingOrigins', () => {
  it('lists the origins of a portal that are not granted, and nothing once they are', () => {
    const two = portal('two', ['https://one.example.cn', 'http://two.example.cn:8080']);
    expect(missingOrigins(two, [])).toEqual(['https://one.example.cn/*', 'http://two.example.cn/*']);
    expect(missingOrigins(two, ['https://one.example.cn/*'])).toEqual(['http://two.example.cn/*']);
    expect(missingOrigins(two, ['https://one.example.cn/*', 'http://two.example.cn/*'])).toEqual([]);
  });

  it('an origin covered by a wildcard grant is not missing', () => {
    expect(missingOrigins(TOWN, ['*://*.gov.cn/*'])).toEqual([]);
    expect(missingOrigins(GD, ['https://*.gd.gov.cn/*'])).toEqual([]);
    expect(missingOrigins(TOWN, ['http://*.gov.cn/*'])).toEqual(['*://town.gov.cn/*']);
  });

  it('agrees with observedOrigins: a portal is observed exactly where nothing is missing', () => {
    const portals = [GD, OA, TOWN, EVIL, portal('a', ['http://a.gov.cn'])];
    const granted = ['*://*.gov.cn/*', 'http://10.1.2.3/*'];
    const observed = new Set(observedOrigins(portals, granted));
    for (const p of portals) {
      const missing = missingOrigins(p, granted);
      for (const p2 of p.patterns) {
        const origin = `${p2.scheme}://${p2.host}/*`;
        expect(observed.has(origin), origin).toBe(!missing.includes(origin));
      }
    }
  });
});

describe('releasableOrigins', () => {
  it('hands back the origins of a removed portal', () => {
    expect(releasableOrigins([GD, TOWN], [TOWN])).toEqual(['https://zwfw.gd.gov.cn/*']);
    expect(releasableOrigins([GD, OA, TOWN], [])).toEqual(['*://town.gov.cn/*', 'http://10.1.2.3/*', 'https://zwfw.gd.gov.cn/*']);
  });

  it('keeps an origin another remaining portal still needs (same host, other port or path)', () => {
    const oa2 = portal('oa-2', ['http://10.1.2.3:7070/hr']);
    expect(releasableOrigins([OA, oa2], [oa2])).toEqual([]);
    const gdHelp = portal('gd-help', ['https://zwfw.gd.gov.cn/help']);
    expect(releasableOrigins([GD, gdHelp, TOWN], [gdHelp])).toEqual(['*://town.gov.cn/*']);
  });

  it('after a merge the absorbed portal’s origins are still needed by the merged portal', () => {
    const merged: Portal = { ...TOWN, patterns: [...TOWN.patterns, ...GD.patterns] };
    expect(releasableOrigins([GD, TOWN], [merged])).toEqual([]);
  });

  it('a rename releases nothing', () => {
    expect(releasableOrigins([GD, TOWN], [GD, { ...TOWN, name: 'renamed' }])).toEqual([]);
  });
});
