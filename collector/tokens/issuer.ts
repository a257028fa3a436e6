import { fromBase64url, toBase64url } from '../../core/tokens/base64url';
import { blindSign } from './rsa-blind-sign';
import { hashOfTypedCode } from './enrollment-codes';
import type { TokenDb } from './token-db';
import type { WeekKeys } from './week-keys';

/**
 * The issuer: one blind signature per enrollment code per ISO week. What it learns is that a code drew its token
 * for a week — it sees a blinded message, which is uniformly random to it, and keeps nothing of it.
 */
export type IssueError = 'bad-request' | 'enrollment-unknown' | 'token-week' | 'token-drawn';
export type IssueResult = { ok: true; week: string; keyId: string; blindSignature: string } | { ok: false; error: IssueError; status: 400 | 403 | 409 };

export function createIssuer(deps: { db: TokenDb; keys: WeekKeys }) {
  async function issue(body: unknown): Promise<IssueResult> {
    if (typeof body !== 'object' || body === null) return { ok: false, error: 'bad-request', status: 400 };
    const { code, week, blindedMessage } = body as Record<string, unknown>;
    const hash = hashOfTypedCode(code);
    if (hash === null) return { ok: false, error: 'enrollment-unknown', status: 403 };
    if (typeof week !== 'string' || !deps.keys.drawWeeks().includes(week)) return { ok: false, error: 'token-week', status: 400 };
    const blinded = typeof blindedMessage === 'string' ? fromBase64url(blindedMessage) : null;
    if (!blinded) return { ok: false, error: 'bad-request', status: 400 };
    const key = await deps.keys.ensure(week);
    // The draw is recorded in the same transaction that checks it, so two requests with one code cannot both
    // pass; the signature is made inside it, so an unknown code costs no RSA operation and a blinded message
    // the key cannot sign rolls the draw back instead of using up the code's week.
    const recorded = await deps.db
      .transaction(async (tx) => {
        const known = await tx.query('SELECT 1 FROM enrollment_codes WHERE code_hash = $1', [hash]);
        if (known.rows.length === 0) return 'enrollment-unknown' as const;
        const drawn = await tx.query('INSERT INTO token_draws (code_hash, week) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING week', [hash, week]);
        if (drawn.rows.length === 0) return 'token-drawn' as const;
        const signed = blindSign(key.privateKey, key.publicKey, blinded);
        if (!signed.ok) throw new UnsignableMessage();
        return signed.blindSignature;
      })
      .catch((e: unknown) => {
        if (e instanceof UnsignableMessage) return 'bad-request' as const;
        throw e;
      });
    if (recorded === 'enrollment-unknown') return { ok: false, error: recorded, status: 403 };
    if (recorded === 'token-drawn') return { ok: false, error: recorded, status: 409 };
    if (recorded === 'bad-request') return { ok: false, error: recorded, status: 400 };
    return { ok: true, week, keyId: key.keyId, blindSignature: toBase64url(recorded) };
  }
  return { issue };
}

class UnsignableMessage extends Error {}

export type Issuer = ReturnType<typeof createIssuer>;
