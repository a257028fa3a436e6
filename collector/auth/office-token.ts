/**
 * The office credential: a bearer token, kept only as a salted scrypt hash in the database. Set with
 * COLLECTOR_OFFICE_TOKEN, or generated on first start and printed once. Comparison is constant-time.
 */
import { randomBytes, scrypt as scryptCb, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import type { Queryable } from '../db/database';

const scrypt = promisify(scryptCb) as (password: string, salt: Buffer, keylen: number, options: { N: number; r: number; p: number }) => Promise<Buffer>;
const PARAMS = { N: 1 << 14, r: 8, p: 1 };
const KEY_BYTES = 32;
const SECRET_NAME = 'office-token';
/** A token shorter than this is refused at start-up: it would fall to guessing despite the slowdown. */
export const MIN_TOKEN_LENGTH = 16;

export async function hashToken(token: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scrypt(token, salt, KEY_BYTES, PARAMS);
  return `scrypt$${salt.toString('base64')}$${hash.toString('base64')}`;
}

export async function tokenMatches(token: string, stored: string): Promise<boolean> {
  const [kind, salt, hash] = stored.split('$');
  if (kind !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const actual = await scrypt(token, Buffer.from(salt, 'base64'), expected.length, PARAMS);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/**
 * Makes sure a credential is stored. Returns the token only when one was generated now (to be printed once);
 * a token given in the environment replaces the stored one.
 */
export async function ensureOfficeToken(db: Queryable, fromEnv: string | undefined): Promise<{ generated: string | null; hash: string }> {
  if (fromEnv !== undefined && fromEnv !== '') {
    if (fromEnv.length < MIN_TOKEN_LENGTH) throw new Error(`COLLECTOR_OFFICE_TOKEN must be at least ${MIN_TOKEN_LENGTH} characters`);
    const hash = await hashToken(fromEnv);
    await db.query('INSERT INTO collector_secrets (name, value) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET value = EXCLUDED.value', [SECRET_NAME, hash]);
    return { generated: null, hash };
  }
  const { rows } = await db.query<{ value: string }>('SELECT value FROM collector_secrets WHERE name = $1', [SECRET_NAME]);
  if (rows[0]) return { generated: null, hash: rows[0].value };
  const token = randomBytes(24).toString('base64url');
  const hash = await hashToken(token);
  await db.query('INSERT INTO collector_secrets (name, value) VALUES ($1, $2)', [SECRET_NAME, hash]);
  return { generated: token, hash };
}
