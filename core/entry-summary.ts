import type { EntryCategory } from './report-schema';

/** The fields of a stored entry that summaries read: verdicts and counts, never fingerprints. */
export interface EntryVerdict {
  portalId: string;
  category: EntryCategory;
  kind: 'none' | 'same-field' | 'cross-portal';
  otherPortal?: string;
  retypedChars: number;
  repeatTypingMs: number;
}

export interface CategorySummary {
  category: EntryCategory;
  entries: number;
  sameFieldRepeats: number;
  crossPortalRepeats: number;
  retypedChars: number;
  repeatTypingMs: number;
}

export interface PairSummary {
  a: string;
  b: string;
  crossPortalRepeats: number;
  retypedChars: number;
  repeatTypingMs: number;
}

/**
 * The 重复填报 view: by field category, and by portal pair (a < b). "Same-field" is a system that could
 * remember; "cross-portal" is systems that could share.
 */
export function summariseEntries(rows: readonly EntryVerdict[]) {
  const categories = new Map<EntryCategory, CategorySummary>();
  const pairs = new Map<string, PairSummary>();
  for (const r of rows) {
    const c = categories.get(r.category) ?? { category: r.category, entries: 0, sameFieldRepeats: 0, crossPortalRepeats: 0, retypedChars: 0, repeatTypingMs: 0 };
    c.entries++;
    if (r.kind === 'same-field') c.sameFieldRepeats++;
    if (r.kind === 'cross-portal') c.crossPortalRepeats++;
    c.retypedChars += r.retypedChars;
    c.repeatTypingMs += r.repeatTypingMs;
    categories.set(r.category, c);
    if (r.kind === 'cross-portal' && r.otherPortal) {
      const [a, b] = [r.portalId, r.otherPortal].sort() as [string, string];
      const p = pairs.get(`${a}\u0000${b}`) ?? { a, b, crossPortalRepeats: 0, retypedChars: 0, repeatTypingMs: 0 };
      p.crossPortalRepeats++;
      p.retypedChars += r.retypedChars;
      p.repeatTypingMs += r.repeatTypingMs;
      pairs.set(`${a}\u0000${b}`, p);
    }
  }
  const totals = [...categories.values()].reduce(
    (t, c) => ({
      entries: t.entries + c.entries,
      sameFieldRepeats: t.sameFieldRepeats + c.sameFieldRepeats,
      crossPortalRepeats: t.crossPortalRepeats + c.crossPortalRepeats,
      retypedChars: t.retypedChars + c.retypedChars,
      repeatTypingMs: t.repeatTypingMs + c.repeatTypingMs,
    }),
    { entries: 0, sameFieldRepeats: 0, crossPortalRepeats: 0, retypedChars: 0, repeatTypingMs: 0 },
  );
  return {
    totals,
    categories: [...categories.values()].sort((x, y) => y.sameFieldRepeats + y.crossPortalRepeats - (x.sameFieldRepeats + x.crossPortalRepeats) || x.category.localeCompare(y.category)),
    pairs: [...pairs.values()].sort((x, y) => y.crossPortalRepeats - x.crossPortalRepeats || x.a.localeCompare(y.a)),
  };
}

export type EntrySummary = ReturnType<typeof summariseEntries>;
