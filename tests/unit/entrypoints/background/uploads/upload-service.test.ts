import { describe, expect, it } from 'vitest';
import type { Portal } from '../../../../../core/portals/portal';
import { createMessageRouter } from '../../../../../entrypoints/background/messaging/message-router';
import { createUploadService, HASHED_BY_KEY } from '../../../../../entrypoints/background/uploads/upload-service';
import { createActivityRepo } from '../../../../../storage/time/activity-repo';
import { createKeyStore } from '../../../../../storage/config/key-store';
import type { LocalConfigStore } from '../../../../../storage/config/local-config';
import { BurdenDb } from '../../../../../storage/db/schema';
import { createUploadsRepo } from '../../../../../storage/uploads/uploads-repo';

const portals: Portal[] = [
  { id: 'a', name: 'A', patterns: [{ scheme: 'http', host: 'a.sim.gov.cn' }], source: 'user' },
  { id: 'b', name: 'B', patterns: [{ scheme: 'http', host: 'b.sim.gov.cn' }], source: 'user' },
];
const DIGEST = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
const OTHER = '5feceb66ffc86f38d952786c6d696c79c2dbc239dd4e91b46729d73a27fb57e9';

function setup() {
  const db = new BurdenDb(`upload-service-${Math.random()}`);
  const badges: string[] = [];
  const session = new Map<string, unknown>();
  let now = new Date(2026, 10, 27, 10).getTime();
  const uploads = createUploadsRepo(db);
  const config = { read: async () => ({ portalSnapshot: portals, paused: false }) } as unknown as LocalConfigStore;
  const router = createMessageRouter({ id: 'ext', getURL: (p: string) => `chrome-extension://ext${p}` } as never, config);
  createUploadService({
    config,
    uploads,
    activity: createActivityRepo(db),
    keys: createKeyStore(db, crypto.subtle, () => now, () => `k${Math.random()}`),
    subtle: crypto.subtle,
    now: () => now,
    badge: { setBadgeText: async ({ text }) => void badges.push(text) },
    session: {
      get: async (k) => (session.has(k) ? { [k]: session.get(k) } : {}),
      set: async (items) => void Object.entries(items).forEach(([k, v]) => session.set(k, v)),
      remove: async (k) => void session.delete(k),
    },
  }).register(router);
  // Through the router, as the worker receives it: the portal is matched from the sender there.
  const call = async (type: string, payload: unknown, host: string) => {
    const reply = await router.dispatch({ type, payload }, { id: 'ext', tab: { id: 7, incognito: false } as never, frameId: 0, url: `http://${host}/x` });
    if (!reply.ok) throw new Error(reply.error);
    return reply.data;
  };
  return { db, uploads, call, badges, session, later: (ms: number) => (now += ms) };
}

const upload = (token: string, digest: string, extra: Record<string, unknown> = {}) => ({ token, digest, sampled: false, hashedBy: 'frame-wasm', sizeBucket: 2, kind: 'photo', source: 'input', ...extra });

describe('upload service (worker)', () => {
  it('tallies where each digest was computed, in session storage only', async () => {
    const { call, session } = setup();
    await call('page.upload', upload('tokenEEEE1', DIGEST), 'a.sim.gov.cn');
    await call('page.upload', upload('tokenEEEE2', OTHER, { hashedBy: 'page-js' }), 'a.sim.gov.cn');
    await call('page.upload', upload('tokenEEEE3', OTHER), 'b.sim.gov.cn');
    expect(session.get(HASHED_BY_KEY)).toEqual({ 'frame-wasm': 2, 'page-js': 1 });
  });

  it('keys the digest, finds the repeat on another portal, and stores no un-keyed digest', async () => {
    const { db, call, uploads } = setup();
    expect(await call('page.upload', upload('tokenAAAA1', DIGEST), 'a.sim.gov.cn')).toEqual({ recorded: true, repeat: 'none' });
    expect(await call('page.upload', upload('tokenAAAA2', DIGEST), 'b.sim.gov.cn')).toEqual({ recorded: true, repeat: 'repeat' });
    expect(await call('page.upload', upload('tokenAAAA3', OTHER), 'b.sim.gov.cn')).toEqual({ recorded: true, repeat: 'none' });
    expect(await uploads.uploadsByDay('2026-11-27', '2026-11-27')).toEqual([
      { portalId: 'a', day: '2026-11-27', kind: 'photo', repeat: 'none' },
      { portalId: 'b', day: '2026-11-27', kind: 'photo', repeat: 'repeat', otherPortal: 'a' },
      { portalId: 'b', day: '2026-11-27', kind: 'photo', repeat: 'none' },
    ]);
    const stored = JSON.stringify(await db.uploads.toArray());
    expect(stored).not.toContain(DIGEST);
    expect(stored).not.toContain(Buffer.from(DIGEST, 'hex').toString('base64url'));
  });

  it('a sampled digest never matches a whole one with the same value', async () => {
    const { call } = setup();
    await call('page.upload', upload('tokenBBBB1', DIGEST), 'a.sim.gov.cn');
    expect(await call('page.upload', upload('tokenBBBB2', DIGEST, { sampled: true, sizeBucket: 5 }), 'a.sim.gov.cn')).toMatchObject({ repeat: 'none' });
  });

  it('finds a near-repeat by perceptual hash while the content differs', async () => {
    const { call } = setup();
    await call('page.upload', upload('tokenCCCC1', DIGEST, { phash: 'c3a1f0e07c1e0f87' }), 'a.sim.gov.cn');
    expect(await call('page.upload', upload('tokenCCCC2', OTHER, { phash: 'c3a1f0e07c1e0f86', kind: 'other-image' }), 'a.sim.gov.cn')).toMatchObject({ repeat: 'near-repeat' });
  });

  it('leaves an upload-unfinished gap when the fingerprint never arrives, and none when it does', async () => {
    const { db, call } = setup();
    await call('page.uploadBegin', { token: 'tokenDDDD1' }, 'a.sim.gov.cn');
    await call('page.uploadBegin', { token: 'tokenDDDD2' }, 'a.sim.gov.cn');
    await call('page.upload', upload('tokenDDDD2', DIGEST), 'a.sim.gov.cn');
    const gaps = await db.gaps.toArray();
    expect(gaps).toHaveLength(1);
    expect(gaps[0]).toMatchObject({ portalId: 'a', reason: 'upload-unfinished' });
  });

  it('shows progress on the badge and clears it when done', async () => {
    const { call, badges } = setup();
    await call('page.uploadProgress', { token: 'tokenEEEE1', percent: 42 }, 'a.sim.gov.cn');
    await call('page.upload', upload('tokenEEEE1', DIGEST), 'a.sim.gov.cn');
    expect(badges).toEqual(['42%', '']);
  });

  it('ignores pages that are not a portal', async () => {
    const { call } = setup();
    expect(await call('page.upload', upload('tokenFFFF1', DIGEST), 'elsewhere.example')).toEqual({ recorded: false });
  });
});
