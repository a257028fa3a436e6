import type { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeHash } from '../../../../collector/tokens/enrollment-codes';
import { fixtureReportId, makeValidReport } from '../../core/report/fixtures';
import { dumpAllTables, openTokenBed } from './token-bed';

// 50 simulated cadres go through enrollment, issuing and spending. The office (which runs issuer and collector)
// knows which code it handed to whom; the question is whether anything the collector stores lets it say which
// report came from which code. The extension draws next week's token at a random moment days ahead, so the order
// of draws and the order of spends are independent; the control at the end shows what the same order would give.
const N = 50;
const WEEK = '2026-W50';
const now = { ms: Date.parse('2026-12-02T10:00:00Z') }; // 2026-W49: next week's tokens are drawn now

function shuffled<T>(list: readonly T[], seed: number): T[] {
  const out = [...list];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

async function runCampaign(spendOrderSeed: number | 'same-as-draw', reuse?: PGlite) {
  const bed = await openTokenBed({ requireTokens: true, now, reuse });
  await bed.pg.exec('CREATE TABLE reports (report_id text PRIMARY KEY, week text NOT NULL, body jsonb NOT NULL)');
  const codes = await bed.enroll(N);
  const cadres = codes.map((code, i) => ({ code, reportId: fixtureReportId(`unlink-${i}`), token: '' }));
  const drawOrder = shuffled(cadres, 7);
  for (const cadre of drawOrder) {
    const drawn = await bed.draw(cadre.code, WEEK);
    if (!('token' in drawn)) throw new Error(drawn.error);
    cadre.token = drawn.token;
  }
  now.ms += 6 * 86_400_000; // the week the tokens pay for
  const spendOrder = spendOrderSeed === 'same-as-draw' ? drawOrder : shuffled(cadres, spendOrderSeed);
  for (const cadre of spendOrder) {
    const report = makeValidReport({ week: WEEK, reportId: cadre.reportId });
    const verdict = await bed.admit([report], cadre.token);
    if (!verdict.admitted) throw new Error(verdict.error);
    await bed.db.query('INSERT INTO reports (report_id, week, body) VALUES ($1, $2, $3)', [report.reportId, report.week, JSON.stringify(report)]);
  }
  now.ms -= 6 * 86_400_000;
  const truth = new Map(cadres.map((c) => [codeHash(c.code), c.reportId]));
  return { bed, cadres, truth, dump: await dumpAllTables(bed.pg) };
}

/** The best order attack: pair the k-th draw row with the k-th spent token (physical row order). */
function rankAttack(dump: Record<string, Record<string, unknown>[]>, truth: Map<string, string>): number {
  const draws = dump.token_draws!.filter((r) => r.week === WEEK).map((r) => r.code_hash as string);
  const spends = dump.spent_tokens!.filter((r) => r.week === WEEK).map((r) => r.report_id as string);
  return draws.filter((code, k) => truth.get(code) === spends[k]).length;
}

let run: Awaited<ReturnType<typeof runCampaign>>;
beforeAll(async () => {
  run = await runCampaign(2024);
}, 300_000);
afterAll(() => run?.bed.close());

describe('unlinkability of reports and enrollment codes', () => {
  it('stores all 50 draws and all 50 spends, and every table is part of the dump', () => {
    expect(Object.keys(run.dump).sort()).toEqual(['enrollment_codes', 'reports', 'spent_tokens', 'token_draws', 'token_week_keys']);
    expect(run.dump.token_draws).toHaveLength(N);
    expect(run.dump.spent_tokens).toHaveLength(N);
    expect(run.dump.reports).toHaveLength(N);
  });

  it('no value of a code-side row appears in any report-side row (the week excepted, which all share)', () => {
    const codeSide = new Set(
      [...run.dump.enrollment_codes!, ...run.dump.token_draws!].flatMap((r) => Object.entries(r).filter(([k]) => k !== 'ctid').map(([, v]) => String(v))),
    );
    codeSide.delete(WEEK);
    codeSide.delete('c1'); // the campaign: one for every code
    const reportSide = JSON.stringify([run.dump.spent_tokens, run.dump.reports]);
    expect([...codeSide].filter((v) => reportSide.includes(v))).toEqual([]);
    // Neither codes nor tokens are kept in clear, anywhere.
    const everything = JSON.stringify(run.dump);
    for (const c of run.cadres) {
      expect(everything).not.toContain(c.code);
      expect(everything).not.toContain(c.token.split('.')[2]); // the nonce
      expect(everything).not.toContain(c.token.split('.')[3]!.slice(0, 40)); // the signature
    }
  });

  it('one key for the week, so no token carries a per-code key', () => {
    expect(run.dump.token_week_keys!.filter((r) => r.week === WEEK)).toHaveLength(1);
  });

  it('pairing draws and spends by row order matches no better than chance (expected 1 of 50)', () => {
    // Under independence the number of correct pairs is ~Poisson(1): 7 or more happens about once in 10,000 runs.
    expect(rankAttack(run.dump, run.truth)).toBeLessThan(7);
  });

  it('(control) if the extension spent in the order it drew, row order would give every cadre away', async () => {
    // On the first campaign's database, emptied: the tests above read only its dump, taken before.
    const same = await runCampaign('same-as-draw', run.bed.pg);
    expect(same.dump.token_draws).toHaveLength(N);
    expect(rankAttack(same.dump, same.truth)).toBe(N);
  }, 300_000);
});
