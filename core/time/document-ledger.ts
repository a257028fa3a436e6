/**
 * What has been reported for each loaded document, so a page load counts once however often an observer is put
 * into it (issue 15 item 8). Re-injection (extension update, a new grant, a resumed portal) starts a fresh observer
 * in a page that loaded long ago; it must not report that load again as a new visit or a new wait.
 *
 * Keyed by the browser's id of the document (`MessageSender.documentId`, Chromium 106+): a reload or navigation
 * is a new document and counts again. Bounded: the oldest documents are forgotten first, long after their load.
 */
export type LoadFact = 'visit' | 'waiting';
export type LedgerEntries = [documentId: string, facts: LoadFact[]][];

/** `restored`: the entries of an earlier worker's ledger (see storage/time/document-ledger-store.ts), oldest first. */
export function createDocumentLedger(maxDocuments = 2_000, restored: LedgerEntries = []) {
  const seen = new Map<string, Set<LoadFact>>(restored.slice(-maxDocuments).map(([id, facts]) => [id, new Set(facts)]));
  return {
    /** True the first time `fact` is reported for `documentId`; always true when the browser gives no id. */
    first(documentId: string | undefined, fact: LoadFact): boolean {
      if (!documentId) return true;
      let facts = seen.get(documentId);
      if (facts?.has(fact)) return false;
      if (!facts) {
        facts = new Set();
        seen.set(documentId, facts);
        if (seen.size > maxDocuments) seen.delete(seen.keys().next().value!);
      }
      facts.add(fact);
      return true;
    },
    /** Oldest first, for a ledger that outlives this one. */
    entries(): LedgerEntries {
      return [...seen].map(([id, facts]) => [id, [...facts]]);
    },
  };
}

export type DocumentLedger = ReturnType<typeof createDocumentLedger>;
