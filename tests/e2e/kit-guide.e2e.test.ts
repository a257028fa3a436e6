import * as fs from 'node:fs';
import * as path from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM } from './harness';
import { type BuiltKit, buildKit, KIT_STORE_IDS } from './kit-fixtures';

// The install guide (#18) as the office prints it: A4, Chinese set in a CJK font (no tofu), nothing cut off at
// the page edge, the voluntariness notice first. UPDATE_SCREENSHOTS=1 refreshes docs/screenshots/kit-guide.png.
const A4_PX = { width: 794, height: 1123 }; // 210 × 297 mm at 96 px/in

describe('the printable install guide', () => {
  let kit: BuiltKit;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    kit = buildKit({ updateUrl: 'http://10.0.0.5/burden-barometer/updates.xml' });
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--lang=zh-CN'] });
    page = await browser.newPage({ viewport: A4_PX });
    await page.emulateMedia({ media: 'print' });
    await page.goto(`file://${path.join(kit.dir, 'install-guide.html')}`);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('prints on A4 pages, a few of them, with nothing wider than the page', async () => {
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    const text = pdf.toString('latin1');
    const boxes = [...text.matchAll(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g)].map((m) => [Number(m[1]), Number(m[2])]);
    expect(boxes.length).toBeGreaterThan(0);
    expect(boxes.length).toBeLessThanOrEqual(4);
    for (const [w, h] of boxes) {
      expect(Math.abs(w! - 595.28)).toBeLessThan(1); // A4 in points
      expect(Math.abs(h! - 841.89)).toBeLessThan(1);
    }
    // Long ids and addresses wrap instead of running off the printed page.
    const overflow = await page.evaluate(() => {
      const root = document.documentElement;
      const wide = [...document.querySelectorAll('body *')].filter((el) => el.getBoundingClientRect().right > root.clientWidth + 0.5);
      return { scroll: root.scrollWidth, client: root.clientWidth, wide: wide.map((el) => el.tagName + ':' + el.textContent?.slice(0, 40)) };
    });
    expect(overflow.wide).toEqual([]);
    expect(overflow.scroll).toBeLessThanOrEqual(overflow.client);
  });

  it('sets its Chinese in a CJK font with every glyph present, the voluntariness notice first', async () => {
    const first = page.locator('body > p').first();
    expect(await first.getAttribute('data-testid')).toBe('guide-voluntary');
    expect(await first.innerText()).toContain('参与是自愿的');
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    const { root } = await cdp.send('DOM.getDocument');
    for (const selector of ['[data-testid="guide-voluntary"]', 'h1', 'h2', 'td']) {
      const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector });
      const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
      // Every glyph of the text node came from a CJK face: a missing font would show as boxes (tofu) or fall
      // back to a face without Chinese.
      expect(fonts.length, selector).toBeGreaterThan(0);
      for (const f of fonts) expect(f.familyName, `${selector}: ${JSON.stringify(fonts)}`).toMatch(/CJK|Han|YaHei|PingFang|Hei/);
    }
    await cdp.detach();
    const ids = await page.locator('body').innerText();
    expect(ids).toContain(kit.manifest.extensionIds.selfHosted);
    expect(ids).toContain(KIT_STORE_IDS.chrome);
  });

  it('puts the voluntariness notice on the first printed page', async () => {
    // The printed page's content box: A4 less the guide's @page margins (16 mm top and bottom).
    const pageContentPx = A4_PX.height - (2 * 16 * 96) / 25.4;
    const notice = await page.getByTestId('guide-voluntary').boundingBox();
    expect(notice!.y + notice!.height).toBeLessThan(pageContentPx);
    if (process.env.UPDATE_SCREENSHOTS) {
      // The first sheet as printed: the @page margins drawn as padding, since a screenshot has no page box.
      await page.addStyleTag({ content: 'body { padding: 16mm 15mm; max-width: none; }' });
      const png = await page.screenshot({ clip: { x: 0, y: 0, ...A4_PX } });
      fs.mkdirSync(path.resolve('docs/screenshots'), { recursive: true });
      fs.writeFileSync(path.resolve('docs/screenshots/kit-guide.png'), png);
    }
  });
});
