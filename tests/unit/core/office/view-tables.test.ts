import { describe, expect, it } from 'vitest';
import { aggregateReports } from '../../../../core/office/aggregate';
import { suppressSmallCells, type OfficeTables } from '../../../../core/office/suppression';
import { buildOfficeTables } from '../../../../core/office/view-tables';
import type { WeeklyReport } from '../../../../core/contracts/report-schema';
import { findCrossViewLeaks, probedPopulation } from './cross-view-attacker';
import { cadreWeek, randomInt, seededRandom } from './generated-reports';

type View = { from?: string; to?: string; k: number };

/** 2–4 views of random week ranges and values of k. */
function randomViews(random: () => number, weeks: readonly string[]): View[] {
  return Array.from({ length: randomInt(random, 2, 4) }, () => {
    const a = randomInt(random, 0, weeks.length - 1);
    const b = randomInt(random, a, weeks.length - 1);
    return { from: random() < 0.2 ? undefined : weeks[a], to: random() < 0.2 ? undefined : weeks[b], k: randomInt(random, 5, 10) };
  });
}

const weeksOf = (reports: readonly WeeklyReport[]) => [...new Set(reports.map((r) => r.week))].sort();

describe('views of the office page, attacked together (issue 15)', () => {
  it('no two or more views of week ranges and thresholds single out a suppressed cadre-week, in 500 populations', () => {
    let attacked = 0;
    let hiddenSomewhere = 0;
    for (let seed = 1; seed <= 500; seed++) {
      const random = seededRandom(5000 + seed);
      const reports = probedPopulation(random, seed);
      const views = randomViews(random, weeksOf(reports));
      // One cache of week views per population, as the page's worker keeps (its results are checked equal below).
      const weekCache = new Map<string, OfficeTables>();
      const tables = views.map((v) => buildOfficeTables(reports, { weeks: { from: v.from, to: v.to }, k: v.k, weekCache }));
      if (tables.every((t) => t.overall.suppressed)) continue;
      attacked++;
      if (tables.some((t) => [...t.levels, ...t.regions, ...t.portals].some((c) => c.suppressed))) hiddenSomewhere++;
      expect(findCrossViewLeaks(reports, tables), `seed ${seed}, views ${JSON.stringify(views)}`).toEqual([]);
    }
    // The property is not vacuous: most populations show something and hide something.
    expect(attacked).toBeGreaterThan(350);
    expect(hiddenSomewhere).toBeGreaterThan(300);
  }, 120_000);

  it('the same attacker does find leaks when each view is suppressed on its own (the guard is what stops it)', () => {
    let found = 0;
    for (let seed = 1; seed <= 60; seed++) {
      const random = seededRandom(5000 + seed);
      const reports = probedPopulation(random, seed);
      const views = randomViews(random, weeksOf(reports));
      const tables: OfficeTables[] = views.map((v) => suppressSmallCells(aggregateReports(reports, { weeks: { from: v.from, to: v.to } }), { k: v.k }));
      if (findCrossViewLeaks(reports, tables).length > 0) found++;
    }
    // About a third of the populations leak without it.
    expect(found).toBeGreaterThan(12);
  });

  it('W01–W10 against W01–W11 with one cadre in W11: the two views show the same figures', () => {
    const weeks = Array.from({ length: 11 }, (_, i) => `2026-W${String(i + 1).padStart(2, '0')}`);
    const reports = weeks.slice(0, 10).flatMap((week, w) =>
      Array.from({ length: 12 }, (_, i) => cadreWeek({ id: `w${w}-${i}`, week, level: 'township', region: '330106', portals: [{ portal: 'zj-mzxt', activeMinutes: 100 + i }] })),
    );
    const lonely = cadreWeek({ id: 'lonely', week: weeks[10], level: 'township', region: '330106', portals: [{ portal: 'zj-mzxt', activeMinutes: 4321 }] });
    const ten = buildOfficeTables([...reports, lonely], { weeks: { from: weeks[0], to: weeks[9] } });
    const eleven = buildOfficeTables([...reports, lonely], { weeks: { from: weeks[0], to: weeks[10] } });
    const strip = (t: OfficeTables) => ({ overall: t.overall, portals: t.portals, levels: t.levels, regions: t.regions });
    expect(strip(eleven)).toEqual(strip(ten));
    expect(eleven.weeklyTrends.find((c) => c.key === weeks[10])?.suppressed).toBe(true);
    // Before: the plain aggregate of each range, subtracted, gives the lonely cadre's minutes.
    const plain = (to: string) => suppressSmallCells(aggregateReports([...reports, lonely], { weeks: { from: weeks[0], to } }), { k: 10 });
    const minutes = (t: OfficeTables) => (t.overall.suppressed ? 0 : t.overall.figures.activeMinutes!);
    expect(minutes(plain(weeks[10]!)) - minutes(plain(weeks[9]!))).toBe(4321);
  });

  it('a view at a higher k shows a subset of what the same range shows at a lower k', () => {
    for (let seed = 1; seed <= 60; seed++) {
      const random = seededRandom(900 + seed);
      const reports = probedPopulation(random, seed);
      const low = buildOfficeTables(reports, { k: 5 });
      const high = buildOfficeTables(reports, { k: randomInt(random, 6, 12) });
      for (const table of ['portals', 'levels', 'regions', 'provinces', 'weeklyTrends'] as const) {
        const shownLow = new Set(low[table].filter((c) => !c.suppressed).map((c) => c.key));
        for (const c of high[table]) if (!c.suppressed) expect(shownLow.has(c.key), `seed ${seed} ${table}:${c.key}`).toBe(true);
      }
    }
  });

  it('gives the same tables with a cache of week views as without, across ranges and k', () => {
    const random = seededRandom(77);
    const reports = probedPopulation(random, 77);
    const weekCache = new Map<string, OfficeTables>();
    for (const v of randomViews(random, weeksOf(reports)).concat(randomViews(random, weeksOf(reports)))) {
      const options = { weeks: { from: v.from, to: v.to }, k: v.k };
      expect(buildOfficeTables(reports, { ...options, weekCache })).toEqual(buildOfficeTables(reports, options));
    }
    expect(weekCache.size).toBeGreaterThan(0);
  });
});
