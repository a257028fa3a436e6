import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WeeklyReport } from '../../../../core/contracts/report-schema';
import { aggregateReports } from '../../../../core/office/aggregate';
import { suppressSmallCells } from '../../../../core/office/suppression';
import { decodeToken, encodeToken } from '../../../../core/tokens/token-message';
import { fixtureReportId, makeValidReport } from '../../core/report/fixtures';
import { openTokenBed } from './token-bed';

// Story: 9 cadres report week 2026-W49 (one of them the attacker, with the one enrollment code they were given);
// every portal cell holds 9 people, so at k = 10 the office sees none of them. The attacker tries to add the
// 10th report that would lift suppression and show the other eight cadres' figures. Every route is refused with its code, nothing is stored, the cells stay hidden.
const WEEK = '2026-W49';
const now = { ms: Date.parse('2026-12-02T10:00:00Z') }; // Wednesday of 2026-W49
let bed: Awaited<ReturnType<typeof openTokenBed>>;
const stored = new Map<string, WeeklyReport>();

/** The reports route as the collector runs it: admit, then store (a re-send replaces its cadre-week). */
async function send(report: WeeklyReport, tokens?: string) {
  const verdict = await bed.admit([report], tokens);
  if (verdict.admitted) stored.set(report.reportId, report);
  return verdict;
}

const cadreReport = (i: number, week = WEEK) => makeValidReport({ week, reportId: fixtureReportId(`cadre-${i}-${week}`) });
const hiddenPortals = () => suppressSmallCells(aggregateReports([...stored.values()]), { k: 10 }).portals.filter((c) => !c.suppressed);

let attackerCode = '';
let honestCodes: string[] = [];
let attackerToken = '';

beforeAll(async () => {
  bed = await openTokenBed({ requireTokens: true, now });
  const codes = await bed.enroll(11);
  attackerCode = codes[0]!;
  honestCodes = codes.slice(1);
  for (let i = 0; i < 8; i++) {
    const drawn = await bed.draw(honestCodes[i]!, WEEK);
    if (!('token' in drawn)) throw new Error(drawn.error);
    expect(await send(cadreReport(i), drawn.token)).toEqual({ admitted: true });
  }
  const own = await bed.draw(attackerCode, WEEK);
  if (!('token' in own)) throw new Error(own.error);
  attackerToken = own.token;
  expect(await send(cadreReport(200), attackerToken)).toEqual({ admitted: true });
}, 60_000);
afterAll(() => bed.close());

describe('a Sybil attempt on a k-suppressed cell', () => {
  it('starts with nine real reports, every portal cell hidden at k = 10', () => {
    expect(stored.size).toBe(9);
    expect(hiddenPortals()).toEqual([]);
  });

  it('the same code asking twice in a week is refused with token-drawn', async () => {
    expect(await bed.draw(attackerCode, WEEK)).toEqual({ error: 'token-drawn' });
    // Another spelling of the same code is the same code.
    expect(await bed.draw(attackerCode.toLowerCase().replace(/-/g, ' '), WEEK)).toEqual({ error: 'token-drawn' });
  });

  it('a blinded message the key cannot sign is refused and does not use up the code\'s week', async () => {
    const spare = honestCodes[9]!;
    const tooBig = Buffer.alloc(256, 0xff).toString('base64url');
    expect(await bed.issuer.issue({ code: spare, week: '2026-W51', blindedMessage: tooBig })).toMatchObject({ ok: false, error: 'bad-request' });
    expect('token' in (await bed.draw(spare, '2026-W51'))).toBe(true);
  });

  it('a made-up code draws nothing', async () => {
    expect(await bed.draw('00000-00000-00000-00000-00000', WEEK)).toEqual({ error: 'enrollment-unknown' });
  });

  it('a forged token is refused with token-invalid, and nothing is stored', async () => {
    const forged = encodeToken({ week: WEEK, nonce: new Uint8Array(32).fill(7), signature: new Uint8Array(256).fill(9) });
    expect(await send(cadreReport(100), forged)).toMatchObject({ admitted: false, error: 'token-invalid', status: 400 });
    // A real signature moved onto another nonce is a forgery too.
    const real = decodeToken(attackerToken);
    if (!real.ok) throw new Error('bad token');
    const moved = encodeToken({ ...real.token, nonce: real.token.nonce.map((b) => b ^ 1) });
    expect(await send(cadreReport(101), moved)).toMatchObject({ admitted: false, error: 'token-invalid' });
    expect(await send(cadreReport(102), 'bt1.garbage')).toMatchObject({ admitted: false, error: 'token-invalid' });
    expect(stored.size).toBe(9);
  });

  it('a replayed token is refused with token-spent; a re-send of its own cadre-week replaces', async () => {
    expect(await send(cadreReport(201), attackerToken)).toMatchObject({ admitted: false, error: 'token-spent', status: 409 });
    expect(await send(cadreReport(202), attackerToken)).toMatchObject({ admitted: false, error: 'token-spent' });
    // The attacker's own week sent again: the same token and reportId replace the stored copy, counted once.
    expect(await send(cadreReport(200), attackerToken)).toEqual({ admitted: true });
    expect(stored.size).toBe(9);
    expect((await bed.db.query('SELECT * FROM spent_tokens')).rows).toHaveLength(9);
  });

  it("a token of another week is refused with token-week", async () => {
    const next = await bed.draw(attackerCode, '2026-W50');
    if (!('token' in next)) throw new Error(next.error);
    expect(await send(cadreReport(300), next.token)).toMatchObject({ admitted: false, error: 'token-week', status: 400 });
    // Rewriting the week inside the token breaks its signature instead.
    expect(await send(cadreReport(301), next.token.replace('2026-W50', WEEK))).toMatchObject({ admitted: false, error: 'token-invalid' });
    // A week the issuer does not draw for (too far ahead) gets no token at all.
    // (it publishes no key for it, so the request is made by hand).
    expect(await bed.issuer.issue({ code: attackerCode, week: '2027-W10', blindedMessage: 'AAAA' })).toMatchObject({ ok: false, error: 'token-week' });
  });

  it('a report with no token in a token-required campaign is refused with token-required', async () => {
    expect(await send(cadreReport(400))).toMatchObject({ admitted: false, error: 'token-required', status: 403 });
    expect(await send(cadreReport(401), '')).toMatchObject({ admitted: false, error: 'token-required' });
  });

  it('ends with the nine real reports only, and the cell the attacker aimed at still hidden', () => {
    expect(stored.size).toBe(9);
    expect(hiddenPortals()).toEqual([]);
  });

  it('(control) one more real cadre with a real token does lift the cell: the hiding above was the refusals', async () => {
    const drawn = await bed.draw(honestCodes[8]!, WEEK);
    if (!('token' in drawn)) throw new Error(drawn.error);
    expect(await send(cadreReport(8), drawn.token)).toEqual({ admitted: true });
    expect(hiddenPortals().length).toBeGreaterThan(0);
    stored.delete(cadreReport(8).reportId);
  });

  it('a file whose second report is unpaid is refused whole, spending none of its tokens', async () => {
    const a = await bed.draw(honestCodes[9]!, WEEK);
    if (!('token' in a)) throw new Error(a.error);
    const verdict = await bed.admit([cadreReport(500), cadreReport(501, '2026-W48')], a.token);
    expect(verdict).toMatchObject({ admitted: false, error: 'token-required' });
    expect((await bed.db.query('SELECT 1 FROM spent_tokens WHERE report_id = $1', [cadreReport(500).reportId])).rows).toHaveLength(0);
  });
});
