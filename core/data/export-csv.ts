import { type CsvCell, toCsv } from '../office/csv';

/**
 * One table of "export my data" as CSV (UTF-8 with BOM, guarded cells, core/office/csv.ts). Columns are the
 * union of the rows' keys in first-seen order, so a field added by a later version is exported without a change
 * here; nested values (lists, objects) are written as JSON.
 */
export function tableToCsv(rows: readonly Record<string, unknown>[]): string {
  const keys: string[] = [];
  const seen = new Set<string>();
  for (const row of rows) {
    for (const k of Object.keys(row)) {
      if (seen.has(k)) continue;
      seen.add(k);
      keys.push(k);
    }
  }
  const cells = rows.map((row) =>
    Object.fromEntries(
      keys.map((k): [string, CsvCell] => {
        const v = row[k];
        if (v === undefined || v === null) return [k, null];
        if (typeof v === 'number' || typeof v === 'string') return [k, v];
        return [k, JSON.stringify(v)];
      }),
    ),
  );
  return toCsv(cells, keys.map((k) => ({ key: k, header: k })));
}
