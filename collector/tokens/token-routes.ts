import type { Hono } from 'hono';
import { TOKEN_ISSUE_PATH, WELL_KNOWN_TOKENS_PATH } from '../../core/tokens/week-key';
import type { Issuer } from './issuer';
import type { WeekKeys } from './week-keys';

const ISSUE_BODY_LIMIT = 4096;

/**
 * GET /.well-known/burden-tokens publishes the week keys; POST /v1/tokens/issue signs one blinded token. The
 * issue request carries the enrollment code, so like every collector route it keeps no address, header or time.
 */
export interface TokenRouteDeps {
  issuer: Issuer;
  keys: WeekKeys;
}

export function registerTokenRoutes(app: Hono, deps: TokenRouteDeps) {
  app.get(WELL_KNOWN_TOKENS_PATH, async (c) => c.json(await deps.keys.published(), 200, { 'Cache-Control': 'public, max-age=3600' }));
  app.post(TOKEN_ISSUE_PATH, async (c) => {
    if (!/^application\/json\b/i.test(c.req.header('content-type') ?? '')) return c.json({ error: 'unsupported-media-type' }, 415);
    const text = await c.req.text();
    if (text.length > ISSUE_BODY_LIMIT) return c.json({ error: 'too-large' }, 413);
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return c.json({ error: 'bad-json' }, 400);
    }
    const issued = await deps.issuer.issue(body);
    if (!issued.ok) return c.json({ error: issued.error }, issued.status);
    return c.json({ week: issued.week, keyId: issued.keyId, blindSignature: issued.blindSignature });
  });
}
