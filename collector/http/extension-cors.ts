import type { MiddlewareHandler } from 'hono';

/**
 * CORS for the extension only: the report is POSTed from the extension's worker and the office page is an
 * extension page, so the one origin to answer is `chrome-extension://<id>` — any id, or the office's pinned id
 * when COLLECTOR_EXTENSION_ID is set. Web pages get no CORS headers, so a page cannot read an answer.
 */
export function extensionCors(pinnedId?: string): MiddlewareHandler {
  const allowed = pinnedId ? new RegExp(`^chrome-extension://${pinnedId}$`) : /^chrome-extension:\/\/[a-p]{32}$/;
  return async (c, next) => {
    const origin = c.req.header('origin');
    const ok = origin !== undefined && allowed.test(origin);
    if (c.req.method === 'OPTIONS') {
      if (!ok) return c.body(null, 403);
      return c.body(null, 204, {
        'Access-Control-Allow-Origin': origin,
        'Access-Control-Allow-Methods': 'GET, POST',
        'Access-Control-Allow-Headers': 'Content-Type, Authorization, Burden-Tokens',
        'Access-Control-Max-Age': '600',
        Vary: 'Origin',
      });
    }
    await next();
    if (ok) {
      c.res.headers.set('Access-Control-Allow-Origin', origin);
      c.res.headers.append('Vary', 'Origin');
    }
  };
}
