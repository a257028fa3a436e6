import { RSABSSA } from '@cloudflare/blindrsa-ts';
import { TOKEN_NONCE_BYTES, tokenMessage, type BlindToken } from '../../../core/tokens/token-message';

/**
 * The extension's half of RFC 9474 (RSABSSA-SHA384-PSS-Deterministic, see core/tokens/token-message.ts for why):
 * blind a fresh token message under the week's public key, and turn the issuer's blind signature into a token
 * that verifies under that key. blindrsa-ts works through the global crypto.subtle, which both the worker and
 * the extension pages have.
 */
const suite = RSABSSA.SHA384.PSS.Deterministic();

/** The published SubjectPublicKeyInfo as a key blindrsa-ts accepts (it reads n and e back out, so extractable). */
export function importWeekKey(subtle: SubtleCrypto, spki: Uint8Array): Promise<CryptoKey> {
  return subtle.importKey('spki', spki as BufferSource, { name: 'RSA-PSS', hash: 'SHA-384' }, true, ['verify']);
}

export interface PendingToken {
  week: string;
  nonce: Uint8Array;
  blindedMessage: Uint8Array;
  /** The blinding factor's inverse: secret to the extension, needed once to finalize. */
  inv: Uint8Array;
}

export async function blindToken(key: CryptoKey, week: string, randomBytes: (n: number) => Uint8Array): Promise<PendingToken> {
  const nonce = randomBytes(TOKEN_NONCE_BYTES);
  const { blindedMsg, inv } = await suite.blind(key, suite.prepare(tokenMessage(week, nonce)));
  return { week, nonce, blindedMessage: blindedMsg, inv };
}

/** Throws when the signature does not verify under `key`: an issuer that signed with another key is refused. */
export async function finalizeToken(key: CryptoKey, pending: PendingToken, blindSignature: Uint8Array): Promise<BlindToken> {
  const signature = await suite.finalize(key, tokenMessage(pending.week, pending.nonce), blindSignature, pending.inv);
  return { week: pending.week, nonce: pending.nonce, signature };
}
