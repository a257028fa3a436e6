/**
 * `npm run bench tokens` (issue #17): how many blind tokens the collector issues and verifies per second, against
 * the raw RSA operation each one rests on, measured in the same run:
 * - issue: POST /v1/tokens/issue's work (code check, blind signature with its public re-check, the draw recorded in
 *   one PGlite transaction) against the floor of one raw private-key operation (privateDecrypt, no padding);
 * - verify: the reports route's token check and spend (decode, RSA-PSS verification, hash, spent_tokens insert in
 *   one transaction) against the floor of one RSA-PSS verification;
 * - and blindrsa-ts's pure-JS signing, which the collector does not use, for the record.
 * Medians of ROUNDS rounds of BATCH operations; the figures go to docs via the issue note.
 */
import { constants, createHash, privateDecrypt, randomBytes, sign, verify } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import { RSABSSA } from '@cloudflare/blindrsa-ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEnrollmentCodes } from '../../collector/tokens/enrollment-codes';
import { createIssuer } from '../../collector/tokens/issuer';
import { blindSign } from '../../collector/tokens/rsa-blind-sign';
import { createTokenAdmission } from '../../collector/tokens/token-admission';
import type { TokenDb } from '../../collector/tokens/token-db';
import { TOKEN_TABLES_SQL } from '../../collector/tokens/token-tables';
import { createWeekKeys } from '../../collector/tokens/week-keys';
import { toBase64url } from '../../core/tokens/base64url';
import { encodeToken, tokenMessage, TOKEN_PSS_SALT_BYTES } from '../../core/tokens/token-message';

const ROUNDS = 5;
const BATCH = 200;
const NOW = Date.parse('2026-12-02T10:00:00Z');
const WEEK = '2026-W49';
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Operations per second of `op` run `BATCH` times, median of ROUNDS rounds; `prepare` runs outside the clock. */
async function rate<T>(prepare: (round: number) => Promise<T[]> | T[], op: (x: T) => unknown): Promise<number> {
  const rates: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const inputs = await prepare(r);
    const start = performance.now();
    for (const x of inputs) await op(x);
    rates.push(inputs.length / ((performance.now() - start) / 1000));
  }
  return median(rates);
}

let pg: PGlite;
let db: TokenDb;
beforeAll(async () => {
  pg = new PGlite();
  await pg.exec(TOKEN_TABLES_SQL);
  db = {
    query: (sql, params) => pg.query(sql, params as unknown[]) as never,
    transaction: (fn) => pg.transaction((tx) => fn({ query: (sql, params) => tx.query(sql, params as unknown[]) as never })),
  };
}, 120_000);
afterAll(() => pg?.close());

describe('blind token throughput', () => {
  it('issues and verifies at a rate near the raw RSA floor', async () => {
    const keys = createWeekKeys(db, () => NOW);
    const key = await keys.ensure(WEEK);
    const issuer = createIssuer({ db, keys });
    const admit = createTokenAdmission({ db, keys, requireTokens: true });
    // A blinded message is uniform below the modulus; a random value with its top byte cleared is one.
    const blinded = () => {
      const b = randomBytes(256);
      b[0] = 0;
      return new Uint8Array(b);
    };

    const rawSign = await rate(() => Array.from({ length: BATCH }, blinded), (m) => privateDecrypt({ key: key.privateKey, padding: constants.RSA_NO_PADDING }, m));
    const checkedSign = await rate(() => Array.from({ length: BATCH }, blinded), (m) => blindSign(key.privateKey, key.publicKey, m));
    const issue = await rate(
      async () => (await createEnrollmentCodes(db, BATCH, 'bench')).map((code) => ({ code, week: WEEK, blindedMessage: toBase64url(blinded()) })),
      async (body) => expect((await issuer.issue(body)).ok).toBe(true),
    );

    // A finalized token is an RSA-PSS signature of its message; signing one directly makes the same object.
    const tokens = () =>
      Array.from({ length: BATCH }, (_, i) => {
        const nonce = new Uint8Array(randomBytes(32));
        const signature = sign('sha384', tokenMessage(WEEK, nonce), { key: key.privateKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: TOKEN_PSS_SALT_BYTES });
        return { token: encodeToken({ week: WEEK, nonce, signature: new Uint8Array(signature) }), nonce, signature, reportId: createHash('sha256').update(`${i}-${Math.random()}`).digest('base64url') };
      });
    const rawVerify = await rate(tokens, (t) =>
      verify('sha384', tokenMessage(WEEK, t.nonce), { key: key.publicKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: TOKEN_PSS_SALT_BYTES }, t.signature),
    );
    const spend = await rate(tokens, async (t) => expect(await admit([{ reportId: t.reportId, week: WEEK }], t.token)).toEqual({ admitted: true }));

    // The pure-JS alternative, three signatures only (each ~0.3 s).
    const suite = RSABSSA.SHA384.PSS.Deterministic();
    const pair = (await suite.generateKey({ modulusLength: 2048, publicExponent: Uint8Array.from([1, 0, 1]) })) as CryptoKeyPair;
    const jsTimes: number[] = [];
    for (let i = 0; i < 3; i++) {
      const start = performance.now();
      await suite.blindSign(pair.privateKey, blinded());
      jsTimes.push(performance.now() - start);
    }

    const fmt = (x: number) => x.toFixed(0).padStart(7);
    console.log(
      [
        `tokens bench (RSA-2048, medians of ${ROUNDS} rounds x ${BATCH}):`,
        `  raw private op (floor)  ${fmt(rawSign)} /s`,
        `  blind sign + re-check   ${fmt(checkedSign)} /s   ${(checkedSign / rawSign).toFixed(2)} of floor`,
        `  issue (code, sign, draw row) ${fmt(issue)} tokens/s   ${(issue / rawSign).toFixed(2)} of floor`,
        `  raw PSS verify (floor)  ${fmt(rawVerify)} /s`,
        `  spend (check + spent row)    ${fmt(spend)} tokens/s   ${(spend / rawVerify).toFixed(2)} of floor`,
        `  blindrsa-ts pure-JS sign: median ${median(jsTimes).toFixed(0)} ms per signature (${(1000 / median(jsTimes)).toFixed(1)} /s)`,
      ].join('\n'),
    );
    // Nothing here is a timed assertion; the rates must only be real (every op above asserted its own success).
    expect(issue).toBeGreaterThan(0);
  }, 20 * 60_000);
});
