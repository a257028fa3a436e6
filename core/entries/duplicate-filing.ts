/**
 * Duplicate filing (DESIGN.md §3 "Repeats"): "a submission of which at least 3 entries (and at least half) are
 * cross-portal repeats of one earlier submission on another portal — one edge between the two portals."
 *
 * Decisions:
 * - A submission's entries are counted once per field: several entries of the same form and field (the value was
 *   corrected before submitting) collapse to the latest one, which is what was submitted. Entries of another portal
 *   than the submission's (the first entry's portal) are ignored.
 * - An entry matches an earlier submission when its value fingerprint is among that submission's values. The
 *   earlier submission must be on another portal and inside the retention window ending at the injected `now`.
 * - The test is `matched >= 3 && 2 * matched >= total` (3 of 5 and 3 of 6 qualify; 2 of 3 and 3 of 7 do not).
 * - At most one edge per submission: among qualifying earlier submissions the one with the most matches wins,
 *   then the most recent, then the smaller submission id — deterministic whatever the store order.
 */
import { FINGERPRINT_RETENTION_MS, isWithinRetention, type EntryRecord } from './record';
import { pairKey } from '../portals/pair';

export const DUPLICATE_FILING_MIN_ENTRIES = 3;

export type SubmissionEntry = Pick<EntryRecord, 'portalId' | 'formKey' | 'fieldKey' | 'valueFp' | 'at'>;

export interface EarlierSubmission {
  submissionId: string;
  portalId: string;
  /** Time of the submission (or of its latest entry), epoch ms. */
  at: number;
  /** The value fingerprints of its entries. */
  valueFps: readonly string[];
}

export interface DuplicateFiling {
  /** The portal pair, a < b, for the report's `pairs[]`. */
  a: string;
  b: string;
  portalId: string;
  otherPortal: string;
  earlierSubmissionId: string;
  /** Entries of this submission whose value is in the earlier submission. */
  matched: number;
  /** Entries of this submission (one per field). */
  total: number;
}

export interface DuplicateFilingOptions {
  now: number;
  retentionMs?: number;
}

/** Groups stored entry records into submissions (records without a `submissionId` are left out). */
export function groupSubmissions(records: readonly EntryRecord[]): EarlierSubmission[] {
  const byId = new Map<string, { portalId: string; at: number; valueFps: Set<string> }>();
  for (const r of records) {
    if (r.submissionId === undefined) continue;
    const s = byId.get(r.submissionId);
    if (!s) byId.set(r.submissionId, { portalId: r.portalId, at: r.at, valueFps: new Set([r.valueFp]) });
    else {
      s.at = Math.max(s.at, r.at);
      s.valueFps.add(r.valueFp);
    }
  }
  return Array.from(byId, ([submissionId, s]) => ({ submissionId, portalId: s.portalId, at: s.at, valueFps: [...s.valueFps] }));
}

function latestPerField(entries: readonly SubmissionEntry[]): SubmissionEntry[] {
  const portalId = entries[0]?.portalId;
  const byField = new Map<string, SubmissionEntry>();
  for (const e of entries) {
    if (e.portalId !== portalId) continue;
    const key = `${e.formKey}\u0000${e.fieldKey}`;
    const seen = byField.get(key);
    if (!seen || e.at >= seen.at) byField.set(key, e);
  }
  return [...byField.values()];
}

export function detectDuplicateFiling(
  submissionEntries: readonly SubmissionEntry[],
  earlierSubmissions: readonly EarlierSubmission[],
  options: DuplicateFilingOptions,
): DuplicateFiling | null {
  const entries = latestPerField(submissionEntries);
  const portalId = entries[0]?.portalId;
  if (portalId === undefined || entries.length < DUPLICATE_FILING_MIN_ENTRIES) return null;
  const retentionMs = options.retentionMs ?? FINGERPRINT_RETENTION_MS;
  const total = entries.length;

  let best: { submission: EarlierSubmission; matched: number } | null = null;
  for (const submission of earlierSubmissions) {
    if (submission.portalId === portalId || !isWithinRetention(submission.at, options.now, retentionMs)) continue;
    const values = new Set(submission.valueFps);
    const matched = entries.filter((e) => values.has(e.valueFp)).length;
    if (matched < DUPLICATE_FILING_MIN_ENTRIES || 2 * matched < total) continue;
    if (
      !best ||
      matched > best.matched ||
      (matched === best.matched &&
        (submission.at > best.submission.at ||
          (submission.at === best.submission.at && submission.submissionId < best.submission.submissionId)))
    ) {
      best = { submission, matched };
    }
  }
  if (!best) return null;
  const otherPortal = best.submission.portalId;
  return {
    ...pairKey(portalId, otherPortal),
    portalId,
    otherPortal,
    earlierSubmissionId: best.submission.submissionId,
    matched: best.matched,
    total,
  };
}
