import { dayKey } from '../../core/day-split';
import type { EntryRecord } from '../../core/entry-record';
import { classifyEntry } from '../../core/repeat-detection';
import type { EntriesRepo } from '../../storage/entries-repo';
import { fingerprint, type KeyStore } from '../../storage/key-store';
import type { LocalConfigStore } from '../../storage/local-config';
import type { EntryRow } from '../../storage/schema';
import type { MessageRouter } from './message-router';
import { createSerialQueue, portalOfSender } from './sender-portal';

export interface EntryServiceDeps {
  config: LocalConfigStore;
  entries: EntriesRepo;
  keys: KeyStore;
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

  return {
    register(router: MessageRouter) {
      router.on('page.entry', (payload, sender) =>
        serial(async () => {
          const portalId = await portalOfSender(deps.config, sender);
          if (!portalId) return { recorded: false };
          const now = deps.now();
          // Domain-separated inputs, so a value can never collide with a field name or a path.
          const triples = await Promise.all(
            (await deps.keys.keys()).map(async (k) => ({
              keyId: k.id,
              value: await fingerprint(deps.subtle, k.key, `value\u0000${payload.input}`),
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
          await deps.entries.add({ ...row, ...verdict });
          return { recorded: true, kind: verdict.kind };
        }),
      );
    },
  };
}
