import { createPrivateKey, createPublicKey, generateKeyPair, createHash, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import { isoWeekOfDay } from '../../core/time/iso-week';
import { fromBase64url, toBase64url } from '../../core/tokens/base64url';
import { isoWeekPlus, type PublishedKeys } from '../../core/tokens/week-key';
import type { TokenDb } from './token-db';

const generate = promisify(generateKeyPair);

/** The collector keeps no time but the week, and reckons weeks in UTC, as its reports route does. */
export const utcWeekOf = (ms: number) => isoWeekOfDay(new Date(ms).toISOString().slice(0, 10));

/**
 * Draws are accepted for the week before the current one through two weeks ahead: the extension reckons weeks in
 * local time, up to 14 hours away from UTC, and draws next week's token during the current week.
 */
export const DRAW_WEEKS = { before: 1, after: 2 } as const;
/** Tokens are accepted with reports of the last 8 weeks: a cadre may send a week late, after a holiday. */
export const SPEND_WEEKS_BACK = 8;

export interface WeekKey {
  week: string;
  keyId: string;
  spki: Uint8Array;
  publicKey: KeyObject;
  privateKey: KeyObject;
}

/**
 * Per-week RSA-2048 keys, made when a week first needs one and kept in token_week_keys. Rotation is by week:
 * a token drawn for week W verifies only under W's key, so a token cannot be spent for another week.
 */
export function createWeekKeys(db: TokenDb, now: () => number) {
  const cache = new Map<string, WeekKey>();

  const fromRow = (row: { week: string; key_id: string; spki: string; private_pkcs8: string }): WeekKey => {
    const spki = fromBase64url(row.spki)!;
    return {
      week: row.week,
      keyId: row.key_id,
      spki,
      publicKey: createPublicKey({ key: Buffer.from(spki), format: 'der', type: 'spki' }),
      privateKey: createPrivateKey({ key: Buffer.from(fromBase64url(row.private_pkcs8)!), format: 'der', type: 'pkcs8' }),
    };
  };

  async function load(week: string): Promise<WeekKey | undefined> {
    const hit = cache.get(week);
    if (hit) return hit;
    const { rows } = await db.query<{ week: string; key_id: string; spki: string; private_pkcs8: string }>(
      'SELECT week, key_id, spki, private_pkcs8 FROM token_week_keys WHERE week = $1',
      [week],
    );
    if (!rows[0]) return undefined;
    const key = fromRow(rows[0]);
    cache.set(week, key);
    return key;
  }

  async function ensure(week: string): Promise<WeekKey> {
    const have = await load(week);
    if (have) return have;
    const { publicKey, privateKey } = await generate('rsa', { modulusLength: 2048, publicExponent: 0x10001 });
    const spki = publicKey.export({ format: 'der', type: 'spki' });
    const pkcs8 = privateKey.export({ format: 'der', type: 'pkcs8' });
    const keyId = toBase64url(createHash('sha256').update(spki).digest());
    // Two requests making the same week's key at once: the first row written is the week's key, for both.
    await db.query('INSERT INTO token_week_keys (week, key_id, spki, private_pkcs8) VALUES ($1, $2, $3, $4) ON CONFLICT (week) DO NOTHING', [
      week,
      keyId,
      toBase64url(spki),
      toBase64url(pkcs8),
    ]);
    return (await load(week))!;
  }

  const currentWeek = () => utcWeekOf(now());
  const drawWeeks = () => {
    const current = currentWeek();
    return Array.from({ length: DRAW_WEEKS.before + DRAW_WEEKS.after + 1 }, (_, i) => isoWeekPlus(current, i - DRAW_WEEKS.before));
  };

  return {
    currentWeek,
    drawWeeks,
    ensure,
    /** A week's key for verifying a spent token, only within the spending window. */
    async verifyingKey(week: string): Promise<WeekKey | undefined> {
      const current = currentWeek();
      if (week > isoWeekPlus(current, DRAW_WEEKS.after) || week < isoWeekPlus(current, -SPEND_WEEKS_BACK)) return undefined;
      return load(week);
    },
    /** GET /.well-known/burden-tokens: the public keys of the weeks a token can be drawn for or spent in. */
    async published(): Promise<PublishedKeys> {
      const weeks = drawWeeks();
      await Promise.all(weeks.map(ensure));
      const { rows } = await db.query<{ week: string; key_id: string; spki: string }>(
        'SELECT week, key_id, spki FROM token_week_keys WHERE week >= $1 AND week <= $2 ORDER BY week',
        [isoWeekPlus(currentWeek(), -SPEND_WEEKS_BACK), weeks.at(-1)!],
      );
      return { suite: 'RSABSSA-SHA384-PSS-Deterministic', keys: rows.map((r) => ({ week: r.week, keyId: r.key_id, spki: r.spki })) };
    },
  };
}

export type WeekKeys = ReturnType<typeof createWeekKeys>;
