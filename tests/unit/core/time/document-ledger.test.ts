import { describe, expect, it } from 'vitest';
import { createDocumentLedger } from '../../../../core/time/document-ledger';

describe('document ledger (issue 15 item 8: re-injection re-reported the original page load)', () => {
  it('counts a document’s visit and its wait once, however often an observer is injected into it', () => {
    const ledger = createDocumentLedger();
    expect(ledger.first('doc-1', 'visit')).toBe(true);
    expect(ledger.first('doc-1', 'waiting')).toBe(true);
    // The observer injected again after an update or a grant says hello and measures the same load again.
    expect(ledger.first('doc-1', 'visit')).toBe(false);
    expect(ledger.first('doc-1', 'waiting')).toBe(false);
  });

  it('counts a reload or a navigation (a new document) again', () => {
    const ledger = createDocumentLedger();
    ledger.first('doc-1', 'visit');
    expect(ledger.first('doc-2', 'visit')).toBe(true);
  });

  it('without a document id (an older browser) counts every report', () => {
    const ledger = createDocumentLedger();
    expect(ledger.first(undefined, 'visit')).toBe(true);
    expect(ledger.first(undefined, 'visit')).toBe(true);
  });

  it('stays bounded, forgetting the oldest documents first', () => {
    const ledger = createDocumentLedger(3);
    for (const id of ['a', 'b', 'c', 'd']) ledger.first(id, 'visit');
    expect(ledger.first('d', 'visit')).toBe(false);
    expect(ledger.first('a', 'visit')).toBe(true);
  });
});
