import { isValidIsoWeek } from '../time/iso-week';
import { fromBase64url, toBase64url } from './base64url';

/**
 * What a blind token says: "one cadre-week of week W", and nothing else. The message is the prefix, the ISO week
 * and a 32-byte nonce the extension draws at random when it asks for the token. The nonce has nothing to do with
 * the reportId (the issuer sees neither, and the collector must not be able to tie a token to an earlier draw),
 * so the same stored token pays for the first send and for every re-send of that cadre-week (issue #17).
 *
 * Suite: RFC 9474 RSABSSA-SHA384-PSS-Deterministic. The message already carries 32 random bytes, so the
 * Randomized variant's extra 32-byte prefix would add nothing (RFC 9474 §7.3; Privacy Pass makes the same choice
 * for its publicly verifiable tokens), and the signed bytes stay exactly the message defined here.
 */
export const TOKEN_VERSION = 'bt1';
export const TOKEN_NONCE_BYTES = 32;
/** RSA-2048: signature and blinded message length. */
export const TOKEN_MODULUS_BYTES = 256;
/** RFC 9474: PSS salt length equals the SHA-384 digest length. */
export const TOKEN_PSS_SALT_BYTES = 48;

export interface BlindToken {
  week: string;
  nonce: Uint8Array;
  signature: Uint8Array;
}

/** The bytes the issuer signs blind and the collector verifies in clear. */
export function tokenMessage(week: string, nonce: Uint8Array): Uint8Array {
  if (!isValidIsoWeek(week)) throw new Error(`not an ISO week: ${week}`);
  if (nonce.length !== TOKEN_NONCE_BYTES) throw new Error('token nonce must be 32 bytes');
  const prefix = new TextEncoder().encode(`burden-token/1 ${week} `);
  const out = new Uint8Array(prefix.length + nonce.length);
  out.set(prefix);
  out.set(nonce, prefix.length);
  return out;
}

/** `bt1.<week>.<nonce>.<signature>`: printable, one per report, safe in a header value. */
export function encodeToken(token: BlindToken): string {
  return [TOKEN_VERSION, token.week, toBase64url(token.nonce), toBase64url(token.signature)].join('.');
}

export type DecodedToken = { ok: true; token: BlindToken } | { ok: false };

/** Shape only: the signature is checked by `checkToken` against the week's key. */
export function decodeToken(text: string): DecodedToken {
  const parts = text.split('.');
  if (parts.length !== 4 || parts[0] !== TOKEN_VERSION || !isValidIsoWeek(parts[1]!)) return { ok: false };
  const nonce = fromBase64url(parts[2]!);
  const signature = fromBase64url(parts[3]!);
  if (!nonce || nonce.length !== TOKEN_NONCE_BYTES || !signature || signature.length !== TOKEN_MODULUS_BYTES) return { ok: false };
  return { ok: true, token: { week: parts[1]!, nonce, signature } };
}

/** Several tokens in one header value (a file may hold several weeks), comma-separated. */
export const TOKENS_HEADER = 'Burden-Tokens';
export const MAX_TOKENS_PER_REQUEST = 60;

export function splitTokensHeader(value: string | null | undefined): string[] {
  if (!value) return [];
  return value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}
