import { checkToken, spendDecision, tokensByWeek, type TokenRefusal } from '../../core/tokens/token-check';
import { MAX_TOKENS_PER_REQUEST, splitTokensHeader } from '../../core/tokens/token-message';
import type { TokenDb } from './token-db';
import type { WeekKeys } from './week-keys';
import { nodeTokenCrypto } from './node-token-crypto';

/** The reports route's admission seam (collector/ingest/admission.ts) answers with this shape. */
export type TokenAdmissionVerdict = { admitted: true } | { admitted: false; error: TokenRefusal | 'token-spent'; status: 400 | 403 | 409 };

interface AdmittedReport {
  reportId: string;
  week: string;
}

/**
 * Spending: every report of a file must carry a valid token of its own week (where tokens are required), none may
 * be spent for another cadre-week, and all of the file's tokens are marked spent together, or none are. The
 * header is read here and never stored; what is kept is the token's hash and the reportId it paid for.
 *
 * Where tokens are not required a report may come without one (an office's transition); a token that is sent is
 * still checked, so an invalid one is refused rather than ignored.
 */
export function createTokenAdmission(deps: { db: TokenDb; keys: WeekKeys; requireTokens: boolean }) {
  return async function admit(reports: readonly AdmittedReport[], tokensHeader: string | null | undefined): Promise<TokenAdmissionVerdict> {
    const sent = splitTokensHeader(tokensHeader);
    if (sent.length > MAX_TOKENS_PER_REQUEST) return { admitted: false, error: 'token-invalid', status: 400 };
    const byWeek = tokensByWeek(sent);
    const spends: { tokenHash: string; week: string; reportId: string }[] = [];
    for (const report of reports) {
      let encoded = byWeek.get(report.week);
      // A token of a week the file has no report for is the wrong week's token, not a missing one.
      if (encoded === undefined && sent.length > 0 && reports.length === 1) encoded = sent[0];
      if (encoded === undefined && !deps.requireTokens) continue;
      const key = await deps.keys.verifyingKey(report.week);
      const check = await checkToken(encoded, report.week, () => key?.publicKey, nodeTokenCrypto);
      if (!check.ok) return { admitted: false, error: check.error, status: check.error === 'token-required' ? 403 : 400 };
      spends.push({ tokenHash: check.tokenHash, week: report.week, reportId: report.reportId });
    }
    if (spends.length === 0) return { admitted: true };
    return deps.db.transaction(async (tx): Promise<TokenAdmissionVerdict> => {
      for (const spend of spends) {
        await tx.query('INSERT INTO spent_tokens (token_hash, week, report_id) VALUES ($1, $2, $3) ON CONFLICT (token_hash) DO NOTHING', [
          spend.tokenHash,
          spend.week,
          spend.reportId,
        ]);
        const { rows } = await tx.query<{ report_id: string }>('SELECT report_id FROM spent_tokens WHERE token_hash = $1', [spend.tokenHash]);
        if (spendDecision(rows[0]?.report_id, spend.reportId) === 'token-spent') throw new SpentToken();
      }
      return { admitted: true };
    }).catch((e: unknown) => {
      if (e instanceof SpentToken) return { admitted: false, error: 'token-spent', status: 409 } as const;
      throw e;
    });
  };
}

class SpentToken extends Error {}

export type TokenAdmission = ReturnType<typeof createTokenAdmission>;
