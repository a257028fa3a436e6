import { describe, expect, it } from 'vitest';
import { DUPLICATE_FILING_WEIGHT, WEEKS_PER_YEAR, aggregateReports } from '../../../../core/office/aggregate';
import { OTHER_PORTALS_KEY, UNSPECIFIED } from '../../../../core/office/figures';
import { CONTRIBUTION_CAP_COUNT, CONTRIBUTION_CAP_MINUTES, capField, outlierReasons } from '../../../../core/office/outliers';
import { peopleOf, peopleOfUnion } from '../../../../core/office/people';
import { LEVELS, type Level, type WeeklyReport } from '../../../../core/contracts/report-schema';
import { cadreWeek, randomInt, seededRandom, type PortalUse } from './generated-reports';

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

/** Independent statistics, by definition. */
function med(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  return n % 2 ? s[(n - 1) / 2]! : (s[n / 2 - 1]! + s[n / 2]!) / 2;
}
function p90(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.ceil((s.length * 9) / 10) - 1]!;
}
function trimmed(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const cut = Math.floor(s.length / 10);
  const kept = s.slice(cut, s.length - cut);
  return sum(kept) / kept.length;
}
/** People by brute force: for each week, count the reports; take the largest. */
function busiestWeek(reports: WeeklyReport[]): number {
  const byWeek = new Map<string, number>();
  for (const r of reports) byWeek.set(r.week, (byWeek.get(r.week) ?? 0) + 1);
  return Math.max(0, ...byWeek.values());
}

const PORTALS = ['zj-mzxt', 'zj-sbxt', 'jcb-ybt', 'xxqg', 'ggfw.example.gov.cn'];
const WEEKS = ['2026-W09', '2026-W10', '2026-W11', '2026-W12'];
const REGIONS = ['330106', '330102', '3301', '110101', '11'];

function randomReports(seed: number, count: number): WeeklyReport[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, (_, i) => {
    const portals: PortalUse[] = PORTALS.filter(() => random() < 0.6).map((portal) => {
      const submissions = randomInt(random, 0, 40);
      const logins = randomInt(random, 0, 20);
      const entries = randomInt(random, 0, 500);
      const uploads = randomInt(random, 0, 30);
      return {
        portal,
        activeMinutes: randomInt(random, 0, 900),
        waitMinutes: randomInt(random, 0, 60),
        logins,
        relogins: randomInt(random, 0, logins),
        captchas: randomInt(random, 0, logins),
        loginOnlyVisits: randomInt(random, 0, logins),
        submissions,
        failedSubmissions: randomInt(random, 0, submissions),
        entries,
        sameFieldRepeats: randomInt(random, 0, Math.floor(entries / 2)),
        crossPortalRepeats: randomInt(random, 0, Math.floor(entries / 2)),
        uploads,
        repeatedUploads: randomInt(random, 0, uploads),
        photoUploads: randomInt(random, 0, Math.floor(uploads / 2)),
        screenshotUploads: randomInt(random, 0, Math.floor(uploads / 2)),
      };
    });
    const level = random() < 0.1 ? undefined : LEVELS[randomInt(random, 0, LEVELS.length - 1)];
    const region = random() < 0.1 ? undefined : REGIONS[randomInt(random, 0, REGIONS.length - 1)];
    return cadreWeek({ id: `rand-${seed}-${i}`, week: WEEKS[randomInt(random, 0, WEEKS.length - 1)], level, region, portals });
  });
}

describe('people counting', () => {
  it('counts a cell spanning weeks by its busiest week', () => {
    // Portal A: 4 cadre-weeks in W10, 7 in W11, 2 in W12. Everyone: 6, 9 and 3.
    const spec: [string, number, number][] = [
      ['2026-W10', 4, 2],
      ['2026-W11', 7, 2],
      ['2026-W12', 2, 1],
    ];
    const reports = spec.flatMap(([week, withA, without]) => [
      ...Array.from({ length: withA }, (_, i) => cadreWeek({ id: `${week}-a${i}`, week, portals: [{ portal: 'a', activeMinutes: 60 }] })),
      ...Array.from({ length: without }, (_, i) => cadreWeek({ id: `${week}-b${i}`, week, portals: [{ portal: 'b', activeMinutes: 60 }] })),
    ]);
    const agg = aggregateReports(reports);
    const a = agg.portals.find((p) => p.key === 'a')!;
    expect(a.people).toBe(7);
    expect(a.cadreWeeks).toBe(13);
    expect(agg.overall.people).toBe(9);
    expect(agg.overall.cadreWeeks).toBe(18);
    expect(agg.weeklyTrends.map((w) => [w.key, w.people])).toEqual([
      ['2026-W10', 6],
      ['2026-W11', 9],
      ['2026-W12', 3],
    ]);
    expect(agg.portals.find((p) => p.key === 'b')!.people).toBe(2);
  });

  it('counts a report in two cells once in their union', () => {
    const reportWeek = Int32Array.from([0, 0, 1, 1, 1]);
    expect(peopleOf([0, 1, 2], reportWeek, 2)).toBe(2);
    expect(peopleOfUnion([[0, 2, 3], [2, 3, 4]], reportWeek, 2)).toBe(3);
    expect(peopleOfUnion([], reportWeek, 2)).toBe(0);
  });

  it('agrees with brute force on random reports, in every table', () => {
    const reports = randomReports(1, 300);
    const agg = aggregateReports(reports);
    expect(agg.overall.people).toBe(busiestWeek(reports));
    for (const row of agg.portals) expect(row.people).toBe(busiestWeek(reports.filter((r) => r.portals.some((p) => p.portal === row.key))));
    for (const row of agg.levels) expect(row.people).toBe(busiestWeek(reports.filter((r) => (r.profile?.level ?? UNSPECIFIED) === row.key)));
    for (const row of agg.provinces) {
      expect(row.people).toBe(busiestWeek(reports.filter((r) => (r.profile?.region?.slice(0, 2) ?? UNSPECIFIED) === row.key)));
    }
    for (const row of agg.regions) expect(row.people).toBe(busiestWeek(reports.filter((r) => (r.profile?.region ?? UNSPECIFIED) === row.key)));
  });
});

describe('aggregateReports', () => {
  it('computes every per-portal figure as an independent computation does', () => {
    const reports = randomReports(2, 250);
    const headcount = 120;
    const agg = aggregateReports(reports, { headcount });
    expect(agg.portals.map((p) => p.key).sort()).toEqual([...PORTALS].sort());
    for (const row of agg.portals) {
      const uses = reports.flatMap((r) => r.portals.filter((p) => p.portal === row.key));
      const total = (f: keyof (typeof uses)[number]) => sum(uses.map((p) => p[f] as number));
      const minutes = uses.map((p) => p.activeMinutes);
      const f = row.figures;
      expect(row.cadreWeeks).toBe(uses.length);
      expect(f.activeMinutes).toBe(total('activeMinutes'));
      expect(f.medianActiveMinutes).toBe(med(minutes));
      expect(f.p90ActiveMinutes).toBe(p90(minutes));
      expect(f.trimmedMeanActiveMinutes).toBeCloseTo(trimmed(minutes), 9);
      expect(f.waitMinutes).toBe(total('waitMinutes'));
      expect(f.medianWaitMinutes).toBe(med(uses.map((p) => p.waitMinutes)));
      expect(f.failureRate).toBeCloseTo(total('failedSubmissions') / total('submissions'), 12);
      expect(f.loginOnlyShare).toBeCloseTo(total('loginOnlyVisits') / total('logins'), 12);
      for (const k of ['logins', 'relogins', 'captchas', 'entries', 'sameFieldRepeats', 'crossPortalRepeats', 'repeatedUploads', 'photoUploads', 'screenshotUploads'] as const) {
        expect(f[k]).toBe(total(k));
      }
      expect(f.usageShare).toBeCloseTo(uses.length / reports.length, 12);
      expect(f.estimatedPersonHoursPerYear).toBeCloseTo((med(minutes) / 60) * 52 * headcount * (uses.length / reports.length), 9);
    }
    // Ranked by total active minutes.
    const totals = agg.portals.map((p) => p.figures.activeMinutes);
    expect(totals).toEqual([...totals].sort((a, b) => b - a));
    expect(WEEKS_PER_YEAR).toBe(52);
  });

  it('gives no person-hours without a usable headcount', () => {
    const reports = randomReports(3, 20);
    for (const headcount of [undefined, 0, -5, Number.NaN]) {
      const agg = aggregateReports(reports, { headcount });
      expect(agg.headcount).toBeNull();
      expect(agg.portals.every((p) => p.figures.estimatedPersonHoursPerYear === null)).toBe(true);
    }
  });

  it('splits the same cadre-weeks by week, level, province and region, each adding up to the whole', () => {
    const reports = randomReports(4, 200);
    const agg = aggregateReports(reports);
    for (const table of [agg.weeklyTrends, agg.levels, agg.provinces, agg.regions]) {
      expect(sum(table.map((r) => r.cadreWeeks))).toBe(reports.length);
      expect(sum(table.map((r) => r.figures.activeMinutes!))).toBe(agg.overall.figures.activeMinutes);
      expect(sum(table.map((r) => r.figures.entries!))).toBe(agg.overall.figures.entries);
    }
    expect(agg.overall.figures.activeMinutes).toBe(sum(reports.map((r) => r.totals.activeMinutes)));
    expect(agg.overall.figures.medianActiveMinutes).toBe(med(reports.map((r) => r.totals.activeMinutes)));
    for (const w of agg.weeklyTrends) {
      const inWeek = reports.filter((r) => r.week === w.key);
      expect(w.figures.submissions).toBe(sum(inWeek.map((r) => r.totals.submissions)));
      expect(w.people).toBe(inWeek.length);
    }
    expect(agg.weeklyTrends.map((w) => w.key)).toEqual(WEEKS);
    // Province is the first two digits; a two-digit region is its own province.
    expect(agg.provinces.map((p) => p.key)).toEqual(['11', '33', UNSPECIFIED]);
    expect(agg.regions.map((p) => p.key)).toEqual(['11', '110101', '3301', '330102', '330106', UNSPECIFIED]);
    const levelOrder = agg.levels.map((l) => l.key);
    expect(levelOrder).toEqual([...LEVELS, UNSPECIFIED].filter((l) => levelOrder.includes(l)));
    const county = reports.filter((r) => r.profile?.level === ('county' satisfies Level));
    expect(agg.levels.find((l) => l.key === 'county')!.figures.waitMinutes).toBe(sum(county.map((r) => r.totals.waitMinutes)));
  });

  it('keeps only the chosen weeks (inclusive) and counts a repeated reportId once', () => {
    const reports = randomReports(5, 80);
    const agg = aggregateReports([...reports, ...reports.slice(0, 10)], { weeks: { from: '2026-W10', to: '2026-W11' } });
    const inRange = reports.filter((r) => r.week >= '2026-W10' && r.week <= '2026-W11');
    expect(agg.overall.cadreWeeks).toBe(inRange.length);
    expect(agg.reportsInRange).toBe(inRange.length);
    expect(agg.weeks).toEqual(['2026-W10', '2026-W11']);
    expect(agg.range).toEqual({ from: '2026-W10', to: '2026-W11' });
  });

  it('flags outliers with their reportId and reason and leaves them out of every figure', () => {
    const normal = Array.from({ length: 12 }, (_, i) => cadreWeek({ id: `n${i}`, portals: [{ portal: 'zj-mzxt', activeMinutes: 600, entries: 100 }] }));
    const longWeek = cadreWeek({ id: 'long', portals: [{ portal: 'zj-mzxt', activeMinutes: 5000 }] });
    const manyEntries = cadreWeek({ id: 'entries', portals: [{ portal: 'zj-mzxt', activeMinutes: 100, entries: 25_000 }] });
    const agg = aggregateReports([...normal, longWeek, manyEntries]);
    expect(agg.outliers).toEqual([
      { reportId: longWeek.reportId, week: longWeek.week, reasons: [{ field: 'activeMinutes', value: 5000, limit: 4800 }] },
      { reportId: manyEntries.reportId, week: manyEntries.week, reasons: [{ field: 'entries', value: 25_000, limit: 20_000 }] },
    ]);
    expect(agg.reportsInRange).toBe(14);
    expect(agg.overall.cadreWeeks).toBe(12);
    expect(agg.overall.figures.activeMinutes).toBe(12 * 600);
    const portal = agg.portals[0]!;
    expect(portal.cadreWeeks).toBe(12);
    expect(portal.figures.activeMinutes).toBe(7200);
    expect(portal.figures.entries).toBe(1200);
    expect(portal.figures.p90ActiveMinutes).toBe(600);
    expect(agg.weeklyTrends[0]!.cadreWeeks).toBe(12);
  });

  it('documents its outlier limits and clips every value at the contribution caps', () => {
    expect(outlierReasons(cadreWeek({ id: 'ok', portals: [{ portal: 'a', activeMinutes: 4800, entries: 20_000 }] }))).toEqual([]);
    const wait = cadreWeek({ id: 'wait', portals: [{ portal: 'a', activeMinutes: 10, waitMinutes: 4801 }] });
    expect(outlierReasons(wait)).toEqual([{ field: 'waitMinutes', value: 4801, limit: 4800 }]);
    expect(capField('activeMinutes', 9000)).toBe(CONTRIBUTION_CAP_MINUTES);
    expect(capField('waitMinutes', 100)).toBe(100);
    expect(capField('entries', 30_000)).toBe(CONTRIBUTION_CAP_COUNT);
    expect(capField('visits', 25_000)).toBe(CONTRIBUTION_CAP_COUNT);
  });

  it('pools other-1, other-2… into one row, one cadre-week per report, and drops pairs between them', () => {
    const r = cadreWeek({
      id: 'other',
      portals: [
        { portal: 'other-1', activeMinutes: 10, logins: 2 },
        { portal: 'other-2', activeMinutes: 20, logins: 3 },
        { portal: 'zj-mzxt', activeMinutes: 30 },
      ],
      pairs: [
        { a: 'other-1', b: 'other-2', crossPortalRepeats: 50 },
        { a: 'other-1', b: 'zj-mzxt', crossPortalRepeats: 4 },
        { a: 'other-2', b: 'zj-mzxt', crossPortalRepeats: 6 },
      ],
    });
    const s = cadreWeek({ id: 'other-b', portals: [{ portal: 'other-1', activeMinutes: 40 }] });
    const agg = aggregateReports([r, s]);
    const other = agg.portals.find((p) => p.key === OTHER_PORTALS_KEY)!;
    expect(other.cadreWeeks).toBe(2);
    expect(other.figures.activeMinutes).toBe(70);
    expect(other.figures.medianActiveMinutes).toBe(35);
    expect(other.figures.logins).toBe(5);
    expect(agg.pairs.map((p) => [p.label.a, p.label.b, p.cadreWeeks, p.figures.crossPortalRepeats])).toEqual([[OTHER_PORTALS_KEY, 'zj-mzxt', 1, 10]]);
  });

  it('ranks portal pairs by duplicated work and documents the weight of a duplicate filing', () => {
    const pairsOf = (i: number) => [
      // score 100 + 10·1 + 5 + 5 = 120 per cadre-week
      { a: 'p1', b: 'p2', crossPortalRepeats: 100, duplicateFilings: 1, transfers: 5, repeatedUploads: 5 },
      // score 10 + 10·12 = 130: fewer repeats, but whole forms filed twice
      { a: 'p2', b: 'p3', crossPortalRepeats: 10, duplicateFilings: 12, transfers: 0, repeatedUploads: 0 },
      // score 30 + 150 = 180, in two cadre-weeks only: 360 in all, tying p1–p2 (3 × 120), which has more people
      { a: 'p1', b: 'p3', crossPortalRepeats: 30, duplicateFilings: 0, transfers: 150, repeatedUploads: 0 },
    ].filter((_, j) => j !== 2 || i < 2);
    const reports = Array.from({ length: 3 }, (_, i) =>
      cadreWeek({
        id: `pairs-${i}`,
        portals: ['p1', 'p2', 'p3'].map((portal) => ({ portal, activeMinutes: 10, entries: 200, crossPortalRepeats: 100, submissions: 20 })),
        pairs: pairsOf(i),
      }),
    );
    const agg = aggregateReports(reports);
    const score = (p: { crossPortalRepeats: number; duplicateFilings: number; transfers: number; repeatedUploads: number }) =>
      p.crossPortalRepeats + DUPLICATE_FILING_WEIGHT * p.duplicateFilings + p.transfers + p.repeatedUploads;
    expect(DUPLICATE_FILING_WEIGHT).toBe(10);
    const expected = ['p1|p2', 'p1|p3', 'p2|p3']
      .map((key) => {
        const uses = reports.flatMap((r) => r.pairs.filter((p) => `${p.a}|${p.b}` === key));
        return { key, work: sum(uses.map(score)), people: uses.length };
      })
      .sort((x, y) => y.work - x.work || y.people - x.people);
    expect(agg.pairs.map((p) => [p.key, p.figures.duplicatedWork, p.people])).toEqual(expected.map((e) => [e.key, e.work, e.people]));
    expect(agg.pairs.map((p) => p.key)).toEqual(['p2|p3', 'p1|p2', 'p1|p3']);
  });

  it('ranks field categories by how often they are re-entered, and sums tag minutes', () => {
    const reports = Array.from({ length: 4 }, (_, i) =>
      cadreWeek({
        id: `cat-${i}`,
        portals: [{ portal: 'a', activeMinutes: 300 }],
        categories: [
          { category: 'name', entries: 100, sameFieldRepeats: 10, crossPortalRepeats: 10, portals: 1 },
          { category: 'id-number', entries: 50, sameFieldRepeats: 5, crossPortalRepeats: 30 + i, portals: 1 + (i % 2) },
          { category: 'address', entries: 10, sameFieldRepeats: 0, crossPortalRepeats: 0, portals: 1 },
        ],
        tags: [
          { tag: 'login', visits: 5, activeMinutes: 10 + i },
          { tag: 'check-in', visits: 2, activeMinutes: 3 },
        ],
      }),
    );
    const agg = aggregateReports(reports);
    expect(agg.categories.map((c) => [c.key, c.figures.repeats])).toEqual([
      ['id-number', 4 * 35 + 6],
      ['name', 80],
      ['address', 0],
    ]);
    const id = agg.categories[0]!.figures;
    expect(id.repeatShare).toBeCloseTo(146 / 200, 12);
    expect(id.medianPortals).toBe(1.5);
    expect(agg.categories[2]!.figures.repeatShare).toBe(0);
    expect(agg.tags.map((t) => [t.key, t.cadreWeeks, t.figures.visits, t.figures.activeMinutes, t.figures.medianActiveMinutes])).toEqual([
      ['check-in', 4, 8, 12, 3],
      ['login', 4, 20, 46, 11.5],
    ]);
  });

  it('joins names and departments from the office catalog', () => {
    const reports = [
      cadreWeek({ id: 'cat-a', portals: [{ portal: 'zj-mzxt', activeMinutes: 5 }, { portal: 'zj-sbxt', activeMinutes: 5 }], pairs: [{ a: 'zj-mzxt', b: 'zj-sbxt', transfers: 3 }] }),
    ];
    const agg = aggregateReports(reports, { catalog: [{ id: 'zj-mzxt', name: '浙江民政系统', department: '民政厅' }] });
    expect(agg.portals.map((p) => p.label)).toEqual([
      { portal: 'zj-mzxt', name: '浙江民政系统', department: '民政厅' },
      { portal: 'zj-sbxt', name: null, department: null },
    ]);
    expect(agg.pairs[0]!.label).toEqual({ a: 'zj-mzxt', b: 'zj-sbxt', aName: '浙江民政系统', bName: null });
  });

  it('aggregates nothing into empty tables', () => {
    const agg = aggregateReports([]);
    expect(agg.overall.cadreWeeks).toBe(0);
    expect(agg.overall.people).toBe(0);
    expect(agg.overall.figures.medianActiveMinutes).toBeNull();
    expect([agg.portals, agg.pairs, agg.categories, agg.tags, agg.weeklyTrends, agg.levels]).toEqual([[], [], [], [], [], []]);
  });
});
