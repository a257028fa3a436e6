import * as fs from 'node:fs';
import * as path from 'node:path';
import { it } from 'vitest';
import { launch } from '../tests/e2e/harness';
import { addPortalInSettings } from '../tests/e2e/pages';
import { PORTAL_HOSTS, startPortalServer } from '../tests/portals/server';

// Not a test: the demo session `npm run demo` drives (vitest only runs the TypeScript for us).
it('demo', async () => {
  const out = process.env.BB_DEMO_OUT ?? path.resolve('demo-screenshots');
  const headed = !!process.env.DISPLAY;
  fs.mkdirSync(out, { recursive: true });
  const server = await startPortalServer();
  const session = await launch({ grantOrigins: [`http://${PORTAL_HOSTS.zwfw}/*`], headless: !headed });
  await addPortalInSettings(session, `http://${PORTAL_HOSTS.zwfw}:${server.httpPort}`, '政务服务网（模拟）');
  const portal = await session.context.newPage();
  await portal.goto(server.url(PORTAL_HOSTS.zwfw, '/app/form'));
  for (const [file, page, size] of [
    ['welcome.png', 'welcome.html', { width: 1100, height: 1400 }],
    ['popup.png', 'popup.html', { width: 380, height: 420 }],
    ['dashboard-settings.png', 'dashboard.html#settings', { width: 1200, height: 1300 }],
    ['dashboard.png', 'dashboard.html', { width: 1100, height: 600 }],
  ] as const) {
    const tab = await session.openExtensionPage(page);
    await tab.setViewportSize(size);
    await tab.waitForTimeout(300);
    await tab.screenshot({ path: path.join(out, file), fullPage: true });
  }
  console.log(`portals: ${server.url(PORTAL_HOSTS.zwfw, '/')} (and the others in tests/portals/README.md)`);
  if (headed) {
    console.log('Chromium is open with the extension; close its window to stop.');
    await new Promise((resolve) => session.context.on('close', resolve));
  }
  await session.close();
  await server.close();
}, 24 * 3600_000);
