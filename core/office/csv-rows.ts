/**
 * Flattens a suppressed office table into records for `toCsv` (office-csv.ts): label fields, then `suppressed`,
 * `people`, `cadreWeeks` and every figure under its own name. A suppressed cell has its label and the page's
 * marker in `suppressed`, and no figures, so its other columns are empty. Use a neutral marker such as "已隐去":
 * a cell may be hidden to protect another one, so "fewer than k people" would not always be true.
 */
import type { CsvCell } from './csv';
import type { ShownCell } from './suppression';

export function csvRecords<L extends object, F extends object>(
  cells: readonly ShownCell<L, F>[],
  suppressedMarker: string,
): Record<string, CsvCell>[] {
  return cells.map((cell) => {
    const record: Record<string, CsvCell> = {};
    for (const [key, value] of Object.entries(cell.label)) {
      record[key] = typeof value === 'number' || typeof value === 'string' ? value : null;
    }
    if (cell.suppressed) {
      record.suppressed = suppressedMarker;
      return record;
    }
    record.suppressed = '';
    record.people = cell.people;
    record.cadreWeeks = cell.cadreWeeks;
    for (const [key, value] of Object.entries(cell.figures)) record[key] = typeof value === 'number' ? value : null;
    return record;
  });
}
