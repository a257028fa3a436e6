import { webcrypto } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEnrollmentCodes } from '../../collector/tokens/enrollment-codes';
import { EMPTY_POLICY, type ManagedPolicy } from '../../core/contracts/managed-policy';
import { TOKENS_HEADER } from '../../core/tokens/token-message';
import type { MessageRouter } from '../../entrypoints/background/messaging/message-router';
import { createTokenService } from '../../entrypoints/background/tokens/token-service';
import { createReportOutbox } from '../../storage/report/report-outbox';
import { createTokenWallet } from '../../storage/tokens/token-wallet';
import { fixtureReportId, makeValidReport } from '../unit/core/report/fixtures';
import { fileOf } from './report-files';
import { postReport, startTestCollector } from './test-collector';

// The worker's token service against a real collector: enrolling draws this week's token at once and schedules
// next week's at a random moment; nothing is asked again until that moment; the report's send carries the token.
const clock = { ms: new Date(2026, 11, 1, 9).getTime() }; // Tuesday 1 Dec 2026, 2026-W49 (local and UTC)

function memoryArea() {
  const data: Record<string, unknown> = {};
  return {
    data,
    get: async (keys: string[]) => Object.fromEntries(keys.filter((k) => k in data).map((k) => [k, structuredClone(data[k])])),
    set: async (items: Record<string, unknown>) => void Object.assign(data, structuredClone(items)),
  };
}

let collector: Awaited<ReturnType<typeof startTestCollector>>;
let codes: string[];
beforeAll(async () => {
  collector = await startTestCollector('pglite', { requireTokens: true, now: () => clock.ms });
  codes = await createEnrollmentCodes(collector.db, 2, 'c1');
});
afterAll(() => collector?.drop());

function extension(policy: Partial<ManagedPolicy>) {
  const area = memoryArea();
  const requests: string[] = [];
  const handlers: Record<string, (p: unknown) => Promise<unknown>> = {};
  const outbox = createReportOutbox(area);
  const service = createTokenService({
    wallet: createTokenWallet(area),
    // The collector listens on plain http in tests; the extension derives it from the endpoint's origin.
    readPolicy: async () => ({ ...EMPTY_POLICY, reportEndpoint: `${collector.url}/v1/reports`, ...policy }),
    outbox,
    fetch: (async (url: string, init?: RequestInit) => (requests.push(`${init?.method} ${new URL(url).pathname}`), fetch(url, init))) as typeof fetch,
    subtle: webcrypto.subtle as SubtleCrypto,
    randomBytes: (n) => webcrypto.getRandomValues(new Uint8Array(n)),
    random: () => 0.5,
    now: () => clock.ms,
  });
  service.register({ on: (type: string, h: (p: unknown) => Promise<unknown>) => void (handlers[type] = h) } as unknown as MessageRouter);
  return { service, handlers, requests, area, outbox };
}

describe('the extension draws tokens early and spends them with its report', () => {
  it('refuses a mistyped code without a request, then enrolls, draws this week at once and schedules next week', async () => {
    const ext = extension({});
    const typo = codes[0]!.slice(0, -1) + (codes[0]!.endsWith('0') ? '1' : '0');
    expect(await ext.handlers['tokens.enroll']!({ code: typo })).toEqual({ ok: false, problem: 'checksum' });
    expect(ext.requests).toEqual([]);

    const enrolled = (await ext.handlers['tokens.enroll']!({ code: codes[0]!.toLowerCase() })) as { ok: true; state: { weeks: string[]; nextDrawAt: number; source: string } };
    expect(enrolled.ok).toBe(true);
    expect(enrolled.state.source).toBe('settings');
    expect(enrolled.state.weeks).toEqual(['2026-W49']);
    expect(ext.requests).toEqual(['GET /.well-known/burden-tokens', 'POST /v1/tokens/issue']);
    // random() = 0.5: the middle of what is left of this week up to Saturday 12:00 (from a minute after enrolling),
    // days before next week's report and never at the moment of the first draw.
    const left = { from: new Date(2026, 11, 1, 9, 1).getTime(), to: new Date(2026, 11, 5, 12).getTime() };
    expect(enrolled.state.nextDrawAt).toBe(Math.floor(left.from + 0.5 * (left.to - left.from)));
    expect(await ext.outbox.requestsSent()).toBe(2);

    // An alarm before the draw moment asks nothing; one after it draws next week's token, once.
    await ext.service.run();
    expect(ext.requests).toHaveLength(2);
    clock.ms = new Date(2026, 11, 4, 19).getTime(); // Friday evening, past the moment
    await ext.service.run();
    await ext.service.run();
    expect(ext.requests).toHaveLength(4);
    expect(((await ext.handlers['tokens.state']!({})) as { weeks: string[] }).weeks).toEqual(['2026-W49', '2026-W50']);

    // The week's report carries its token and is taken; the same send again replaces it.
    const header = await ext.service.headerFor(['2026-W49']);
    expect(Object.keys(header)).toEqual([TOKENS_HEADER]);
    const file = fileOf([makeValidReport({ week: '2026-W49', reportId: fixtureReportId('ext-1') })]);
    expect(await (await postReport(collector.url, file, header)).json()).toMatchObject({ accepted: 1, replaced: 0 });
    expect(await (await postReport(collector.url, file, header)).json()).toMatchObject({ accepted: 1, replaced: 1 });
  }, 60_000);

  it('a second browser with the same code is refused for the week and does not ask again', async () => {
    clock.ms = new Date(2026, 11, 1, 9).getTime();
    const other = extension({ enrollmentCode: codes[0]! });
    await other.service.run();
    const state = (await other.handlers['tokens.state']!({})) as { source: string; weeks: string[]; lastError: string };
    expect(state).toMatchObject({ source: 'policy', weeks: [], lastError: 'token-drawn' });
    const asked = other.requests.length;
    await other.service.run();
    expect(other.requests).toHaveLength(asked);
  }, 60_000);

  it('a code from policy draws without anything typed, and a code that is no code makes no request', async () => {
    clock.ms = new Date(2026, 11, 1, 9).getTime();
    const managed = extension({ enrollmentCode: codes[1]! });
    await managed.service.run();
    expect(((await managed.handlers['tokens.state']!({})) as { weeks: string[] }).weeks).toEqual(['2026-W49']);
    const none = extension({});
    await none.service.run();
    expect(none.requests).toEqual([]);
    expect(await none.service.headerFor(['2026-W49'])).toEqual({});
  }, 60_000);
});
