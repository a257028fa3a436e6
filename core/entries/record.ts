/**
 * The stored form of one entry (DESIGN.md §3 "Entry"): no raw value, no label, no path — only keyed
 * fingerprints, the category and counts. Shared by repeat detection, duplicate filing and the entry store.
 */
import type { EntryCategory } from '../contracts/report-schema';

export type EntryMethod = 'typed' | 'pasted' | 'autofilled';

export interface EntryRecord {
  portalId: string;
  /** Keyed fingerprint of the form's path template (`pathTemplate`). */
  formKey: string;
  /** Keyed fingerprint of the field key. */
  fieldKey: string;
  /** Keyed fingerprint of the normalised value (`normaliseValue(…).fingerprintInput`). */
  valueFp: string;
  category: EntryCategory;
  /** Code points of the normalised value. */
  length: number;
  method: EntryMethod;
  /** Time spent typing the value, ms. */
  typingMs: number;
  /** Commit time, epoch ms. */
  at: number;
  visitId: string;
  submissionId?: string;
}

const DAY_MS = 86_400_000;

/** DESIGN.md §3 "Keys and retention": fingerprinted records are kept 90 days. */
export const FINGERPRINT_RETENTION_MS = 90 * DAY_MS;

/** True when a record taken at `at` is still inside the retention window that ends at `now` (inclusive). */
export function isWithinRetention(at: number, now: number, retentionMs: number = FINGERPRINT_RETENTION_MS): boolean {
  return at >= now - retentionMs;
}
