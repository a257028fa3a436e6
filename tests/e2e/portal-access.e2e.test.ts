import { afterEach, describe, expect, it } from 'vitest';
import { PORTAL_HOSTS, type PortalServer, startPortalServer } from '../portals/server';
import { builtManifest, launch, observedFrameUrls, type Session, stable, until } from './harness';
import { addPortalInSettings, grantedOrigins, todayVisits, visitsSettleAt } from './pages';

// Story: a cadre chooses portals one by one. Only chosen portals are observed, already-open tabs included,
// a path-prefix portal only under its prefix, and a removed portal stops being observed and loses access.
// Each test starts its own browser, so each can run alone and in any order.
describe('portal list and per-origin access', () => {
  let server: PortalServer | undefined;
  let session: Session | undefined;
  const zwfwOrigin = `http://${PORTAL_HOSTS.zwfw}/*`;
  const spaOrigin = `http://${PORTAL_HOSTS.spa}/*`;

  async function start() {
    server = await startPortalServer();
    // The cadre's "allow" click, done ahead: a permission prompt never settles in headless Chromium.
    session = await launch({ grantOrigins: [zwfwOrigin, spaOrigin] });
    return { server, session };
  }
  afterEach(async () => {
    await session?.close();
    await server?.close();
    session = server = undefined;
  });

  it('observes nothing before a portal is chosen, then reaches a tab that was already open, in every frame', async () => {
    const { server, session } = await start();
    const tab = await session.context.newPage();
    await tab.goto(server.url(PORTAL_HOSTS.zwfw, '/app/frames.html'));
    await tab.waitForLoadState('load');
    expect(await observedFrameUrls(tab)).toEqual([]);
    expect(await todayVisits(session)).toEqual({});

    await addPortalInSettings(session, `http://${PORTAL_HOSTS.zwfw}:${server.httpPort}`, '政务服务网');

    const frames = await until(() => observedFrameUrls(tab), (urls) => urls.length >= 3);
    expect(frames).toContain(server.url(PORTAL_HOSTS.zwfw, '/app/frames.html'));
    expect(frames).toContain(server.url(PORTAL_HOSTS.zwfw, '/app/frame-child.html'));
    expect(frames.filter((u) => u.startsWith('about:'))).not.toEqual([]);
    await visitsSettleAt(session, 'zwfw-sim-gov-cn', 1);

    // A fresh load is observed through the registered script, not only through the one-off injection.
    await tab.reload();
    await visitsSettleAt(session, 'zwfw-sim-gov-cn', 2);
  });

  it('never observes an unlisted government site or a look-alike', async () => {
    const { server, session } = await start();
    await (await addPortalInSettings(session, `http://${PORTAL_HOSTS.zwfw}:${server.httpPort}`, '政务服务网')).close();
    for (const host of [PORTAL_HOSTS.upload, PORTAL_HOSTS.lookalike, PORTAL_HOSTS.spa]) {
      const tab = await session.context.newPage();
      await tab.goto(server.url(host, '/'));
      await tab.waitForLoadState('load');
      expect(await observedFrameUrls(tab), host).toEqual([]);
      await tab.close();
    }
    expect(await stable(() => todayVisits(session))).toEqual({});
  });

  it('observes a path-prefix portal only under its prefix', async () => {
    const { server, session } = await start();
    await addPortalInSettings(session, `http://${PORTAL_HOSTS.spa}:${server.httpPort}/spa/apply`, '申报系统');
    const tab = await session.context.newPage();
    await tab.goto(server.url(PORTAL_HOSTS.spa, '/spa/apply/form'));
    await visitsSettleAt(session, 'spa-sim-gov-cn', 1);
    await tab.goto(server.url(PORTAL_HOSTS.spa, '/spa/applying'));
    await tab.goto(server.url(PORTAL_HOSTS.spa, '/spa/list'));
    await tab.goto(server.url(PORTAL_HOSTS.spa, '/spa/apply'));
    await visitsSettleAt(session, 'spa-sim-gov-cn', 2);
    await tab.close();
  });

  it('stops observing a removed portal, hands its access back and keeps exactly the others\'', async () => {
    const { server, session } = await start();
    await (await addPortalInSettings(session, `http://${PORTAL_HOSTS.spa}:${server.httpPort}/spa/apply`, '申报系统')).close();
    const settings = await addPortalInSettings(session, `http://${PORTAL_HOSTS.zwfw}:${server.httpPort}`, '政务服务网');
    settings.once('dialog', (d) => d.accept());
    await settings.getByTestId('portal-remove-zwfw-sim-gov-cn').click();
    await settings.getByTestId('portal-row-zwfw-sim-gov-cn').waitFor({ state: 'detached' });
    await until(() => grantedOrigins(session), (o) => !o.includes(zwfwOrigin));
    expect(await grantedOrigins(session)).toEqual([spaOrigin]);

    const tab = await session.context.newPage();
    await tab.goto(server.url(PORTAL_HOSTS.zwfw, '/app/frames.html'));
    await tab.waitForLoadState('load');
    expect(await observedFrameUrls(tab)).toEqual([]);
  });

  it('asks for no host access in the manifest and declares no content script', () => {
    const manifest = builtManifest() as { host_permissions?: string[]; content_scripts?: unknown[] };
    expect(manifest.host_permissions ?? []).toEqual([]);
    expect(manifest.content_scripts ?? []).toEqual([]);
  });
});
