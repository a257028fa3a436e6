import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { aggregateReports } from '../../../../core/office/aggregate';
import { CSV_BOM, fromCsv, guardCsvCell, toCsv, unguardCsvCell, type CsvCell, type CsvColumn } from '../../../../core/office/csv';
import { csvRecords } from '../../../../core/office/csv-rows';
import { suppressSmallCells } from '../../../../core/office/suppression';
import { cadreWeek } from './generated-reports';

const columns: CsvColumn[] = [
  { key: 'portal', header: '平台' },
  { key: 'name', header: '名称' },
  { key: 'people', header: '人数' },
  { key: 'share', header: '占比' },
];

/** What a reader of the shown table sees in each cell, as text. */
function shownText(value: CsvCell | undefined): string {
  return value === null || value === undefined || (typeof value === 'number' && !Number.isFinite(value)) ? '' : String(value);
}

/** Papa.parse alone, as Excel-minded code elsewhere would read the file: BOM removed, guard apostrophes kept. */
function parseRaw(csv: string): string[][] {
  expect(csv.startsWith(CSV_BOM)).toBe(true);
  return Papa.parse<string[]>(csv.slice(1), { newline: '\r\n' }).data;
}

describe('toCsv', () => {
  it('starts with a UTF-8 byte-order mark and ends lines with CRLF', () => {
    const csv = toCsv(
      [
        { portal: 'zj-mzxt', name: '浙江民政', people: 12, share: 0.25 },
        { portal: 'zj-sbxt', name: null, people: 10, share: null },
      ],
      columns,
    );
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.slice(1).split('\r\n')).toEqual(['平台,名称,人数,占比', 'zj-mzxt,浙江民政,12,0.25', 'zj-sbxt,,10,']);
    expect(csv.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    // UTF-8 bytes of the BOM.
    expect([...new TextEncoder().encode(csv).slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  it.each([
    ['=1+1', "'=1+1"],
    ['=cmd|\' /C calc\'!A0', "'=cmd|' /C calc'!A0"],
    ['+SUM(A1)', "'+SUM(A1)"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=1', "'\t=1"],
    ['\r=1', "'\r=1"],
    ['  =1', "'  =1"],
    ['＝1+1', "'＝1+1"],
    ["'quoted", "''quoted"],
    ['plain 文本', 'plain 文本'],
    ['a=b', 'a=b'],
    ['', ''],
  ])('guards %j as %j', (text, guarded) => {
    expect(guardCsvCell(text)).toBe(guarded);
    expect(unguardCsvCell(guarded)).toBe(text);
  });

  it('neutralises a label starting with = (a hostile catalog name or host) and parses back to the shown table', () => {
    const rows = [
      { portal: 'evil', name: '=cmd|\' /C calc\'!A0', people: 11, share: 0.5 },
      { portal: 'eq', name: '=HYPERLINK("http://x","点我")', people: 12, share: 1 / 3 },
      { portal: 'html', name: '<img src=x onerror=alert(1)>', people: 13, share: 0 },
      { portal: 'quotes', name: 'a, "b"\r\nline two', people: 14, share: null },
      { portal: 'apostrophe', name: "'=already", people: 15, share: Number.NaN },
    ];
    const csv = toCsv(rows, columns);
    const raw = parseRaw(csv);
    // In the file, no cell starts with a formula character.
    for (const cell of raw.flat()) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    expect(raw[1]![1]).toBe("'=cmd|' /C calc'!A0");
    expect(raw[2]![1]!.startsWith("'=HYPERLINK")).toBe(true);
    // Read back, minus the guard apostrophes, it is the shown table.
    const shown = [columns.map((c) => c.header), ...rows.map((r) => columns.map((c) => shownText(r[c.key as keyof typeof r])))];
    expect(fromCsv(csv)).toEqual(shown);
    expect(raw.map((r) => r.map(unguardCsvCell))).toEqual(shown);
  });

  it('writes numbers as numbers, even negative ones, and a missing key as an empty cell', () => {
    const csv = toCsv([{ portal: 'p', people: -3 }], columns);
    expect(parseRaw(csv)[1]).toEqual(['p', '', '-3', '']);
  });

  it('guards the header row too', () => {
    expect(parseRaw(toCsv([], [{ key: 'x', header: '=x' }]))).toEqual([["'=x"]]);
  });
});

describe('csvRecords', () => {
  it('exports a suppressed table: shown cells with figures, suppressed cells with their label and the marker only', () => {
    const reports = Array.from({ length: 14 }, (_, i) =>
      cadreWeek({
        id: `csv-${i}`,
        portals: [
          { portal: 'zj-mzxt', activeMinutes: 100 + i },
          ...(i < 3 ? [{ portal: 'other-1', activeMinutes: 7 }] : []),
          ...(i >= 8 ? [{ portal: 'zj-sbxt', activeMinutes: 9 }] : []),
        ],
      }),
    );
    const tables = suppressSmallCells(aggregateReports(reports, { catalog: [{ id: 'zj-mzxt', name: '=民政' }] }), { k: 5 });
    const records = csvRecords(tables.portals, '已隐去');
    // other-* has 3 people; zj-sbxt (6) is suppressed with it so that the two together hold ≥ k.
    expect(records.map((r) => [r.portal, r.name, r.suppressed, r.people])).toEqual([
      ['zj-mzxt', '=民政', '', 14],
      ['other-*', null, '已隐去', undefined],
      ['zj-sbxt', null, '已隐去', undefined],
    ]);
    const cols: CsvColumn[] = ['portal', 'name', 'suppressed', 'people', 'cadreWeeks', 'activeMinutes', 'medianActiveMinutes'].map((key) => ({ key, header: key }));
    const csv = toCsv(records, cols);
    expect(fromCsv(csv)).toEqual([
      cols.map((c) => c.header),
      ['zj-mzxt', '=民政', '', '14', '14', String(sum(reports.map((r) => r.portals[0]!.activeMinutes))), '106.5'],
      ['other-*', '', '已隐去', '', '', '', ''],
      ['zj-sbxt', '', '已隐去', '', '', '', ''],
    ]);
    expect(parseRaw(csv)[1]![1]).toBe("'=民政");
  });
});

function sum(xs: number[]): number {
  return xs.reduce((a, b) => a + b, 0);
}
