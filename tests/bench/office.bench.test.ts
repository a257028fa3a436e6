/**
 * `npm run bench office` (issue #8): import and aggregate 10k and 100k generated weekly reports.
 *
 * For each size, the same file texts are measured several times and the medians printed:
 * - baseline: JSON.parse alone of every file;
 * - target: import validation (core/office/import.ts, which parses too) + aggregation + suppression, the work the
 *   office page does between reading the files and showing the tables; its ratio to the baseline (target ≤ 3);
 * - storing the accepted reports in the office database (storage/office/office-db.ts) on fake-indexeddb, separately;
 * - peak memory, sampled (heapUsed and rss) during every phase.
 * zod compiles object checks with `new Function` where it can. An extension page's CSP forbids that, so the
 * validation is measured a second time with zod's `jitless` mode, which is what the office page really runs.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { aggregateReports } from '../../core/office/aggregate';
import { createReportImporter, type ImportFile } from '../../core/office/import';
import { suppressSmallCells } from '../../core/office/suppression';
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
import { OfficeDb } from '../../storage/office/office-db';
import { createOfficeReportsRepo } from '../../storage/office/office-reports-repo';
import { randomInt, seededRandom } from '../unit/core/office/generated-reports';

const SIZES = [10_000, 100_000];
const REPORTS_PER_FILE = 4; // a cadre's month
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

function generateFiles(count: number): { files: ImportFile[]; bytes: number } {
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

// ---------- measuring ----------

const peak = { heap: 0, rss: 0 };
function sampleMemory() {
  const m = process.memoryUsage();
  if (m.heapUsed > peak.heap) peak.heap = m.heapUsed;
  if (m.rss > peak.rss) peak.rss = m.rss;
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

function time<T>(work: () => T): { ms: number; value: T } {
  const start = performance.now();
  const value = work();
  return { ms: performance.now() - start, value };
}

function parseAll(files: readonly ImportFile[]): number {
  let reports = 0;
  for (let i = 0; i < files.length; i++) {
    reports += (JSON.parse(files[i]!.text) as { reports: unknown[] }).reports.length;
    if (i % 2000 === 0) sampleMemory();
  }
  return reports;
}

function importAll(files: readonly ImportFile[]) {
  const importer = createReportImporter(new Set());
  for (let i = 0; i < files.length; i++) {
    importer.add(files[i]!);
    if (i % 2000 === 0) sampleMemory();
  }
  return importer.result();
}

const MB = 1024 * 1024;
const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

interface Row {
  reports: number;
  files: number;
  mb: number;
  runs: number;
  parse: number;
  validate: number;
  aggregate: number;
  suppress: number;
  pipeline: number;
  jitlessValidate: number;
  store: number;
  storeRuns: number;
  heap: number;
  rss: number;
}

function printTable(rows: Row[]) {
  const head = ['reports', 'files', 'MB', 'runs', 'JSON.parse ms', 'validate ms', 'aggregate ms', 'suppress ms', 'import+agg+supp ms', 'ratio', 'validate jitless ms', 'ratio jitless', 'store ms (fake IDB)', 'peak heap MB', 'peak rss MB'];
  const body = rows.map((r) => [
    fmt(r.reports),
    fmt(r.files),
    fmt(r.mb, 1),
    String(r.runs),
    fmt(r.parse),
    fmt(r.validate),
    fmt(r.aggregate),
    fmt(r.suppress),
    fmt(r.pipeline),
    `${fmt(r.pipeline / r.parse, 2)}×`,
    fmt(r.jitlessValidate),
    `${fmt((r.pipeline - r.validate + r.jitlessValidate) / r.parse, 2)}×`,
    `${fmt(r.store)} (${r.storeRuns} run${r.storeRuns > 1 ? 's' : ''})`,
    fmt(r.heap / MB),
    fmt(r.rss / MB),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padStart(widths[i]!)).join(' | ')} |`;
  const out = [
    '',
    'Office import benchmark (medians; ratio = import validation + aggregation + suppression ÷ JSON.parse alone of the same bytes; target ≤ 3;',
    '"jitless" = zod without new Function, as on an extension page under its CSP)',
    line(head),
    `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`,
    ...body.map(line),
    ...rows.map((r) => `${fmt(r.reports)} reports: ratio ${fmt(r.pipeline / r.parse, 2)} — target ≤ 3 ${r.pipeline / r.parse <= 3 ? 'met' : 'NOT met'}`),
    '',
  ];
  console.log(out.join('\n'));
}

describe('office import and aggregation', () => {
  afterAll(() => z.config({ jitless: false }));

  it('measures 10k and 100k weekly reports against JSON.parse of the same bytes', async () => {
    const rows: Row[] = [];
    for (const size of SIZES) {
      peak.heap = 0;
      peak.rss = 0;
      const { files, bytes } = generateFiles(size);
      sampleMemory();
      const runs = size >= 100_000 ? 3 : 5;
      const parse: number[] = [];
      const validate: number[] = [];
      const aggregate: number[] = [];
      const suppress: number[] = [];
      const pipeline: number[] = [];
      let accepted: WeeklyReport[] = [];
      for (let run = 0; run < runs; run++) {
        const p = time(() => parseAll(files));
        expect(p.value).toBe(size);
        parse.push(p.ms);

        const v = time(() => importAll(files));
        expect(v.value.rejected).toEqual([]);
        expect(v.value.accepted.length).toBe(size);
        sampleMemory();
        const a = time(() => aggregateReports(v.value.accepted));
        sampleMemory();
        const s = time(() => suppressSmallCells(a.value, { k: 10 }));
        sampleMemory();
        expect(s.value.overall.suppressed).toBe(false);
        validate.push(v.ms);
        aggregate.push(a.ms);
        suppress.push(s.ms);
        pipeline.push(v.ms + a.ms + s.ms);
        accepted = v.value.accepted;
      }

      // The validation again as the extension page runs it: no `new Function` under its CSP.
      z.config({ jitless: true });
      const jitless: number[] = [];
      for (let run = 0; run < Math.min(runs, 3); run++) {
        const v = time(() => importAll(files));
        expect(v.value.accepted.length).toBe(size);
        jitless.push(v.ms);
      }
      z.config({ jitless: false });

      // Storing, separately: a fresh office database each run, in the page's chunks.
      const storeRuns = size >= 100_000 ? 1 : 3;
      const store: number[] = [];
      for (let run = 0; run < storeRuns; run++) {
        const db = new OfficeDb(`office-bench-${size}-${run}`);
        const repo = createOfficeReportsRepo(db);
        const start = performance.now();
        await repo.putAll(accepted, () => sampleMemory());
        store.push(performance.now() - start);
        expect(await repo.count()).toBe(size);
        await db.delete();
      }

      rows.push({
        reports: size,
        files: files.length,
        mb: bytes / MB,
        runs,
        parse: median(parse),
        validate: median(validate),
        aggregate: median(aggregate),
        suppress: median(suppress),
        pipeline: median(pipeline),
        jitlessValidate: median(jitless),
        store: median(store),
        storeRuns,
        heap: peak.heap,
        rss: peak.rss,
      });
      printTable(rows);
    }
  });
});
