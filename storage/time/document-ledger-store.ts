import { z } from 'zod';
import { createDocumentLedger, type LedgerEntries, type LoadFact } from '../../core/time/document-ledger';

export const DOCUMENT_LEDGER_KEY = 'documentLedger';
/** Far more portal tabs than anyone keeps open; a kept entry is about 45 bytes. */
const MAX_DOCUMENTS = 1_000;

const entriesSchema = z.array(z.tuple([z.string(), z.array(z.enum(['visit', 'waiting']))]));

interface LocalArea {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

/**
 * The document ledger (core/time/document-ledger.ts) kept in storage.local, so that it outlives the worker. An
 * update or reload of the extension re-injects the observer into every open portal tab, and the new observer runs
 * in a new isolated world that holds nothing of the old one: only the worker can know that the page's load was
 * counted already. A browser restart gives every document a new id, so old entries never match; the oldest go
 * first. "Delete all my data" removes the key with the rest of storage.local. Ids are the browser's opaque ones,
 * nothing of the page.
 */
export function createPersistedLedger(area: LocalArea) {
  const ledger = area
    .get(DOCUMENT_LEDGER_KEY)
    .then((raw) => {
      const parsed = entriesSchema.safeParse(raw[DOCUMENT_LEDGER_KEY]);
      return createDocumentLedger(MAX_DOCUMENTS, parsed.success ? (parsed.data as LedgerEntries) : []);
    })
    .catch(() => createDocumentLedger(MAX_DOCUMENTS));
  let saved: Promise<void> = Promise.resolve();
  return {
    /** As the ledger's `first`, once what it learnt is stored (a worker stopped right after must not forget it). */
    async first(documentId: string | undefined, fact: LoadFact): Promise<boolean> {
      const l = await ledger;
      const first = l.first(documentId, fact);
      if (first && documentId) {
        saved = saved.then(() => area.set({ [DOCUMENT_LEDGER_KEY]: l.entries() })).catch(() => undefined);
        await saved;
      }
      return first;
    },
  };
}

export type PersistedLedger = ReturnType<typeof createPersistedLedger>;
