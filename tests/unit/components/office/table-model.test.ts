import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { aggregateReports } from '../../../../core/office/aggregate';
import { CSV_BOM, fromCsv } from '../../../../core/office/csv';
import { suppressSmallCells } from '../../../../core/office/suppression';
import { buildGraphModel, tooltipHtml } from '../../../../components/office/graph-model';
import { TABLE_IDS, buildTableModels, cellCsvText, portalName, roundValue, tableCsv, type Translate } from '../../../../components/office/table-model';
import { cadreWeek } from '../../core/office/generated-reports';

/** A stand-in for the catalogs: the key, then the substitutions, so tests can see what was asked for. */
const t: Translate = (key, subs) => (subs === undefined ? key : `${key}(${[subs].flat().join(',')})`);

// 14 cadres in one week: portal a for all, b for 9 (suppressed at k = 10), c for 5.
const reports = Array.from({ length: 14 }, (_, i) =>
  cadreWeek({
    id: `model-${i}`,
    level: i < 7 ? 'township' : 'village',
    portals: [
      { portal: 'a', activeMinutes: 100 + i, submissions: 10, failedSubmissions: i % 3 },
      ...(i < 9 ? [{ portal: 'b', activeMinutes: 30 + i }] : []),
      ...(i >= 9 ? [{ portal: 'c', activeMinutes: 5 }] : []),
    ],
    pairs: i < 9 ? [{ a: 'a', b: 'b', crossPortalRepeats: 4 }] : [],
    tags: [{ tag: 'learning', visits: 2, activeMinutes: 9 }],
  }),
);
const catalog = [
  { id: 'a', name: "=cmd|' /C calc'!A0", department: '<img src=x onerror=alert(1)>' },
  { id: 'b', name: '乙系统' },
];

function modelsAt(k: number, headcount?: number) {
  const tables = suppressSmallCells(aggregateReports(reports, { catalog, headcount }), { k });
  return { tables, models: buildTableModels(tables, t) };
}

describe('buildTableModels', () => {
  it('builds every table, with unique column keys and one cell per column in every row', () => {
    const { models } = modelsAt(10);
    expect(Object.keys(models).sort()).toEqual([...TABLE_IDS].sort());
    for (const model of Object.values(models)) {
      const keys = model.columns.map((c) => c.key);
      expect(new Set(keys).size, model.id).toBe(keys.length);
      for (const row of model.rows) expect(row.cells.length, `${model.id} ${row.key}`).toBe(keys.length);
    }
  });

  it('shows a suppressed cell as its label and the "<k" marker only, in every table', () => {
    const { models } = modelsAt(10);
    const b = models.portals.rows.find((r) => r.key === 'b')!;
    expect(b.suppressed).toBe(true);
    const people = models.portals.columns.findIndex((c) => c.key === 'people');
    expect(b.cells[people]).toBe('office_suppressed(10)');
    expect(b.cells.filter((c, i) => i !== people && models.portals.columns[i]!.kind !== 'text').every((c) => c === null)).toBe(true);
    expect(models.pairs.rows.find((r) => r.key === 'a|b')!.suppressed).toBe(true);
    // At k = 5 it is shown with its 9 people.
    const shown = modelsAt(5).models.portals.rows.find((r) => r.key === 'b')!;
    expect(shown.suppressed).toBe(false);
    expect(shown.cells[people]).toBe(9);
  });

  it('rounds the same way for the page and the file: counts whole, decimals to one place, shares as percentages', () => {
    expect(roundValue('count', 12.4)).toBe(12);
    expect(roundValue('decimal', 106.55)).toBe(106.6);
    expect(roundValue('percent', 1 / 3)).toBe(33.3);
    expect(roundValue('percent', null)).toBeNull();
    expect(roundValue('decimal', Number.NaN)).toBeNull();
    const { models } = modelsAt(10);
    const a = models.portals.rows.find((r) => r.key === 'a')!;
    const col = (key: string) => a.cells[models.portals.columns.findIndex((c) => c.key === key)];
    expect(col('medianActiveMinutes')).toBe(106.5);
    const failed = reports.reduce((s, _, i) => s + (i % 3), 0);
    expect(col('failureRate')).toBe(Math.round((failed / 140) * 1000) / 10);
  });

  it('adds the person-hours column only when a headcount is given', () => {
    expect(modelsAt(10).models.portals.columns.some((c) => c.key === 'estimatedPersonHoursPerYear')).toBe(false);
    const { models } = modelsAt(10, 1200);
    const i = models.portals.columns.findIndex((c) => c.key === 'estimatedPersonHoursPerYear');
    const a = models.portals.rows.find((r) => r.key === 'a')!;
    expect(a.cells[i]).toBe(Math.round((106.5 / 60) * 52 * 1200));
  });

  it('names pooled other portals and unspecified codes in the UI language', () => {
    expect(portalName(t, 'other-*', null)).toBe('office_other_portals');
    expect(portalName(t, 'x', null)).toBe('');
    expect(portalName(t, 'x', '名称')).toBe('名称');
  });
});

describe('tableCsv', () => {
  it('parses back, cell for cell, to the shown table, with hostile catalog text guarded in the file', () => {
    const { models } = modelsAt(10, 50);
    for (const model of Object.values(models)) {
      const csv = tableCsv(model);
      expect(csv.startsWith(CSV_BOM)).toBe(true);
      expect(fromCsv(csv), model.id).toEqual([model.columns.map((c) => c.header), ...model.rows.map((r) => r.cells.map(cellCsvText))]);
    }
    const raw = Papa.parse<string[]>(tableCsv(models.portals).slice(1), { newline: '\r\n' }).data;
    const name = raw[0]!.indexOf('office_col_name');
    const department = raw[0]!.indexOf('office_col_department');
    expect(raw[1]![name]).toBe("'=cmd|' /C calc'!A0");
    expect(raw[1]![department]).toBe('<img src=x onerror=alert(1)>');
  });
});

describe('the pair graph', () => {
  it('draws shown pairs only, and a suppressed portal never as a figure', () => {
    const small = modelsAt(10).tables;
    expect(buildGraphModel(small.portals, small.pairs, (k, n) => n ?? k)).toEqual({
      nodes: [{ id: 'a', name: "=cmd|' /C calc'!A0", people: 14 }],
      edges: [],
    });
    const all = modelsAt(5).tables;
    const graph = buildGraphModel(all.portals, all.pairs, (k, n) => n ?? k);
    expect(graph.edges).toEqual([{ source: 'a', target: 'b', score: 36, people: 9 }]);
    expect(graph.nodes.map((n) => [n.id, n.people])).toEqual([
      ['a', 14],
      ['b', 9],
      ['c', 5],
    ]);
  });

  it('escapes every name in the tooltip HTML', () => {
    const names = new Map([
      ['a', '<img src=x onerror="alert(1)">'],
      ['b', "=cmd|' /C calc'!A0 & <b>"],
    ]);
    const texts = { edge: (s: number) => `score ${s}`, node: (p: number) => `${p} 人`, hidden: 'hidden' };
    const node = tooltipHtml({ dataType: 'node', data: { id: 'a', people: 12 } }, names, texts);
    expect(node).toBe('&#60;img src=x onerror=&#34;alert(1)&#34;&#62;<br>12 人');
    const edge = tooltipHtml({ dataType: 'edge', data: { source: 'a', target: 'b', score: 7 } }, names, texts);
    expect(edge).not.toMatch(/<(?!br>)/);
    expect(edge).toContain('&#39; /C calc&#39;!A0 &#38; &#60;b&#62;');
    expect(tooltipHtml({ dataType: 'node', data: { id: '<svg onload=x>', people: null } }, new Map(), texts)).toBe('&#60;svg onload=x&#62;<br>hidden');
  });
});
