import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { CAPTCHA_TEXT, PORTAL_HOSTS, type PortalServer, startPortalServer } from '../portals/server';
import { dumpExtensionStorage, eventually, launch, type Session } from './harness';
import { type FrictionFigures, NO_FRICTION, todayFriction } from './pages';

// Story: a cadre files on a native-form portal and on a layui portal that submits by script, meets a failing
// system, logs in twice through single sign-on with a captcha under two accounts, and signs in on a check-in
// page. The popup counts exactly what happened; no account name is kept; the portals get their requests unchanged.
const ACCOUNT_A = 'wangjianguo_qsz';
const ACCOUNT_B = 'lixiaohong_xkc';
const APPLICANT = '欧阳春梅';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let server: PortalServer;
let session: Session;

beforeAll(async () => {
  server = await startPortalServer();
  const origin = (host: string) => `http://${host}:${server.httpPort}`;
  session = await launch({
    grantOrigins: [PORTAL_HOSTS.zwfw, PORTAL_HOSTS.sso, PORTAL_HOSTS.layui, PORTAL_HOSTS.fail].map((h) => `http://${h}/*`),
    policy: {
      catalog: [
        { id: 'zwfw', name: '政务服务网', patterns: [origin(PORTAL_HOSTS.zwfw)], tags: [{ pathPrefix: '/checkin', tag: 'check-in' }] },
        { id: 'sso', name: '统一身份认证', patterns: [origin(PORTAL_HOSTS.sso)] },
        { id: 'layui', name: '报表系统', patterns: [origin(PORTAL_HOSTS.layui)] },
        { id: 'fail', name: '故障系统', patterns: [origin(PORTAL_HOSTS.fail)] },
      ],
    },
  });
  // Chromium loads the policy catalog a few seconds after start-up; the settings page shows it when it lands.
  const settings = await session.openExtensionPage('dashboard.html#settings');
  await eventually(() => settings.locator('[data-testid^="portal-row-"]').count(), (n) => n >= 4, 30_000);
  await settings.close();
});
afterAll(async () => {
  await session?.close();
  await server?.close();
});

const friction = async (portalId: string): Promise<FrictionFigures> => (await todayFriction(session))[portalId] ?? NO_FRICTION;
const frictionBecomes = (portalId: string, accept: (f: FrictionFigures) => boolean) => eventually(() => friction(portalId), accept, 15_000);

async function observed(page: Page) {
  // The observer is injected at document_idle; give it a moment to be listening before the first click.
  await page.waitForLoadState('load');
  await sleep(300);
}

describe('submissions', () => {
  it('a native-form portal counts the submit and the script save, not the reset, and its request is unchanged', async () => {
    const before = await friction('zwfw');
    const page = await session.context.newPage();
    await page.goto(server.url(PORTAL_HOSTS.zwfw, '/app/form'));
    await observed(page);
    await page.getByTestId('name').fill(APPLICANT);
    await page.getByTestId('description').fill('申请临时救助');
    await page.getByTestId('reset').click(); // clears the form: a click that does not submit
    await page.getByTestId('name').fill(APPLICANT);
    await page.getByTestId('phone').fill('13912345678');
    await page.getByTestId('save-draft').click(); // 保存草稿: fetch POST by script
    await page.getByTestId('form-message').filter({ hasText: '草稿已保存' }).waitFor();
    const expectedBody = await page.evaluate(() => new URLSearchParams(new FormData(document.getElementById("apply-form") as HTMLFormElement) as unknown as Record<string, string>).toString());
    server.clearRequests();
    await page.getByTestId('submit').click();
    const posted = await server.waitForRequest((r) => r.method === 'POST' && r.path === '/app/form/submit');
    await page.getByTestId('result-title').waitFor();
    expect(posted.body?.toString('utf8')).toBe(expectedBody);

    const after = await frictionBecomes('zwfw', (f) => f.submissions >= before.submissions + 2);
    await sleep(1500);
    expect((await friction('zwfw')).submissions - before.submissions).toBe(2);
    expect(after.failedSubmissions).toBe(before.failedSubmissions);
    await page.close();
  });

  it('a layui page that submits by script counts its one save, not the click that failed validation nor reset', async () => {
    const page = await session.context.newPage();
    await page.goto(server.url(PORTAL_HOSTS.layui, '/'));
    await observed(page);
    await page.getByTestId('submit').click(); // name is required: layui refuses, no request
    await page.getByTestId('layer-msg').filter({ hasText: '必填项不能为空' }).waitFor();
    await page.getByTestId('reset').click();
    await page.getByTestId('name').fill(APPLICANT);
    await page.getByTestId('address').fill('青山镇溪口村三组');
    const expectedBody = await page.evaluate(() => {
      const field: Record<string, string> = {};
      document.querySelectorAll<HTMLInputElement>('.layui-form input[name], .layui-form select[name], .layui-form textarea[name]').forEach((el) => {
        field[el.name] = el.value;
      });
      return JSON.stringify(field);
    });
    server.clearRequests();
    await page.getByTestId('submit').click();
    const posted = await server.waitForRequest((r) => r.method === 'POST' && r.path === '/api/save');
    expect(posted.body?.toString('utf8')).toBe(expectedBody);
    await page.getByTestId('layer-msg').filter({ hasText: '保存成功' }).waitFor();

    await frictionBecomes('layui', (f) => f.submissions >= 1);
    await sleep(1500);
    expect(await friction('layui')).toMatchObject({ submissions: 1, failedSubmissions: 0, logins: 0 });
    await page.close();
  });

  it('the failing page counts a server error and a network error as failed submissions', async () => {
    const page = await session.context.newPage();
    await page.goto(server.url(PORTAL_HOSTS.fail, '/?mode=500'));
    await observed(page);
    await page.getByTestId('name').fill(APPLICANT);
    await page.getByTestId('submit').click();
    await page.locator('[data-testid="status"][data-result="http-500"]').waitFor();
    await page.getByTestId('mode').selectOption('reset');
    await sleep(300); // a separate action, not the twin of the first
    await page.getByTestId('submit').click();
    await page.locator('[data-testid="status"][data-result="network-error"]').waitFor();
    await page.getByTestId('mode').selectOption('ok');
    await sleep(1200);
    await page.getByTestId('submit').click();
    await page.locator('[data-testid="status"][data-result="ok"]').waitFor();

    const f = await frictionBecomes('fail', (x) => x.submissions >= 3 && x.failedSubmissions >= 2);
    await sleep(1500);
    expect(await friction('fail')).toMatchObject({ submissions: 3, failedSubmissions: 2 });
    expect(f.logins).toBe(0);
    await page.close();
  });
});

async function ssoLogin(page: Page, account: string) {
  await page.goto(server.url(PORTAL_HOSTS.sso, `/?service=${PORTAL_HOSTS.zwfw}`));
  await observed(page);
  await page.getByTestId('username').fill(account);
  await page.getByTestId('password').fill('correct-horse');
  await page.getByTestId('captcha').fill(CAPTCHA_TEXT);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('home-title').waitFor();
  expect(new URL(page.url()).host).toBe(`${PORTAL_HOSTS.zwfw}:${server.httpPort}`);
}

describe('logins', () => {
  it('a single-sign-on login counts for the portal it reached, with its captcha; leaving at once is login-only', async () => {
    const before = await friction('zwfw');
    const page = await session.context.newPage();
    await ssoLogin(page, ACCOUNT_A);
    await sleep(1000);
    await page.close(); // logged in and left: 强制登录

    const after = await frictionBecomes('zwfw', (f) => f.logins > before.logins && f.loginOnlyVisits > before.loginOnlyVisits);
    expect(after).toMatchObject({ logins: 1, relogins: 0, captchas: 1, accounts: 1, loginOnlyVisits: 1 });
    expect(await friction('sso')).toMatchObject({ logins: 0, submissions: 0, captchas: 0 });
  });

  it('a second login that day is a re-login, another account name is another account, and no name is stored', async () => {
    const page = await session.context.newPage();
    await ssoLogin(page, ACCOUNT_B);
    // This visit does real work: not login-only.
    await page.getByTestId('nav-form').click();
    await observed(page);
    await page.getByTestId('name').fill(APPLICANT);
    await page.getByTestId('submit').click();
    await page.getByTestId('result-title').waitFor();

    const f = await frictionBecomes('zwfw', (x) => x.logins >= 2);
    expect(f).toMatchObject({ logins: 2, relogins: 1, captchas: 2, accounts: 2, loginOnlyVisits: 1 });
    await page.close();

    const stored = await dumpExtensionStorage(session);
    // The login form's fields (account, password, captcha) were typed but are never entries.
    const entries = (stored.indexedDb['burden-barometer']?.entries ?? []) as { portalId: string }[];
    expect(entries.filter((e) => e.portalId === 'sso')).toEqual([]);
    expect(entries.filter((e) => e.portalId === 'zwfw').length).toBeGreaterThan(0);
    const dump = JSON.stringify(stored);
    for (const canary of [ACCOUNT_A, ACCOUNT_B, APPLICANT, 'correct-horse', CAPTCHA_TEXT]) expect(dump).not.toContain(canary);
  });
});

describe('no answer', () => {
  // The 60 s deadline runs in real time: the submission starts here and is judged by the last test of the file,
  // so the other tests use the minute instead of a sleep.
  it('a submission the portal never answers is pending, not failed, before its 60 s are up', async () => {
    hanging.before = await friction('fail');
    hanging.page = await session.context.newPage();
    await hanging.page.goto(server.url(PORTAL_HOSTS.fail, '/?mode=hang'));
    await observed(hanging.page);
    await hanging.page.getByTestId('name').fill(APPLICANT);
    await hanging.page.getByTestId('submit').click();
    hanging.at = Date.now();
    await frictionBecomes('fail', (f) => f.submissions > hanging.before!.submissions);
    expect((await friction('fail')).failedSubmissions).toBe(hanging.before.failedSubmissions);
  });
});

const hanging: { before?: FrictionFigures; page?: Page; at: number } = { at: 0 };

describe('the worker asleep', () => {
  it('a save made while the worker was stopped is still counted once', async () => {
    const before = await friction('layui');
    const page = await session.context.newPage();
    await page.goto(server.url(PORTAL_HOSTS.layui, '/'));
    await observed(page);
    await page.getByTestId('name').fill(APPLICANT);
    await session.stopWorker();
    await page.getByTestId('submit').click();
    await page.getByTestId('layer-msg').filter({ hasText: '保存成功' }).waitFor();
    await frictionBecomes('layui', (f) => f.submissions > before.submissions);
    await sleep(1500);
    expect((await friction('layui')).submissions).toBe(before.submissions + 1);
    await page.close();
  });
});

describe('tagged pages', () => {
  it('a check-in page counts its visit and its active minutes under the check-in tag', async () => {
    const page = await session.context.newPage();
    await page.goto(server.url(PORTAL_HOSTS.zwfw, '/checkin/'));
    await observed(page);
    await page.bringToFront();
    for (let i = 0; i < 8; i++) {
      await page.mouse.move(50 + i * 10, 50 + i * 5);
      await sleep(500);
    }
    const dash = await session.openExtensionPage('dashboard.html#overview');
    const row = dash.getByTestId('tag-row-zwfw-check-in');
    await row.waitFor();
    const figures = await eventually(
      async () => ({ visits: Number(await row.getAttribute('data-visits')), activeMs: Number(await row.getAttribute('data-active-ms')) }),
      (x) => x.visits >= 1 && x.activeMs >= 2000,
      15_000,
    );
    expect(figures.visits).toBe(1);
    expect(figures.activeMs).toBeLessThanOrEqual(10_000);
    // The dashboard table shows the same friction figures as the popup.
    expect(Number(await dash.getByTestId('friction-row-zwfw').getByTestId('friction-logins').getAttribute('data-value'))).toBe(2);
    await dash.close();
    await page.close();
  });
});

describe('logins without a password', () => {
  it('a one-time-code login is a login with a code asked; asking for the code is not a submission', async () => {
    const before = await friction('zwfw');
    const sso = await friction('sso');
    const page = await session.context.newPage();
    await page.goto(server.url(PORTAL_HOSTS.sso, `/otp?service=${PORTAL_HOSTS.zwfw}`));
    await observed(page);
    await page.getByTestId('phone').fill('13912345678');
    await page.getByTestId('send-otp').click(); // POST /otp/send: the portal sends a code
    await sleep(500);
    await page.getByTestId('otp').fill('123456');
    await page.getByTestId('otp-submit').click();
    await page.getByTestId('home-title').waitFor();
    const after = await frictionBecomes('zwfw', (f) => f.logins > before.logins);
    expect(after).toMatchObject({
      logins: before.logins + 1,
      relogins: before.relogins + 1,
      captchas: before.captchas + 1,
      accounts: before.accounts + 1,
      submissions: before.submissions,
    });
    expect(await friction('sso')).toEqual(sso);
    await page.close();
  });
});

describe('duplicate filing', () => {
  async function typeInto(page: Page, testid: string, value: string) {
    await page.getByTestId(testid).click();
    await page.getByTestId(testid).pressSequentially(value, { delay: 10 });
    await page.locator('body').click({ position: { x: 1, y: 1 } }); // leaving the field commits the entry
  }
  const VALUES = { name: '司马相如', 'id-number': '110105194912310037', phone: '13800138000', address: '青山镇溪口村五组' };

  it('a layui save repeating most of an earlier native-form submission is one duplicate filing between them', async () => {
    const zwfw = await session.context.newPage();
    await zwfw.goto(server.url(PORTAL_HOSTS.zwfw, '/app/form'));
    await observed(zwfw);
    for (const [id, v] of Object.entries(VALUES)) await typeInto(zwfw, id, v);
    await zwfw.getByTestId('submit').click();
    await zwfw.getByTestId('result-title').waitFor();

    const layui = await session.context.newPage();
    await layui.goto(server.url(PORTAL_HOSTS.layui, '/'));
    await observed(layui);
    for (const [id, v] of Object.entries(VALUES)) await typeInto(layui, id, v);
    await layui.getByTestId('submit').click();
    await layui.getByTestId('layer-msg').filter({ hasText: '保存成功' }).waitFor();

    const rows = await eventually(
      async () => ((await dumpExtensionStorage(session)).indexedDb['burden-barometer']?.submissions ?? []) as { portalId: string; duplicateOf?: string }[],
      (r) => r.some((s) => s.duplicateOf !== undefined),
      15_000,
    );
    expect(rows.filter((s) => s.duplicateOf !== undefined).map((s) => [s.portalId, s.duplicateOf])).toEqual([['layui', 'zwfw']]);
    // What the cadre sees: the 重复填报 page counts it for the pair.
    const dashboard = await session.openExtensionPage('dashboard.html#entries');
    await expect.poll(() => dashboard.getByTestId('entries-totals').getAttribute('data-duplicate-filings')).toBe('1');
    const pair = dashboard.locator('[data-testid^="entries-pair-"][data-duplicate-filings="1"]');
    expect(await pair.getAttribute('data-testid')).toBe('entries-pair-layui--zwfw');
    await dashboard.close();
    await zwfw.close();
    await layui.close();
  });
});

describe('a submission that is never answered', () => {
  it('is failed once 60 s have passed', async () => {
    expect(hanging.before, 'the pending test above started it').toBeDefined();
    await sleep(Math.max(0, hanging.at + 61_000 - Date.now()));
    expect(await friction('fail')).toMatchObject({ submissions: hanging.before!.submissions + 1, failedSubmissions: hanging.before!.failedSubmissions + 1 });
    await hanging.page!.close();
  }, 120_000);
});
