import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Portal } from '../../../../core/portals/portal';
import { CONFIG_KEYS, createLocalConfig, parseLocalConfig, type LocalConfig } from '../../../../storage/config/local-config';

const DEFAULTS: LocalConfig = { userPortals: [], paused: false, idleThresholdSec: 120, welcomeDone: false, portalSnapshot: [] };

const GD: Portal = {
  id: 'gd-zwfw',
  name: '广东政务服务网',
  department: '省政务服务数据管理局',
  patterns: [{ scheme: 'https', host: 'zwfw.gd.gov.cn', pathPrefix: '/app' }],
  tags: [{ pathPrefix: '/checkin', tag: 'check-in' }],
  source: 'policy',
};
const OA: Portal = { id: '10-1-2-3', name: 'OA', patterns: [{ scheme: 'http', host: '10.1.2.3', port: 8080 }], source: 'user' };
const ALL: Portal = { id: 'all-gov-cn', name: '所有 gov.cn', patterns: [{ scheme: '*', host: '*.gov.cn', port: '*' }], source: 'preset' };

describe('parseLocalConfig', () => {
  it('a fresh install (nothing stored) reads as: no portals, not paused, welcome not done', () => {
    expect(parseLocalConfig({})).toEqual(DEFAULTS);
  });

  it('reads back well-formed values unchanged', () => {
    expect(
      parseLocalConfig({ userPortals: [OA, ALL], paused: true, welcomeDone: true, portalSnapshot: [GD, OA, ALL] }),
    ).toEqual({ ...DEFAULTS, userPortals: [OA, ALL], paused: true, welcomeDone: true, portalSnapshot: [GD, OA, ALL] });
  });

  it.each<[string, unknown]>([
    ['a string', 'gd-zwfw'],
    ['an object', { 0: OA }],
    ['a number', 3],
    ['null', null],
  ])('userPortals that is %s falls back to [] instead of throwing', (_label, value) => {
    const config = parseLocalConfig({ userPortals: value, paused: true });
    expect(config.userPortals).toEqual([]);
    expect(config.paused).toBe(true);
  });

  // One damaged entry must not empty the list: the next edit would write the shortened list back.
  it.each<[string, unknown]>([
    ['a portal missing its patterns', { id: 'x', name: 'X', source: 'user' }],
    ['a portal with a key this version does not know', { ...OA, id: 'newer', color: 'red' }],
    ['a portal with a non-canonical host', { ...OA, id: 'upper', patterns: [{ scheme: 'https', host: 'X.GOV.CN' }] }],
    ['a portal with a bad id', { ...OA, id: 'Not An Id' }],
  ])('a list containing %s keeps every valid portal and drops only that one', (_label, bad) => {
    expect(parseLocalConfig({ userPortals: [OA, bad, ALL] }).userPortals).toEqual([OA, ALL]);
    expect(parseLocalConfig({ portalSnapshot: [GD, bad] }).portalSnapshot).toEqual([GD]);
  });

  it('a portal saved before portals had a source is kept as the cadre\'s own', () => {
    const { source: _source, ...legacy } = OA;
    expect(parseLocalConfig({ userPortals: [legacy] }).userPortals).toEqual([{ ...OA, source: 'user' }]);
  });

  it('a damaged userPortals does not affect the snapshot, and vice versa', () => {
    expect(parseLocalConfig({ userPortals: 'junk', portalSnapshot: [GD] })).toEqual({ ...DEFAULTS, portalSnapshot: [GD] });
    expect(parseLocalConfig({ userPortals: [OA], portalSnapshot: [{}] })).toEqual({ ...DEFAULTS, userPortals: [OA] });
  });

  it.each<[unknown]>([['true'], [1], ['yes'], [{}], [null]])(
    'only the boolean true pauses or marks the welcome done, not %j',
    (value) => {
      expect(parseLocalConfig({ paused: value, welcomeDone: value })).toEqual(DEFAULTS);
    },
  );

  it('ignores unknown keys', () => {
    expect(parseLocalConfig({ somethingOld: [1, 2], 'v0.userPortals': [OA] })).toEqual(DEFAULTS);
  });
});

describe('createLocalConfig over browser.storage.local', () => {
  const store = () => createLocalConfig(fakeBrowser.storage.local);

  it('reads the defaults from an empty store', async () => {
    expect(await store().read()).toEqual(DEFAULTS);
  });

  it('round-trips every value', async () => {
    const config = store();
    await config.setUserPortals([OA, ALL]);
    await config.setPaused(true);
    await config.setWelcomeDone();
    await config.setSnapshot([GD, OA, ALL]);
    expect(await config.read()).toEqual({ ...DEFAULTS, userPortals: [OA, ALL], paused: true, welcomeDone: true, portalSnapshot: [GD, OA, ALL] });
    // A second store over the same area (another context: the observer, a page) sees the same thing.
    expect(await store().read()).toEqual(await config.read());
  });

  it('each setter changes only its own key', async () => {
    const config = store();
    await config.setUserPortals([OA]);
    await config.setSnapshot([GD]);
    await config.setPaused(true);
    await config.setPaused(false);
    expect(await config.read()).toEqual({ ...DEFAULTS, userPortals: [OA], portalSnapshot: [GD] });
    await config.setUserPortals([]);
    expect((await config.read()).portalSnapshot).toEqual([GD]);
  });

  it('stores under the documented key names the portal observer reads', async () => {
    const config = store();
    await config.setUserPortals([OA]);
    await config.setPaused(true);
    await config.setWelcomeDone();
    await config.setSnapshot([GD]);
    const raw = await fakeBrowser.storage.local.get(null);
    expect(raw).toEqual({
      [CONFIG_KEYS.userPortals]: [OA],
      [CONFIG_KEYS.paused]: true,
      [CONFIG_KEYS.welcomeDone]: true,
      [CONFIG_KEYS.portalSnapshot]: [GD],
    });
    expect(CONFIG_KEYS).toEqual({
      userPortals: 'userPortals',
      paused: 'paused',
      idleThresholdSec: 'idleThresholdSec',
      welcomeDone: 'welcomeDone',
      portalSnapshot: 'portalSnapshot',
    });
  });

  it('a damaged value written by someone else reads as its default, the rest intact', async () => {
    await fakeBrowser.storage.local.set({ userPortals: { broken: true }, paused: 'yes', welcomeDone: true, portalSnapshot: [OA] });
    expect(await store().read()).toEqual({ ...DEFAULTS, welcomeDone: true, portalSnapshot: [OA] });
  });

  it('setter changes are announced through storage.onChanged (how observers follow the pause switch)', async () => {
    const seen: Record<string, unknown>[] = [];
    fakeBrowser.storage.local.onChanged.addListener((changes) => {
      seen.push(Object.fromEntries(Object.entries(changes).map(([k, c]) => [k, c.newValue])));
    });
    await store().setPaused(true);
    expect(seen).toEqual([{ paused: true }]);
  });
});

describe('idle threshold', () => {
  it.each<[unknown, number]>([
    [undefined, 120],
    ['90', 120],
    [Number.NaN, 120],
    [10, 30],
    [30, 30],
    [45.4, 45],
    [600, 600],
    [3600, 600],
  ])('a stored %j is read as %i seconds (DESIGN.md: 30–600, default 120)', (stored, seconds) => {
    expect(parseLocalConfig({ idleThresholdSec: stored }).idleThresholdSec).toBe(seconds);
  });

  it('is clamped when saved too', async () => {
    const config = createLocalConfig(fakeBrowser.storage.local);
    await config.setIdleThreshold(5);
    expect((await config.read()).idleThresholdSec).toBe(30);
  });
});
