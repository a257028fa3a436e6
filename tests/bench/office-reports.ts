/**
 * The office benchmark's input (issue #8): generated cadre-weeks, valid and realistic in shape (skewed portal
 * popularity, 2–6 portals, a few pairs, categories and tags), four to a file. Shared by the office import
 * benchmark and the report-check benchmark so both measure the very same bytes.
 */
import type { ImportFile } from '../../core/office/import';
import {
  ENTRY_CATEGORIES,
  LEVELS,
  PAGE_TAGS_IN_REPORT,
  REPORT_NOTICE,
  REPORT_SCHEMA_ID,
  weeklyReportSchema,
  type ReportCategory,
  type ReportPair,
  type ReportPortal,
  type ReportTag,
  type WeeklyReport,
} from '../../core/contracts/report-schema';
import { randomInt, seededRandom } from '../unit/core/office/generated-reports';

export const REPORTS_PER_FILE = 4; // a cadre's month
const PORTAL_IDS = Array.from({ length: 40 }, (_, i) => `portal-${String(i).padStart(2, '0')}`);
const REGIONS = ['33', '32', '44'].flatMap((p) => Array.from({ length: 10 }, (_, i) => `${p}01${String(i + 2).padStart(2, '0')}`));
const WEEKS = Array.from({ length: 12 }, (_, i) => `2026-W${String(i + 1).padStart(2, '0')}`);

// ---------- generation ----------

function portalUse(portal: string, r: () => number): ReportPortal {
  const logins = randomInt(r, 1, 10);
  const submissions = randomInt(r, 0, 50);
  const entries = randomInt(r, 0, 500);
  const uploads = randomInt(r, 0, 30);
  return {
    portal,
    activeMinutes: randomInt(r, 5, 400),
    waitMinutes: randomInt(r, 0, 60),
    daysActive: randomInt(r, 1, 5),
    logins,
    relogins: randomInt(r, 0, logins >> 1),
    captchas: randomInt(r, 0, logins),
    loginOnlyVisits: randomInt(r, 0, Math.floor(logins / 3)),
    submissions,
    failedSubmissions: randomInt(r, 0, Math.floor(submissions / 5)),
    entries,
    sameFieldRepeats: randomInt(r, 0, entries >> 2),
    crossPortalRepeats: randomInt(r, 0, entries >> 2),
    uploads,
    repeatedUploads: randomInt(r, 0, Math.floor(uploads / 3)),
    photoUploads: randomInt(r, 0, Math.floor(uploads / 3)),
    screenshotUploads: randomInt(r, 0, Math.floor(uploads / 3)),
  };
}

const sum = (items: readonly ReportPortal[], k: keyof ReportPortal) => items.reduce((s, p) => s + (p[k] as number), 0);

/** One valid cadre-week; skewed portal popularity, 2–6 portals, a few pairs, categories and tags. */
function generateReport(i: number, r: () => number): WeeklyReport {
  const chosen = new Set<string>();
  const n = randomInt(r, 2, 6);
  while (chosen.size < n) chosen.add(PORTAL_IDS[Math.floor(PORTAL_IDS.length * r() * r())]!);
  if (r() < 0.1) chosen.add(`other-${randomInt(r, 1, 3)}`);
  const portals = [...chosen].sort().map((p) => portalUse(p, r));
  const t = {
    activeMinutes: sum(portals, 'activeMinutes'),
    waitMinutes: sum(portals, 'waitMinutes'),
    logins: sum(portals, 'logins'),
    submissions: sum(portals, 'submissions'),
    entries: sum(portals, 'entries'),
    sameFieldRepeats: sum(portals, 'sameFieldRepeats'),
    crossPortalRepeats: sum(portals, 'crossPortalRepeats'),
    uploads: sum(portals, 'uploads'),
    repeatedUploads: sum(portals, 'repeatedUploads'),
  };
  const pairs: ReportPair[] = [];
  const ids = portals.map((p) => p.portal);
  for (let k = 0; k < Math.min(3, ids.length - 1); k++) {
    const [a, b] = [ids[k]!, ids[k + 1]!];
    pairs.push({
      a,
      b,
      crossPortalRepeats: randomInt(r, 0, t.crossPortalRepeats),
      duplicateFilings: randomInt(r, 0, Math.floor(t.submissions / 4)),
      transfers: randomInt(r, 0, 10),
      repeatedUploads: randomInt(r, 0, t.repeatedUploads),
    });
  }
  const categories: ReportCategory[] = ENTRY_CATEGORIES.slice(0, randomInt(r, 2, 5)).map((category, _, all) => {
    const entries = Math.floor(t.entries / all.length);
    return {
      category,
      entries,
      sameFieldRepeats: Math.floor(t.sameFieldRepeats / all.length),
      crossPortalRepeats: Math.floor(t.crossPortalRepeats / all.length),
      portals: Math.min(entries, randomInt(r, 1, portals.length)),
    };
  });
  const tags: ReportTag[] = PAGE_TAGS_IN_REPORT.filter(() => r() < 0.4).map((tag) => ({
    tag,
    visits: randomInt(r, 1, 20),
    activeMinutes: randomInt(r, 0, Math.min(60, t.activeMinutes)),
  }));
  return {
    reportId: i.toString(36).padStart(43, 'A'),
    week: WEEKS[i % WEEKS.length]!,
    campaign: 'bench-2026',
    app: { version: '0.1.0', schema: REPORT_SCHEMA_ID },
    profile: { level: LEVELS[randomInt(r, 0, LEVELS.length - 1)]!, region: REGIONS[randomInt(r, 0, REGIONS.length - 1)]! },
    coverage: randomInt(r, 60, 100),
    totals: {
      activeMinutes: t.activeMinutes,
      offHoursMinutes: randomInt(r, 0, Math.floor(t.activeMinutes / 5)),
      waitMinutes: t.waitMinutes,
      daysActive: Math.max(...portals.map((p) => p.daysActive)),
      portalsUsed: portals.length,
      logins: t.logins,
      relogins: sum(portals, 'relogins'),
      captchas: sum(portals, 'captchas'),
      accounts: randomInt(r, 1, Math.min(t.logins, portals.length)),
      loginOnlyVisits: sum(portals, 'loginOnlyVisits'),
      submissions: t.submissions,
      failedSubmissions: sum(portals, 'failedSubmissions'),
      entries: t.entries,
      sameFieldRepeats: t.sameFieldRepeats,
      crossPortalRepeats: t.crossPortalRepeats,
      retypedChars: randomInt(r, 0, 20_000),
      repeatTypingMinutes: randomInt(r, 0, 60),
      transfers: pairs.reduce((s, q) => s + q.transfers, 0),
      duplicateFilings: Math.min(t.submissions, pairs.reduce((s, q) => s + q.duplicateFilings, 0)),
      uploads: t.uploads,
      repeatedUploads: t.repeatedUploads,
      nearRepeatUploads: 0,
      photoUploads: sum(portals, 'photoUploads'),
      screenshotUploads: sum(portals, 'screenshotUploads'),
    },
    portals,
    pairs,
    categories,
    tags,
  };
}

/** The same files as generateFiles, one at a time, so no more than one file's text is ever held. */
export function* streamFiles(count: number): Generator<ImportFile> {
  const r = seededRandom(count);
  for (let i = 0; i < count; i += REPORTS_PER_FILE) {
    const reports = Array.from({ length: Math.min(REPORTS_PER_FILE, count - i) }, (_, j) => generateReport(i + j, r));
    yield { name: `cadre-${i / REPORTS_PER_FILE}.json`, text: JSON.stringify({ schema: REPORT_SCHEMA_ID, notice: REPORT_NOTICE, reports }) };
  }
}

export function generateFiles(count: number): { files: ImportFile[]; bytes: number } {
  const r = seededRandom(count);
  const files: ImportFile[] = [];
  let bytes = 0;
  for (let i = 0; i < count; i += REPORTS_PER_FILE) {
    const reports = Array.from({ length: Math.min(REPORTS_PER_FILE, count - i) }, (_, j) => generateReport(i + j, r));
    if (i < 400) reports.forEach((rep) => weeklyReportSchema.parse(rep));
    const text = JSON.stringify({ schema: REPORT_SCHEMA_ID, notice: REPORT_NOTICE, reports });
    bytes += Buffer.byteLength(text);
    files.push({ name: `cadre-${i / REPORTS_PER_FILE}.json`, text });
  }
  return { files, bytes };
}
