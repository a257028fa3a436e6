import { describe, expect, it } from 'vitest';
import { createPersistedLedger, DOCUMENT_LEDGER_KEY } from '../../../../storage/time/document-ledger-store';

/** storage.local as the worker sees it: it outlives every worker, and an extension reload. */
function localArea(initial: Record<string, unknown> = {}) {
  const items: Record<string, unknown> = structuredClone(initial);
  return {
    items,
    get: async (key: string) => (key in items ? { [key]: structuredClone(items[key]) } : {}),
    set: async (more: Record<string, unknown>) => void Object.assign(items, structuredClone(more)),
  };
}

describe('the document ledger outlives the worker (issue 15 item 8, after an update or reload)', () => {
  it('a page loaded before a reload is not a new visit for the worker that starts after it', async () => {
    const area = localArea();
    const before = createPersistedLedger(area);
    expect(await before.first('doc-1', 'visit')).toBe(true);
    expect(await before.first('doc-1', 'waiting')).toBe(true);
    const after = createPersistedLedger(area); // a new worker, the old one gone
    expect(await after.first('doc-1', 'visit')).toBe(false);
    expect(await after.first('doc-1', 'waiting')).toBe(false);
    expect(await after.first('doc-2', 'visit')).toBe(true);
  });

  it('starts empty from what it cannot read, and counts', async () => {
    for (const stored of ['garbage', [[1, 2]], { a: 1 }, [['doc-1', ['bogus']]]]) {
      const ledger = createPersistedLedger(localArea({ [DOCUMENT_LEDGER_KEY]: stored }));
      expect(await ledger.first('doc-1', 'visit')).toBe(true);
    }
  });

  it('still answers when storage refuses to write (a full disk): the visit counts, nothing throws', async () => {
    const area = { get: async () => ({}), set: async () => Promise.reject(new Error('QUOTA_BYTES quota exceeded')) };
    const ledger = createPersistedLedger(area);
    expect(await ledger.first('doc-1', 'visit')).toBe(true);
    expect(await ledger.first('doc-1', 'visit')).toBe(false);
  });

  it('stays bounded in storage', async () => {
    const area = localArea();
    const ledger = createPersistedLedger(area);
    for (let i = 0; i < 1_200; i++) await ledger.first(`doc-${i}`, 'visit');
    const kept = area.items[DOCUMENT_LEDGER_KEY] as unknown[];
    expect(kept.length).toBe(1_000);
    expect(await createPersistedLedger(area).first('doc-1199', 'visit')).toBe(false);
    expect(await createPersistedLedger(area).first('doc-0', 'visit')).toBe(true);
  });
});
