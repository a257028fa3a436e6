import { describe, expect, it } from 'vitest';
import { createReportService } from '../../../../../entrypoints/background/report/report-service';
import type { MessageRouter } from '../../../../../entrypoints/background/messaging/message-router';
import { EMPTY_POLICY, type ManagedPolicy } from '../../../../../core/contracts/managed-policy';
import { isoWeekOfDay } from '../../../../../core/time/iso-week';
import { reportFileSchema, type ReportFile } from '../../../../../core/contracts/report-schema';
import { createKeyStore } from '../../../../../storage/config/key-store';
import { parseLocalConfig } from '../../../../../storage/config/local-config';
import { createReportOutbox } from '../../../../../storage/report/report-outbox';
import { createReportSource } from '../../../../../storage/report/report-source';
import { BurdenDb } from '../../../../../storage/db/schema';

let n = 0;
const NOW = new Date(2026, 10, 25, 12).getTime(); // Wednesday of 2026-W48

function memoryArea() {
  const data: Record<string, unknown> = {};
  return {
    data,
    get: async (keys: string[]) => Object.fromEntries(keys.filter((k) => k in data).map((k) => [k, data[k]])),
    set: async (items: Record<string, unknown>) => void Object.assign(data, items),
  };
}

async function setUp(policy: Partial<ManagedPolicy>, fetchImpl: typeof fetch) {
  const db = new BurdenDb(`report-service-${n++}`);
  await db.daily.bulkPut([
    { portalId: 'zj-mzxt', day: '2026-11-24', activeMs: 40 * 60_000, offHoursMs: 0, waitMs: 60_000, navigations: 3 },
    { portalId: 'my-portal', day: '2026-11-25', activeMs: 10 * 60_000, offHoursMs: 0, waitMs: 0, navigations: 1 },
    { portalId: 'zj-mzxt', day: '2026-11-17', activeMs: 5 * 60_000, offHoursMs: 0, waitMs: 0, navigations: 1 },
  ]);
  const area = memoryArea();
  const outbox = createReportOutbox(area);
  const snapshot = parseLocalConfig({
    portalSnapshot: [
      { id: 'zj-mzxt', name: '民政系统', patterns: [{ scheme: 'https', host: 'mz.example.gov.cn' }], source: 'policy' },
      { id: 'my-portal', name: '我的系统', patterns: [{ scheme: 'http', host: '10.1.2.3', port: 8080 }], source: 'user' },
    ],
  });
  const handlers: Record<string, (payload: unknown) => Promise<unknown>> = {};
  const service = createReportService({
    config: { read: async () => snapshot } as never,
    readPolicy: async () => ({ ...EMPTY_POLICY, catalog: [{ id: 'zj-mzxt' }] as never, ...policy }),
    source: createReportSource(db),
    keys: createKeyStore(db, crypto.subtle, () => NOW, () => 'k'),
    subtle: crypto.subtle,
    outbox,
    fetch: fetchImpl,
    now: () => NOW,
    appVersion: '0.1.0',
    submitTimeoutMs: 200,
  });
  service.register({ on: (type: string, h: (p: unknown) => Promise<unknown>) => void (handlers[type] = h) } as unknown as MessageRouter);
  return { service, handlers, outbox, area };
}

const ENDPOINT = 'https://collector.example.gov.cn/reports';
const build = async (handlers: Record<string, (p: unknown) => Promise<unknown>>, extra: object = {}) =>
  (await handlers['report.build']!({ weeks: ['2026-W48'], showHost: [], drop: [], ...extra })) as { ok: boolean; bytes: string; portals: { id: string; labels: string[] }[] };

describe('report service', () => {
  it('lists this week and the weeks with data, with the policy endpoint and the request count', async () => {
    const { handlers } = await setUp({ reportEndpoint: ENDPOINT }, fetch);
    const state = (await handlers['report.state']!({})) as { weeks: { week: string; activeMs: number }[]; currentWeek: string; endpoint: string; requestsSent: number };
    expect(state.currentWeek).toBe(isoWeekOfDay('2026-11-25'));
    expect(state.weeks.map((w) => w.week)).toEqual(['2026-W48', '2026-W47']);
    expect(state.weeks[0]!.activeMs).toBe(50 * 60_000);
    expect(state.endpoint).toBe(ENDPOINT);
    expect(state.requestsSent).toBe(0);
  });

  it('builds a valid file whose reportId is stable, with a cadre portal as other-1 unless its host is shown', async () => {
    const { handlers } = await setUp({ campaign: 'zj-2026' }, fetch);
    const first = await build(handlers);
    expect(first.ok).toBe(true);
    const file = JSON.parse(first.bytes) as ReportFile;
    expect(reportFileSchema.safeParse(file).success).toBe(true);
    expect(file.reports[0]!.portals.map((p) => p.portal)).toEqual(['other-1', 'zj-mzxt']);
    expect(first.bytes).not.toContain('my-portal');
    expect(first.bytes).not.toContain('10.1.2.3');
    expect((await build(handlers)).bytes).toBe(first.bytes);
    const shown = await build(handlers, { showHost: ['my-portal'] });
    expect(JSON.parse(shown.bytes).reports[0].portals.map((p: { portal: string }) => p.portal)).toEqual(['10.1.2.3', 'zj-mzxt']);
    expect(JSON.parse(shown.bytes).reports[0].reportId).toBe(file.reports[0]!.reportId);
    const two = JSON.parse((await build(handlers, { weeks: ['2026-W48', '2026-W47'] })).bytes) as ReportFile;
    expect(two.reports.map((r) => r.week)).toEqual(['2026-W47', '2026-W48']);
    expect(two.reports[1]!.reportId).toBe(file.reports[0]!.reportId);
    expect(two.reports[0]!.reportId).not.toBe(file.reports[0]!.reportId);
  });

  it('sends nothing without an endpoint, or when the bytes are not a valid report', async () => {
    const calls: unknown[] = [];
    const { service, handlers, outbox } = await setUp({}, (async (...args: unknown[]) => (calls.push(args), new Response('ok'))) as typeof fetch);
    const { bytes } = await build(handlers);
    expect(await service.submit(bytes)).toEqual({ sent: false, error: 'no-endpoint' });
    const withEndpoint = await setUp({ reportEndpoint: ENDPOINT }, (async (...args: unknown[]) => (calls.push(args), new Response('ok'))) as typeof fetch);
    expect(await withEndpoint.service.submit(bytes.replace('"other-1"', '"张三的系统"'))).toEqual({ sent: false, error: 'invalid-report' });
    expect(await withEndpoint.service.submit('{')).toEqual({ sent: false, error: 'invalid-report' });
    expect(calls).toEqual([]);
    expect(await outbox.requestsSent()).toBe(0);
  });

  it('POSTs exactly the bytes, keeps them on failure for a retry, and counts every request', async () => {
    const seen: { url: string; body: string; credentials: string }[] = [];
    let answer: () => Promise<Response> = async () => new Response('fail', { status: 503 });
    const fake = (async (url: string, init: RequestInit) => {
      seen.push({ url, body: init.body as string, credentials: init.credentials! });
      return answer();
    }) as unknown as typeof fetch;
    const { service, handlers, outbox } = await setUp({ reportEndpoint: ENDPOINT }, fake);
    const { bytes } = await build(handlers);

    expect(await service.submit(bytes)).toEqual({ sent: false, error: 'http-503' });
    expect(await outbox.pending()).toEqual({ bytes, error: 'http-503' });
    answer = () => Promise.reject(new TypeError('Failed to fetch'));
    expect(await service.submit(bytes)).toEqual({ sent: false, error: 'network' });
    answer = () => new Promise(() => undefined);
    expect(await service.submit(bytes)).toEqual({ sent: false, error: 'timeout' });
    expect((await outbox.pending())!.bytes).toBe(bytes);

    answer = async () => new Response('{"ok":true}', { status: 200 });
    expect(await service.submit((await outbox.pending())!.bytes)).toEqual({ sent: true, status: 200 });
    expect(await outbox.pending()).toBeNull();
    expect(seen.map((s) => s.url)).toEqual([ENDPOINT, ENDPOINT, ENDPOINT, ENDPOINT]);
    expect(seen.every((s) => s.body === bytes && s.credentials === 'omit')).toBe(true);
    expect(await outbox.requestsSent()).toBe(4);
  });

  it('names the collector’s refusal code, and says when a re-send replaced an earlier copy', async () => {
    let answer: () => Response = () => new Response('{"error":"storage-full","retryable":true}', { status: 507 });
    const fake = (async () => answer()) as unknown as typeof fetch;
    const { service, handlers, outbox } = await setUp({ reportEndpoint: ENDPOINT }, fake);
    const { bytes } = await build(handlers);
    expect(await service.submit(bytes)).toEqual({ sent: false, error: 'collector-storage-full' });
    expect(await outbox.pending()).toEqual({ bytes, error: 'collector-storage-full' });
    // A code the extension does not know, or a body that is not the collector's, falls back to the status.
    answer = () => new Response('{"error":"<script>"}', { status: 400 });
    expect(await service.submit(bytes)).toEqual({ sent: false, error: 'http-400' });
    answer = () => new Response('<html>bad gateway</html>', { status: 502 });
    expect(await service.submit(bytes)).toEqual({ sent: false, error: 'http-502' });
    answer = () => new Response('{"accepted":1,"replaced":1,"reports":[]}', { status: 200 });
    expect(await service.submit(bytes)).toEqual({ sent: true, status: 200, replaced: 1 });
  });
});
