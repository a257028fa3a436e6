/**
 * Generated weekly reports for the office tests: give the portals, pairs, categories and tags of one cadre-week;
 * the totals are derived so that every cross-field rule of the schema holds, and the result is checked against
 * the schema so a test never aggregates something the importer would refuse.
 */
import {
  weeklyReportSchema,
  type Level,
  type ReportCategory,
  type ReportPair,
  type ReportPortal,
  type ReportTag,
  type ReportTotals,
  type WeeklyReport,
} from '../../../../core/contracts/report-schema';
import { fixtureReportId, makeValidReport } from '../report/fixtures';

export type PortalUse = Partial<ReportPortal> & { portal: string };
export type PairUse = Partial<ReportPair> & { a: string; b: string };

export interface CadreWeekSpec {
  /** Seed of the reportId; different seeds, different ids. */
  id: string;
  week?: string;
  level?: Level;
  region?: string;
  portals?: PortalUse[];
  pairs?: PairUse[];
  categories?: ReportCategory[];
  tags?: ReportTag[];
  /** Overrides applied last (may break the rules on purpose). */
  totals?: Partial<ReportTotals>;
}

const PORTAL_ZERO: Omit<ReportPortal, 'portal'> = {
  activeMinutes: 0,
  waitMinutes: 0,
  daysActive: 1,
  logins: 0,
  relogins: 0,
  captchas: 0,
  loginOnlyVisits: 0,
  submissions: 0,
  failedSubmissions: 0,
  entries: 0,
  sameFieldRepeats: 0,
  crossPortalRepeats: 0,
  uploads: 0,
  repeatedUploads: 0,
  photoUploads: 0,
  screenshotUploads: 0,
};

const sum = <T>(items: readonly T[], f: (x: T) => number) => items.reduce((s, x) => s + f(x), 0);

export function cadreWeek(spec: CadreWeekSpec): WeeklyReport {
  const portals: ReportPortal[] = (spec.portals ?? []).map((p) => ({ ...PORTAL_ZERO, ...p }));
  const pairs: ReportPair[] = (spec.pairs ?? []).map((q) => ({ crossPortalRepeats: 0, duplicateFilings: 0, transfers: 0, repeatedUploads: 0, ...q }));
  const categories = spec.categories ?? [];
  const tags = spec.tags ?? [];
  const P = <K extends keyof ReportPortal>(k: K) => sum(portals, (p) => p[k] as number);
  const sameFieldRepeats = Math.max(P('sameFieldRepeats'), sum(categories, (c) => c.sameFieldRepeats));
  const crossPortalRepeats = Math.max(P('crossPortalRepeats'), sum(categories, (c) => c.crossPortalRepeats), ...pairs.map((q) => q.crossPortalRepeats));
  const duplicateFilings = sum(pairs, (q) => q.duplicateFilings);
  const repeatedUploads = Math.max(P('repeatedUploads'), ...pairs.map((q) => q.repeatedUploads));
  const photoUploads = P('photoUploads');
  const screenshotUploads = P('screenshotUploads');
  const logins = P('logins');
  const totals: ReportTotals = {
    activeMinutes: Math.max(P('activeMinutes'), ...tags.map((t) => t.activeMinutes)),
    offHoursMinutes: 0,
    waitMinutes: P('waitMinutes'),
    daysActive: Math.min(7, Math.max(0, ...portals.map((p) => p.daysActive))),
    portalsUsed: Math.max(portals.length, ...categories.map((c) => c.portals)),
    logins,
    relogins: P('relogins'),
    captchas: P('captchas'),
    accounts: 0,
    loginOnlyVisits: P('loginOnlyVisits'),
    submissions: Math.max(P('submissions'), duplicateFilings),
    failedSubmissions: P('failedSubmissions'),
    entries: Math.max(P('entries'), sum(categories, (c) => c.entries), sameFieldRepeats + crossPortalRepeats),
    sameFieldRepeats,
    crossPortalRepeats,
    retypedChars: 0,
    repeatTypingMinutes: 0,
    transfers: Math.max(0, ...pairs.map((q) => q.transfers)),
    duplicateFilings,
    uploads: Math.max(P('uploads'), repeatedUploads, photoUploads + screenshotUploads),
    repeatedUploads,
    nearRepeatUploads: 0,
    photoUploads,
    screenshotUploads,
    ...spec.totals,
  };
  const profile = spec.level === undefined && spec.region === undefined ? null : { level: spec.level, region: spec.region };
  if (profile && profile.level === undefined) delete profile.level;
  if (profile && profile.region === undefined) delete profile.region;
  const report = makeValidReport({
    reportId: fixtureReportId(`office-test|${spec.id}`),
    week: spec.week ?? '2026-W10',
    profile,
    portals,
    pairs,
    categories,
    tags,
    totals,
  });
  if (!spec.totals) weeklyReportSchema.parse(report);
  return report;
}

/** A small deterministic generator (mulberry32) so randomised tests are reproducible. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function randomInt(random: () => number, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}
