import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { CollectorError, OfficeAccessError } from '../../core/contracts/collector-errors';

/** Every refusal is `{ "error": "<code>", … }`: the code is stable and language-neutral; the extension translates it. */
export function jsonError(c: Context, status: ContentfulStatusCode, error: CollectorError | OfficeAccessError, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
  return c.json({ error, ...extra }, status, headers);
}
