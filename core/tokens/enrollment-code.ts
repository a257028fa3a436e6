/**
 * Enrollment codes (报名码): one per cadre, printed on a slip, typed once into settings or pushed by policy.
 *
 * 23 random symbols of Crockford's base32 (115 bits: no one guesses a code, so the collector may keep a plain
 * SHA-256 of it) and 2 check symbols, shown as five groups of five: `7K3QD-M9X2A-…`. The check is a weighted sum
 * modulo the prime 1021, so any one mistyped symbol and any swap of two neighbours is caught before a request is
 * made. Reading is forgiving the way Crockford's alphabet intends: case, spaces and hyphens do not matter, O reads
 * as 0 and I or L as 1.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const CODE_DATA_SYMBOLS = 23;
const CHECK_SYMBOLS = 2;
const CHECK_MODULUS = 1021;
const GROUP = 5;

function checkOf(values: readonly number[]): number[] {
  const sum = values.reduce((acc, v, i) => (acc + v * (i + 1)) % CHECK_MODULUS, 0);
  return [Math.floor(sum / 32), sum % 32];
}

const group = (symbols: string) => symbols.match(new RegExp(`.{1,${GROUP}}`, 'g'))!.join('-');

/** A fresh code from `randomBytes` (crypto.getRandomValues or Node's randomBytes). */
export function generateEnrollmentCode(randomBytes: (n: number) => Uint8Array): string {
  const values: number[] = [];
  // Rejection-free: each byte's low five bits are uniform over the 32 symbols.
  for (const b of randomBytes(CODE_DATA_SYMBOLS)) values.push(b & 31);
  return group([...values, ...checkOf(values)].map((v) => ALPHABET[v]).join(''));
}

export const ENROLLMENT_CODE_PROBLEMS = ['empty', 'length', 'characters', 'checksum'] as const;
export type EnrollmentCodeProblem = (typeof ENROLLMENT_CODE_PROBLEMS)[number];
export type ParsedEnrollmentCode = { ok: true; code: string } | { ok: false; problem: EnrollmentCodeProblem };

/** The canonical form (grouped, upper case) of what a cadre typed, or why it cannot be a code. */
export function parseEnrollmentCode(input: string): ParsedEnrollmentCode {
  const compact = input.normalize('NFKC').toUpperCase().replace(/[\s-]+/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (compact.length === 0) return { ok: false, problem: 'empty' };
  const values = [...compact].map((ch) => ALPHABET.indexOf(ch));
  if (values.some((v) => v < 0)) return { ok: false, problem: 'characters' };
  if (values.length !== CODE_DATA_SYMBOLS + CHECK_SYMBOLS) return { ok: false, problem: 'length' };
  const data = values.slice(0, CODE_DATA_SYMBOLS);
  const [a, b] = checkOf(data);
  if (values[CODE_DATA_SYMBOLS] !== a || values[CODE_DATA_SYMBOLS + 1] !== b) return { ok: false, problem: 'checksum' };
  return { ok: true, code: group(compact) };
}
