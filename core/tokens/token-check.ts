import { decodeToken, tokenMessage, type BlindToken } from './token-message';
import { toBase64url } from './base64url';

/**
 * The collector's verdict on one report's token, independent of the crypto backend: the RSA-PSS verification and
 * SHA-256 are injected (Node's crypto on the collector, WebCrypto in tests and in the extension's self-check).
 */
export type TokenRefusal = 'token-required' | 'token-invalid' | 'token-week';

export interface TokenCrypto<Key> {
  /** RSASSA-PSS with SHA-384, MGF1-SHA-384, salt 48 bytes: RFC 9474's verification of a finalized token. */
  verifyPss(key: Key, message: Uint8Array, signature: Uint8Array): Promise<boolean>;
  sha256(bytes: Uint8Array): Promise<Uint8Array>;
}

export type TokenCheck = { ok: true; token: BlindToken; tokenHash: string } | { ok: false; error: TokenRefusal };

/**
 * `encoded` is the token sent for a report of `reportWeek`; `keyOfWeek` gives the week's public key, or undefined
 * when the collector has none for it (a week too old, or not yet begun and never published).
 */
export async function checkToken<Key>(
  encoded: string | undefined,
  reportWeek: string,
  keyOfWeek: (week: string) => Key | undefined,
  crypto: TokenCrypto<Key>,
): Promise<TokenCheck> {
  if (encoded === undefined) return { ok: false, error: 'token-required' };
  const decoded = decodeToken(encoded);
  if (!decoded.ok) return { ok: false, error: 'token-invalid' };
  const { token } = decoded;
  if (token.week !== reportWeek) return { ok: false, error: 'token-week' };
  const key = keyOfWeek(token.week);
  if (key === undefined) return { ok: false, error: 'token-week' };
  if (!(await crypto.verifyPss(key, tokenMessage(token.week, token.nonce), token.signature))) return { ok: false, error: 'token-invalid' };
  return { ok: true, token, tokenHash: await tokenHashOf(token, crypto.sha256) };
}

/** What the collector keeps of a spent token: a hash of its message, which is what makes it one cadre-week. */
export async function tokenHashOf(token: BlindToken, sha256: (bytes: Uint8Array) => Promise<Uint8Array>): Promise<string> {
  return toBase64url(await sha256(tokenMessage(token.week, token.nonce)));
}

/**
 * Re-sends (issue #17): the collector maps a spent token's hash to the reportId it paid for. The same token with
 * the same reportId is the same cadre-week sent again and replaces the stored report; the same token with another
 * reportId is a second report paid with one token.
 */
export type SpendDecision = 'first-spend' | 're-send' | 'token-spent';

export function spendDecision(spentFor: string | undefined, reportId: string): SpendDecision {
  if (spentFor === undefined) return 'first-spend';
  return spentFor === reportId ? 're-send' : 'token-spent';
}

/** One token per report of the file, matched by week; a file holding two reports of one week cannot occur (reportIds differ per week). */
export function tokensByWeek(encoded: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const text of encoded) {
    const week = text.split('.')[1];
    if (week !== undefined && !out.has(week)) out.set(week, text);
  }
  return out;
}
