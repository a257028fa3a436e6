import { describe, expect, it } from 'vitest';
import { type EntryVerdict, summariseEntries } from '../../../../core/entries/summary';

const row = (over: Partial<EntryVerdict>): EntryVerdict => ({ portalId: 'a', category: 'name', kind: 'none', retypedChars: 0, repeatTypingMs: 0, ...over });

describe('entry summary for the 重复填报 view', () => {
  it('splits repeats into same-field (could remember) and cross-portal (could share), by category and pair', () => {
    const s = summariseEntries([
      row({}),
      row({ portalId: 'b', kind: 'cross-portal', otherPortal: 'a', retypedChars: 4, repeatTypingMs: 2000 }),
      row({ portalId: 'a', kind: 'cross-portal', otherPortal: 'b', category: 'id-number', retypedChars: 0 }),
      row({ portalId: 'c', kind: 'cross-portal', otherPortal: 'a', category: 'phone', retypedChars: 11, repeatTypingMs: 3000 }),
      row({ portalId: 'a', kind: 'same-field', category: 'id-number', retypedChars: 18, repeatTypingMs: 6000 }),
    ]);
    expect(s.totals).toEqual({ entries: 5, sameFieldRepeats: 1, crossPortalRepeats: 3, retypedChars: 33, repeatTypingMs: 11000, transfers: 0, duplicateFilings: 0 });
    expect(s.categories.map((c) => [c.category, c.entries, c.sameFieldRepeats, c.crossPortalRepeats])).toEqual([
      ['id-number', 2, 1, 1],
      ['name', 2, 0, 1],
      ['phone', 1, 0, 1],
    ]);
    // Pairs are unordered: a<b, both directions add up.
    expect(s.pairs.map((p) => [p.a, p.b, p.crossPortalRepeats, p.retypedChars])).toEqual([
      ['a', 'b', 2, 4],
      ['a', 'c', 1, 11],
    ]);
  });

  it('counts transfers per pair, also for a paste that was no repeat, and none after the two portals merged', () => {
    const s = summariseEntries([
      row({ portalId: 'b', kind: 'cross-portal', otherPortal: 'a', transferFrom: 'a' }),
      // Copied from a page's text on c, not from an entry: a transfer without a repeat.
      row({ portalId: 'a', transferFrom: 'c' }),
      // c and d were merged: the paste came from its own portal now.
      row({ portalId: 'd', transferFrom: 'd' }),
    ]);
    expect(s.totals.transfers).toBe(2);
    expect(s.pairs.map((p) => [p.a, p.b, p.crossPortalRepeats, p.transfers])).toEqual([
      ['a', 'b', 1, 1],
      ['a', 'c', 0, 1],
    ]);
  });

  it('adds duplicate filings to their pair, also a pair with no repeated entry in range', () => {
    const s = summariseEntries([row({ portalId: 'b', kind: 'cross-portal', otherPortal: 'a' })], [
      { portalId: 'b', otherPortal: 'a' },
      { portalId: 'c', otherPortal: 'a' },
      { portalId: 'c', otherPortal: 'c' }, // merged portals: no longer two systems
    ]);
    expect(s.totals.duplicateFilings).toBe(2);
    expect(s.pairs.map((p) => [p.a, p.b, p.crossPortalRepeats, p.duplicateFilings])).toEqual([
      ['a', 'b', 1, 1],
      ['a', 'c', 0, 1],
    ]);
  });

  it('is empty for no entries', () => {
    expect(summariseEntries([])).toEqual({
      totals: { entries: 0, sameFieldRepeats: 0, crossPortalRepeats: 0, retypedChars: 0, repeatTypingMs: 0, transfers: 0, duplicateFilings: 0 },
      categories: [],
      pairs: [],
    });
  });
});
