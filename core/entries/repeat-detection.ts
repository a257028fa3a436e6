/**
 * Repeats (DESIGN.md §3 "Repeats"): "An entry whose value fingerprint equals an earlier one's within the
 * fingerprint retention window is a repeat, of one of two kinds: same-field repeat (the same portal and field on an
 * earlier day: a system that could remember) and cross-portal repeat (the earlier entry was on another portal: data
 * the systems could share). Re-entering the same field during one visit is not a repeat."
 *
 * Decisions (first rule that applies wins):
 * 1. Only earlier records count: same `valueFp`, `at` not after the entry's, and inside the retention window
 *    ending at the injected `now` (`at >= now - retentionMs`, default 90 days). A record of the same portal, form,
 *    field and visit at the very same instant is the entry itself (a store may be queried after the add) and is
 *    skipped.
 * 2. **Re-entry** — an earlier record of the same portal, form and field in the same visit → `none`, whatever else
 *    matches: the first entry of that visit already counted, correcting or re-typing it in the visit is not
 *    another repeat.
 * 3. **Cross-portal** — any earlier record on another portal → `cross-portal`. It takes precedence over
 *    same-field because it is the sharing signal (the one the office acts on); `otherPortal` is the portal of the
 *    most recent such record (ties: the smaller portal id), so the result does not depend on store order.
 * 4. **Same-field** — an earlier record of the same portal, form and field, in another visit, on an earlier local
 *    day (`dayKey`, the runtime's zone as for time accounting) → `same-field`. The same field on the same day in
 *    another visit is *not* a same-field repeat ("on an earlier day"); neither is the same value in another field
 *    of the same portal (the definition names the same field only).
 * 5. Otherwise `none`.
 *
 * `retypedChars` is the entry's length and `repeatTypingMs` its typing time when the entry is a repeat *and* was
 * typed; both are 0 for pasted or autofilled entries and for non-repeats (the report counts characters re-typed
 * and time spent typing them, DESIGN.md §4 `retypedChars`, `repeatTypingMinutes`).
 */
import { dayKey } from '../time/day-split';
import { FINGERPRINT_RETENTION_MS, isWithinRetention, type EntryRecord } from './record';

export type RepeatKind = 'none' | 'same-field' | 'cross-portal';

export interface RepeatResult {
  kind: RepeatKind;
  /** For a cross-portal repeat: the portal of the earlier entry. */
  otherPortal?: string;
  retypedChars: number;
  repeatTypingMs: number;
}

export interface RepeatOptions {
  /** Injected clock, epoch ms. */
  now: number;
  /** Fingerprint retention window, ms; defaults to 90 days. */
  retentionMs?: number;
}

function sameField(a: EntryRecord, b: EntryRecord): boolean {
  return a.portalId === b.portalId && a.formKey === b.formKey && a.fieldKey === b.fieldKey;
}

function kindOf(entry: EntryRecord, earlier: readonly EntryRecord[], options: RepeatOptions): Omit<RepeatResult, 'retypedChars' | 'repeatTypingMs'> {
  const retentionMs = options.retentionMs ?? FINGERPRINT_RETENTION_MS;
  const candidates = earlier.filter(
    (e) =>
      e.valueFp === entry.valueFp &&
      e.at <= entry.at &&
      isWithinRetention(e.at, options.now, retentionMs) &&
      !(sameField(e, entry) && e.visitId === entry.visitId && e.at === entry.at),
  );
  if (candidates.some((e) => sameField(e, entry) && e.visitId === entry.visitId)) return { kind: 'none' };

  let other: EntryRecord | null = null;
  for (const e of candidates) {
    if (e.portalId === entry.portalId) continue;
    if (!other || e.at > other.at || (e.at === other.at && e.portalId < other.portalId)) other = e;
  }
  if (other) return { kind: 'cross-portal', otherPortal: other.portalId };

  const day = dayKey(entry.at);
  if (candidates.some((e) => sameField(e, entry) && e.visitId !== entry.visitId && dayKey(e.at) < day)) {
    return { kind: 'same-field' };
  }
  return { kind: 'none' };
}

/** Classifies `entry` against the records stored before it (any order; other values are ignored). */
export function classifyEntry(entry: EntryRecord, earlier: readonly EntryRecord[], options: RepeatOptions): RepeatResult {
  const result = kindOf(entry, earlier, options);
  const typedRepeat = result.kind !== 'none' && entry.method === 'typed';
  return {
    ...result,
    retypedChars: typedRepeat ? Math.max(0, entry.length) : 0,
    repeatTypingMs: typedRepeat && Number.isFinite(entry.typingMs) ? Math.max(0, entry.typingMs) : 0,
  };
}

/**
 * What repeat detection needs from the entry store. The extension's implementation is Dexie-backed (indexed by
 * `valueFp`); `MemoryEntryStore` below is the reference used by tests and benches.
 */
export interface EntryStore {
  /** Records with this value fingerprint taken at or after `since`. */
  findByValue(valueFp: string, since: number): Promise<readonly EntryRecord[]>;
  add(record: EntryRecord): Promise<void>;
  /** Deletes records taken before `before`; resolves to how many were deleted. */
  deleteBefore(before: number): Promise<number>;
}

export class MemoryEntryStore implements EntryStore {
  private records: EntryRecord[] = [];

  async findByValue(valueFp: string, since: number): Promise<readonly EntryRecord[]> {
    return this.records.filter((r) => r.valueFp === valueFp && r.at >= since);
  }

  async add(record: EntryRecord): Promise<void> {
    this.records.push({ ...record });
  }

  async deleteBefore(before: number): Promise<number> {
    const kept = this.records.filter((r) => r.at >= before);
    const deleted = this.records.length - kept.length;
    this.records = kept;
    return deleted;
  }

  all(): readonly EntryRecord[] {
    return [...this.records];
  }
}

/** Classifies an entry against the store, then stores it. */
export async function recordEntry(store: EntryStore, entry: EntryRecord, options: RepeatOptions): Promise<RepeatResult> {
  const since = options.now - (options.retentionMs ?? FINGERPRINT_RETENTION_MS);
  const earlier = await store.findByValue(entry.valueFp, since);
  const result = classifyEntry(entry, earlier, options);
  await store.add(entry);
  return result;
}
