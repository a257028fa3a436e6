import { Hono } from 'hono';
import type { GuessSlowdown } from '../auth/guess-slowdown';
import type { Database } from '../db/database';
import type { AdmitReports } from '../ingest/admission';
import { registerAggregatesRoute } from './aggregates-route';
import { extensionCors } from './extension-cors';
import { jsonError } from './json-error';
import { registerReportsRoute } from './reports-route';
import { registerTokenRoutes, type TokenRouteDeps } from '../tokens/token-routes';

export interface CollectorAppDeps {
  db: Database;
  admit: AdmitReports;
  tokenHash: () => string;
  slowdown: GuessSlowdown;
  now: () => number;
  bodyLimitBytes: number;
  bodyDeadlineMs: number;
  extensionId?: string;
  /** Blind tokens (issue #17): the issuer and the published week keys. */
  tokens: TokenRouteDeps;
}

/**
 * The collector's HTTP surface. No logger middleware and no access to the peer address anywhere: nothing that
 * could tie a report to a sender is read, let alone kept. Errors answer JSON and are not logged with the request.
 */
export function createCollectorApp(deps: CollectorAppDeps): Hono {
  const app = new Hono();
  app.use('/v1/*', extensionCors(deps.extensionId));
  app.use('/.well-known/*', extensionCors(deps.extensionId));
  app.get('/healthz', async (c) => {
    try {
      await deps.db.query('SELECT 1');
      return c.json({ ok: true });
    } catch {
      return jsonError(c, 503, 'unavailable', { retryable: true });
    }
  });
  registerReportsRoute(app, deps);
  registerAggregatesRoute(app, deps);
  registerTokenRoutes(app, deps.tokens);
  app.notFound((c) => jsonError(c, 404, 'not-found'));
  app.onError((_e, c) => jsonError(c, 500, 'internal'));
  return app;
}
