/**
 * Reading the office tables from a collector (issue #14): GET /v1/aggregates with the office credential. The
 * answer is already suppressed by the collector with core's code; the page adds only the catalog's names (which
 * the collector never sees) and shows it like its own tables.
 */
import { OFFICE_ACCESS_ERRORS, isCollectorError } from '../../core/contracts/collector-errors';
import type { OfficeCatalogEntry } from '../../core/office/aggregate';
import type { OfficeTables } from '../../core/office/suppression';

export interface CollectorConnection {
  address: string;
  token: string;
}

export interface CollectorQuery {
  from: string;
  to: string;
  k: number;
  headcount: number | null;
}

export type CollectorTablesResult = { ok: true; tables: OfficeTables; outlierCount: number } | { ok: false; error: string };

/** The collector's own codes, plus what the page can tell without one. */
export const COLLECTOR_READ_ERRORS = [...OFFICE_ACCESS_ERRORS, 'unavailable', 'internal', 'bad-address', 'network', 'bad-answer'] as const;

/** A base address the office typed: http(s) only, without a path beyond the collector's root. */
export function collectorBase(address: string): string | null {
  try {
    const url = new URL(address.trim());
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    if (url.username || url.password || url.search || url.hash) return null;
    return url.origin + url.pathname.replace(/\/+$/, '');
  } catch {
    return null;
  }
}

export async function fetchCollectorTables(connection: CollectorConnection, query: CollectorQuery, fetchFn: typeof fetch = fetch): Promise<CollectorTablesResult> {
  const base = collectorBase(connection.address);
  if (!base) return { ok: false, error: 'bad-address' };
  const params = new URLSearchParams({ from: query.from, to: query.to, k: String(query.k) });
  if (query.headcount !== null) params.set('headcount', String(query.headcount));
  let res: Response;
  try {
    res = await fetchFn(`${base}/v1/aggregates?${params}`, {
      headers: { Authorization: `Bearer ${connection.token.trim()}` },
      credentials: 'omit',
      cache: 'no-store',
      referrerPolicy: 'no-referrer',
    });
  } catch {
    return { ok: false, error: 'network' };
  }
  let body: unknown;
  try {
    body = await res.json();
  } catch {
    return { ok: false, error: 'bad-answer' };
  }
  if (!res.ok) {
    const code = (body as { error?: unknown } | null)?.error;
    const known = (COLLECTOR_READ_ERRORS as readonly unknown[]).includes(code) || isCollectorError(code);
    return { ok: false, error: known && typeof code === 'string' ? code : 'bad-answer' };
  }
  const tables = body as OfficeTables & { outlierCount?: unknown };
  if (typeof tables !== 'object' || tables === null || !Array.isArray(tables.portals) || typeof tables.k !== 'number') return { ok: false, error: 'bad-answer' };
  const { outlierCount, ...rest } = tables;
  return { ok: true, tables: rest, outlierCount: typeof outlierCount === 'number' ? outlierCount : 0 };
}

/** Portal names and departments from the office's catalog file, as the page's own aggregation would give them. */
export function withCatalogNames(tables: OfficeTables, catalog: readonly OfficeCatalogEntry[]): OfficeTables {
  if (catalog.length === 0) return tables;
  const byId = new Map(catalog.map((e) => [e.id, e]));
  return {
    ...tables,
    portals: tables.portals.map((p) => ({ ...p, label: { ...p.label, name: byId.get(p.key)?.name ?? null, department: byId.get(p.key)?.department ?? null } })),
    pairs: tables.pairs.map((q) => ({ ...q, label: { ...q.label, aName: byId.get(q.label.a)?.name ?? null, bName: byId.get(q.label.b)?.name ?? null } })),
  };
}
