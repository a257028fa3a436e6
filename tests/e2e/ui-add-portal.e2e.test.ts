import * as http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { INTRANET_PREFIX, PORTAL_HOSTS, type PortalServer, startPortalServer } from '../portals/server';
import { builtManifest, launch, settlesAt, until, type Session } from './harness';
import { grantedOrigins, todayVisits } from './pages';

/**
 * Story (issue #16): a cadre adds portals the way people type them — a bare host, an intranet address with port
 * and path — and ticks "所有 gov.cn 网站" on the welcome page. Each ends measured: listed, access held, the
 * observer registered for it, and a visit counted. Headless, a permission prompt never settles, so the cadre's
 * "allow" is given ahead through the profile (harness); had the page asked for a `*://` origin the manifest does
 * not cover, the browser would refuse it even so, and the page would show the refusal instead of the portal.
 */
const BARE = 'zwfw.example.gov.cn';
const INTRANET = 'http://10.1.2.3:8080/app';

describe('adding portals as people type them', () => {
  let server: PortalServer;
  let bareSite: http.Server;
  let session: Session;

  beforeAll(async () => {
    server = await startPortalServer();
    // The bare host is served on port 80 (no port typed means the default port), mapped to this machine.
    bareSite = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<!doctype html><title>办事大厅</title><p>办事大厅</p>'));
    await new Promise<void>((resolve, reject) => bareSite.once('error', reject).listen(80, '127.0.0.1', resolve));
    session = await launch({
      hostRules: [`MAP ${BARE} 127.0.0.1`],
      grantOrigins: [
        `http://${BARE}/*`,
        `https://${BARE}/*`,
        'http://10.1.2.3/*',
        'http://127.0.0.1/*',
        'http://*.gov.cn/*',
        'https://*.gov.cn/*',
      ],
    });
  });
  afterAll(async () => {
    await session?.close();
    await server?.close();
    await new Promise((r) => bareSite?.close(r));
  });

  const registeredMatches = async (): Promise<string[]> => {
    const page = await session.openExtensionPage('popup.html');
    const matches = await page.evaluate(async () => {
      const c = (globalThis as unknown as { chrome: { scripting: { getRegisteredContentScripts(): Promise<{ id: string; matches?: string[] }[]> } } }).chrome;
      return (await c.scripting.getRegisteredContentScripts()).find((s) => s.id === 'portal-observer')?.matches ?? [];
    });
    await page.close();
    return matches.sort();
  };

  async function add(settings: Page, address: string, name: string, reading: RegExp) {
    await settings.getByTestId('add-portal-address').fill(address);
    // Read as typed, before any click: what it will measure, in words.
    expect(await settings.getByTestId('add-portal-reading').innerText()).toMatch(reading);
    await settings.getByTestId('add-portal-name').fill(name);
    await settings.getByTestId('add-portal-submit').click();
    await expect.poll(() => settings.getByTestId('add-portal-status').getAttribute('data-step'), { timeout: 10_000 }).toBe('added');
    expect(await settings.getByTestId('add-portal-error').count()).toBe(0);
    // By its name cell: the other rows' "merge into" lists name it too.
    const row = settings.locator('[data-testid^="portal-row-"]').filter({ has: settings.locator('td:first-child', { hasText: name }) });
    await row.waitFor();
    // Access held: the row says so instead of offering "allow access".
    await expect.poll(() => row.locator('[data-testid^="portal-access-"]').count()).toBe(1);
    return (await row.getAttribute('data-testid'))!.slice('portal-row-'.length);
  }

  it('a bare host (no scheme) is read as http and https, asked as both, and its visits count', async () => {
    const settings = await session.openExtensionPage('dashboard.html#settings');
    const id = await add(settings, BARE, '办事大厅', /http.+https.+zwfw\.example\.gov\.cn/);
    await until(registeredMatches, (m) => m.includes(`*://${BARE}/*`));
    const tab = await session.context.newPage();
    await tab.goto(`http://${BARE}/`);
    await settlesAt(async () => (await todayVisits(session))[id] ?? 0, 1);
    await tab.close();
    await settings.close();
  });

  it('an intranet address with port and path is listed with access, and the same shape on this machine counts', async () => {
    const settings = await session.openExtensionPage('dashboard.html#settings');
    const id = await add(settings, INTRANET, '内网 OA', /http.+10\.1\.2\.3.+8080.+\/app/);
    expect((await registeredMatches())).toContain('http://10.1.2.3/*');
    // 10.1.2.3 cannot be reached from the test bed (an address literal bypasses the host rules), so the same
    // shape — http, an IP, a port, a path — is visited on 127.0.0.1.
    const local = await add(settings, `http://127.0.0.1:${server.httpPort}${INTRANET_PREFIX}`, '本机 OA', /127\.0\.0\.1.+intranet/);
    const tab = await session.context.newPage();
    await tab.goto(`http://127.0.0.1:${server.httpPort}${INTRANET_PREFIX}`);
    await settlesAt(async () => (await todayVisits(session))[local] ?? 0, 1);
    expect((await todayVisits(session))[id]).toBeUndefined();
    await tab.close();
    await settings.close();
  });

  it('a mistyped port is refused with a translated sentence, and nothing is added', async () => {
    const settings = await session.openExtensionPage('dashboard.html#settings');
    const rows = await settings.locator('[data-testid^="portal-row-"]').count();
    await settings.getByTestId('add-portal-address').fill('http://10.1.2.3:99999/app');
    expect(await settings.getByTestId('add-portal-reading').innerText()).toMatch(/端口/);
    await settings.getByTestId('add-portal-submit').click();
    const error = await settings.getByTestId('add-portal-error').innerText();
    expect(error).toMatch(/[\u4e00-\u9fff]/);
    expect(error).not.toMatch(/error_|Only permissions/);
    expect(await settings.locator('[data-testid^="portal-row-"]').count()).toBe(rows);
    await settings.close();
  });

  it('the welcome page\'s "all gov.cn sites" asks for http and https *.gov.cn, shows its steps and ends measured', async () => {
    const welcome = await session.openExtensionPage('welcome.html');
    await welcome.getByTestId('preset-all-gov-cn').check();
    await welcome.getByTestId('welcome-start').click();
    const done = welcome.getByTestId('welcome-status');
    await done.waitFor({ timeout: 10_000 });
    expect(await done.innerText()).toContain('设置完成');
    expect(await welcome.getByTestId('welcome-error').count()).toBe(0);
    expect(await welcome.getByTestId('preset-all-gov-cn').isDisabled()).toBe(true);
    await until(registeredMatches, (m) => m.includes('*://*.gov.cn/*'));
    const tab = await session.context.newPage();
    await tab.goto(server.url(PORTAL_HOSTS.zwfw, '/'));
    await settlesAt(async () => (await todayVisits(session))['all-gov-cn'] ?? 0, 1);
    await tab.close();
    // Nothing broader than what was allowed, and the manifest still asks for nothing up front.
    expect(await grantedOrigins(session)).not.toContain('*://*.gov.cn/*');
    expect(builtManifest().host_permissions ?? []).toEqual([]);
    await welcome.close();
  });
});
