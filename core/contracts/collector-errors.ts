/**
 * The refusal codes of the collector (`{"error": "<code>"}`, issue #14), shared by the service that answers them
 * and the extension that translates them. A code is part of the interface: add, never rename.
 */
export const COLLECTOR_ERRORS = [
  'bad-json',
  'empty',
  'wrong-schema',
  'invalid',
  'implausible',
  'too-large',
  'unsupported-media-type',
  'timeout',
  'unavailable',
  'storage-full',
  'not-admitted',
  'not-found',
  'internal',
  // Blind tokens (issue #17): a report without its week's token where tokens are required, a token that does not
  // verify, one already spent for another cadre-week, and one of another week.
  'token-required',
  'token-invalid',
  'token-spent',
  'token-week',
] as const;
export type CollectorError = (typeof COLLECTOR_ERRORS)[number];

export function isCollectorError(value: unknown): value is CollectorError {
  return typeof value === 'string' && (COLLECTOR_ERRORS as readonly string[]).includes(value);
}

/** Refusals of GET /v1/aggregates, translated by the office page. */
export const OFFICE_ACCESS_ERRORS = ['unauthorized', 'bad-range', 'bad-k', 'k-below-minimum', 'bad-headcount'] as const;
export type OfficeAccessError = (typeof OFFICE_ACCESS_ERRORS)[number];
