import { EMPTY_POLICY, type ManagedPolicy, readManagedPolicy } from '../../../core/contracts/managed-policy';

const CACHE_KEY = 'policyCache';
const MANAGED_TIMEOUT_MS = 1500;

interface Areas {
  managed: { get(): Promise<Record<string, unknown>> };
  local: { get(key: string): Promise<Record<string, unknown>>; set(items: Record<string, unknown>): Promise<void> };
}

/**
 * Reads office policy. Chromium's storage.managed.get() can hang after an abrupt close and relaunch (seen here:
 * it never settled), and a missing answer must not make the office catalog vanish, so a slow read falls back
 * to the last policy seen. Firefox without a policy file throws instead: no policy.
 */
export function createPolicyReader(areas: Areas, timeoutMs = MANAGED_TIMEOUT_MS) {
  return async function readPolicy(): Promise<ManagedPolicy> {
    const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), timeoutMs));
    const raw = await Promise.race([areas.managed.get().catch(() => ({}) as Record<string, unknown>), timeout]);
    if (raw === 'timeout') {
      const cached = (await areas.local.get(CACHE_KEY))[CACHE_KEY];
      return cached && typeof cached === 'object' ? readManagedPolicy(cached as Record<string, unknown>) : EMPTY_POLICY;
    }
    await areas.local.set({ [CACHE_KEY]: raw });
    return readManagedPolicy(raw);
  };
}
