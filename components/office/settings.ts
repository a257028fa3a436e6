/** The office workspace's settings, kept in the office database next to the reports. */
import type { OfficeCatalogEntry } from '../../core/office/aggregate';
import { DEFAULT_K, effectiveK } from '../../core/office/suppression';

export interface OfficeSettings {
  /** Always an effective k (≥ 5). */
  k: number;
  from: string | null;
  to: string | null;
  headcount: number | null;
  catalog: OfficeCatalogEntry[];
  /** The catalog file's name, shown back as text. */
  catalogFile: string | null;
}

export const DEFAULT_SETTINGS: OfficeSettings = { k: DEFAULT_K, from: null, to: null, headcount: null, catalog: [], catalogFile: null };

/** Settings read back from storage, each field checked, so a damaged row cannot lower k or break the page. */
export function normaliseSettings(value: unknown): OfficeSettings {
  const v = (typeof value === 'object' && value !== null ? value : {}) as Partial<Record<keyof OfficeSettings, unknown>>;
  const week = (w: unknown) => (typeof w === 'string' && /^\d{4}-W\d{2}$/.test(w) ? w : null);
  const headcount = typeof v.headcount === 'number' && Number.isInteger(v.headcount) && v.headcount > 0 ? v.headcount : null;
  const catalog = Array.isArray(v.catalog)
    ? v.catalog.filter(
        (e): e is OfficeCatalogEntry =>
          typeof e === 'object' && e !== null && typeof e.id === 'string' && typeof e.name === 'string' && (e.department === undefined || typeof e.department === 'string'),
      )
    : [];
  return {
    k: effectiveK(typeof v.k === 'number' ? v.k : undefined),
    from: week(v.from),
    to: week(v.to),
    headcount,
    catalog,
    catalogFile: typeof v.catalogFile === 'string' ? v.catalogFile : null,
  };
}

/** A headcount typed by the office: a whole number of at least 1, or none. */
export function parseHeadcount(text: string): number | null {
  const n = Number(text.trim());
  return text.trim() !== '' && Number.isInteger(n) && n > 0 && n <= 10_000_000 ? n : null;
}
