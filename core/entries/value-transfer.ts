/**
 * Transfers (DESIGN.md §3 "Repeats"): "a value copied on one portal and pasted on another".
 *
 * Decisions:
 * - Copy and paste are compared by keyed value fingerprint (of the normalised copied selection and of the
 *   normalised pasted entry), never by value.
 * - The paste must come after the copy (or at the same instant) and within `TRANSFER_WINDOW_MS` = 30 minutes
 *   (inclusive): a clipboard older than that is not a deliberate carry-over between two open systems, and a
 *   bounded window keeps the copy log small.
 * - With several copies of the value, the most recent one before the paste (within the window) is where the
 *   clipboard content came from: if it was copied on the paste's own portal, there is no transfer, even if an
 *   older copy was made on another portal.
 */
import { pairKey } from '../portals/pair';

export const TRANSFER_WINDOW_MS = 30 * 60_000;

export interface ClipboardFact {
  portalId: string;
  valueFp: string;
  /** Epoch ms. */
  at: number;
}

export interface Transfer {
  /** The portal pair, a < b. */
  a: string;
  b: string;
  from: string;
  to: string;
}

function inWindow(copy: ClipboardFact, paste: ClipboardFact, windowMs: number): boolean {
  const lag = paste.at - copy.at;
  return copy.valueFp === paste.valueFp && lag >= 0 && lag <= windowMs;
}

/** The transfer from `copy` to `paste`, or null when they are not one. */
export function matchTransfer(copy: ClipboardFact, paste: ClipboardFact, windowMs: number = TRANSFER_WINDOW_MS): Transfer | null {
  if (copy.portalId === paste.portalId || !inWindow(copy, paste, windowMs)) return null;
  return { ...pairKey(copy.portalId, paste.portalId), from: copy.portalId, to: paste.portalId };
}

// Copies at the same instant: the one on the paste's own portal (no transfer, the conservative reading), else the
// smaller portal id, so that the answer does not depend on the order of the copy log.
function preferOnTie(copy: ClipboardFact, current: ClipboardFact, paste: ClipboardFact): boolean {
  if (current.portalId === paste.portalId) return false;
  return copy.portalId === paste.portalId || copy.portalId < current.portalId;
}

/** The transfer that brought `paste`'s value, judged from the most recent matching copy in the window. */
export function findTransfer(
  paste: ClipboardFact,
  copies: readonly ClipboardFact[],
  windowMs: number = TRANSFER_WINDOW_MS,
): Transfer | null {
  let latest: ClipboardFact | null = null;
  for (const copy of copies) {
    if (!inWindow(copy, paste, windowMs)) continue;
    if (!latest || copy.at > latest.at || (copy.at === latest.at && preferOnTie(copy, latest, paste))) latest = copy;
  }
  return latest ? matchTransfer(latest, paste, windowMs) : null;
}
