import { describe, expect, it } from 'vitest';
import { aggregateReports } from '../../../../core/office/aggregate';
import { SUMS_OF_POPULATION_FIGURES } from '../../../../core/office/figures';
import { DEFAULT_K, MIN_K, effectiveK, suppressSmallCells, type OfficeTables, type ShownCell } from '../../../../core/office/suppression';
import type { Level, WeeklyReport } from '../../../../core/contracts/report-schema';
import { cellsOf, findLeaks, peopleIn, signedCombinations } from './differencing-attacker';
import { cadreWeek, type CadreWeekSpec } from './generated-reports';

type AnyCell = ShownCell<unknown, unknown>;

function tablesOf(t: OfficeTables): [string, AnyCell[]][] {
  return [
    ['overall', [t.overall as AnyCell]],
    ['portals', t.portals],
    ['pairs', t.pairs],
    ['categories', t.categories],
    ['tags', t.tags],
    ['weeklyTrends', t.weeklyTrends],
    ['levels', t.levels],
    ['provinces', t.provinces],
    ['regions', t.regions],
  ];
}

/** A suppressed cell carries nothing but its key, its label and the marker. */
function expectBare(cell: AnyCell | undefined): void {
  expect(cell).toBeDefined();
  expect(Object.keys(cell!).sort()).toEqual(['key', 'label', 'suppressed']);
  expect(cell!.suppressed).toBe(true);
}

function many(count: number, spec: (i: number) => Omit<CadreWeekSpec, 'id'>, prefix: string): WeeklyReport[] {
  return Array.from({ length: count }, (_, i) => cadreWeek({ id: `${prefix}-${i}`, ...spec(i) }));
}

describe('effectiveK', () => {
  it.each([
    [undefined, DEFAULT_K],
    [Number.NaN, DEFAULT_K],
    [Number.POSITIVE_INFINITY, DEFAULT_K],
    [0, MIN_K],
    [-3, MIN_K],
    [4.9, MIN_K],
    [5, 5],
    [7.2, 8],
    [12, 12],
  ])('k = %s is used as %s', (k, expected) => {
    expect(effectiveK(k)).toBe(expected);
  });

  it('is 10 by default and never below 5 in the tables', () => {
    expect(DEFAULT_K).toBe(10);
    expect(MIN_K).toBe(5);
    // 9 cadres on portal a, 4 on portal b, 5 on portal c, in one week of 18.
    const reports = many(
      18,
      (i) => ({ portals: [{ portal: i < 9 ? 'a' : i < 13 ? 'b' : 'c', activeMinutes: 60 }] }),
      'clamp',
    );
    const agg = aggregateReports(reports);
    const byKey = (t: OfficeTables) => Object.fromEntries(t.portals.map((p) => [p.key, p.suppressed]));
    const low = suppressSmallCells(agg, { k: 2 });
    expect(low.k).toBe(5);
    // b (4 people) is below the clamped k; c (5) is not. The suppressed group (b alone, 4) is below k, so the
    // smallest shown portal (c) is suppressed with it.
    expect(byKey(low)).toEqual({ a: false, b: true, c: true });
    expect(suppressSmallCells(agg).k).toBe(10);
    expect(byKey(suppressSmallCells(agg))).toEqual({ a: true, b: true, c: true });
  });
});

describe('suppressSmallCells', () => {
  // Two weeks of 30 cadres. Everyone uses big1; cadres 0–19 use big2; cadres 15–23 (week 1) and 15–22 (week 2)
  // use small: 17 cadre-weeks, but at most 9 people in one week.
  const reports = ['2026-W10', '2026-W11'].flatMap((week, w) =>
    many(
      30,
      (i) => {
        const small = i >= 15 && i <= (w === 0 ? 23 : 22);
        const portals = [{ portal: 'big1', activeMinutes: 100 + i }];
        if (i < 20) portals.push({ portal: 'big2', activeMinutes: 50 });
        if (small) portals.push({ portal: 'small', activeMinutes: 40 + i });
        const pairs = [];
        if (i < 20) pairs.push({ a: 'big1', b: 'big2', crossPortalRepeats: 3 });
        if (small) pairs.push({ a: 'big1', b: 'small', crossPortalRepeats: 7 });
        if (small && i < 20) pairs.push({ a: 'big2', b: 'small', crossPortalRepeats: 5 });
        return { week, level: (i % 2 ? 'village' : 'township') as Level, region: '330106', portals, pairs };
      },
      `nine-${week}`,
    ),
  );
  const agg = aggregateReports(reports);

  it('suppresses a portal used by 9 cadres at k = 10 in every table where it appears', () => {
    const small = agg.portals.find((p) => p.key === 'small')!;
    expect([small.people, small.cadreWeeks]).toEqual([9, 17]);
    const tables = suppressSmallCells(agg, { k: 10 });
    expectBare(tables.portals.find((p) => p.key === 'small'));
    const pairsWithSmall = tables.pairs.filter((p) => p.key.split('|').includes('small'));
    expect(pairsWithSmall).toHaveLength(2);
    pairsWithSmall.forEach(expectBare);
    // Nothing about it survives anywhere in the output.
    const text = JSON.stringify(tables);
    for (const figure of [small.figures.activeMinutes, small.figures.medianActiveMinutes, small.cadreWeeks]) {
      expect(text).not.toMatch(new RegExp(`[:,\\[]${figure}[,}\\]]`));
    }
  });

  it('shows the same portal when k allows it, so the suppression is about k', () => {
    const tables = suppressSmallCells(agg, { k: 5 });
    const cell = tables.portals.find((p) => p.key === 'small')!;
    expect(cell.suppressed).toBe(false);
    expect(cell.suppressed === false && cell.people).toBe(9);
  });

  it('hides one more portal so that the overall total minus the shown portals covers at least k people', () => {
    const tables = suppressSmallCells(agg, { k: 10 });
    const hidden = tables.portals.filter((p) => p.suppressed).map((p) => p.key);
    expect(hidden.sort()).toEqual(['big2', 'small']);
    const users = reports.map((r) => (r.portals.some((p) => hidden.includes(p.portal)) ? 1 : 0));
    expect(peopleIn(reports, users)).toBeGreaterThanOrEqual(10);
    // Both pairs with the small portal are suppressed; together they hold 9 people, so the complement rule takes
    // the pair of the two big portals with them.
    expect(tables.pairs.map((p) => [p.key, p.suppressed])).toEqual([
      ['big1|big2', true],
      ['big1|small', true],
      ['big2|small', true],
    ]);
    // At k = 5 the small portal is shown, and a pair with it only when it has 5 people itself.
    expect(suppressSmallCells(agg, { k: 5 }).pairs.every((p) => !p.suppressed)).toBe(true);
  });

  it('suppresses a pair whose portal is small even when the pair itself has k people', () => {
    // 14 cadres list the pair a–b, but only 4 list portal b (the schema does not tie the two together).
    const listed = many(
      14,
      (i) => ({
        portals: [{ portal: 'a', activeMinutes: 60 }, { portal: 'c', activeMinutes: 60 }, ...(i < 4 ? [{ portal: 'b', activeMinutes: 5 }] : [])],
        pairs: [{ a: 'a', b: 'b', crossPortalRepeats: 2 }, { a: 'a', b: 'c', crossPortalRepeats: 1 }],
      }),
      'dep',
    );
    const tables = suppressSmallCells(aggregateReports(listed));
    expect(tables.portals.find((p) => p.key === 'b')!.suppressed).toBe(true);
    expect(tables.pairs.find((p) => p.key === 'a|b')!.suppressed).toBe(true);
  });

  it('lists ranked tables with the shown cells in rank order and the suppressed ones after them by key', () => {
    const tables = suppressSmallCells(agg, { k: 10 });
    expect(tables.portals.map((p) => [p.key, p.suppressed])).toEqual([
      ['big1', false],
      ['big2', true],
      ['small', true],
    ]);
  });

  it('suppresses every cell, the overall row included, when the range has fewer than k people', () => {
    const few = aggregateReports(many(9, () => ({ portals: [{ portal: 'a', activeMinutes: 5 }], level: 'village', region: '330106' }), 'few'));
    const tables = suppressSmallCells(few);
    for (const [name, cells] of tablesOf(tables)) {
      if (['overall', 'portals', 'levels', 'regions', 'weeklyTrends'].includes(name)) expect(cells.length, name).toBeGreaterThan(0);
      cells.forEach(expectBare);
    }
    expect(tables.withheldFigures).toEqual([]);
  });

  it('withholds population figures that a table adds up to when all its cells together have fewer than k people', () => {
    const reports = many(
      14,
      (i) => ({
        portals: [{ portal: 'a', activeMinutes: 60, entries: i < 4 ? 40 : 0 }],
        categories: i < 4 ? [{ category: 'name', entries: 40, sameFieldRepeats: 5, crossPortalRepeats: 6, portals: 1 }] : [],
        level: 'village',
      }),
      'withheld',
    );
    const tables = suppressSmallCells(aggregateReports(reports));
    expectBare(tables.categories[0]);
    expect(tables.withheldFigures).toEqual([...SUMS_OF_POPULATION_FIGURES.categories]);
    for (const cell of [tables.overall, ...tables.levels, ...tables.weeklyTrends]) {
      expect(cell.suppressed).toBe(false);
      if (cell.suppressed) continue;
      expect([cell.figures.entries, cell.figures.sameFieldRepeats, cell.figures.crossPortalRepeats]).toEqual([null, null, null]);
      expect(cell.figures.activeMinutes).toBe(14 * 60);
    }
  });

  it('suppresses small tag and category cells too; tags add up to nothing shown, so no second tag goes with them', () => {
    const reports = many(
      16,
      (i) => ({
        portals: [{ portal: 'a', activeMinutes: 100, entries: 50 }],
        tags: [{ tag: 'login', visits: 3, activeMinutes: 5 }, ...(i < 4 ? [{ tag: 'ranking' as const, visits: 1, activeMinutes: 9 }] : [])],
        categories: [
          { category: 'name', entries: 20, sameFieldRepeats: 2, crossPortalRepeats: 3, portals: 1 },
          ...(i < 3 ? [{ category: 'phone' as const, entries: 5, sameFieldRepeats: 1, crossPortalRepeats: 1, portals: 1 }] : []),
          ...(i < 12 ? [{ category: 'address' as const, entries: 10, sameFieldRepeats: 0, crossPortalRepeats: 4, portals: 1 }] : []),
        ],
      }),
      'tags',
    );
    const tables = suppressSmallCells(aggregateReports(reports));
    expect(tables.tags.map((t) => [t.key, t.suppressed])).toEqual([
      ['ranking', true],
      ['login', false],
    ]);
    // phone (3 people) is small; address (12) goes with it so the entries total minus the shown ones covers ≥ k.
    expect(tables.categories.map((c) => [c.key, c.suppressed])).toEqual([
      ['name', false],
      ['address', true],
      ['phone', true],
    ]);
    expect(tables.withheldFigures).toEqual([]);
  });

  it('suppresses a thin week and one more, so the total minus the shown weeks reveals no small week', () => {
    const reports = [
      ...many(20, () => ({ week: '2026-W10', portals: [{ portal: 'a', activeMinutes: 60 }] }), 'w10'),
      ...many(15, () => ({ week: '2026-W11', portals: [{ portal: 'a', activeMinutes: 70 }] }), 'w11'),
      ...many(25, () => ({ week: '2026-W12', portals: [{ portal: 'a', activeMinutes: 80 }] }), 'w12'),
      ...many(3, () => ({ week: '2026-W13', portals: [{ portal: 'a', activeMinutes: 999 }] }), 'w13'),
    ];
    const tables = suppressSmallCells(aggregateReports(reports));
    expect(tables.weeklyTrends.map((w) => [w.key, w.suppressed])).toEqual([
      ['2026-W10', false],
      ['2026-W11', true],
      ['2026-W12', false],
      ['2026-W13', true],
    ]);
    expect(findLeaks(reports, tables)).toEqual([]);
  });
});

describe('differencing across the level and region breakdowns', () => {
  // One week. Every village cadre is in 330106, every township cadre in 330102, and the 3 county cadres are in
  // 330106 too: without a guard, region 330106 minus level village would be the county cell.
  const reports = [
    ...many(12, (i) => ({ level: 'village', region: '330106', portals: [{ portal: 'a', activeMinutes: 100 + i }] }), 'village'),
    ...many(11, (i) => ({ level: 'township', region: '330102', portals: [{ portal: 'a', activeMinutes: 200 + i }] }), 'township'),
    ...many(3, (i) => ({ level: 'county', region: '330106', portals: [{ portal: 'a', activeMinutes: 1000 + i }] }), 'county'),
  ];
  const agg = aggregateReports(reports);
  const tables = suppressSmallCells(agg, { k: 10 });

  it('would reveal the county cell to a naive subtraction', () => {
    const minutes = (rows: typeof agg.regions | typeof agg.levels, key: string) => rows.find((r) => r.key === key)!.figures.activeMinutes!;
    expect(minutes(agg.regions, '330106') - minutes(agg.levels, 'village')).toBe(minutes(agg.levels, 'county'));
  });

  it('suppresses the small cell and enough others that no subtraction of shown figures recovers it', () => {
    expectBare(tables.levels.find((l) => l.key === 'county'));
    const published = [
      { name: 'total', vector: reports.map(() => 1) },
      ...(['levels', 'provinces', 'regions'] as const).flatMap((n) => cellsOf(reports, tables, n).shown),
    ];
    const hidden = (['levels', 'provinces', 'regions'] as const).flatMap((n) => cellsOf(reports, tables, n).hidden);
    expect(hidden.length).toBeGreaterThan(0);
    // Brute force: every sum and difference of shown cells, each used at most once.
    for (const combo of signedCombinations(published)) {
      for (const target of hidden) expect(combo.vector, `${combo.names.join(' ')} = ${target.name}`).not.toEqual(target.vector);
    }
    expect(findLeaks(reports, tables)).toEqual([]);
  });

  it('still shows what can be shown: the total, township and both regions', () => {
    expect(tables.overall.suppressed).toBe(false);
    expect(tables.levels.map((l) => [l.key, l.suppressed])).toEqual([
      ['village', true],
      ['township', false],
      ['county', true],
    ]);
    expect(tables.regions.filter((r) => !r.suppressed).map((r) => r.key)).toEqual(['330102', '330106']);
  });

  it('catches two breakdowns whose shown totals differ by a small group', () => {
    // Levels: county (5) and street (6) are small; together 11, so the rest of the level table can be shown.
    // Regions: 330108 (street, 6) is small and takes 330102 (township, 12) with it. Then all shown levels
    // (village + township) minus all shown regions (village + county) would be township − county; and region
    // 330106 minus level village would be county (5).
    const cadres = [
      ...many(14, () => ({ level: 'village', region: '330106', portals: [{ portal: 'a', activeMinutes: 10 }] }), 'dv'),
      ...many(12, () => ({ level: 'township', region: '330102', portals: [{ portal: 'a', activeMinutes: 20 }] }), 'dt'),
      ...many(5, () => ({ level: 'county', region: '330106', portals: [{ portal: 'a', activeMinutes: 30 }] }), 'dc'),
      ...many(6, () => ({ level: 'street', region: '330108', portals: [{ portal: 'a', activeMinutes: 40 }] }), 'ds'),
    ];
    const shown = suppressSmallCells(aggregateReports(cadres), { k: 10 });
    expect(findLeaks(cadres, shown)).toEqual([]);
    const visible = (cells: readonly AnyCell[]) => cells.filter((c) => !c.suppressed).map((c) => c.key);
    expect(visible(shown.levels).includes('village') && visible(shown.regions).includes('330106')).toBe(false);
  });
});
