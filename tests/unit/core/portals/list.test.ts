import { describe, expect, it } from 'vitest';
import { EMPTY_POLICY, type ManagedPolicy } from '../../../../core/contracts/managed-policy';
import { portalSchema, type Portal, type PortalPattern, type PortalSource } from '../../../../core/portals/portal';
import {
  addPortals,
  effectivePortals,
  mergePortals,
  portalIdFor,
  removePortal,
  renamePortal,
  type PortalEdit,
} from '../../../../core/portals/list';
import { matchUrl } from '../../../../core/portals/match';
import { formatPattern, parsePatternInput } from '../../../../core/portals/pattern';
import { ALL_GOV_CN } from '../../../../core/portals/presets';

function pattern(text: string): PortalPattern {
  const parsed = parsePatternInput(text);
  if (!parsed.ok) throw new Error(`bad pattern in test: ${text} (${parsed.error})`);
  return parsed.pattern;
}

function portal(id: string, patterns: string[], source: PortalSource = 'user', name = id): Portal {
  return { id, name, patterns: patterns.map(pattern), source };
}

function policy(catalog: Portal[], lockPortalList = false): ManagedPolicy {
  return { ...EMPTY_POLICY, catalog, lockPortalList };
}

function portalsOf(edit: PortalEdit): Portal[] {
  if (!edit.ok) throw new Error(`edit refused: ${edit.error}`);
  return edit.portals;
}

const ids = (portals: readonly Portal[]) => portals.map((p) => p.id);
const addresses = (p: Portal | undefined) => p?.patterns.map(formatPattern);

const CATALOG = [portal('gd-zwfw', ['zwfw.gd.gov.cn'], 'policy'), portal('oa', ['http://10.1.2.3:8080/app'], 'policy')];
const MINE = [portal('xuexi', ['https://www.xuexi.cn'], 'preset'), portal('my-oa', ['oa.town.gov.cn'], 'user')];

describe('effectivePortals', () => {
  it('puts the office catalog first, then the cadre’s own portals, in order', () => {
    expect(ids(effectivePortals(policy(CATALOG), MINE))).toEqual(['gd-zwfw', 'oa', 'xuexi', 'my-oa']);
  });

  it('with no policy the list is exactly the cadre’s portals', () => {
    expect(effectivePortals(EMPTY_POLICY, MINE)).toEqual(MINE);
  });

  it('a locked list hides the cadre’s portals: their pages are no longer tracked', () => {
    const locked = effectivePortals(policy(CATALOG, true), MINE);
    expect(ids(locked)).toEqual(['gd-zwfw', 'oa']);
    expect(matchUrl('https://www.xuexi.cn/', locked).tracked).toBe(false);
    expect(matchUrl('https://zwfw.gd.gov.cn/', locked).tracked).toBe(true);
  });

  it('lifting the lock brings the set-aside portals back (they were not deleted)', () => {
    effectivePortals(policy(CATALOG, true), MINE);
    expect(ids(effectivePortals(policy(CATALOG, false), MINE))).toEqual(['gd-zwfw', 'oa', 'xuexi', 'my-oa']);
    expect(ids(MINE)).toEqual(['xuexi', 'my-oa']);
  });

  it('a cadre portal whose id the catalog now uses is hidden; the catalog’s version wins', () => {
    const clash = portal('oa', ['oa.old.gov.cn'], 'user', 'My old OA');
    const list = effectivePortals(policy(CATALOG), [clash, ...MINE]);
    expect(ids(list)).toEqual(['gd-zwfw', 'oa', 'xuexi', 'my-oa']);
    expect(list.find((p) => p.id === 'oa')?.source).toBe('policy');
    expect(matchUrl('https://oa.old.gov.cn/', list).tracked).toBe(false);
  });

  it('returns a new array, so editing it does not edit the catalog', () => {
    const catalog = [...CATALOG];
    const list = effectivePortals(policy(catalog, true), MINE);
    list.pop();
    expect(catalog).toHaveLength(2);
  });
});

describe('portalIdFor', () => {
  it.each<[string, string]>([
    ['zwfw.gd.gov.cn', 'zwfw-gd-gov-cn'],
    ['http://10.1.2.3:8080/app', '10-1-2-3'],
    ['*.gov.cn', 'all-gov-cn'],
    ['[::1]:8080', '1'],
    ['例子.政务.cn', 'xn-fsqu00a-xn-zfr164b-cn'],
  ])('derives a readable id from %s → %s', (text, id) => {
    expect(portalIdFor(pattern(text), new Set())).toBe(id);
  });

  it('adds -2, -3 … while the id is taken', () => {
    const p = pattern('zwfw.gd.gov.cn');
    expect(portalIdFor(p, new Set(['zwfw-gd-gov-cn']))).toBe('zwfw-gd-gov-cn-2');
    expect(portalIdFor(p, new Set(['zwfw-gd-gov-cn', 'zwfw-gd-gov-cn-2']))).toBe('zwfw-gd-gov-cn-3');
  });

  it('always yields an id the portal schema accepts, even for the longest host', () => {
    const longHost = `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.gov.cn`;
    const p = pattern(longHost);
    const taken = new Set<string>();
    for (let i = 0; i < 12; i++) {
      const id = portalIdFor(p, taken);
      taken.add(id);
      expect(portalSchema.shape.id.safeParse(id).success, id).toBe(true);
    }
    expect(taken.size).toBe(12);
  });
});

describe('addPortals', () => {
  it('adds a typed site with an id derived from its host, trimmed name, as the given source', () => {
    const next = portalsOf(addPortals(MINE, [{ name: '  广东政务  ', patterns: [pattern('zwfw.gd.gov.cn')], source: 'user' }], EMPTY_POLICY));
    expect(next.slice(0, 2)).toEqual(MINE);
    expect(next[2]).toEqual({ id: 'zwfw-gd-gov-cn', name: '广东政务', patterns: [pattern('zwfw.gd.gov.cn')], source: 'user' });
    expect(portalSchema.safeParse(next[2]).success).toBe(true);
  });

  it('does not change the list it was given', () => {
    const current = [...MINE];
    addPortals(current, [{ name: 'x', patterns: [pattern('x.gov.cn')], source: 'user' }], EMPTY_POLICY);
    expect(current).toEqual(MINE);
  });

  it('keeps a requested id (presets) when it is free', () => {
    const next = portalsOf(addPortals([], [{ id: 'gdzwfw', name: 'GD', patterns: [pattern('https://www.gdzwfw.gov.cn')], source: 'preset' }], EMPTY_POLICY));
    expect(ids(next)).toEqual(['gdzwfw']);
  });

  it('"all sites under gov.cn" becomes all-gov-cn', () => {
    const next = portalsOf(addPortals([], [{ name: '所有 gov.cn', patterns: [pattern('*.gov.cn')], source: 'user' }], EMPTY_POLICY));
    expect(ids(next)).toEqual(['all-gov-cn']);
    const preset = portalsOf(
      addPortals([], [{ name: 'x', patterns: ALL_GOV_CN.patterns, source: 'preset' }], EMPTY_POLICY),
    );
    expect(ids(preset)).toEqual(['all-gov-cn']);
  });

  it('suffixes -2 when the derived id is already used by a cadre portal', () => {
    const current = [portal('zwfw-gd-gov-cn', ['https://zwfw.gd.gov.cn'])];
    const next = portalsOf(addPortals(current, [{ name: 'http side', patterns: [pattern('http://zwfw.gd.gov.cn')], source: 'user' }], EMPTY_POLICY));
    expect(ids(next)).toEqual(['zwfw-gd-gov-cn', 'zwfw-gd-gov-cn-2']);
  });

  it('never reuses a catalog id, even when asked to, so the new portal is not hidden by the catalog', () => {
    const office = policy([portal('zwfw-gd-gov-cn', ['https://zwfw.gd.gov.cn'], 'policy'), portal('gdzwfw', ['gdzwfw.gov.cn'], 'policy')]);
    const next = portalsOf(
      addPortals(
        [],
        [
          { name: 'a', patterns: [pattern('http://zwfw.gd.gov.cn')], source: 'user' },
          { id: 'gdzwfw', name: 'b', patterns: [pattern('https://www.gdzwfw.gov.cn')], source: 'preset' },
        ],
        office,
      ),
    );
    expect(ids(next)).toEqual(['zwfw-gd-gov-cn-2', 'www-gdzwfw-gov-cn']);
    expect(ids(effectivePortals(office, next))).toEqual(['zwfw-gd-gov-cn', 'gdzwfw', 'zwfw-gd-gov-cn-2', 'www-gdzwfw-gov-cn']);
  });

  it('gives distinct ids to several additions of the same host in one batch', () => {
    const next = portalsOf(
      addPortals(
        [],
        [
          { name: 'a', patterns: [pattern('http://a.gov.cn')], source: 'user' },
          { name: 'b', patterns: [pattern('https://a.gov.cn')], source: 'user' },
          { name: 'c', patterns: [pattern('a.gov.cn:8080')], source: 'user' },
        ],
        EMPTY_POLICY,
      ),
    );
    expect(ids(next)).toEqual(['a-gov-cn', 'a-gov-cn-2', 'a-gov-cn-3']);
  });

  it('refuses an address the list already tracks (user portal or catalog) as duplicate', () => {
    const office = policy(CATALOG);
    expect(addPortals(MINE, [{ name: 'x', patterns: [pattern('oa.town.gov.cn')], source: 'user' }], office)).toEqual({ ok: false, error: 'duplicate' });
    expect(addPortals(MINE, [{ name: 'x', patterns: [pattern('ZWFW.gd.gov.cn')], source: 'user' }], office)).toEqual({ ok: false, error: 'duplicate' });
    expect(addPortals(MINE, [{ name: 'x', patterns: [pattern('http://10.1.2.3:8080/app/')], source: 'user' }], office)).toEqual({
      ok: false,
      error: 'duplicate',
    });
  });

  it('refuses a batch whose second addition repeats the first one’s address, adding nothing', () => {
    const edit = addPortals(
      MINE,
      [
        { name: 'a', patterns: [pattern('new.gov.cn')], source: 'user' },
        { name: 'b', patterns: [pattern('new.gov.cn')], source: 'user' },
      ],
      EMPTY_POLICY,
    );
    expect(edit).toEqual({ ok: false, error: 'duplicate' });
  });

  it('keeps only the new addresses of a portal that partly overlaps the list', () => {
    const next = portalsOf(
      addPortals(MINE, [{ id: 'xuexi2', name: '学习强国', patterns: [pattern('https://www.xuexi.cn'), pattern('https://pc.xuexi.cn')], source: 'preset' }], EMPTY_POLICY),
    );
    expect(addresses(next.at(-1))).toEqual(['https://pc.xuexi.cn']);
    // The id then comes from the first address actually added.
    expect(next.at(-1)?.id).toBe('xuexi2');
  });

  it('treats other schemes, ports and prefixes on the same host as different addresses', () => {
    const current = [portal('a', ['https://a.gov.cn'])];
    for (const text of ['http://a.gov.cn', 'a.gov.cn', 'https://a.gov.cn:8443', 'https://a.gov.cn/app', '*.a.gov.cn']) {
      expect(addPortals(current, [{ name: 'x', patterns: [pattern(text)], source: 'user' }], EMPTY_POLICY).ok, text).toBe(true);
    }
  });

  it('refuses everything when the office has locked the list', () => {
    expect(addPortals([], [{ name: 'x', patterns: [pattern('new.gov.cn')], source: 'user' }], policy(CATALOG, true))).toEqual({
      ok: false,
      error: 'locked',
    });
  });

  it.each(['', '   ', '\n\t', 'x'.repeat(101)])('refuses the name %j as invalid-name', (name) => {
    expect(addPortals([], [{ name, patterns: [pattern('new.gov.cn')], source: 'user' }], EMPTY_POLICY)).toEqual({
      ok: false,
      error: 'invalid-name',
    });
  });

  it('accepts a 100-character name, and one padded with spaces around it', () => {
    const name = '名'.repeat(100);
    const next = portalsOf(addPortals([], [{ name: `  ${name}  `, patterns: [pattern('new.gov.cn')], source: 'user' }], EMPTY_POLICY));
    expect(next[0]?.name).toBe(name);
  });
});

describe('renamePortal', () => {
  it('renames only that portal, trimmed, keeping its place and addresses', () => {
    const next = portalsOf(renamePortal(MINE, 'my-oa', '  镇 OA ', EMPTY_POLICY));
    expect(next).toEqual([MINE[0], { ...MINE[1], name: '镇 OA' }]);
    expect(MINE[1]?.name).toBe('my-oa');
  });

  it.each(['', '  ', 'x'.repeat(101)])('refuses the name %j', (name) => {
    expect(renamePortal(MINE, 'my-oa', name, EMPTY_POLICY)).toEqual({ ok: false, error: 'invalid-name' });
  });

  it('refuses an unknown id, a catalog portal, and anything while locked', () => {
    expect(renamePortal(MINE, 'nope', 'x', EMPTY_POLICY)).toEqual({ ok: false, error: 'not-found' });
    expect(renamePortal(MINE, 'oa', 'x', policy(CATALOG))).toEqual({ ok: false, error: 'from-policy' });
    expect(renamePortal(MINE, 'my-oa', 'x', policy(CATALOG, true))).toEqual({ ok: false, error: 'locked' });
  });
});

describe('removePortal', () => {
  it('removes exactly that portal', () => {
    expect(portalsOf(removePortal(MINE, 'xuexi', EMPTY_POLICY))).toEqual([MINE[1]]);
    expect(MINE).toHaveLength(2);
  });

  it('its address can be added again afterwards', () => {
    const next = portalsOf(removePortal(MINE, 'xuexi', EMPTY_POLICY));
    expect(addPortals(next, [{ name: 'again', patterns: [pattern('https://www.xuexi.cn')], source: 'user' }], EMPTY_POLICY).ok).toBe(true);
  });

  it('refuses an unknown id, a catalog portal (even if a hidden user portal shares its id), and anything while locked', () => {
    expect(removePortal(MINE, 'nope', EMPTY_POLICY)).toEqual({ ok: false, error: 'not-found' });
    expect(removePortal([...MINE, portal('oa', ['oa.old.gov.cn'])], 'oa', policy(CATALOG))).toEqual({ ok: false, error: 'from-policy' });
    expect(removePortal(MINE, 'xuexi', policy(CATALOG, true))).toEqual({ ok: false, error: 'locked' });
  });
});

describe('mergePortals', () => {
  const three = [portal('a', ['a.gov.cn'], 'user', 'A'), portal('b', ['https://b.gov.cn', 'b.gov.cn:8080'], 'preset', 'B'), portal('c', ['c.gov.cn'])];

  it('unites the addresses into `into`, keeps its name, id, source and place, and drops `from`', () => {
    const next = portalsOf(mergePortals(three, 'a', 'b', EMPTY_POLICY));
    expect(ids(next)).toEqual(['b', 'c']);
    expect(next[0]).toMatchObject({ id: 'b', name: 'B', source: 'preset' });
    expect(addresses(next[0])).toEqual(['https://b.gov.cn', 'b.gov.cn:8080', 'a.gov.cn']);
  });

  it('after merging, the absorbed portal’s pages are tracked as `into`', () => {
    const next = portalsOf(mergePortals(three, 'c', 'a', EMPTY_POLICY));
    const r = matchUrl('https://c.gov.cn/x', next);
    expect(r.tracked && r.portalId).toBe('a');
  });

  it('refuses merging a portal into itself', () => {
    expect(mergePortals(three, 'a', 'a', EMPTY_POLICY)).toEqual({ ok: false, error: 'same-portal' });
  });

  it('refuses when either side comes from the office catalog', () => {
    const office = policy([portal('gd', ['zwfw.gd.gov.cn'], 'policy')]);
    expect(mergePortals(three, 'gd', 'a', office)).toEqual({ ok: false, error: 'from-policy' });
    expect(mergePortals(three, 'a', 'gd', office)).toEqual({ ok: false, error: 'from-policy' });
  });

  it('refuses unknown ids and anything while locked', () => {
    expect(mergePortals(three, 'zzz', 'a', EMPTY_POLICY)).toEqual({ ok: false, error: 'not-found' });
    expect(mergePortals(three, 'a', 'zzz', EMPTY_POLICY)).toEqual({ ok: false, error: 'not-found' });
    expect(mergePortals(three, 'a', 'b', policy([], true))).toEqual({ ok: false, error: 'locked' });
  });

  it('does not change the list it was given', () => {
    mergePortals(three, 'a', 'b', EMPTY_POLICY);
    expect(ids(three)).toEqual(['a', 'b', 'c']);
    expect(three[1]?.patterns).toHaveLength(2);
  });
});
