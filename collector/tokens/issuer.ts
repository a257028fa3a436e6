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
    const signed = blindSign(key.privateKey, key.publicKey, blinded);
    if (!signed.ok) return { ok: false, error: 'bad-request', status: 400 };
    // The draw is recorded in the same step that checks it, so two requests with one code cannot both pass.
    const recorded = await deps.db.transaction(async (tx) => {
      const known = await tx.query('SELECT 1 FROM enrollment_codes WHERE code_hash = $1', [hash]);
      if (known.rows.length === 0) return 'enrollment-unknown' as const;
      const drawn = await tx.query('INSERT INTO token_draws (code_hash, week) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING week', [hash, week]);
      return drawn.rows.length === 0 ? ('token-drawn' as const) : ('drawn' as const);
    });
    if (recorded === 'enrollment-unknown') return { ok: false, error: recorded, status: 403 };
    if (recorded === 'token-drawn') return { ok: false, error: recorded, status: 409 };
    return { ok: true, week, keyId: key.keyId, blindSignature: toBase64url(signed.blindSignature) };
  }
  return { issue };
}

export type Issuer = ReturnType<typeof createIssuer>;
