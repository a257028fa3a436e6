import { describe, expect, it } from 'vitest';
import { createPolicyReader } from '../../../../../entrypoints/background/portals/policy-reader';

const catalog = [{ id: 'zwfw', name: '政务服务网', patterns: ['https://zwfw.example.gov.cn'] }];

function memoryLocal() {
  const data: Record<string, unknown> = {};
  return {
    data,
    get: async (key: string) => (key in data ? { [key]: data[key] } : {}),
    set: async (items: Record<string, unknown>) => void Object.assign(data, items),
  };
}

describe('policy reader', () => {
  it('reads policy and remembers it', async () => {
    const local = memoryLocal();
    const read = createPolicyReader({ managed: { get: async () => ({ catalog, lockPortalList: true }) }, local }, 50);
    const policy = await read();
    expect(policy.catalog.map((p) => p.id)).toEqual(['zwfw']);
    expect(policy.lockPortalList).toBe(true);
    expect(local.data.policyCache).toEqual({ catalog, lockPortalList: true });
  });

  it('keeps the office catalog when managed storage never answers (seen after an abrupt relaunch)', async () => {
    const local = memoryLocal();
    await createPolicyReader({ managed: { get: async () => ({ catalog, lockPortalList: true }) }, local }, 50)();
    const hanging = createPolicyReader({ managed: { get: () => new Promise(() => undefined) }, local }, 50);
    const policy = await hanging();
    expect(policy.catalog.map((p) => p.id)).toEqual(['zwfw']);
    expect(policy.lockPortalList).toBe(true);
  });

  it('means no policy when managed storage throws (Firefox without a policy file) and nothing was cached', async () => {
    const read = createPolicyReader({ managed: { get: async () => Promise.reject(new Error('no managed')) }, local: memoryLocal() }, 50);
    expect((await read()).catalog).toEqual([]);
  });
});
