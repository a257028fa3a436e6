import { describe, expect, it } from 'vitest';
import { createKeyStore, fingerprint, KEY_ROTATION_MS } from '../../../../storage/config/key-store';
import { BurdenDb } from '../../../../storage/db/schema';

let n = 0;
const subtle = globalThis.crypto.subtle;

describe('fingerprint keys', () => {
  it('creates one non-extractable HMAC key per install and reuses it', async () => {
    const db = new BurdenDb(`keys-${n++}`);
    const ids = ['k1', 'k2'];
    const store = createKeyStore(db, subtle, () => 1_000, () => ids.shift()!);
    const [first] = await store.keys();
    expect(first!.key.extractable).toBe(false);
    await expect(subtle.exportKey('raw', first!.key)).rejects.toThrow();
    const again = createKeyStore(db, subtle, () => 2_000, () => 'never');
    expect((await again.keys()).map((k) => k.id)).toEqual(['k1']);
  });

  it('rotates after the retention window and keeps the previous key for the overlap', async () => {
    const db = new BurdenDb(`keys-${n++}`);
    let now = 0;
    const ids = ['k1', 'k2', 'k3'];
    const store = createKeyStore(db, subtle, () => now, () => ids.shift()!);
    await store.keys();
    now = KEY_ROTATION_MS + 1;
    expect((await store.keys()).map((k) => k.id)).toEqual(['k2', 'k1']);
    now = 2 * KEY_ROTATION_MS + 2;
    expect((await store.keys()).map((k) => k.id)).toEqual(['k3', 'k2']);
  });

  it('gives the same fingerprint for the same input and key, and another under another key', async () => {
    const db = new BurdenDb(`keys-${n++}`);
    const ids = ['a', 'b'];
    const [a] = await createKeyStore(db, subtle, () => 0, () => ids.shift()!).keys();
    const [b] = await createKeyStore(new BurdenDb(`keys-${n++}`), subtle, () => 0, () => ids.shift()!).keys();
    const fa = await fingerprint(subtle, a!.key, '11010519491231002X');
    expect(fa).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await fingerprint(subtle, a!.key, '11010519491231002X')).toBe(fa);
    expect(await fingerprint(subtle, b!.key, '11010519491231002X')).not.toBe(fa);
  });
});

describe('report key', () => {
  it('is one non-extractable key per install that never rotates and is forgotten by destroy', async () => {
    const db = new BurdenDb(`keys-${n++}`);
    let now = 0;
    const store = createKeyStore(db, subtle, () => now, () => 'k');
    const [first, second] = await Promise.all([store.reportKey(), createKeyStore(db, subtle, () => now, () => 'k').reportKey()]);
    expect(first.extractable).toBe(false);
    const id = await fingerprint(subtle, first, 'report||2026-W48');
    expect(await fingerprint(subtle, second, 'report||2026-W48')).toBe(id);
    now = 5 * KEY_ROTATION_MS;
    await store.keys();
    const later = await createKeyStore(db, subtle, () => now, () => 'k').reportKey();
    expect(await fingerprint(subtle, later, 'report||2026-W48')).toBe(id);
    await store.destroy();
    expect(await db.meta.get('reportKey')).toBeUndefined();
    expect(await fingerprint(subtle, await store.reportKey(), 'report||2026-W48')).not.toBe(id);
  });
});
