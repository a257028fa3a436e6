import type { Hono } from 'hono';
import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { isoWeekOfDay } from '../../core/time/iso-week';
import { judgeReportFile } from '../../core/office/import';
import { classifyDatabaseError } from '../db/database-errors';
import type { Database } from '../db/database';
import type { AdmitReports } from '../ingest/admission';
import { createGroupCommit } from '../ingest/group-commit';
import { readBody } from '../ingest/read-body';
import { jsonError } from './json-error';
import { TOKENS_HEADER } from '../../core/tokens/token-message';

export interface ReportsRouteDeps {
  db: Database;
  admit: AdmitReports;
  now: () => number;
  bodyLimitBytes: number;
  bodyDeadlineMs: number;
}

const webBody = (body: ReadableStream<Uint8Array> | null) => body && Readable.fromWeb(body as WebReadableStream<Uint8Array>);

/** The ISO week of an arrival: the only arrival time the collector keeps. */
export const arrivalWeek = (ms: number) => isoWeekOfDay(new Date(ms).toISOString().slice(0, 10));

/**
 * POST /v1/reports: one `burden-report/1` file. The file is judged by core's importer rule (all of it or none),
 * then admitted (issue #17's seam), then stored in one transaction (shared with files arriving at the same time,
 * ingest/group-commit.ts); only then is it acknowledged.
 */
export function registerReportsRoute(app: Hono, deps: ReportsRouteDeps) {
  const store = createGroupCommit(deps.db);
  app.post('/v1/reports', async (c) => {
    const type = c.req.header('content-type') ?? '';
    if (!/^application\/json\s*(?:;\s*charset=utf-8\s*)?$/i.test(type)) return jsonError(c, 415, 'unsupported-media-type');
    const declared = Number(c.req.header('content-length') ?? NaN);
    if (Number.isFinite(declared) && declared > deps.bodyLimitBytes) return jsonError(c, 413, 'too-large', { limitBytes: deps.bodyLimitBytes });
    // Under @hono/node-server the Node request itself; elsewhere (app.request in a test) the fetch body.
    const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming ?? webBody(c.req.raw.body);
    const body = await readBody(incoming, deps.bodyLimitBytes, deps.bodyDeadlineMs);
    if (!body.ok) {
      if (body.error === 'too-large') return jsonError(c, 413, 'too-large', { limitBytes: deps.bodyLimitBytes });
      if (body.error === 'timeout') return jsonError(c, 408, 'timeout', {}, { Connection: 'close' });
      return jsonError(c, 400, 'bad-json');
    }
    const judged = judgeReportFile({ name: 'body', text: body.text });
    if (!('reports' in judged)) {
      const detail = judged.detail?.slice(0, 10);
      // A body is judged alone, so the reason is never one of the import's cross-report rules.
      const reason = judged.reason as Exclude<typeof judged.reason, 'contradicts-stored' | 'same-week-twice'>;
      return jsonError(c, reason === 'too-large' ? 413 : 400, reason, detail ? { detail } : {});
    }
    const admitted = await deps.admit(judged.reports, JSON.parse(body.text), c.req.header(TOKENS_HEADER));
    if (!admitted.admitted) return jsonError(c, admitted.status, admitted.error);
    let verdicts;
    try {
      verdicts = await store(judged.reports, arrivalWeek(deps.now()));
    } catch (e) {
      const failure = classifyDatabaseError(e);
      if (failure === 'storage-full') return jsonError(c, 507, 'storage-full', { retryable: true }, { 'Retry-After': '600' });
      if (failure === 'unavailable') return jsonError(c, 503, 'unavailable', { retryable: true }, { 'Retry-After': '5' });
      throw e;
    }
    return c.json({
      accepted: verdicts.length,
      replaced: verdicts.filter((v) => v === 'replaced').length,
      reports: judged.reports.map((r, i) => ({ reportId: r.reportId, week: r.week, verdict: verdicts[i] })),
    });
  });
}
