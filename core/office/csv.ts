/**
 * CSV export of the office tables (issue #8, DESIGN.md §5): UTF-8 with a byte-order mark and CRLF line ends, so
 * Excel and WPS open Chinese text intact, written by papaparse (quoting as needed), every text cell guarded against
 * formula injection (labels can come from reports or a catalog file and are hostile).
 *
 * Guard: a text cell that starts with = + - @ TAB or CR (or their full-width forms ＝ ＋ － ＠, which Chinese input
 * methods produce), or with spaces followed by one of them, or with an apostrophe, gets one leading apostrophe, so
 * a spreadsheet shows it as text instead of running it. Guarding a leading apostrophe too makes the guard
 * reversible: `fromCsv` drops exactly the apostrophes `toCsv` added, so an export parses back to the shown table.
 * Numbers are written as numbers (a finite number's text cannot hold a formula); non-finite numbers and null are
 * written as empty cells (and read back as '').
 */
import Papa from 'papaparse';

export const CSV_BOM = '\uFEFF';
export const CSV_NEWLINE = '\r\n';

export type CsvCell = string | number | null;

export interface CsvColumn {
  key: string;
  /** Text of the header row; guarded like any other cell. */
  header: string;
}

const FORMULA_START = /^[ ]*[=+\-@＝＋－＠]|^[\t\r']/;

export function needsFormulaGuard(text: string): boolean {
  return FORMULA_START.test(text);
}

export function guardCsvCell(text: string): string {
  return needsFormulaGuard(text) ? `'${text}` : text;
}

/** Inverse of guardCsvCell. */
export function unguardCsvCell(text: string): string {
  return text.startsWith("'") && needsFormulaGuard(text.slice(1)) ? text.slice(1) : text;
}

function cellText(value: CsvCell | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  return guardCsvCell(value);
}

/** The CSV text of `rows` with these columns, in this order; a key missing from a row is an empty cell. */
export function toCsv(rows: readonly Record<string, CsvCell>[], columns: readonly CsvColumn[]): string {
  const table = [columns.map((c) => guardCsvCell(c.header)), ...rows.map((row) => columns.map((c) => cellText(row[c.key])))];
  return CSV_BOM + Papa.unparse(table, { newline: CSV_NEWLINE });
}

/** Reads back a CSV written by toCsv: header row first, every cell as text, guards removed. */
export function fromCsv(text: string): string[][] {
  const body = text.startsWith(CSV_BOM) ? text.slice(CSV_BOM.length) : text;
  const parsed = Papa.parse<string[]>(body, { newline: CSV_NEWLINE, skipEmptyLines: false });
  return parsed.data.map((row) => row.map(unguardCsvCell));
}
