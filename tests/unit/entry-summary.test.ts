import { describe, expect, it } from 'vitest';
import { type EntryVerdict, summariseEntries } from '../../core/entry-summary';

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
    expect(s.totals).toEqual({ entries: 5, sameFieldRepeats: 1, crossPortalRepeats: 3, retypedChars: 33, repeatTypingMs: 11000 });
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

  it('is empty for no entries', () => {
    expect(summariseEntries([])).toEqual({
      totals: { entries: 0, sameFieldRepeats: 0, crossPortalRepeats: 0, retypedChars: 0, repeatTypingMs: 0 },
      categories: [],
      pairs: [],
    });
  });
});
