/**
 * Two months of a cadre's use for the page-layout tests (issue #16): six portals with long Chinese names, daily
 * time, gaps, entries with repeats, uploads and submissions, written into the extension's own database the way
 * the worker stores them (the same shapes as tests/bench/report.bench.test.ts).
 */
import type { Page } from 'playwright-core';

export const UI_PORTALS = [
  { name: '全国一体化在线政务服务平台', host: 'gjzwfw.sim.gov.cn' },
  { name: '广东省政务服务网（一网通办）', host: 'gdzwfw.sim.gov.cn' },
  { name: '基层治理综合信息系统', host: 'jczl.sim.gov.cn' },
  { name: '社会保险网上服务平台', host: 'si.sim.gov.cn' },
  { name: '村（社区）工作事务准入平台', host: 'cun.sim.gov.cn' },
  { name: '统计联网直报', host: 'tjzb.sim.gov.cn' },
];

const pad = (n: number) => String(n).padStart(2, '0');
const dayOf = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;

function rows(ids: string[], days: number) {
  let s = 7;
  const rnd = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32);
  const fp = () => Array.from({ length: 43 }, () => 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'[Math.floor(rnd() * 64)]).join('');
  const out: Record<string, Record<string, unknown>[]> = { daily: [], gaps: [], entries: [], uploads: [], submissions: [] };
  const d = new Date();
  d.setHours(12, 0, 0, 0);
  // Today included (the popup's glance), weekends left out before it.
  for (let back = days; back >= 0; back--) {
    const date = new Date(d.getTime() - back * 86_400_000);
    if (back > 0 && (date.getDay() === 0 || date.getDay() === 6)) continue;
    const day = dayOf(date);
    const base = new Date(`${day}T09:00:00`).getTime();
    ids.forEach((portalId, i) => {
      // The first portal the busiest, the last a few minutes (one decimal below 10).
      const activeMs = Math.floor((90 - i * 16) * (0.4 + rnd()) * 60_000);
      out.daily!.push({ portalId, day, activeMs, offHoursMs: Math.floor(activeMs * 0.1), waitMs: Math.floor(rnd() * 6 * 60_000), navigations: 12 });
      for (let k = 0; k < 4; k++) {
        const login = k === 3;
        const at = base + k * 600_000 + i * 60_000;
        out.submissions!.push({
          requestId: `${day}-${portalId}-${k}`, tabId: 1, portalId, day, at, login, captcha: login && rnd() < 0.5, oneTimeCode: false,
          ...(login && { accountFp: fp(), keyId: 'ui-key' }), status: k === 0 && rnd() < 0.3 ? 'failed' : 'ok',
          ...(k === 0 && { failure: 'http' }), endedAt: at + 300,
        });
      }
      for (let e = 0; e < 6; e++) {
        const r = rnd();
        const kind = r < 0.6 ? 'none' : r < 0.8 ? 'same-field' : 'cross-portal';
        const length = 4 + Math.floor(rnd() * 14);
        out.entries!.push({
          portalId, day, at: base + e * 60_000, keyId: 'ui-key', valueFp: fp(), formFp: fp(), fieldFp: fp(),
          category: (['name', 'id-number', 'phone', 'address', 'date', 'number'] as const)[e], length, method: 'typed', typingMs: length * 300,
          visitKey: `${i}:${e}:doc`, kind, ...(kind === 'cross-portal' && { otherPortal: ids[(i + 1) % ids.length] }),
          retypedChars: kind === 'none' ? 0 : length, repeatTypingMs: 0,
        });
      }
      out.uploads!.push({
        portalId, day, at: base + i * 90_000, keyId: 'ui-key', contentFp: fp(), sampled: false,
        kind: (['photo', 'screenshot', 'document'] as const)[i % 3], sizeBucket: 1, source: 'input', repeat: rnd() < 0.3 ? 'repeat' : 'none',
      });
    });
    const start = base + 3 * 3600_000;
    out.gaps!.push({ portalId: ids[0], day, start, end: start + 12 * 60_000, reason: (['idle', 'unfocused', 'locked', 'sleep'] as const)[date.getDay() % 4] });
  }
  return out;
}

type Chrome = { runtime: { sendMessage(m: unknown): Promise<{ ok: boolean; data: unknown; error?: string }> }; alarms: { clear(n: string): Promise<boolean> } };

/** Adds the portals (as the cadre's own) and writes `days` days of records for them. Returns the portal ids. */
export async function seedCadre(page: Page, days = 70): Promise<string[]> {
  const ids = await page.evaluate(async (portals) => {
    const c = (globalThis as unknown as { chrome: Chrome }).chrome;
    await c.alarms.clear('retention');
    const reply = await c.runtime.sendMessage({
      type: 'portals.add',
      payload: { portals: portals.map((p) => ({ name: p.name, patterns: [{ scheme: 'http', host: p.host }], source: 'user' })) },
    });
    if (!reply.ok) throw new Error(reply.error);
    return reply.data as string[];
  }, UI_PORTALS);
  await page.evaluate(async (tables) => {
    const db: IDBDatabase = await new Promise((res, rej) => {
      const req = indexedDB.open('burden-barometer');
      req.onsuccess = () => res(req.result);
      req.onerror = () => rej(req.error);
    });
    for (const [store, list] of Object.entries(tables)) {
      await new Promise<void>((res, rej) => {
        const tx = db.transaction(store, 'readwrite');
        for (const row of list) tx.objectStore(store).put(row);
        tx.oncomplete = () => res();
        tx.onerror = () => rej(tx.error);
      });
    }
    db.close();
  }, rows(ids, days));
  return ids;
}
