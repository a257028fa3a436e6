import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Portal } from '../../../../../core/portals/portal';
import { createFrictionService, type RequestEvents } from '../../../../../entrypoints/background/submissions/submission-service';
import { createMessageRouter } from '../../../../../entrypoints/background/messaging/message-router';
import { createFrictionRepo } from '../../../../../storage/submissions/submissions-repo';
import { createKeyStore } from '../../../../../storage/config/key-store';
import { createLocalConfig } from '../../../../../storage/config/local-config';
import { BurdenDb } from '../../../../../storage/db/schema';

const portal = (id: string, host: string): Portal => ({ id, name: id, source: 'user', patterns: [{ scheme: 'http', host, port: 8080 }] });
const PORTALS = [portal('sso', 'sso.sim.gov.cn'), portal('zwfw', 'zwfw.sim.gov.cn'), portal('layui', 'layui.sim.gov.cn')];

/** A fake `webRequest`: each event keeps its listener so the test can fire it. */
function fakeWebRequest() {
  const listeners: Record<string, (d: never) => void> = {};
  const event = (name: string) => ({ addListener: (cb: (d: never) => void) => void (listeners[name] = cb) });
  const web = {
    onBeforeRequest: event('onBeforeRequest'),
    onBeforeRedirect: event('onBeforeRedirect'),
    onCompleted: event('onCompleted'),
    onErrorOccurred: event('onErrorOccurred'),
  } as unknown as RequestEvents;
  const fire = (name: string, details: object) => listeners[name]!(details as never);
  return { web, fire };
}

let n = 0;
async function setUp() {
  const db = new BurdenDb(`friction-service-${n++}`);
  const config = createLocalConfig(fakeBrowser.storage.local);
  await config.setSnapshot(PORTALS);
  let now = Date.UTC(2026, 10, 27, 2, 0, 0);
  const clock = { now: () => now, advance: (ms: number) => (now += ms) };
  const keys = createKeyStore(db, crypto.subtle, clock.now, () => 'k1');
  const repo = createFrictionRepo(db, clock.now);
  const start = () => {
    const service = createFrictionService({ config, friction: repo, keys, subtle: crypto.subtle, now: clock.now, later: (task) => task() });
    const requests = fakeWebRequest();
    service.listen(requests.web);
    const router = createMessageRouter({ id: 'ext', getURL: (p: string) => `chrome-extension://ext${p}` } as never, config);
    service.register(router);
    const intent = (url: string, payload: object, tabId = 1, frameId = 0) =>
      router.dispatch({ type: 'page.submitIntent', payload }, { id: 'ext', url, tab: { id: tabId, incognito: false } as never, frameId });
    return { service, ...requests, intent };
  };
  const rows = () => db.submissions.toArray();
  return { db, repo, clock, start, rows };
}

const LAYUI = 'http://layui.sim.gov.cn:8080/';
const SSO = 'http://sso.sim.gov.cn:8080/?service=zwfw.sim.gov.cn';

describe('the friction service', () => {
  it('counts a script submission after a click, settles it by its status, and stores no request URL', async () => {
    const t = await setUp();
    const w = t.start();
    await w.intent(LAYUI, { via: 'click', login: null });
    t.clock.advance(50);
    w.fire('onBeforeRequest', { requestId: '7', tabId: 1, frameId: 0, type: 'xmlhttprequest', method: 'POST', url: `${LAYUI}api/save?mode=500` });
    t.clock.advance(30);
    w.fire('onCompleted', { requestId: '7', statusCode: 500, url: `${LAYUI}api/save?mode=500` });
    await w.service.whenIdle();
    const rows = await t.rows();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ portalId: 'layui', login: false, status: 'failed', failure: 'http' });
    expect(JSON.stringify(rows)).not.toContain('api/save');
  });

  it('ignores GETs, requests without an action, and requests of other tabs', async () => {
    const t = await setUp();
    const w = t.start();
    w.fire('onBeforeRequest', { requestId: '1', tabId: 1, frameId: 0, type: 'xmlhttprequest', method: 'POST', url: LAYUI });
    t.clock.advance(3000); // longer than a request waits for the message of its action
    await w.intent(LAYUI, { via: 'click', login: null });
    w.fire('onBeforeRequest', { requestId: '2', tabId: 1, frameId: 0, type: 'xmlhttprequest', method: 'GET', url: LAYUI });
    w.fire('onBeforeRequest', { requestId: '3', tabId: 2, frameId: 0, type: 'xmlhttprequest', method: 'POST', url: LAYUI });
    await w.service.whenIdle();
    expect(await t.rows()).toHaveLength(0);
  });

  it('credits a single-sign-on login to the portal its redirects reached, with captcha and an account fingerprint', async () => {
    const t = await setUp();
    const w = t.start();
    // The navigation request starts before the page's message arrives.
    w.fire('onBeforeRequest', { requestId: '9', tabId: 1, frameId: 0, type: 'main_frame', method: 'POST', url: 'http://sso.sim.gov.cn:8080/login' });
    await w.intent(SSO, { via: 'click', login: { captcha: true, oneTimeCode: false, account: 'wangjianguo' } });
    w.fire('onBeforeRedirect', { requestId: '9', redirectUrl: 'http://zwfw.sim.gov.cn:8080/sso/callback?ticket=ST-1' });
    w.fire('onCompleted', { requestId: '9', statusCode: 200, url: 'http://zwfw.sim.gov.cn:8080/app/home' });
    await w.service.whenIdle();
    const [row] = await t.rows();
    expect(row).toMatchObject({ portalId: 'zwfw', login: true, captcha: true, status: 'ok', keyId: 'k1' });
    expect(row!.accountFp).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(JSON.stringify(row)).not.toContain('wangjianguo');
    expect((await t.repo.frictionByDay('2026-11-27', '2026-11-27'))[0]).toMatchObject({ portalId: 'zwfw', logins: 1, captchas: 1 });
  });

  it('settles a submission whose answer arrives after the worker was restarted', async () => {
    const t = await setUp();
    const first = t.start();
    await first.intent(LAYUI, { via: 'click', login: null });
    first.fire('onBeforeRequest', { requestId: '11', tabId: 1, frameId: 0, type: 'xmlhttprequest', method: 'PUT', url: LAYUI });
    await first.service.whenIdle();
    const second = t.start(); // a fresh worker: nothing in memory
    t.clock.advance(5000);
    second.fire('onErrorOccurred', { requestId: '11', url: LAYUI });
    await second.service.whenIdle();
    expect((await t.rows())[0]).toMatchObject({ status: 'failed', failure: 'network' });
  });

  it('an unanswered submission counts as failed once 60 s have passed, with no timer running', async () => {
    const t = await setUp();
    const w = t.start();
    await w.intent(LAYUI, { via: 'click', login: null });
    w.fire('onBeforeRequest', { requestId: '12', tabId: 1, frameId: 0, type: 'xmlhttprequest', method: 'POST', url: LAYUI });
    await w.service.whenIdle();
    expect((await t.repo.frictionByDay('2026-11-27', '2026-11-27'))[0]).toMatchObject({ submissions: 1, failedSubmissions: 0 });
    t.clock.advance(60_000);
    expect((await t.repo.frictionByDay('2026-11-27', '2026-11-27'))[0]).toMatchObject({ submissions: 1, failedSubmissions: 1 });
  });

  it('keeps stays per tab: a new portal ends the last stay, a closed tab ends it too', async () => {
    const t = await setUp();
    const w = t.start();
    const sender = (url: string) => ({ id: 'ext', url, tab: { id: 4 } as never, frameId: 0 });
    await w.service.onTopVisit(sender(SSO), 'sso');
    t.clock.advance(2000);
    await w.service.onTopVisit(sender('http://zwfw.sim.gov.cn:8080/app/home'), 'zwfw');
    t.clock.advance(1000);
    await w.service.onTopVisit(sender('http://zwfw.sim.gov.cn:8080/app/form'), 'zwfw');
    t.clock.advance(6000);
    await w.service.onCredited(sender('http://zwfw.sim.gov.cn:8080/checkin/'), 'zwfw', 'check-in', [{ day: '2026-11-27', activeMs: 1000 }]);
    await w.service.onTabRemoved(4);
    const stays = (await t.db.stays.toArray()).map(({ portalId, startedAt, lastSeenAt, endedAt }) => ({ portalId, len: lastSeenAt - startedAt, ended: endedAt !== undefined }));
    expect(stays).toEqual([
      { portalId: 'sso', len: 0, ended: true },
      { portalId: 'zwfw', len: 7000, ended: true },
    ]);
    expect(await t.repo.tagsByDay('2026-11-27', '2026-11-27')).toEqual([{ tag: 'check-in', portalId: 'zwfw', day: '2026-11-27', visits: 0, activeMs: 1000 }]);
  });

  it('links a form\'s entries to its submission and finds a duplicate filing of an earlier submission on another portal', async () => {
    const t = await setUp();
    const w = t.start();
    const entry = (portalId: string, visitKey: string, field: string, valueFp: string, at: number) =>
      t.db.entries.add({
        portalId, day: '2026-11-27', at, keyId: 'k1', valueFp, formFp: `form-${portalId}`, fieldFp: field, category: 'other', length: 5,
        method: 'typed', typingMs: 100, visitKey, kind: 'none', retypedChars: 0, repeatTypingMs: 0,
      });
    const submit = async (url: string, tabId: number, requestId: string) => {
      await w.intent(url, { via: 'click', login: null }, tabId);
      w.fire('onBeforeRequest', { requestId, tabId, frameId: 0, type: 'main_frame', method: 'POST', url });
      w.fire('onCompleted', { requestId, statusCode: 200, url });
      await w.service.whenIdle();
      await w.service.whenIdle();
    };
    const ZWFW = 'http://zwfw.sim.gov.cn:8080/app/form';
    const now = t.clock.now();
    for (const [f, v] of [['name', 'A'], ['id', 'B'], ['phone', 'C'], ['addr', 'D']]) await entry('zwfw', '1:0:doc1', f!, v!, now - 60_000);
    await submit(ZWFW, 1, 'z1');
    t.clock.advance(600_000);
    // Three of four values again on another portal: a duplicate filing. An entry in another tab is not part of it.
    const later = t.clock.now();
    for (const [f, v] of [['xm', 'A'], ['sfz', 'B'], ['sj', 'C'], ['bz', 'Q']]) await entry('layui', '2:0:doc2', f!, v!, later - 30_000);
    await entry('layui', '3:0:doc3', 'xm', 'Z', later - 10_000);
    await submit(LAYUI, 2, 'l1');
    const subs = await t.rows();
    expect(subs.map((r) => [r.portalId, r.duplicateOf])).toEqual([['zwfw', undefined], ['layui', 'zwfw']]);
    const linked = await t.db.entries.toArray();
    expect(linked.filter((e) => e.submissionId === subs[1]!.id).length).toBe(4);
    expect(linked.find((e) => e.visitKey === '3:0:doc3')!.submissionId).toBeUndefined();
    expect(await t.repo.duplicateFilingsByDay('2026-11-27', '2026-11-27')).toEqual([
      { day: '2026-11-27', portalId: 'layui', otherPortal: 'zwfw', a: 'layui', b: 'zwfw', duplicateFilings: 1 },
    ]);
  });

  it('two of three values repeated is not a duplicate filing', async () => {
    const t = await setUp();
    const w = t.start();
    const entry = (portalId: string, visitKey: string, field: string, valueFp: string) =>
      t.db.entries.add({
        portalId, day: '2026-11-27', at: t.clock.now() - 1000, keyId: 'k1', valueFp, formFp: 'f', fieldFp: field, category: 'other', length: 5,
        method: 'typed', typingMs: 100, visitKey, kind: 'none', retypedChars: 0, repeatTypingMs: 0,
      });
    for (const [f, v] of [['a', 'A'], ['b', 'B'], ['c', 'C']]) await entry('zwfw', '1:0:x', f!, v!);
    await w.intent('http://zwfw.sim.gov.cn:8080/', { via: 'click', login: null }, 1);
    w.fire('onBeforeRequest', { requestId: 'z', tabId: 1, frameId: 0, type: 'xmlhttprequest', method: 'POST', url: 'http://zwfw.sim.gov.cn:8080/api' });
    w.fire('onCompleted', { requestId: 'z', statusCode: 200, url: 'http://zwfw.sim.gov.cn:8080/api' });
    await w.service.whenIdle();
    t.clock.advance(5000);
    for (const [f, v] of [['a', 'A'], ['b', 'B'], ['c', 'X']]) await entry('layui', '2:0:y', f!, v!);
    await w.intent(LAYUI, { via: 'click', login: null }, 2);
    w.fire('onBeforeRequest', { requestId: 'l', tabId: 2, frameId: 0, type: 'xmlhttprequest', method: 'POST', url: `${LAYUI}api/save` });
    w.fire('onCompleted', { requestId: 'l', statusCode: 200, url: `${LAYUI}api/save` });
    await w.service.whenIdle();
    expect((await t.rows()).map((r) => r.duplicateOf)).toEqual([undefined, undefined]);
  });
});
