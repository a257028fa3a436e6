/** Report files for the collector tests, built by the office tests' generator (every report passes the schema). */
import { REPORT_NOTICE, REPORT_SCHEMA_ID, type WeeklyReport } from '../../core/contracts/report-schema';
import { cadreWeek, randomInt, seededRandom } from '../unit/core/office/generated-reports';

export const fileOf = (reports: readonly WeeklyReport[]) => JSON.stringify({ schema: REPORT_SCHEMA_ID, notice: REPORT_NOTICE, reports });

/**
 * `reports` as files of at most `max` reports, no week twice in one file: the collector refuses a body with two
 * reports of one week (same-week-twice), as a cadre's own file never holds them.
 */
export function filesOf(reports: readonly WeeklyReport[], max: number): string[] {
  const files: WeeklyReport[][] = [];
  for (const report of reports) {
    const file = files.find((f) => f.length < max && !f.some((r) => r.week === report.week));
    if (file) file.push(report);
    else files.push([report]);
  }
  return files.map(fileOf);
}

const PORTALS = ['gd-zwfw', 'jc-tb', 'rk-xt', 'wg-gl', 'dj-xx'];
const WEEKS = ['2026-W10', '2026-W11', '2026-W12'];

/** `count` cadre-weeks with varied portals, pairs, levels and regions; the same seed gives the same reports. */
export function generatedReports(count: number, seed = 1, prefix = 'gen'): WeeklyReport[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, (_, i) => {
    const portals = PORTALS.filter(() => random() < 0.6).slice(0, 4);
    if (portals.length === 0) portals.push(PORTALS[0]!);
    const used = portals.map((portal) => ({ portal, activeMinutes: randomInt(random, 5, 600), waitMinutes: randomInt(random, 0, 30), entries: randomInt(random, 0, 40) }));
    const pairs = used.length >= 2 ? [{ a: [used[0]!.portal, used[1]!.portal].sort()[0]!, b: [used[0]!.portal, used[1]!.portal].sort()[1]!, crossPortalRepeats: 0 }] : [];
    return cadreWeek({
      id: `${prefix}-${seed}-${i}`,
      week: WEEKS[i % WEEKS.length],
      level: (['village', 'community', 'township'] as const)[randomInt(random, 0, 2)],
      region: ['330102', '330103', '440106'][randomInt(random, 0, 2)],
      portals: used,
      pairs,
      categories: random() < 0.5 ? [{ category: 'name', entries: 2, sameFieldRepeats: 1, crossPortalRepeats: 0, portals: 1 }] : [],
      tags: random() < 0.3 ? [{ tag: 'check-in', visits: randomInt(random, 1, 5), activeMinutes: randomInt(random, 1, 20) }] : [],
    });
  });
}

const LEVELS_POOL = ['village', 'community', 'township', 'street', 'county'] as const;
const REGIONS_POOL = ['330102', '330103', '330205', '440106', '110101', '3301'];
const POPULATION_PORTALS = [...PORTALS, 'xiao-xt', 'other-1', 'other-2'];
const POPULATION_WEEKS = ['2026-W08', '2026-W09', '2026-W10', '2026-W11', '2026-W12', '2026-W13'];

/** Skewed pick: early items often, late ones rarely, so some cells and weeks are small. */
const skewed = <T>(random: () => number, items: readonly T[]): T => items[Math.floor(random() * random() * items.length)]!;

/**
 * 50–200 cadre-weeks over up to six weeks, skewed so that some weeks, portals, levels and regions hold only a few
 * cadres; pooled other-N portals, pairs, categories, tags, reports without a profile and the odd outlier.
 */
export function randomPopulation(seed: number): WeeklyReport[] {
  const random = seededRandom(seed);
  const count = randomInt(random, 50, 200);
  return Array.from({ length: count }, (_, i) => {
    const portals = POPULATION_PORTALS.filter((_, j) => (j === 0 ? random() < 0.8 : random() < 0.45 / (1 + j / 3))).slice(0, 5);
    if (portals.length === 0) portals.push(skewed(random, POPULATION_PORTALS));
    const outlier = random() < 0.02;
    const used = portals.map((portal, j) => ({
      portal,
      activeMinutes: outlier && j === 0 ? 5000 : randomInt(random, 1, 700),
      waitMinutes: randomInt(random, 0, 40),
      submissions: randomInt(random, 0, 12),
      entries: randomInt(random, 0, 40),
      logins: randomInt(random, 0, 4),
    }));
    const named = used.filter((p) => !p.portal.startsWith('other-')).map((p) => p.portal).sort();
    const pairs = named.length >= 2 && random() < 0.7 ? [{ a: named[0]!, b: named[1]!, crossPortalRepeats: randomInt(random, 0, 5), transfers: randomInt(random, 0, 3) }] : [];
    return cadreWeek({
      id: `pop-${seed}-${i}`,
      week: skewed(random, POPULATION_WEEKS),
      level: random() < 0.1 ? undefined : skewed(random, LEVELS_POOL),
      region: random() < 0.1 ? undefined : skewed(random, REGIONS_POOL),
      portals: used,
      pairs,
      categories: random() < 0.5 ? [{ category: skewed(random, ['name', 'phone', 'address'] as const), entries: 3, sameFieldRepeats: randomInt(random, 0, 1), crossPortalRepeats: 0, portals: randomInt(random, 1, 3) }] : [],
      tags: random() < 0.3 ? [{ tag: 'check-in', visits: randomInt(random, 1, 5), activeMinutes: randomInt(random, 1, 20) }] : [],
    });
  });
}
