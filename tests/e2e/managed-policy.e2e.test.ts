import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PORTAL_HOSTS, type PortalServer, startPortalServer } from '../portals/server';
import { launch, observedFrameUrls, type Session, settlesAt, stable, until } from './harness';
import { visitsSettleAt } from './pages';

// Story: an office pushes its catalog by browser policy and locks the list. The cadre sees every value that
// came from policy marked as such (配置来源), cannot change the list, and the catalog portal is observed.
describe('office policy through Chromium\'s managed policy folder', () => {
  let server: PortalServer;
  let session: Session;

  beforeAll(async () => {
    server = await startPortalServer();
    session = await launch({
      grantOrigins: [`http://${PORTAL_HOSTS.zwfw}/*`],
      policy: {
        catalog: [
          {
            id: 'zwfw',
            name: '一体化政务服务平台',
            department: '县政务服务数据管理局',
            patterns: [`http://${PORTAL_HOSTS.zwfw}:${server.httpPort}`],
            tags: [{ pathPrefix: '/checkin', tag: 'check-in' }],
          },
          { id: 'Bad Id', name: 'dropped', patterns: ['zwfw.sim.gov.cn'] },
        ],
        lockPortalList: true,
        campaign: '2026-q4',
        reportEndpoint: `https://${PORTAL_HOSTS.collector}/receiver`,
      },
    });
  });
  afterAll(async () => {
    await session?.close();
    await server?.close();
  });

  it('shows each policy value in 配置来源, marked as from policy, with the list locked', async () => {
    const settings = await session.openExtensionPage('dashboard.html#settings');
    const sources = settings.getByTestId('policy-sources');
    await sources.waitFor();
    await expect.poll(() => settings.getByTestId('policy-catalog').innerText()).toContain('1');
    expect(await settings.getByTestId('policy-catalog').innerText()).toContain('来自单位策略');
    expect(await settings.getByTestId('policy-lock').innerText()).toContain('已锁定');
    expect(await settings.getByTestId('policy-campaign').innerText()).toContain('2026-q4');
    expect(await settings.getByTestId('policy-endpoint').innerText()).toContain(`https://${PORTAL_HOSTS.collector}/receiver`);
    // The malformed catalog entry is ignored and said so, not silently half-applied.
    expect(await settings.getByTestId('policy-problems').innerText()).toContain('2');

    expect(await settings.getByTestId('list-locked').isVisible()).toBe(true);
    expect(await settings.getByTestId('portal-source-zwfw').innerText()).toBe('单位配置');
    expect(await settings.getByTestId('add-portal-form').count()).toBe(0);
    expect(await settings.getByTestId('portal-remove-zwfw').count()).toBe(0);
    expect(await settings.getByTestId('portal-rename-zwfw').count()).toBe(0);
  });

  it('refuses list edits from any extension page while locked', async () => {
    const page = await session.openExtensionPage('popup.html');
    const reply = await page.evaluate(() =>
      (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome.runtime.sendMessage({
        type: 'portals.add',
        payload: { portals: [{ name: 'x', patterns: [{ scheme: 'https', host: 'x.gov.cn' }], source: 'user' }] },
      }),
    );
    expect(reply).toEqual({ ok: false, error: 'locked' });
  });

  it('observes the catalog portal once its access is granted', async () => {
    const tab = await session.context.newPage();
    await tab.goto(server.url(PORTAL_HOSTS.zwfw, '/app/form'));
    await visitsSettleAt(session, 'zwfw', 1);
  });

  it('a check-in page counts its visit and its active minutes under the catalog\'s check-in tag', async () => {
    const page = await session.context.newPage();
    await page.goto(server.url(PORTAL_HOSTS.zwfw, '/checkin/'));
    await until(() => observedFrameUrls(page), (urls) => urls.length > 0);
    await page.bringToFront();
    // Real time is the thing measured: four seconds of a cadre moving the mouse on the page.
    for (let i = 0; i < 8; i++) {
      await page.mouse.move(50 + i * 10, 50 + i * 5);
      await new Promise((r) => setTimeout(r, 500));
    }
    // The page closed, nothing counts any more and the figures can stand still.
    await page.close();
    // Each reading opens the overview afresh, as the cadre would.
    const read = async () => {
      const view = await session.openExtensionPage('dashboard.html#overview');
      const tag = view.getByTestId('tag-row-zwfw-check-in');
      await tag.waitFor();
      const figures = { visits: Number(await tag.getAttribute('data-visits')), activeMs: Number(await tag.getAttribute('data-active-ms')) };
      await view.close();
      return figures;
    };
    await settlesAt(async () => (await read()).visits, 1);
    const { activeMs } = await stable(read);
    expect(activeMs).toBeGreaterThanOrEqual(2000);
    expect(activeMs).toBeLessThanOrEqual(10_000);
  });
});
