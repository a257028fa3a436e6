import { webcrypto } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEnrollmentCodes } from '../../collector/tokens/enrollment-codes';
import { fromBase64url, toBase64url } from '../../core/tokens/base64url';
import { encodeToken, TOKENS_HEADER } from '../../core/tokens/token-message';
import type { PublishedKeys } from '../../core/tokens/week-key';
import { blindToken, finalizeToken, importWeekKey } from '../../entrypoints/background/tokens/blind-token';
import { makeValidReport, fixtureReportId } from '../unit/core/report/fixtures';
import { fileOf } from './report-files';
import { BACKENDS, EXTENSION_ORIGIN, getAggregates, postReport, startTestCollector } from './test-collector';

// The token routes over HTTP, on both backends, in a campaign that requires tokens (COLLECTOR_REQUIRE_TOKENS=1):
// the well-known keys, one draw per code per week, spending, refusals with nothing stored, and a re-send.
const NOW = Date.parse('2026-12-02T10:00:00Z'); // 2026-W49
const WEEK = '2026-W49';

describe.each(BACKENDS)('blind tokens over HTTP (%s)', (backend) => {
  let collector: Awaited<ReturnType<typeof startTestCollector>>;
  let codes: string[];
  beforeAll(async () => {
    collector = await startTestCollector(backend, { requireTokens: true, now: () => NOW });
    codes = await createEnrollmentCodes(collector.db, 3, 'c1');
  });
  afterAll(() => collector?.drop());

  const storedReports = async () => Number((await collector.db.query<{ n: string }>('SELECT count(*) AS n FROM reports')).rows[0]!.n);

  async function draw(code: string, week = WEEK): Promise<{ status: number; token?: string; error?: string }> {
    const published = (await (await fetch(`${collector.url}/.well-known/burden-tokens`)).json()) as PublishedKeys;
    const entry = published.keys.find((k) => k.week === week)!;
    const key = await importWeekKey(webcrypto.subtle as SubtleCrypto, fromBase64url(entry.spki)!);
    const pending = await blindToken(key, week, (n) => webcrypto.getRandomValues(new Uint8Array(n)));
    const res = await fetch(`${collector.url}/v1/tokens/issue`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: EXTENSION_ORIGIN },
      body: JSON.stringify({ code, week, blindedMessage: toBase64url(pending.blindedMessage) }),
    });
    const body = (await res.json()) as { blindSignature?: string; error?: string; keyId?: string };
    if (!res.ok) return { status: res.status, error: body.error };
    expect(body.keyId).toBe(entry.keyId);
    return { status: res.status, token: encodeToken(await finalizeToken(key, pending, fromBase64url(body.blindSignature!)!)) };
  }

  it('publishes one public key per week, from last week to two weeks ahead, and no private key', async () => {
    const res = await fetch(`${collector.url}/.well-known/burden-tokens`, { headers: { origin: EXTENSION_ORIGIN } });
    expect(res.headers.get('access-control-allow-origin')).toBe(EXTENSION_ORIGIN);
    const published = (await res.json()) as PublishedKeys;
    expect(published.suite).toBe('RSABSSA-SHA384-PSS-Deterministic');
    expect(published.keys.map((k) => k.week)).toEqual(['2026-W48', '2026-W49', '2026-W50', '2026-W51']);
    expect(JSON.stringify(published)).not.toMatch(/private|pkcs8/i);
  });

  it('lets the extension send the Burden-Tokens header (CORS preflight)', async () => {
    const res = await fetch(`${collector.url}/v1/reports`, {
      method: 'OPTIONS',
      headers: { origin: EXTENSION_ORIGIN, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type, burden-tokens' },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-headers')).toMatch(/Burden-Tokens/);
  });

  it('takes a report with its token, refuses the unpaid, the replayed and the second draw, and replaces on re-send', async () => {
    const drawn = await draw(codes[0]!);
    expect(drawn.status).toBe(200);
    expect(await draw(codes[0]!)).toEqual({ status: 409, error: 'token-drawn' });
    expect(await draw('21KEQ-PB0P2-Q6H1M-KG4W3-12K66')).toEqual({ status: 403, error: 'enrollment-unknown' });

    const mine = makeValidReport({ week: WEEK, reportId: fixtureReportId('api-mine') });
    const unpaid = await postReport(collector.url, fileOf([makeValidReport({ week: WEEK, reportId: fixtureReportId('api-unpaid') })]));
    expect(unpaid.status).toBe(403);
    expect(await unpaid.json()).toEqual({ error: 'token-required' });
    expect(await storedReports()).toBe(0);

    const first = await postReport(collector.url, fileOf([mine]), { [TOKENS_HEADER]: drawn.token! });
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ accepted: 1, replaced: 0 });

    const replay = await postReport(collector.url, fileOf([makeValidReport({ week: WEEK, reportId: fixtureReportId('api-other') })]), { [TOKENS_HEADER]: drawn.token! });
    expect(replay.status).toBe(409);
    expect(await replay.json()).toEqual({ error: 'token-spent' });

    const resend = await postReport(collector.url, fileOf([mine]), { [TOKENS_HEADER]: drawn.token! });
    expect(await resend.json()).toMatchObject({ accepted: 1, replaced: 1 });
    expect(await storedReports()).toBe(1);

    const other = await draw(codes[1]!, '2026-W50');
    const wrongWeek = await postReport(collector.url, fileOf([makeValidReport({ week: WEEK, reportId: fixtureReportId('api-ww') })]), { [TOKENS_HEADER]: other.token! });
    expect(await wrongWeek.json()).toEqual({ error: 'token-week' });
    const forged = await postReport(collector.url, fileOf([makeValidReport({ week: WEEK, reportId: fixtureReportId('api-f') })]), {
      [TOKENS_HEADER]: encodeToken({ week: WEEK, nonce: new Uint8Array(32), signature: new Uint8Array(256).fill(1) }),
    });
    expect(forged.status).toBe(400);
    expect(await forged.json()).toEqual({ error: 'token-invalid' });
    expect(await storedReports()).toBe(1);
    expect((await getAggregates(collector.url, 'from=2026-W49&to=2026-W49&k=5')).status).toBe(200);
  }, 60_000);

  it('keeps no token, code, blinded message or signature in clear, and the draw table has no time', async () => {
    const cols = await collector.db.query<{ table_name: string; column_name: string }>(
      "SELECT table_name, column_name FROM information_schema.columns WHERE table_name IN ('token_draws', 'spent_tokens', 'enrollment_codes') ORDER BY 1, 2",
    );
    expect(cols.rows.map((r) => `${r.table_name}.${r.column_name}`)).toEqual([
      'enrollment_codes.campaign',
      'enrollment_codes.code_hash',
      'spent_tokens.report_id',
      'spent_tokens.token_hash',
      'spent_tokens.week',
      'token_draws.code_hash',
      'token_draws.week',
    ]);
  });
});
