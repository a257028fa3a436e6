import type { BurdenDb } from '../db/schema';

/** DESIGN.md §3: fingerprint keys rotate each retention window; the previous key stays for the overlap. */
export const KEY_ROTATION_MS = 90 * 24 * 3600 * 1000;
const KEYS_KEY = 'fingerprintKeys';
/** DESIGN.md §4: the report key never rotates, so the same cadre-week always gets the same reportId. */
const REPORT_KEY = 'reportKey';

export interface FingerprintKey {
  id: string;
  createdAt: number;
  /** Non-extractable where the browser allows: even this extension cannot read the secret back out. */
  key: CryptoKey;
}

interface StoredKeys {
  current: FingerprintKey;
  previous?: FingerprintKey;
}

/**
 * The install secret for keyed fingerprints. It lives only in the extension's IndexedDB as a CryptoKey object,
 * is never exported (not even by "export my data") and never leaves the worker.
 */
export function createKeyStore(db: BurdenDb, subtle: SubtleCrypto, now: () => number, newId: () => string) {
  const generate = async (): Promise<FingerprintKey> => ({
    id: newId(),
    createdAt: now(),
    key: await subtle.generateKey({ name: 'HMAC', hash: 'SHA-256' }, false, ['sign']),
  });
  let cached: Promise<StoredKeys> | null = null;
  let cachedReportKey: Promise<CryptoKey> | null = null;

  async function loadReportKey(): Promise<CryptoKey> {
    const stored = (await db.meta.get(REPORT_KEY))?.value as CryptoKey | undefined;
    if (stored) return stored;
    const key = await subtle.generateKey({ name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    // Two first builds racing must not mint two keys: the first one written wins.
    return db.transaction('rw', db.meta, async () => {
      const again = (await db.meta.get(REPORT_KEY))?.value as CryptoKey | undefined;
      if (again) return again;
      await db.meta.put({ key: REPORT_KEY, value: key });
      return key;
    });
  }

  async function load(): Promise<StoredKeys> {
    const stored = (await db.meta.get(KEYS_KEY))?.value as StoredKeys | undefined;
    if (stored && now() - stored.current.createdAt < KEY_ROTATION_MS) return stored;
    const next: StoredKeys = { current: await generate(), ...(stored && { previous: stored.current }) };
    await db.meta.put({ key: KEYS_KEY, value: next });
    return next;
  }

  return {
    /** The keys a fingerprint may have been made with: the current one first, then the previous one. */
    async keys(): Promise<FingerprintKey[]> {
      let keys = await (cached ??= load());
      if (now() - keys.current.createdAt >= KEY_ROTATION_MS) keys = await (cached = load());
      return [keys.current, ...(keys.previous ? [keys.previous] : [])];
    },
    /** The per-install key of reportIds; separate from the fingerprint keys and never rotated. */
    reportKey(): Promise<CryptoKey> {
      return (cachedReportKey ??= loadReportKey().catch((error: unknown) => {
        cachedReportKey = null;
        throw error;
      }));
    },
    /** Forget the keys (delete all my data): old fingerprints become unmatchable noise, reportIds start afresh. */
    async destroy() {
      cached = null;
      cachedReportKey = null;
      await db.meta.bulkDelete([KEYS_KEY, REPORT_KEY]);
    },
  };
}

export type KeyStore = ReturnType<typeof createKeyStore>;

/** HMAC-SHA-256 of `input` under `key`, base64url without padding. */
export async function fingerprint(subtle: SubtleCrypto, key: CryptoKey, input: string): Promise<string> {
  const mac = new Uint8Array(await subtle.sign('HMAC', key, new TextEncoder().encode(input)));
  let binary = '';
  for (const byte of mac) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
