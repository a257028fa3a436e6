import { describe, expect, it } from 'vitest';
import { registerDataService } from '../../../../../entrypoints/background/data/data-service';
import type { MessageRouter } from '../../../../../entrypoints/background/messaging/message-router';
import { tableToCsv } from '../../../../../core/data/export-csv';
import { fromCsv } from '../../../../../core/office/csv';
import { createKeyStore, fingerprint } from '../../../../../storage/config/key-store';
import { BurdenDb } from '../../../../../storage/db/schema';

let n = 0;

async function setUp() {
  const db = new BurdenDb(`data-service-${n++}`);
  const keys = createKeyStore(db, crypto.subtle, () => 0, () => 'k1');
  await keys.keys();
  await keys.reportKey();
  await db.daily.put({ portalId: 'p', day: '2026-11-24', activeMs: 1000, offHoursMs: 0, waitMs: 0, navigations: 1 });
  await db.gaps.add({ portalId: 'p', day: '2026-11-24', start: 0, end: 1, reason: 'idle' });
  await db.visits.add({ portalId: 'p', day: '2026-11-24', startedAt: 0 });
  const local: Record<string, unknown> = { userPortals: [{ id: 'p' }], paused: true, policyCache: { campaign: 'c' }, requestsSent: 3, pendingReport: { bytes: '{}', error: 'network' } };
  const area = {
    get: async () => ({ ...local }),
    remove: async (ks: string[]) => void ks.forEach((k) => delete local[k]),
  };
  const handlers: Record<string, (p: unknown) => Promise<unknown>> = {};
  let republished = 0;
  registerDataService({ on: (type: string, h: (p: unknown) => Promise<unknown>) => void (handlers[type] = h) } as unknown as MessageRouter, {
    db,
    local: area,
    keys,
    afterDelete: async () => void republished++,
  });
  return { db, keys, local, handlers, republished: () => republished };
}

describe('export my data', () => {
  it('holds every table but the one with the keys, and the settings', async () => {
    const { handlers } = await setUp();
    const out = (await handlers['data.export']!({})) as { tables: Record<string, unknown[]>; settings: Record<string, unknown> };
    expect(Object.keys(out.tables).sort()).toEqual(['daily', 'entries', 'gaps', 'stays', 'submissions', 'tagDaily', 'uploads', 'visits']);
    expect(out.tables.daily).toHaveLength(1);
    expect(out.settings.paused).toBe(true);
    expect(JSON.stringify(out)).not.toMatch(/fingerprintKeys|reportKey/);
  });

  it('writes a table as CSV with every field, lists as JSON, formulas guarded', () => {
    const csv = tableToCsv([{ a: 1, b: '=1+1' }, { a: 2, c: ['x', 'y'] }]);
    expect(fromCsv(csv)).toEqual([
      ['a', 'b', 'c'],
      ['1', '=1+1', ''],
      ['2', '', '["x","y"]'],
    ]);
    expect(csv).toContain("'=1+1");
  });
});

describe('delete all my data', () => {
  it('empties every table, forgets the keys and the cadre\'s settings, keeps policy and the request count', async () => {
    const { db, keys, local, handlers, republished } = await setUp();
    const fp = async () => fingerprint(crypto.subtle, (await keys.keys())[0]!.key, 'value\u000013912345678');
    const rid = async () => fingerprint(crypto.subtle, await keys.reportKey(), 'report||2026-W48');
    const [fpBefore, ridBefore] = [await fp(), await rid()];
    await handlers['data.deleteAll']!({ confirm: true });
    for (const table of db.tables) expect(await table.count(), table.name).toBe(0);
    expect(Object.keys(local).sort()).toEqual(['policyCache', 'requestsSent']);
    expect(republished()).toBe(1);
    // A new key, so old fingerprints can never be matched again.
    expect(await fp()).not.toBe(fpBefore);
    expect(await rid()).not.toBe(ridBefore);
  });
});
