import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostResolverRules } from '../portals/server';
import { CHROMIUM, EXTENSION_ID, POLICY_DIR } from './harness';
import { type BuiltKit, buildKit, type IntranetServer, KIT_CAMPAIGN, KIT_CATALOG, KIT_ENDPOINT, startIntranetServer } from './kit-fixtures';
import { snapshotPolicyFolder } from './policy-folder';

// Story (#18): an office builds the kit, puts updates.xml and the CRX on its intranet server and the kit's Linux
// policy into Chromium's managed policy folder. A fresh browser installs the extension by itself — no store, no
// developer mode, no --load-extension — under the office key's id, with the office's catalog, campaign and
// endpoint, and the cadre cannot remove it.
type Self = { id: string; installType: string; mayDisable: boolean; enabled: boolean; version: string; updateUrl?: string };

describe('force-install from the kit through Chromium policy', () => {
  let server: IntranetServer;
  let kit: BuiltKit;
  let kitId: string;
  let restorePolicy: (() => void) | undefined;
  let context: BrowserContext;
  let profileDir: string;

  beforeAll(async () => {
    server = await startIntranetServer();
    kit = buildKit({ updateUrl: `${server.base}updates.xml` });
    kitId = kit.manifest.extensionIds.selfHosted;
    server.serve(kit.dir);

    restorePolicy = snapshotPolicyFolder(POLICY_DIR);
    fs.mkdirSync(POLICY_DIR, { recursive: true });
    fs.copyFileSync(path.join(kit.dir, 'linux/chromium/burden-barometer.json'), path.join(POLICY_DIR, 'burden-barometer-kit.json'));
    // The test bed's own policy, beside the kit's: Chromium keeps DevTools — and so Playwright — off the pages of an
    // extension installed by policy (DeveloperToolsAvailability 0, the default; Chromium 156.0.8078.114 refuses the
    // attach, and the pages look closed to Playwright). 1 allows them; an office's machines keep the default.
    fs.writeFileSync(path.join(POLICY_DIR, 'test-bed-devtools.json'), JSON.stringify({ DeveloperToolsAvailability: 1 }));

    profileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bb-kit-profile-'));
    context = await chromium.launchPersistentContext(profileDir, {
      executablePath: CHROMIUM,
      headless: true,
      // Playwright turns extensions and background networking off by default; the extension updater that
      // performs a forced install needs both. Every host but the local server still resolves nowhere.
      ignoreDefaultArgs: ['--disable-extensions', '--disable-background-networking'],
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-sync', '--lang=zh-CN', `--host-resolver-rules=${hostResolverRules()}`],
      env: { ...process.env, LANGUAGE: 'zh-CN' },
    });
    // The updater installs in the background a few seconds after start; until then the extension's pages do not
    // exist. Poll one (Playwright's serviceworker event does not fire for a policy install).
    const deadline = Date.now() + 90_000;
    for (;;) {
      const tab = await context.newPage();
      // Installed is when the page opens; drawing it is waited for apart, so that a loaded machine that takes over
      // 2 s to draw the popup is not mistaken for an install that never came.
      const installed = await tab.goto(`chrome-extension://${kitId}/popup.html`).then(() => true, () => false);
      if (installed) await tab.waitForSelector('#app > *', { timeout: 30_000 });
      await tab.close();
      if (installed) break;
      if (Date.now() > deadline) throw new Error(`not force-installed in 90 s; the server saw ${JSON.stringify(server.served)}`);
      await new Promise((r) => setTimeout(r, 500));
    }
  }, 150_000);

  afterAll(async () => {
    await context?.close().catch(() => undefined);
    restorePolicy?.();
    await server?.close();
    if (profileDir) fs.rmSync(profileDir, { recursive: true, force: true });
  });

  async function extensionPage(page: string): Promise<Page> {
    const tab = await context.newPage();
    await tab.goto(`chrome-extension://${kitId}/${page}`);
    await tab.waitForSelector('#app > *');
    return tab;
  }

  it('installs the CRX from the office server under the id of the office key', async () => {
    expect(kitId).toMatch(/^[a-p]{32}$/);
    expect(kitId).not.toBe(EXTENSION_ID); // not the project's own key: the office's
    expect(server.served).toContainEqual({ path: '/bb/updates.xml', status: 200 });
    expect(server.served).toContainEqual({ path: '/bb/burden-barometer.crx', status: 200 });
    const page = await extensionPage('popup.html');
    const self = await getSelf(page);
    // installType admin: installed by policy; the update URL is the office server's, as the kit's policy names it.
    expect(self).toMatchObject({ id: kitId, installType: 'admin', enabled: true, updateUrl: `${server.base}updates.xml` });
    await page.close();
  });

  it('reads the kit\'s catalog, campaign and endpoint from policy and shows them in 配置来源', async () => {
    const settings = await extensionPage('dashboard.html#settings');
    // Chromium fills managed storage once it has registered the new extension's schema, a moment after install.
    const managed = () => settings.evaluate(() => (globalThis as unknown as { chrome: { storage: { managed: { get(): Promise<unknown> } } } }).chrome.storage.managed.get());
    await expect.poll(managed, { timeout: 30_000 }).toEqual({ catalog: KIT_CATALOG, lockPortalList: true, campaign: KIT_CAMPAIGN, reportEndpoint: KIT_ENDPOINT });
    await settings.getByTestId('policy-sources').waitFor();
    await expect.poll(() => settings.getByTestId('policy-catalog').innerText()).toContain(String(KIT_CATALOG.length));
    expect(await settings.getByTestId('policy-campaign').innerText()).toContain(KIT_CAMPAIGN);
    expect(await settings.getByTestId('policy-endpoint').innerText()).toContain(KIT_ENDPOINT);
    expect(await settings.getByTestId('policy-lock').innerText()).toContain('已锁定');
    expect(await settings.getByTestId('portal-source-zwfw').innerText()).toBe('单位配置');
    await settings.close();
  });

  it('cannot be disabled or removed by the cadre', async () => {
    const page = await extensionPage('popup.html');
    const outcome = await page.evaluate(async () => {
      const management = (globalThis as unknown as { chrome: { management: { getSelf(): Promise<Self>; uninstallSelf(o: { showConfirmDialog: boolean }): Promise<void> } } }).chrome.management;
      const self = await management.getSelf();
      const removal = await management.uninstallSelf({ showConfirmDialog: false }).then(
        () => 'removed',
        (error: Error) => `refused: ${error.message}`,
      );
      return { mayDisable: self.mayDisable, removal };
    });
    expect(outcome.mayDisable).toBe(false);
    expect(outcome.removal).toMatch(/^refused/);
    // Still there afterwards.
    expect(await getSelf(await extensionPage('popup.html'))).toMatchObject({ id: kitId, enabled: true });

    // chrome://extensions as the cadre sees it: no remove entry, the on/off switch locked, the policy indicator.
    const ext = await context.newPage();
    await ext.goto(`chrome://extensions/?id=${kitId}`);
    const detail = ext.locator('extensions-detail-view');
    await detail.locator('#enableToggle').waitFor();
    expect(await detail.locator('#enableToggle').isDisabled()).toBe(true);
    expect(await detail.locator('#remove-extension').isHidden()).toBe(true);
    expect(await detail.locator('#enable-section cr-tooltip-icon').first().isVisible()).toBe(true);
    await ext.close();
  });
});

async function getSelf(page: Page): Promise<Self> {
  return page.evaluate(() => (globalThis as unknown as { chrome: { management: { getSelf(): Promise<Self> } } }).chrome.management.getSelf());
}
