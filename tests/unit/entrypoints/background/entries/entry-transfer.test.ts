import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createEntryService } from '../../../../../entrypoints/background/entries/entry-service';
import { createMessageRouter } from '../../../../../entrypoints/background/messaging/message-router';
import { TRANSFER_WINDOW_MS } from '../../../../../core/entries/value-transfer';
import { createClipboardLog } from '../../../../../storage/entries/clipboard-log';
import { createEntriesRepo } from '../../../../../storage/entries/entries-repo';
import { createKeyStore } from '../../../../../storage/config/key-store';
import { createLocalConfig } from '../../../../../storage/config/local-config';
import { BurdenDb } from '../../../../../storage/db/schema';

// A copy on one portal and its paste on another, through the worker's real message path: the transfer is
// recorded on the pasted entry, and the copied text is kept only as a keyed fingerprint in session memory.
const COPIED = '11010519491231002X';
let n = 0;

async function setUp() {
  const db = new BurdenDb(`transfer-${n++}`);
  const config = createLocalConfig(fakeBrowser.storage.local);
  await config.setSnapshot([
    { id: 'zwfw', name: 'A', patterns: [{ scheme: 'http', host: 'zwfw.example.gov.cn' }], source: 'user' },
    { id: 'layui', name: 'B', patterns: [{ scheme: 'http', host: 'layui.example.gov.cn' }], source: 'user' },
  ] as never);
  let now = 1_000_000;
  const router = createMessageRouter(fakeBrowser.runtime, config);
  const entries = createEntriesRepo(db);
  createEntryService({
    config,
    entries,
    keys: createKeyStore(db, crypto.subtle, () => now, () => `k${n}`),
    clipboard: createClipboardLog(fakeBrowser.storage.session),
    subtle: crypto.subtle,
    now: () => now,
  }).register(router);
  const sender = (host: string) => ({ id: fakeBrowser.runtime.id, url: `http://${host}/form`, tab: { id: 1, incognito: false } as never, frameId: 0 });
  const send = (type: string, payload: unknown, host: string) => router.dispatch({ type, payload }, sender(host));
  const entry = (method: string) => ({ input: COPIED, length: COPIED.length, field: 'idno', form: '/form', category: 'id-number', method, typingMs: 0 });
  return { db, entries, send, entry, advance: (ms: number) => (now += ms) };
}

describe('transfers: copied on one portal, pasted on another', () => {

  it('records the paste as a transfer from the portal of the copy', async () => {
    const s = await setUp();
    await s.send('page.copy', { input: COPIED }, 'zwfw.example.gov.cn');
    s.advance(60_000);
    await s.send('page.entry', s.entry('pasted'), 'layui.example.gov.cn');
    const [row] = await s.db.entries.toArray();
    expect(row).toMatchObject({ portalId: 'layui', method: 'pasted', transferFrom: 'zwfw' });
  });

  it('is no transfer when typed, when pasted on the portal of the copy, or after the window', async () => {
    const s = await setUp();
    await s.send('page.copy', { input: COPIED }, 'zwfw.example.gov.cn');
    await s.send('page.entry', s.entry('typed'), 'layui.example.gov.cn');
    await s.send('page.entry', s.entry('pasted'), 'zwfw.example.gov.cn');
    s.advance(TRANSFER_WINDOW_MS + 1);
    await s.send('page.entry', s.entry('pasted'), 'layui.example.gov.cn');
    const rows = await s.db.entries.toArray();
    expect(rows).toHaveLength(3);
    expect(rows.map((r) => r.transferFrom)).toEqual([undefined, undefined, undefined]);
  });

  it('keeps the copy only as a keyed fingerprint in session storage, never the text', async () => {
    const s = await setUp();
    await s.send('page.copy', { input: COPIED }, 'zwfw.example.gov.cn');
    const session = JSON.stringify(await fakeBrowser.storage.session.get(null));
    const local = JSON.stringify(await fakeBrowser.storage.local.get(null));
    expect(session).toContain('valueFp');
    expect(session).not.toContain(COPIED);
    expect(local).not.toContain(COPIED);
  });

  it('ignores copies from pages that are not portals', async () => {
    const s = await setUp();
    await s.send('page.copy', { input: COPIED }, 'news.example.com');
    expect(await fakeBrowser.storage.session.get(null)).toEqual({});
  });
});
