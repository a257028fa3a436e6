/**
 * What a failed query means for the sender. Nothing was stored in either case (a file is one transaction):
 * - `unavailable`: the database is restarting or unreachable — retry soon (503, Retry-After).
 * - `storage-full`: the disk or quota is full — retry once the office has made room (507).
 */
export type DatabaseFailure = 'unavailable' | 'storage-full';

const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN']);

export function classifyDatabaseError(error: unknown): DatabaseFailure | null {
  const e = error as { code?: unknown; message?: unknown; errno?: unknown } | null;
  const code = typeof e?.code === 'string' ? e.code : '';
  const message = typeof e?.message === 'string' ? e.message : '';
  // SQLSTATE class 53: insufficient resources (53100 disk_full, 53200 out of memory…); ENOSPC/EDQUOT from a file system.
  if (code.startsWith('53') || code === 'ENOSPC' || code === 'EDQUOT' || /No space left|disk full|quota/i.test(message)) return 'storage-full';
  // Class 08 connection exceptions, 57P01–57P03 shutdown / cannot connect now, 40001/40P01 retryable conflicts.
  if (code.startsWith('08') || /^57P0[1-3]$/.test(code) || code === '40001' || code === '40P01' || CONNECTION_CODES.has(code)) return 'unavailable';
  if (/Connection terminated|connection (?:is )?closed|Client has encountered a connection error|timeout exceeded when trying to connect|terminating connection/i.test(message)) {
    return 'unavailable';
  }
  return null;
}
