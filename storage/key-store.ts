import type { BurdenDb } from './schema';

/** DESIGN.md §3: fingerprint keys rotate each retention window; the previous key stays for the overlap. */
export const KEY_ROTATION_MS = 90 * 24 * 3600 * 1000;
const KEYS_KEY = 'fingerprintKeys';

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
    /** Forget the keys (delete all my data): old fingerprints become unmatchable noise. */
    async destroy() {
      cached = null;
      await db.meta.delete(KEYS_KEY);
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
