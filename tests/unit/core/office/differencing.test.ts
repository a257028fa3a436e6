import { describe, expect, it } from 'vitest';
import { aggregateReports } from '../../../../core/office/aggregate';
import { guardDifferencing, type Breakdown } from '../../../../core/office/differencing';
import { SPAN_PRIME, createSpan } from '../../../../core/office/linear-span';
import { suppressSmallCells, type OfficeTables } from '../../../../core/office/suppression';
import { LEVELS, type WeeklyReport } from '../../../../core/contracts/report-schema';
import { findLeaks, inSpan, peopleIn } from './differencing-attacker';
import { cadreWeek, randomInt, seededRandom } from './generated-reports';

describe('createSpan', () => {
  it('finds sums and differences of sets and says which sets they use', () => {
    // Columns 0..3; generators {0,1}, {1,2}, {0,1,2,3}.
    const span = createSpan([[0, 1], [1, 2], [0, 1, 2, 3]], 4);
    expect(span.rank).toBe(3);
    // {2, 3} = {0, 1, 2, 3} − {0, 1}.
    expect(span.representation([3, 2])?.sort()).toEqual([0, 2]);
    expect(span.representation([0])).toBeNull();
    expect(span.representation([0, 2])).toBeNull();
    expect(span.representation([0, 1, 2, 3])).toEqual([2]);
  });

  it('agrees with floating-point elimination on random 0/1 systems', () => {
    const random = seededRandom(11);
    for (let trial = 0; trial < 200; trial++) {
      const columns = randomInt(random, 2, 9);
      const generators = Array.from({ length: randomInt(random, 1, 7) }, () =>
        Array.from({ length: columns }, (_, c) => c).filter(() => random() < 0.5),
      );
      const target = Array.from({ length: columns }, (_, c) => c).filter(() => random() < 0.5);
      const dense = (cols: number[]) => Array.from({ length: columns }, (_, c) => (cols.includes(c) ? 1 : 0));
      const expected = inSpan(generators.map(dense), dense(target));
      expect(createSpan(generators, columns).representation(target) !== null).toBe(expected);
    }
    expect(SPAN_PRIME).toBe(2 ** 26 - 5);
  });
});

describe('guardDifferencing', () => {
  const row = (key: string, members: number[]) => ({ key, people: members.length, cadreWeeks: members.length, members });

  it('hides the next smallest cell when one cell alone is hidden', () => {
    const reportCount = 40;
    const ids = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);
    const breakdowns: Breakdown[] = [{ name: 'levels', exact: true, rows: [row('a', ids(0, 20)), row('b', ids(20, 32)), row('c', ids(32, 40))] }];
    const result = guardDifferencing({
      breakdowns,
      hidden: [[false, false, true]],
      k: 10,
      reportCount,
      reportWeek: new Int32Array(reportCount),
      weekCount: 1,
    });
    expect(result.hidden).toEqual([[false, true, true]]);
  });

  it('withholds breakdowns, widest first, while the exact check would be too large', () => {
    const reports = randomPopulation(7, 60);
    const agg = aggregateReports(reports);
    const breakdowns: Breakdown[] = [
      { name: 'levels', exact: true, rows: agg.levels },
      { name: 'regions', exact: true, rows: agg.regions },
    ];
    expect(agg.regions.length).toBeGreaterThan(agg.levels.length);
    const run = (spanWorkBudget?: number) =>
      guardDifferencing({
        breakdowns,
        hidden: breakdowns.map((b) => b.rows.map((r) => r.people < 10)),
        k: 10,
        reportCount: agg.overall.cadreWeeks,
        reportWeek: agg.reportWeek,
        weekCount: agg.weeks.length,
        spanWorkBudget,
      });
    expect(run().withheldForSize).toEqual([]);
    // With no budget at all, nothing that needs the check can be shown.
    const starved = run(0);
    expect(starved.withheldForSize).toEqual(['regions', 'levels']);
    expect(starved.hidden.flat().every((h) => h)).toBe(true);
  });
});

/** Cadres of a few levels and regions over 1–3 weeks, skewed so that some cells are small. */
function randomPopulation(seed: number, count: number): WeeklyReport[] {
  const random = seededRandom(seed);
  const regions = ['330106', '330102', '3301', '330205', '110101', '11'];
  const weeks = ['2026-W10', '2026-W11', '2026-W12'].slice(0, randomInt(random, 1, 3));
  return Array.from({ length: count }, (_, i) => {
    const level = random() < 0.08 ? undefined : LEVELS[Math.floor(random() * random() * 4)];
    const region = random() < 0.08 ? undefined : regions[Math.floor(random() * random() * regions.length)];
    return cadreWeek({
      id: `pop-${seed}-${i}`,
      week: weeks[randomInt(random, 0, weeks.length - 1)],
      level,
      region,
      portals: [{ portal: 'a', activeMinutes: randomInt(random, 0, 600) }],
    });
  });
}

describe('the breakdowns after suppression, attacked from outside', () => {
  it('leak nothing on random populations, for k from 5 to 10', () => {
    let suppressedSomething = 0;
    for (let seed = 1; seed <= 200; seed++) {
      const random = seededRandom(1000 + seed);
      const reports = randomPopulation(seed, randomInt(random, 25, 90));
      const k = randomInt(random, 5, 10);
      const tables = suppressSmallCells(aggregateReports(reports), { k });
      if (tables.overall.suppressed) continue;
      expect(findLeaks(reports, tables), `seed ${seed}, k ${k}`).toEqual([]);
      if ([...tables.levels, ...tables.regions].some((c) => c.suppressed)) suppressedSomething++;
    }
    // The property is not vacuous.
    expect(suppressedSomething).toBeGreaterThan(100);
  }, 60_000); // 200 populations, each attacked exhaustively: seconds on a loaded machine

  it('are attacked by an attacker that does find leaks when only cells under k are hidden', () => {
    let found = 0;
    for (let seed = 1; seed <= 30; seed++) {
      const reports = randomPopulation(seed, 60);
      const agg = aggregateReports(reports);
      const naive = (cells: readonly { key: string; people: number }[]) =>
        cells.map((c) => (c.people < 10 ? { key: c.key, label: {}, suppressed: true } : { ...c, suppressed: false }));
      const tables = {
        k: 10,
        weeklyTrends: naive(agg.weeklyTrends),
        levels: naive(agg.levels),
        provinces: naive(agg.provinces),
        regions: naive(agg.regions),
      } as unknown as OfficeTables;
      if (findLeaks(reports, tables).length > 0) found++;
    }
    expect(found).toBeGreaterThan(20);
  });

  it('still shows the big cells of a realistic population', () => {
    const reports = randomPopulation(99, 400);
    const tables = suppressSmallCells(aggregateReports(reports), { k: 10 });
    expect(findLeaks(reports, tables)).toEqual([]);
    const shownBig = tables.levels.filter((c) => !c.suppressed).length;
    expect(shownBig).toBeGreaterThanOrEqual(2);
    // Every shown cell really has k people, counted by busiest week.
    for (const cell of [...tables.levels, ...tables.regions, ...tables.provinces, ...tables.weeklyTrends]) {
      if (!cell.suppressed) expect(cell.people).toBeGreaterThanOrEqual(10);
    }
    expect(peopleIn(reports, reports.map(() => 1))).toBe(tables.overall.suppressed ? 0 : tables.overall.people);
  });
});
