/**
 * The office's own catalog file (issue #8): a JSON array of { id, name, department? } that adds names and owning
 * departments to portal ids. The browser-policy catalog ({ catalog: [{ id, name, department?, patterns, … }] })
 * is accepted as it is, so an office can reuse the file it deploys; other keys are ignored.
 *
 * Names and departments are free text typed by someone: the page renders them as text, escapes them for charts
 * and guards them in CSV, like everything else that was imported.
 */
import { z } from 'zod';
import type { OfficeCatalogEntry } from '../../core/office/aggregate';

export const MAX_CATALOG_BYTES = 2 * 1024 * 1024;
export const MAX_CATALOG_ENTRIES = 5000;

const entrySchema = z.object({
  id: z.string().min(1).max(253),
  name: z.string().trim().min(1).max(200),
  department: z.string().trim().max(200).optional(),
});
const catalogSchema = z.union([
  z.array(entrySchema).max(MAX_CATALOG_ENTRIES),
  z.object({ catalog: z.array(entrySchema).max(MAX_CATALOG_ENTRIES) }).transform((o) => o.catalog),
]);

export type CatalogError = 'too-large' | 'bad-json' | 'invalid';
export type CatalogResult = { ok: true; entries: OfficeCatalogEntry[] } | { ok: false; error: CatalogError };

export function parseCatalog(text: string, size = text.length): CatalogResult {
  if (size > MAX_CATALOG_BYTES) return { ok: false, error: 'too-large' };
  let json: unknown;
  try {
    json = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch {
    return { ok: false, error: 'bad-json' };
  }
  const parsed = catalogSchema.safeParse(json);
  if (!parsed.success) return { ok: false, error: 'invalid' };
  const byId = new Map<string, OfficeCatalogEntry>();
  for (const e of parsed.data) {
    const entry: OfficeCatalogEntry = { id: e.id, name: e.name };
    if (e.department) entry.department = e.department;
    // The first entry of an id wins.
    if (!byId.has(e.id)) byId.set(e.id, entry);
  }
  return { ok: true, entries: [...byId.values()] };
}

export const CATALOG_ERROR_KEYS: Record<CatalogError, string> = {
  'too-large': 'office_catalog_too_large',
  'bad-json': 'office_catalog_bad_json',
  invalid: 'office_catalog_invalid',
};
