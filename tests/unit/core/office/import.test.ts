import { describe, expect, it } from 'vitest';
import {
  MAX_DETAIL_PATH_LENGTH,
  MAX_IMPORT_FILE_BYTES,
  MAX_REJECT_DETAILS,
  createReportImporter,
  importReportFiles,
  type ImportFile,
} from '../../../../core/office/import';
import { MINUTES_PER_WEEK, REPORT_SCHEMA_ID } from '../../../../core/contracts/report-schema';
import { cadreWeek } from './generated-reports';
import { looseCopy, makeValidFile } from '../report/fixtures';

const reports = Array.from({ length: 6 }, (_, i) => cadreWeek({ id: `import-${i}`, portals: [{ portal: 'zj-mzxt', activeMinutes: 10 + i }] }));
const ids = reports.map((r) => r.reportId);

function file(name: string, json: unknown): ImportFile {
  return { name, text: JSON.stringify(json) };
}

/** A valid file with `mutate` applied to a loose copy, for files broken on purpose. */
function broken(name: string, mutate: (f: ReturnType<typeof looseCopy>) => void): ImportFile {
  const f = looseCopy(makeValidFile([reports[0]!]));
  mutate(f);
  return file(name, f);
}

describe('importReportFiles', () => {
  it('keeps every valid report of every valid file', () => {
    const result = importReportFiles(
      [file('a.json', makeValidFile(reports.slice(0, 3))), file('b.json', makeValidFile(reports.slice(3)))],
      new Set(),
    );
    expect(result.accepted.map((r) => r.reportId)).toEqual(ids);
    expect(result.rejected).toEqual([]);
    expect(result.duplicates).toBe(0);
  });

  it.each([
    ['empty', ''],
    ['empty', '  \r\n\t '],
    ['empty', '\uFEFF'],
    ['bad-json', '{"schema": "burden-report/1", "reports": ['],
    ['bad-json', 'not json at all'],
    ['wrong-schema', '[]'],
    ['wrong-schema', 'null'],
    ['wrong-schema', '42'],
    ['wrong-schema', JSON.stringify({ reports: [] })],
    ['wrong-schema', JSON.stringify({ ...makeValidFile([reports[0]!]), schema: 'burden-report/2' })],
  ])('rejects as %s: %j', (reason, text) => {
    const result = importReportFiles([{ name: 'x.json', text }], new Set());
    expect(result.rejected).toEqual([{ file: 'x.json', reason }]);
    expect(result.accepted).toEqual([]);
  });

  it('reads a file saved with a byte-order mark', () => {
    const result = importReportFiles([{ name: 'bom.json', text: `\uFEFF${JSON.stringify(makeValidFile([reports[0]!]))}` }], new Set());
    expect(result.accepted).toHaveLength(1);
  });

  it('refuses a file over the byte limit before parsing it, by its text or its declared size', () => {
    const ascii = `{"schema":"${REPORT_SCHEMA_ID}","pad":"${'x'.repeat(MAX_IMPORT_FILE_BYTES)}"}`;
    // Fewer UTF-16 units than the limit, but three UTF-8 bytes each.
    const chinese = '减'.repeat(Math.ceil(MAX_IMPORT_FILE_BYTES / 3) + 1);
    const declared: ImportFile = { ...file('declared.json', makeValidFile([reports[0]!])), size: 50 * 1024 * 1024 };
    const result = importReportFiles([{ name: 'big.json', text: ascii }, { name: 'zh.json', text: chinese }, declared], new Set());
    expect(result.rejected.map((r) => [r.file, r.reason])).toEqual([
      ['big.json', 'too-large'],
      ['zh.json', 'too-large'],
      ['declared.json', 'too-large'],
    ]);
  });

  it('accepts a file of exactly the limit when its bytes fit', () => {
    const json = JSON.stringify(makeValidFile([reports[0]!]));
    const text = json + ' '.repeat(MAX_IMPORT_FILE_BYTES - new TextEncoder().encode(json).length);
    expect(new TextEncoder().encode(text).length).toBe(MAX_IMPORT_FILE_BYTES);
    expect(importReportFiles([{ name: 'limit.json', text }], new Set()).accepted).toHaveLength(1);
    expect(importReportFiles([{ name: 'over.json', text: `${text} ` }], new Set()).rejected).toEqual([{ file: 'over.json', reason: 'too-large' }]);
  });

  it('rejects a file that breaks the format as invalid, with paths and codes', () => {
    const unknownKey = broken('unknown.json', (f) => (f.reports[0].totals.name = 'Zhang San'));
    const html = broken('html.json', (f) => (f.reports[0].portals[0].portal = '<img src=x onerror=alert(1)>'));
    const formula = broken('formula.json', (f) => (f.reports[0].portals[0].portal = '=cmd|/c calc!A1'));
    const missing = broken('missing.json', (f) => delete f.reports[0].week);
    const result = importReportFiles([unknownKey, html, formula, missing], new Set());
    expect(result.accepted).toEqual([]);
    expect(result.rejected).toEqual([
      { file: 'unknown.json', reason: 'invalid', detail: [{ path: 'reports[0].totals.name', code: 'unrecognized_key' }] },
      { file: 'html.json', reason: 'invalid', detail: [{ path: 'reports[0].portals[0].portal', code: 'invalid_format' }] },
      { file: 'formula.json', reason: 'invalid', detail: [{ path: 'reports[0].portals[0].portal', code: 'invalid_format' }] },
      { file: 'missing.json', reason: 'invalid', detail: [{ path: 'reports[0].week', code: 'invalid_type' }] },
    ]);
  });

  it('rejects impossible numbers as implausible', () => {
    const tooMany = broken('minutes.json', (f) => (f.reports[0].totals.activeMinutes = MINUTES_PER_WEEK + 1));
    const negative = broken('negative.json', (f) => (f.reports[0].totals.captchas = -1));
    const repeats = broken('repeats.json', (f) => (f.reports[0].totals.sameFieldRepeats = f.reports[0].totals.entries + 1));
    const result = importReportFiles([tooMany, negative, repeats], new Set());
    expect(result.rejected.map((r) => [r.file, r.reason, r.detail?.[0]])).toEqual([
      ['minutes.json', 'implausible', { path: 'reports[0].totals.activeMinutes', code: 'too_big' }],
      ['negative.json', 'implausible', { path: 'reports[0].totals.captchas', code: 'too_small' }],
      ['repeats.json', 'implausible', { path: 'reports[0].totals.entries', code: 'repeats_exceed_entries' }],
    ]);
  });

  it('calls a file invalid when it mixes impossible numbers with a broken format', () => {
    const mixed = broken('mixed.json', (f) => {
      f.reports[0].totals.captchas = -1;
      f.reports[0].extra = true;
    });
    expect(importReportFiles([mixed], new Set()).rejected[0]).toMatchObject({ reason: 'invalid' });
  });

  it('calls a non-integer count and an impossible week invalid, not implausible', () => {
    const fraction = broken('fraction.json', (f) => (f.reports[0].totals.logins = 1.5));
    const week53 = broken('week.json', (f) => (f.reports[0].week = '2025-W53'));
    expect(importReportFiles([fraction, week53], new Set()).rejected.map((r) => r.reason)).toEqual(['invalid', 'invalid']);
  });

  it('bounds the detail of a hostile file: number of issues and length of paths', () => {
    const keys = broken('keys.json', (f) => {
      for (let i = 0; i < 500; i++) f.reports[0].totals[`k${i}`] = i;
      f.reports[0].totals['x'.repeat(10_000)] = 1;
    });
    const [rejected] = importReportFiles([keys], new Set()).rejected;
    expect(rejected!.detail).toHaveLength(MAX_REJECT_DETAILS);
    const long = importReportFiles([broken('long.json', (f) => (f.reports[0]['y'.repeat(10_000)] = 1))], new Set()).rejected[0]!;
    expect(long.detail![0]!.path.length).toBeLessThanOrEqual(MAX_DETAIL_PATH_LENGTH);
  });

  it('keeps the valid files of a batch that also holds every kind of broken file', () => {
    const batch: ImportFile[] = [
      file('good-1.json', makeValidFile(reports.slice(0, 2))),
      { name: 'empty.json', text: '' },
      { name: 'bad.json', text: '{' },
      file('wrong.json', { schema: 'other/1', reports: [] }),
      broken('invalid.json', (f) => (f.reports[0].surprise = 1)),
      broken('implausible.json', (f) => (f.reports[0].totals.failedSubmissions = f.reports[0].totals.submissions + 1)),
      { name: 'huge.json', text: '', size: MAX_IMPORT_FILE_BYTES + 1 },
      file('good-2.json', makeValidFile(reports.slice(2))),
    ];
    const result = importReportFiles(batch, new Set());
    expect(result.accepted.map((r) => r.reportId)).toEqual(ids);
    expect(result.rejected.map((r) => [r.file, r.reason])).toEqual([
      ['empty.json', 'empty'],
      ['bad.json', 'bad-json'],
      ['wrong.json', 'wrong-schema'],
      ['invalid.json', 'invalid'],
      ['implausible.json', 'implausible'],
      ['huge.json', 'too-large'],
    ]);
  });

  it('rejects the whole file when one of its reports is broken', () => {
    const f = looseCopy(makeValidFile(reports.slice(0, 3)));
    f.reports[2].coverage = 101;
    const result = importReportFiles([file('partly.json', f)], new Set());
    expect(result.accepted).toEqual([]);
    expect(result.rejected[0]).toMatchObject({ reason: 'implausible', detail: [{ path: 'reports[2].coverage', code: 'too_big' }] });
  });

  it('drops duplicate reportIds within the batch and against stored ids, counting each once', () => {
    const result = importReportFiles(
      [
        file('a.json', makeValidFile(reports.slice(0, 4))),
        file('again.json', makeValidFile(reports.slice(2, 6))),
        file('a-copy.json', makeValidFile(reports.slice(0, 4))),
      ],
      new Set([ids[5]!, 'not-a-stored-id']),
    );
    // a: 0-3 new. again: 2, 3 seen, 4 new, 5 stored. a-copy: all four seen.
    expect(result.accepted.map((r) => r.reportId)).toEqual(ids.slice(0, 5));
    expect(result.duplicates).toBe(2 + 1 + 4);
    expect(new Set(result.accepted.map((r) => r.reportId)).size).toBe(result.accepted.length);
  });

  it('rejects a file that repeats a reportId inside itself (the schema forbids it)', () => {
    const result = importReportFiles([file('twice.json', makeValidFile([reports[0]!, reports[0]!]))], new Set());
    expect(result.rejected[0]).toMatchObject({ reason: 'invalid', detail: [{ path: 'reports[1].reportId', code: 'duplicate_report_id' }] });
  });

  it('reports each file as it goes, for a progress list', () => {
    const importer = createReportImporter(new Set([ids[1]!]));
    expect(importer.add(file('a.json', makeValidFile(reports.slice(0, 3))))).toEqual({ file: 'a.json', status: 'accepted', accepted: 2, duplicates: 1 });
    expect(importer.add({ name: 'b.json', text: '' })).toEqual({ file: 'b.json', status: 'rejected', reason: 'empty' });
    expect(importer.result()).toMatchObject({ duplicates: 1, rejected: [{ file: 'b.json', reason: 'empty' }] });
    expect(importer.result().accepted).toHaveLength(2);
  });

  it('does not change the set of stored ids it is given', () => {
    const existing = new Set<string>();
    importReportFiles([file('a.json', makeValidFile(reports))], existing);
    expect(existing.size).toBe(0);
  });
});
