import { PGlite } from '@electric-sql/pglite';
import { webcrypto } from 'node:crypto';
import { fromBase64url, toBase64url } from '../../../../core/tokens/base64url';
import { encodeToken } from '../../../../core/tokens/token-message';
import { createEnrollmentCodes } from '../../../../collector/tokens/enrollment-codes';
import { createIssuer } from '../../../../collector/tokens/issuer';
import { createTokenAdmission } from '../../../../collector/tokens/token-admission';
import type { TokenDb } from '../../../../collector/tokens/token-db';
import { TOKEN_TABLES_SQL } from '../../../../collector/tokens/token-tables';
import { createWeekKeys } from '../../../../collector/tokens/week-keys';
import { blindToken, finalizeToken, importWeekKey } from '../../../../entrypoints/background/tokens/blind-token';

/**
 * The token module on a real embedded PostgreSQL (PGlite, in memory), with a clock the test moves, and a
 * simulated extension that draws tokens the way the worker does: fetch the published key, blind, ask, finalize.
 * `reuse` takes an instance a previous bed opened and empties it (its public schema dropped) instead of starting a
 * new one: a new PGlite runs initdb, seconds of CPU, where dropping the tables takes milliseconds.
 */
export async function openTokenBed(opts: { requireTokens: boolean; now: { ms: number }; reuse?: PGlite }) {
  const pg = opts.reuse ?? new PGlite();
  if (opts.reuse) await pg.exec('DROP SCHEMA public CASCADE; CREATE SCHEMA public');
  await pg.exec(TOKEN_TABLES_SQL);
  const db: TokenDb = {
    query: (sql, params) => pg.query(sql, params as unknown[]) as never,
    transaction: (fn) => pg.transaction((tx) => fn({ query: (sql, params) => tx.query(sql, params as unknown[]) as never })),
  };
  const now = () => opts.now.ms;
  const keys = createWeekKeys(db, now);
  const issuer = createIssuer({ db, keys });
  const admit = createTokenAdmission({ db, keys, requireTokens: opts.requireTokens });

  /** The extension's draw: returns the encoded token, or the issuer's refusal code. */
  async function draw(code: string, week: string): Promise<{ token: string } | { error: string }> {
    const published = await keys.published();
    const entry = published.keys.find((k) => k.week === week);
    if (!entry) return { error: 'no-key' };
    const key = await importWeekKey(webcrypto.subtle as SubtleCrypto, fromBase64url(entry.spki)!);
    const pending = await blindToken(key, week, (n) => webcrypto.getRandomValues(new Uint8Array(n)));
    const issued = await issuer.issue({ code, week, blindedMessage: toBase64url(pending.blindedMessage) });
    if (!issued.ok) return { error: issued.error };
    return { token: encodeToken(await finalizeToken(key, pending, fromBase64url(issued.blindSignature)!)) };
  }

  return {
    pg,
    db,
    keys,
    issuer,
    admit,
    draw,
    enroll: (count: number, campaign = 'c1') => createEnrollmentCodes(db, count, campaign),
    close: () => pg.close(),
  };
}

/** Every row of every table in the public schema, as the database administrator would dump it (physical order). */
export async function dumpAllTables(pg: PGlite): Promise<Record<string, Record<string, unknown>[]>> {
  const { rows } = await pg.query<{ tablename: string }>("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename");
  const out: Record<string, Record<string, unknown>[]> = {};
  for (const { tablename } of rows) out[tablename] = (await pg.query<Record<string, unknown>>(`SELECT ctid::text AS ctid, * FROM ${tablename}`)).rows;
  return out;
}
