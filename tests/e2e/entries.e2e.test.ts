import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Frame, Page } from 'playwright-core';
import { PORTAL_HOSTS, type PortalServer, startPortalServer } from '../portals/server';
import { dumpExtensionStorage, launch, type Session, settlesAt, until } from './harness';
import { addPortalInSettings, entriesSettleAt } from './pages';

// Story: a cadre gives the same applicant's details to several systems — typed in one, pasted in another, a
// narrative in a frame editor, a controlled input, an input in a shadow root. The dashboard shows the repeats;
// nothing the cadre typed is kept anywhere.
const NAME = '欧阳春梅';
const ID_NUMBER = '11010519491231002X'; // valid GB 11643 check digit
const PHONE = '13912345678';
const COMPANY = '青山镇人民政府综合办公室';
const NARRATIVE = '申请人家住青山镇溪口村三组，因病致贫，现申请临时救助，请审核。';
const CANARIES = [NAME, ID_NUMBER, PHONE, COMPANY, NARRATIVE, 'Mima_2026_secret'];

const ZWFW = 'zwfw-sim-gov-cn';
const LAYUI = 'layui-sim-gov-cn';
const SPA = 'spa-sim-gov-cn';

let server: PortalServer;
let session: Session;

beforeAll(async () => {
  server = await startPortalServer();
  session = await launch({
    grantOrigins: [PORTAL_HOSTS.zwfw, PORTAL_HOSTS.layui, PORTAL_HOSTS.spa, PORTAL_HOSTS.frames].map((h) => `http://${h}/*`),
  });
  for (const [host, name] of [
    [PORTAL_HOSTS.zwfw, '政务服务网'],
    [PORTAL_HOSTS.layui, '报表系统'],
    [PORTAL_HOSTS.spa, '申报系统'],
    [PORTAL_HOSTS.frames, '公文系统'],
  ] as const) {
    await (await addPortalInSettings(session, `http://${host}:${server.httpPort}`, name)).close();
  }
});
afterAll(async () => {
  await session?.close();
  await server?.close();
});

async function typeInto(page: Page | Frame, testid: string, value: string) {
  await page.getByTestId(testid).click();
  await page.getByTestId(testid).pressSequentially(value, { delay: 20 });
  await page.locator('body').click({ position: { x: 1, y: 1 } }); // leave the field: that is the commit
}

/** Copies `value` the way a cadre would (select, Ctrl+C) on another page, then pastes it with Ctrl+V. */
async function pasteInto(page: Page, testid: string, value: string) {
  const source = await session.context.newPage();
  await source.setContent('<textarea id="src"></textarea>');
  await source.locator('#src').fill(value);
  await source.locator('#src').selectText();
  await source.keyboard.press('Control+C');
  await source.close();
  await page.bringToFront();
  await page.getByTestId(testid).click();
  await page.keyboard.press('Control+V');
  await page.locator('body').click({ position: { x: 1, y: 1 } });
}

async function entriesSummary() {
  const page = await session.openExtensionPage('dashboard.html#entries');
  const totals = page.getByTestId('entries-totals');
  await totals.waitFor();
  const read = async () => ({
    entries: Number(await totals.getAttribute('data-entries')),
    sameField: Number(await totals.getAttribute('data-same-field')),
    crossPortal: Number(await totals.getAttribute('data-cross-portal')),
    retypedChars: Number(await totals.getAttribute('data-retyped-chars')),
    transfers: Number(await totals.getAttribute('data-transfers')),
    text: await page.locator('body').innerText(),
    pairs: await page.$$eval('[data-testid^="entries-pair-"]', (rows) =>
      Object.fromEntries(rows.map((r) => [r.getAttribute('data-testid')!.slice('entries-pair-'.length), Number(r.getAttribute('data-cross-portal'))])),
    ),
    pairTransfers: await page.$$eval('[data-testid^="entries-pair-"]', (rows) =>
      Object.fromEntries(rows.map((r) => [r.getAttribute('data-testid')!.slice('entries-pair-'.length), Number(r.getAttribute('data-transfers'))])),
    ),
  });
  const result = await read();
  await page.close();
  return result;
}

/**
 * The cadre's session with the applicant's details, run once for the tests that need it (whichever runs first),
 * so each of them can also run alone. Resolves with the summary before and after it.
 */
let story: Promise<{ before: Awaited<ReturnType<typeof entriesSummary>>; after: Awaited<ReturnType<typeof entriesSummary>> }> | undefined;
const applicantStory = () => (story ??= runApplicantStory());

async function runApplicantStory() {
  const before = await entriesSummary();
  const zwfw = await session.context.newPage();
  await zwfw.goto(server.url(PORTAL_HOSTS.zwfw, '/app/form'));
  await typeInto(zwfw, 'name', NAME);
  await typeInto(zwfw, 'id-number', ID_NUMBER);
  await typeInto(zwfw, 'phone', PHONE);
  await settlesAt(async () => (await entriesSummary()).entries, before.entries + 3);

  // Pasted into the layui-style system: two cross-portal repeats.
  const layui = await session.context.newPage();
  await layui.goto(server.url(PORTAL_HOSTS.layui, '/'));
  await pasteInto(layui, 'name', NAME);
  await pasteInto(layui, 'id-number', ID_NUMBER);

  // The framework-style app: a controlled input (value re-set by script on every keystroke) and an input in a
  // shadow root.
  const spa = await session.context.newPage();
  await spa.goto(server.url(PORTAL_HOSTS.spa, '/spa/apply'));
  await typeInto(spa, 'phone', PHONE);
  await typeInto(spa, 'shadow-input', COMPANY);

  // Copied from the government service portal's own field and pasted into the app: a transfer between the two.
  // (The pastes into the layui system above came from a page that is no portal: no transfer.)
  await zwfw.bringToFront();
  await zwfw.getByTestId('name').selectText();
  await zwfw.keyboard.press('Control+C');
  await spa.bringToFront();
  await spa.getByTestId('name').click();
  await spa.keyboard.press('Control+V');
  await spa.locator('body').click({ position: { x: 1, y: 1 } });

  // A narrative in the frameset's designMode editor.
  const frames = await session.context.newPage();
  await frames.goto(server.url(PORTAL_HOSTS.frames, '/'));
  const content = frames.frames().find((f) => f.url().includes('/content'))!;
  await content.locator('[data-testid="editor-frame"][data-ready="1"]').waitFor();
  const editor = frames.frames().find((f) => f.url().includes('/editor'))!;
  // Clicking the frame element puts the caret in the editor; the empty body itself has no height to click.
  await content.getByTestId('editor-frame').click();
  await editor.locator('body').pressSequentially(NARRATIVE, { delay: 10 });
  await content.getByTestId('title').click(); // focus leaves the editor frame: the narrative is committed

  await settlesAt(async () => (await entriesSummary()).entries, before.entries + 9);
  for (const page of [zwfw, layui, spa, frames]) await page.close();
  return { before, after: await entriesSummary() };
}

describe('repeated entries', () => {
  it('finds the values given to one portal again on others, however they were entered', async () => {
    const { before, after: summary } = await applicantStory();
    expect(summary.crossPortal - before.crossPortal).toBe(4); // name and ID on layui, phone and name on spa
    expect(summary.sameField - before.sameField).toBe(0); // all on one day: nothing a system "could have remembered" yet
    // Only the phone was typed again; the pasted name and ID number cost no re-typing.
    expect(summary.retypedChars - before.retypedChars).toBe(PHONE.length);
    // The name's latest earlier entry was the paste into the layui system, so that repeat counts for that pair;
    // the transfer counts for the pair it was copied across.
    expect(summary.pairs).toEqual({ [`${LAYUI}--${ZWFW}`]: 2, [`${SPA}--${ZWFW}`]: 1, [`${LAYUI}--${SPA}`]: 1 });
    expect(summary.transfers - before.transfers).toBe(1);
    expect(summary.pairTransfers).toEqual({ [`${LAYUI}--${ZWFW}`]: 0, [`${SPA}--${ZWFW}`]: 1, [`${LAYUI}--${SPA}`]: 0 });
    for (const canary of CANARIES) expect(summary.text).not.toContain(canary);
  });

  it('creates no entry from values a page sets by script with synthetic events', async () => {
    const before = (await entriesSummary()).entries;
    const page = await session.context.newPage();
    await page.goto(server.url(PORTAL_HOSTS.zwfw, '/app/form'));
    await page.evaluate(() => {
      for (const el of Array.from(document.querySelectorAll<HTMLInputElement>('input[type="text"], textarea'))) {
        el.dispatchEvent(new FocusEvent('focusin', { bubbles: true }));
        el.value = '伪造的值 forged value 123';
        el.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: 'x' }));
        el.dispatchEvent(new Event('change', { bubbles: true }));
        el.dispatchEvent(new FocusEvent('focusout', { bubbles: true }));
      }
    });
    // Nothing may arrive: the count must stand still at what it was for the whole settle window.
    await entriesSettleAt(session, before);
  });

  it('never takes a field that becomes a password field once typed into (a page dodging autofill)', async () => {
    const before = (await entriesSummary()).entries;
    const page = await session.context.newPage();
    await page.goto(server.url(PORTAL_HOSTS.zwfw, '/app/form'));
    // The page's own script: a text field that turns into a password field at the first keystroke, after the
    // extension has already met it as a text field.
    await page.evaluate(() => {
      const field = document.createElement('input');
      field.type = 'text';
      field.setAttribute('data-testid', 'secret');
      field.addEventListener('input', () => (field.type = 'password'), { once: true });
      document.querySelector('form')!.prepend(field);
    });
    await page.getByTestId('secret').click();
    await page.getByTestId('secret').pressSequentially('Mima_2026_secret', { delay: 10 });
    // The same field typed into again, now that the extension has met it: still a password.
    await page.locator('body').click({ position: { x: 1, y: 1 } });
    await page.getByTestId('secret').click();
    await page.getByTestId('secret').pressSequentially('X9', { delay: 10 });
    await page.locator('body').click({ position: { x: 1, y: 1 } });
    await typeInto(page, 'name', '测试对照');
    // The control entry arrives; the password field added none.
    await entriesSettleAt(session, before + 1);
    await page.close();
  });

  it('times a field from its first to its last keystroke, though most keystrokes never reach the observer', async () => {
    const before = (await entriesSummary()).entries;
    const page = await session.context.newPage();
    await page.goto(server.url(PORTAL_HOSTS.spa, '/spa/apply'));
    await page.locator('textarea').first().click();
    const started = Date.now();
    await page.keyboard.type('申请人家住溪口村三组因病致贫现申请临时救助请审核'.repeat(3), { delay: 40 });
    const typed = Date.now() - started;
    await page.locator('body').click({ position: { x: 1, y: 1 } });
    await entriesSettleAt(session, before + 1);
    const dump = await dumpExtensionStorage(session);
    const rows = Object.values(dump.indexedDb).flatMap((db) => (db.entries ?? []) as { id: number; typingMs: number; method: string }[]);
    const latest = rows.sort((x, y) => x.id - y.id).at(-1)!;
    console.log('typing time', { typed, recorded: latest.typingMs });
    expect(latest.method).toBe('typed');
    // The input seen last may be up to 250 ms before the last keystroke; the first keystroke is always seen.
    expect(latest.typingMs).toBeGreaterThanOrEqual(typed - 600);
    expect(latest.typingMs).toBeLessThanOrEqual(typed);
    await page.close();
  });

  it('Enter in a single-line input commits its entry at once, after a textarea, and before a page empties the field', async () => {
    const before = (await entriesSummary()).entries;
    const page = await session.context.newPage();
    await page.goto(server.url(PORTAL_HOSTS.spa, '/spa/apply'));
    await page.locator('textarea').first().click();
    await page.keyboard.type('申请人现住青山镇溪口村三组', { delay: 20 });
    await page.getByTestId('address').click(); // the textarea's entry is committed as focus leaves it
    await page.keyboard.type('青山镇溪口村三组十二号', { delay: 20 });
    await page.keyboard.press('Enter');
    await entriesSettleAt(session, before + 2);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('address');

    // A page that takes the value on Enter in its own keydown handler and empties the field: the entry is read
    // before the page's handler runs (the main-world script hears the Enter first), so it is not lost.
    await page.goto(server.url(PORTAL_HOSTS.spa, '/spa/records'));
    await page.getByTestId('note-input').click();
    await page.keyboard.type('溪口村三组已走访', { delay: 20 });
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('notes').textContent()).toBe('溪口村三组已走访');
    expect(await page.getByTestId('note-input').inputValue()).toBe('');
    await page.getByTestId('records-empty').click(); // focus leaves the emptied field: nothing more to commit
    await entriesSettleAt(session, before + 3);
    await page.close();
  });

  it('keeps none of the values, their normal forms or their plain SHA-256 anywhere the extension stores', async () => {
    await applicantStory();
    const dump = JSON.stringify(await dumpExtensionStorage(session));
    const forms = CANARIES.flatMap((v) => [
      v,
      v.normalize('NFKC'),
      JSON.stringify(v).slice(1, -1),
      Buffer.from(v, 'utf16le').toString('hex'),
      createHash('sha256').update(v).digest('hex'),
      createHash('sha256').update(v).digest('base64'),
      createHash('sha256').update(v).digest('base64url'),
    ]);
    for (const form of forms) expect(dump, form).not.toContain(form);

    // The portals' own storage: the extension must not have written there either (it never touches the page).
    const portalStores: string[] = [];
    for (const host of [PORTAL_HOSTS.zwfw, PORTAL_HOSTS.layui, PORTAL_HOSTS.spa, PORTAL_HOSTS.frames]) {
      const page = await session.context.newPage();
      await page.goto(server.url(host, '/'));
      portalStores.push(
        await page.evaluate(async () => {
          const idb: Record<string, unknown> = {};
          for (const info of await indexedDB.databases()) idb[info.name ?? ''] = info.version;
          return JSON.stringify({ local: { ...localStorage }, session: { ...sessionStorage }, idb, cookie: document.cookie, name: window.name });
        }),
      );
      await page.close();
    }
    portalStores.push(JSON.stringify(await session.context.cookies()));
    // The browser's log: Chromium's stderr, every page's console and the worker's. A planted line proves the
    // channel is read.
    const probe = await session.context.newPage();
    await probe.goto(server.url(PORTAL_HOSTS.zwfw, '/'));
    await probe.evaluate(() => console.log('bb-log-channel-probe'));
    await probe.close();
    await until(async () => session.logs.join('\n'), (text) => text.includes('bb-log-channel-probe'));
    const elsewhere = [...portalStores, ...session.logs].join('\n');
    for (const form of forms) expect(elsewhere, form).not.toContain(form);
    // Partial leaks too: the ID number's birth date part and the phone's distinctive tail.
    expect(dump).not.toContain(ID_NUMBER.slice(6, 14));
    expect(dump).not.toContain(PHONE.slice(3));
  });
});
