import { describe, expect, it } from 'vitest';
import { aggregateReports } from '../../../../core/office/aggregate';
import { createCompactReports } from '../../../../core/office/compact-reports';
import { buildOfficeTables } from '../../../../core/office/view-tables';
import { ENTRY_CATEGORIES, LEVELS, PAGE_TAGS_IN_REPORT, WORK_DOMAINS, type WeeklyReport } from '../../../../core/contracts/report-schema';
import { cadreWeek, randomInt, seededRandom, type PairUse, type PortalUse } from './generated-reports';

const WEEKS = ['2026-W08', '2026-W09', '2026-W10', '2026-W11', '2026-W12', '2026-W13'];
const PORTALS = Array.from({ length: 30 }, (_, i) => `portal-${i}`);

/** A population with every optional part present and absent, pooled other-N portals, outliers and a large report. */
function population(seed: number, count: number): WeeklyReport[] {
  const r = seededRandom(seed);
  return Array.from({ length: count }, (_, i) => {
    const chosen = new Set<string>();
    const n = randomInt(r, 0, 6);
    while (chosen.size < n) chosen.add(PORTALS[Math.floor(PORTALS.length * r() * r())]!);
    if (r() < 0.15) chosen.add(`other-${randomInt(r, 1, 3)}`);
    // One report lists many portals and every pair of them.
    if (i === 7) PORTALS.forEach((p) => chosen.add(p));
    const ids = [...chosen].sort();
    const portals: PortalUse[] = ids.map((portal) => ({ portal, activeMinutes: randomInt(r, 0, 600), waitMinutes: randomInt(r, 0, 50), logins: randomInt(r, 0, 9), entries: randomInt(r, 0, 300), submissions: randomInt(r, 0, 20), uploads: randomInt(r, 0, 12) }));
    const pairs: PairUse[] = [];
    for (let a = 0; a < ids.length; a++) {
      for (let b = a + 1; b < ids.length; b++) if (i === 7 || r() < 0.3) pairs.push({ a: ids[a]!, b: ids[b]!, crossPortalRepeats: randomInt(r, 0, 5), transfers: randomInt(r, 0, 3) });
    }
    const report = cadreWeek({
      id: `compact-${seed}-${i}`,
      week: WEEKS[randomInt(r, 0, WEEKS.length - 1)],
      level: r() < 0.8 ? LEVELS[randomInt(r, 0, LEVELS.length - 1)] : undefined,
      region: r() < 0.7 ? `33${String(randomInt(r, 1, 3)).padStart(2, '0')}0${randomInt(r, 1, 4)}` : undefined,
      portals,
      pairs,
      categories: ENTRY_CATEGORIES.slice(0, randomInt(r, 0, 3)).map((category) => ({ category, entries: 0, sameFieldRepeats: 0, crossPortalRepeats: 0, portals: 0 })),
      tags: PAGE_TAGS_IN_REPORT.filter(() => r() < 0.3).map((tag) => ({ tag, visits: randomInt(r, 1, 9), activeMinutes: 0 })),
      // A few reports past an outlier limit, listed apart by the aggregation.
      totals: r() < 0.02 ? { entries: 30_000, sameFieldRepeats: 0, crossPortalRepeats: 0 } : undefined,
    });
    if (r() < 0.5) report.campaign = `campaign-${randomInt(r, 1, 2)}`;
    if (report.profile && r() < 0.3) report.profile.domain = WORK_DOMAINS[randomInt(r, 0, WORK_DOMAINS.length - 1)];
    return report;
  });
}

describe('compact reports (issue 15)', () => {
  const reports = population(15, 600);
  // A small slab so that records fill several slabs and the large report needs one of its own.
  const compact = createCompactReports({ slab: 512 });
  reports.forEach((report) => compact.add(report));

  it('gives back every report exactly as it was added', () => {
    expect(compact.length).toBe(reports.length);
    reports.forEach((report, i) => expect(compact.plain(i)).toStrictEqual(report));
    expect(compact.weeks()).toEqual([...new Set(reports.map((r) => r.week))].sort());
  });

  it('aggregates to the same tables as the plain reports, in every view the page can ask for', () => {
    const views = compact.views();
    expect(aggregateReports(views)).toEqual(aggregateReports(reports));
    const catalog = [{ id: 'portal-0', name: '民政系统', department: '民政局' }];
    for (const options of [
      { k: 10 },
      { k: 5 },
      { k: 12, catalog, headcount: 800 },
      { k: 10, weeks: { from: WEEKS[1], to: WEEKS[3] } },
      { k: 7, weeks: { from: WEEKS[4] } },
      { k: 10, weeks: { from: WEEKS[2], to: WEEKS[2] } },
    ]) {
      const plain = buildOfficeTables(reports, options);
      expect(plain.overall.suppressed, JSON.stringify(options)).toBe(false);
      expect(buildOfficeTables(views, options), JSON.stringify(options)).toEqual(plain);
    }
  }, 60_000);

  it('keeps the reports out of the JS heap: numbers in typed arrays, repeated strings once', () => {
    const many = createCompactReports();
    const sample = population(16, 400);
    for (let copy = 0; copy < 25; copy++) sample.forEach((report) => many.add(report));
    expect(many.length).toBe(10_000);
    expect(many.stringCount()).toBeLessThan(100);
  });
});
