import type { EntryCategory } from '../contracts/report-schema';

/** The fields of a stored entry that summaries read: verdicts and counts, never fingerprints. */
export interface EntryVerdict {
  portalId: string;
  category: EntryCategory;
  kind: 'none' | 'same-field' | 'cross-portal';
  otherPortal?: string;
  retypedChars: number;
  repeatTypingMs: number;
  /** For a paste copied on another portal: that portal (a transfer). */
  transferFrom?: string;
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
  /** Values copied on one of the two portals and pasted on the other. */
  transfers: number;
  /** Submissions on one of the two that mostly repeated an earlier submission on the other. */
  duplicateFilings: number;
}

/** A submission that repeated most of an earlier one on `otherPortal` (DESIGN.md §3 "Duplicate filing"). */
export interface FilingVerdict {
  portalId: string;
  otherPortal: string;
}

/**
 * The 重复填报 view: by field category, and by portal pair (a < b). "Same-field" is a system that could
 * remember; "cross-portal" is systems that could share.
 */
export function summariseEntries(rows: readonly EntryVerdict[], filings: readonly FilingVerdict[] = []) {
  const categories = new Map<EntryCategory, CategorySummary>();
  const pairs = new Map<string, PairSummary>();
  const pairOf = (x: string, y: string) => {
    const [a, b] = [x, y].sort() as [string, string];
    const key = `${a}\u0000${b}`;
    let p = pairs.get(key);
    if (!p) pairs.set(key, (p = { a, b, crossPortalRepeats: 0, retypedChars: 0, repeatTypingMs: 0, transfers: 0, duplicateFilings: 0 }));
    return p;
  };
  let transfers = 0;
  for (const r of rows) {
    const c = categories.get(r.category) ?? { category: r.category, entries: 0, sameFieldRepeats: 0, crossPortalRepeats: 0, retypedChars: 0, repeatTypingMs: 0 };
    c.entries++;
    if (r.kind === 'same-field') c.sameFieldRepeats++;
    if (r.kind === 'cross-portal') c.crossPortalRepeats++;
    c.retypedChars += r.retypedChars;
    c.repeatTypingMs += r.repeatTypingMs;
    categories.set(r.category, c);
    if (r.kind === 'cross-portal' && r.otherPortal) {
      const p = pairOf(r.portalId, r.otherPortal);
      p.crossPortalRepeats++;
      p.retypedChars += r.retypedChars;
      p.repeatTypingMs += r.repeatTypingMs;
    }
    // A merge of the two portals leaves a paste "from" its own portal: no longer between two systems.
    if (r.transferFrom && r.transferFrom !== r.portalId) {
      pairOf(r.portalId, r.transferFrom).transfers++;
      transfers++;
    }
  }
  for (const f of filings) if (f.portalId !== f.otherPortal) pairOf(f.portalId, f.otherPortal).duplicateFilings++;
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
    totals: { ...totals, transfers, duplicateFilings: filings.filter((f) => f.portalId !== f.otherPortal).length },
    categories: [...categories.values()].sort((x, y) => y.sameFieldRepeats + y.crossPortalRepeats - (x.sameFieldRepeats + x.crossPortalRepeats) || x.category.localeCompare(y.category)),
    pairs: [...pairs.values()].sort(
      (x, y) =>
        y.crossPortalRepeats + y.transfers + y.duplicateFilings - (x.crossPortalRepeats + x.transfers + x.duplicateFilings) ||
        x.a.localeCompare(y.a) ||
        x.b.localeCompare(y.b),
    ),
  };
}

export type EntrySummary = ReturnType<typeof summariseEntries>;
