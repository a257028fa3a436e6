import { afterEach, describe, expect, it } from 'vitest';
import { launch, type Session } from './harness';
import { grantedOrigins } from './pages';

// Story: on first run the cadre reads what is and is not recorded, ticks the portals they use, and starts.
describe('welcome page', () => {
  let session: Session | undefined;
  afterEach(async () => {
    await session?.close();
    session = undefined;
  });

  it('opens on install, explains the privacy promise in Chinese and adds the ticked common portal', async () => {
    session = await launch({ grantOrigins: ['https://gjzwfw.www.gov.cn/*'] });
    const opened = await session.context.waitForEvent('page', {
      predicate: (p) => p.url() === session!.extensionUrl('welcome.html'),
      timeout: 10_000,
    }).catch(() => session!.context.pages().find((p) => p.url() === session!.extensionUrl('welcome.html')));
    expect(opened, 'the welcome page opens by itself on install').toBeTruthy();

    const welcome = await session.openExtensionPage('welcome.html');
    expect(await welcome.locator('h1').innerText()).toBe('欢迎使用减负晴雨表');
    expect(await welcome.getByTestId('privacy-summary').innerText()).toContain('绝不记录');
    await welcome.getByTestId('preset-gjzwfw').check();
    await welcome.getByTestId('welcome-start').click();
    await expect.poll(() => welcome.getByTestId('welcome-status').innerText()).toContain('设置完成');
    expect(await welcome.getByTestId('preset-gjzwfw').isDisabled()).toBe(true);

    const settings = await session.openExtensionPage('dashboard.html#settings');
    expect(await settings.getByTestId('portal-source-gjzwfw').innerText()).toBe('常用平台');
    expect(await grantedOrigins(session)).toEqual(['https://gjzwfw.www.gov.cn/*']);
  });

  it('speaks English in a non-Chinese browser, with every string translated', async () => {
    session = await launch({ lang: 'en-US' });
    const welcome = await session.openExtensionPage('welcome.html');
    expect(await welcome.locator('h1').innerText()).toBe('Welcome to Burden Barometer');
    const text = await welcome.locator('body').innerText();
    // No Chinese left except the one statement quoted on purpose and the common portals' own names in English.
    expect(text).not.toMatch(/[\u4e00-\u9fff]/);
    expect(await welcome.evaluate(() => document.documentElement.lang)).toBe('en');
  });
});
