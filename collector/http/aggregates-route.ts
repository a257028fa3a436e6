import type { Hono } from 'hono';
import { isValidIsoWeek } from '../../core/time/iso-week';
import { MIN_K } from '../../core/office/suppression';
import { officeTables } from '../aggregate/office-tables';
import { tokenMatches } from '../auth/office-token';
import type { GuessSlowdown } from '../auth/guess-slowdown';
import { classifyDatabaseError } from '../db/database-errors';
import type { Database } from '../db/database';
import { jsonError } from './json-error';

export interface AggregatesRouteDeps {
  db: Database;
  tokenHash: () => string;
  slowdown: GuessSlowdown;
}

/** GET /v1/aggregates?from=YYYY-Www&to=YYYY-Www&k=N[&headcount=N]: the suppressed tables, never a report. */
export function registerAggregatesRoute(app: Hono, deps: AggregatesRouteDeps) {
  app.get('/v1/aggregates', async (c) => {
    const auth = c.req.header('authorization') ?? '';
    const token = /^Bearer ([\x21-\x7e]{1,200})$/.exec(auth)?.[1];
    const ok = await deps.slowdown.check(async () => token !== undefined && (await tokenMatches(token, deps.tokenHash())));
    if (!ok) return jsonError(c, 401, 'unauthorized', {}, { 'WWW-Authenticate': 'Bearer' });

    const from = c.req.query('from') ?? '';
    const to = c.req.query('to') ?? '';
    if (!isValidIsoWeek(from) || !isValidIsoWeek(to) || from > to) return jsonError(c, 400, 'bad-range');
    const kText = c.req.query('k');
    const k = kText === undefined ? undefined : Number(kText);
    if (k !== undefined && !Number.isInteger(k)) return jsonError(c, 400, 'bad-k');
    // Refused rather than raised silently, so a caller cannot believe it saw cells of fewer than 5.
    if (k !== undefined && k < MIN_K) return jsonError(c, 400, 'k-below-minimum', { min: MIN_K });
    const headText = c.req.query('headcount');
    const headcount = headText === undefined ? undefined : Number(headText);
    if (headcount !== undefined && !(Number.isInteger(headcount) && headcount > 0 && headcount <= 10_000_000)) return jsonError(c, 400, 'bad-headcount');
    try {
      return c.json(await officeTables(deps.db, { from, to }, { k, headcount }), 200, { 'Cache-Control': 'no-store' });
    } catch (e) {
      if (classifyDatabaseError(e)) return jsonError(c, 503, 'unavailable', { retryable: true }, { 'Retry-After': '5' });
      throw e;
    }
  });
}
