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
