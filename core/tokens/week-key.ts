import { addWeeks, format } from 'date-fns';
import { daysOfIsoWeek, isoWeekOfDay } from '../time/iso-week';
import { toBase64url } from './base64url';

/**
 * One RSA key per ISO week. The collector keys its week keys by the week's name; the key id published beside each
 * public key is the SHA-256 of its SubjectPublicKeyInfo (as Privacy Pass does), so an extension can tell that the
 * key it blinded under is the one everyone else sees for that week (a per-cadre key would tag the cadre).
 */
/** The ISO week `n` weeks after `week` (before, for a negative `n`). */
export function isoWeekPlus(week: string, n: number): string {
  return isoWeekOfDay(format(addWeeks(new Date(`${daysOfIsoWeek(week)[0]}T12:00:00`), n), 'yyyy-MM-dd'));
}

export async function weekKeyId(spki: Uint8Array, sha256: (bytes: Uint8Array) => Promise<Uint8Array>): Promise<string> {
  return toBase64url(await sha256(spki));
}

/** The well-known document: public keys only, one per week, for the weeks tokens can be drawn for or spent in. */
export interface PublishedWeekKey {
  week: string;
  keyId: string;
  /** SubjectPublicKeyInfo DER, base64url. */
  spki: string;
}

export interface PublishedKeys {
  suite: 'RSABSSA-SHA384-PSS-Deterministic';
  keys: PublishedWeekKey[];
}

export const WELL_KNOWN_TOKENS_PATH = '/.well-known/burden-tokens';
export const TOKEN_ISSUE_PATH = '/v1/tokens/issue';
