import { createHash, randomBytes } from 'node:crypto';
import { generateEnrollmentCode, parseEnrollmentCode } from '../../core/tokens/enrollment-code';
import type { TokenQueryable } from './token-db';

/** 115 random bits need no slow hash: nobody can search the space, so a plain SHA-256 is what is kept. */
export const codeHash = (canonicalCode: string) => createHash('sha256').update(`burden-enrollment/1 ${canonicalCode}`).digest('base64url');

/** Makes `count` codes for `campaign`, stores only their hashes, and returns the codes for printing, once. */
export async function createEnrollmentCodes(db: TokenQueryable, count: number, campaign: string): Promise<string[]> {
  const codes = Array.from({ length: count }, () => generateEnrollmentCode((n) => new Uint8Array(randomBytes(n))));
  await db.query(
    'INSERT INTO enrollment_codes (code_hash, campaign) SELECT x, $2 FROM jsonb_array_elements_text($1::jsonb) AS x',
    [JSON.stringify(codes.map(codeHash)), campaign],
  );
  return codes;
}

/** The hash of a code as typed, or null when it is no code at all (no database round trip for a typo). */
export function hashOfTypedCode(input: unknown): string | null {
  if (typeof input !== 'string' || input.length > 64) return null;
  const parsed = parseEnrollmentCode(input);
  return parsed.ok ? codeHash(parsed.code) : null;
}
