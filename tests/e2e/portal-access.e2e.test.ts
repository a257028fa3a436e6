import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PORTAL_HOSTS, type PortalServer, startPortalServer } from '../portals/server';
import { builtManifest, eventually, launch, observedFrameUrls, type Session } from './harness';
import { addPortalInSettings, grantedOrigins, todayVisits, visitsOf } from './pages';

// Story: a cadre chooses portals one by one. Only chosen portals are observed, already-open tabs included,
// a path-prefix portal only under its prefix, and a removed portal stops being observed and loses access.
describe('portal list and per-origin access', () => {
  let server: PortalServer;
  let session: Session;
  const zwfwOrigin = `http://${PORTAL_HOSTS.zwfw}/*`;
  const spaOrigin = `http://${PORTAL_HOSTS.spa}/*`;

  beforeAll(async () => {
    server = await startPortalServer();
    // The cadre's "allow" click, done ahead: a permission prompt never settles in headless Chromium.
    session = await launch({ grantOrigins: [zwfwOrigin, spaOrigin] });
  });
  afterAll(async () => {
    await session?.close();
    await server?.close();
  });

  it('observes nothing before a portal is chosen, then reaches a tab that was already open, in every frame', async () => {
    const tab = await session.context.newPage();
    await tab.goto(server.url(PORTAL_HOSTS.zwfw, '/app/frames.html'));
    await tab.waitForLoadState('load');
    expect(await observedFrameUrls(tab)).toEqual([]);
    expect(await todayVisits(session)).toEqual({});

    await addPortalInSettings(session, `http://${PORTAL_HOSTS.zwfw}:${server.httpPort}`, '政务服务网');

    const frames = await eventually(() => observedFrameUrls(tab), (urls) => urls.length >= 3);
    expect(frames).toContain(server.url(PORTAL_HOSTS.zwfw, '/app/frames.html'));
    expect(frames).toContain(server.url(PORTAL_HOSTS.zwfw, '/app/frame-child.html'));
    expect(frames.filter((u) => u.startsWith('about:'))).not.toEqual([]);
    await visitsOf(session, 'zwfw-sim-gov-cn', (n) => n === 1);

    // A fresh load is observed through the registered script, not only through the one-off injection.
    await tab.reload();
    await visitsOf(session, 'zwfw-sim-gov-cn', (n) => n === 2);
  });

  it('never observes an unlisted government site or a look-alike', async () => {
    for (const host of [PORTAL_HOSTS.upload, PORTAL_HOSTS.lookalike, PORTAL_HOSTS.spa]) {
      const tab = await session.context.newPage();
      await tab.goto(server.url(host, '/'));
      await tab.waitForLoadState('load');
      expect(await observedFrameUrls(tab), host).toEqual([]);
      await tab.close();
    }
    expect(Object.keys(await todayVisits(session))).toEqual(['zwfw-sim-gov-cn']);
  });

  it('observes a path-prefix portal only under its prefix', async () => {
    await addPortalInSettings(session, `http://${PORTAL_HOSTS.spa}:${server.httpPort}/spa/apply`, '申报系统');
    const tab = await session.context.newPage();
    await tab.goto(server.url(PORTAL_HOSTS.spa, '/spa/apply/form'));
    await visitsOf(session, 'spa-sim-gov-cn', (n) => n === 1);
    await tab.goto(server.url(PORTAL_HOSTS.spa, '/spa/applying'));
    await tab.goto(server.url(PORTAL_HOSTS.spa, '/spa/list'));
    await tab.goto(server.url(PORTAL_HOSTS.spa, '/spa/apply'));
    await visitsOf(session, 'spa-sim-gov-cn', (n) => n === 2);
    await tab.close();
  });

  it('stops observing a removed portal and hands its access back', async () => {
    const settings = await session.openExtensionPage('dashboard.html#settings');
    settings.once('dialog', (d) => d.accept());
    await settings.getByTestId('portal-remove-zwfw-sim-gov-cn').click();
    await settings.getByTestId('portal-row-zwfw-sim-gov-cn').waitFor({ state: 'detached' });
    await eventually(() => grantedOrigins(session), (o) => !o.includes(zwfwOrigin));

    const tab = await session.context.newPage();
    await tab.goto(server.url(PORTAL_HOSTS.zwfw, '/app/frames.html'));
    await tab.waitForLoadState('load');
    expect(await observedFrameUrls(tab)).toEqual([]);
  });

  it('holds exactly the access of the listed portals and nothing broad', async () => {
    expect(await grantedOrigins(session)).toEqual([spaOrigin]);
    const manifest = builtManifest() as { host_permissions?: string[]; content_scripts?: unknown[] };
    expect(manifest.host_permissions ?? []).toEqual([]);
    expect(manifest.content_scripts ?? []).toEqual([]);
  });
});
