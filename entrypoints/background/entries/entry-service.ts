import { dayKey } from '../../../core/time/day-split';
import type { EntryRecord } from '../../../core/entries/record';
import { classifyEntry } from '../../../core/entries/repeat-detection';
import { findTransfer } from '../../../core/entries/value-transfer';
import type { ClipboardLog } from '../../../storage/entries/clipboard-log';
import type { EntriesRepo } from '../../../storage/entries/entries-repo';
import { fingerprint, type KeyStore } from '../../../storage/config/key-store';
import type { LocalConfigStore } from '../../../storage/config/local-config';
import type { EntryRow } from '../../../storage/db/schema';
import type { MessageRouter } from '../messaging/message-router';
import { createSerialQueue } from '../portals/sender-portal';

export interface EntryServiceDeps {
  config: LocalConfigStore;
  entries: EntriesRepo;
  keys: KeyStore;
  clipboard: ClipboardLog;
  subtle: SubtleCrypto;
  now: () => number;
}

/**
 * Turns a committed value into fingerprints and a repeat verdict. The value arrives in memory from the page
 * (plain-http pages have no crypto.subtle, and the key must not leave the worker), is hashed here under each
 * live key, and is dropped: nothing but the fingerprints, category and counts is written or logged.
 */
export function createEntryService(deps: EntryServiceDeps) {
  const serial = createSerialQueue();
  // Domain-separated inputs, so a value can never collide with a field name or a path. A copy and an entry of
  // the same text get the same value fingerprint: that is how a paste is traced to its copy.
  const valueInput = (input: string) => `value\u0000${input}`;

  /** The portal the pasted value was copied on, when that makes a transfer (core/entries/value-transfer.ts). */
  const transferSource = async (portalId: string, now: number, byKey: Map<string, { value: string }>) => {
    const copies = (await deps.clipboard.recent(now)).map((c) => ({
      portalId: c.portalId,
      at: c.at,
      valueFp: byKey.get(c.keyId)?.value === c.valueFp ? 'this-value' : `other:${c.valueFp}`,
    }));
    return findTransfer({ portalId, valueFp: 'this-value', at: now }, copies)?.from;
  };

  return {
    register(router: MessageRouter) {
      router.on('page.copy', (payload, { portalId }) =>
        serial(async () => {
          if (!portalId) return { recorded: false };
          const now = deps.now();
          const facts = await Promise.all(
            (await deps.keys.keys()).map(async (k) => ({
              portalId,
              keyId: k.id,
              valueFp: await fingerprint(deps.subtle, k.key, valueInput(payload.input)),
              at: now,
            })),
          );
          await deps.clipboard.add(facts, now);
          return { recorded: true };
        }),
      );
      router.on('page.entry', (payload, { sender, portalId }) =>
        serial(async () => {
          if (!portalId) return { recorded: false };
          const now = deps.now();
          const triples = await Promise.all(
            (await deps.keys.keys()).map(async (k) => ({
              keyId: k.id,
              value: await fingerprint(deps.subtle, k.key, valueInput(payload.input)),
              form: await fingerprint(deps.subtle, k.key, `form\u0000${portalId}\u0000${payload.form}`),
              field: await fingerprint(deps.subtle, k.key, `field\u0000${payload.field}`),
            })),
          );
          const current = triples[0]!;
          const byKey = new Map(triples.map((t) => [t.keyId, t]));
          const visitKey = `${sender.tab?.id ?? ''}:${sender.frameId ?? ''}:${(sender as { documentId?: string }).documentId ?? ''}`;
          // Earlier rows made with another live key are compared through that key's own fingerprints.
          const asRecord = (row: Pick<EntryRow, 'portalId' | 'keyId' | 'valueFp' | 'formFp' | 'fieldFp' | 'category' | 'length' | 'method' | 'typingMs' | 'at' | 'visitKey'>): EntryRecord => {
            const t = byKey.get(row.keyId);
            return {
              portalId: row.portalId,
              formKey: t && row.formFp === t.form ? 'this-form' : `other:${row.formFp}`,
              fieldKey: t && row.fieldFp === t.field ? 'this-field' : `other:${row.fieldFp}`,
              valueFp: t && row.valueFp === t.value ? 'this-value' : `other:${row.valueFp}`,
              category: row.category,
              length: row.length,
              method: row.method,
              typingMs: row.typingMs,
              at: row.at,
              visitId: row.visitKey,
            };
          };
          const earlier = await deps.entries.withValue(triples.map((t) => t.value));
          const row: Omit<EntryRow, 'id' | 'kind' | 'retypedChars' | 'repeatTypingMs'> = {
            portalId,
            day: dayKey(now),
            at: now,
            keyId: current.keyId,
            valueFp: current.value,
            formFp: current.form,
            fieldFp: current.field,
            category: payload.category,
            length: payload.length,
            method: payload.method,
            typingMs: payload.typingMs,
            visitKey,
          };
          const verdict = classifyEntry(asRecord({ ...row }), earlier.map(asRecord), { now });
          const transferFrom = payload.method === 'pasted' ? await transferSource(portalId, now, byKey) : undefined;
          await deps.entries.add({ ...row, ...verdict, ...(transferFrom ? { transferFrom } : {}) });
          return { recorded: true, kind: verdict.kind };
        }),
      );
    },
  };
}
