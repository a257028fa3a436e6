/**
 * Realistic, valid `burden-report/1` data for tests: a township cadre's week across six portals.
 * Every number respects the cross-field rules, so a test can break exactly one of them.
 */
import {
  REPORT_NOTICE,
  REPORT_SCHEMA_ID,
  type ReportApp,
  type ReportFile,
  type ReportProfile,
  type ReportTotals,
  type WeeklyReport,
} from '../../../../core/contracts/report-schema';

const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/**
 * A stand-in for the real HMAC: deterministic, 43 base64url characters (32 bytes), different for different
 * seeds. Not cryptographic, and it needs no Node or WebCrypto so any test environment can use it.
 */
export function fixtureReportId(seed: string): string {
  const bytes: number[] = [];
  let h = 0x811c9dc5;
  for (let i = 0; i < 32; i++) {
    for (const ch of `${seed}#${i}`) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
    bytes.push(h & 0xff);
  }
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = ((bytes[i] ?? 0) << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out += B64URL[(n >> 18) & 63]! + B64URL[(n >> 12) & 63]! + B64URL[(n >> 6) & 63]! + B64URL[n & 63]!;
  }
  return out.slice(0, 43);
}

export type ReportOverrides = Partial<Omit<WeeklyReport, 'totals' | 'app' | 'profile'>> & {
  totals?: Partial<ReportTotals>;
  app?: Partial<ReportApp>;
  /** `null` removes the profile. */
  profile?: ReportProfile | null;
};

/**
 * A fresh valid report. `totals` and `app` overrides are merged field by field; arrays and other fields replace.
 * The id follows the contract (same campaign and week, same id) unless `reportId` is given.
 */
export function makeValidReport(overrides: ReportOverrides = {}): WeeklyReport {
  const { totals, app, profile, ...rest } = overrides;
  const week = rest.week ?? '2026-W48';
  const campaign = 'campaign' in rest ? rest.campaign : 'zj-jianfu-2026';
  const report: WeeklyReport = {
    reportId: fixtureReportId(`report|${campaign ?? ''}|${week}`),
    week,
    campaign,
    app: { version: '0.1.0', schema: REPORT_SCHEMA_ID, ...app },
    profile: { level: 'township', region: '330106', domain: 'civil-affairs' },
    coverage: 92,
    totals: {
      activeMinutes: 1460,
      offHoursMinutes: 210,
      waitMinutes: 95,
      daysActive: 5,
      portalsUsed: 6,
      logins: 38,
      relogins: 9,
      captchas: 21,
      accounts: 7,
      loginOnlyVisits: 6,
      submissions: 142,
      failedSubmissions: 11,
      entries: 1830,
      sameFieldRepeats: 310,
      crossPortalRepeats: 420,
      retypedChars: 15400,
      repeatTypingMinutes: 64,
      transfers: 57,
      duplicateFilings: 12,
      uploads: 96,
      repeatedUploads: 31,
      nearRepeatUploads: 8,
      photoUploads: 44,
      screenshotUploads: 19,
      ...totals,
    },
    portals: [
      {
        portal: 'zj-mzxt',
        activeMinutes: 520,
        waitMinutes: 31,
        daysActive: 5,
        logins: 12,
        relogins: 4,
        captchas: 8,
        loginOnlyVisits: 1,
        submissions: 61,
        failedSubmissions: 6,
        entries: 790,
        sameFieldRepeats: 150,
        crossPortalRepeats: 160,
        uploads: 40,
        repeatedUploads: 14,
        photoUploads: 22,
        screenshotUploads: 6,
      },
      {
        portal: 'zj-sbxt',
        activeMinutes: 410,
        waitMinutes: 28,
        daysActive: 4,
        logins: 9,
        relogins: 2,
        captchas: 9,
        loginOnlyVisits: 1,
        submissions: 44,
        failedSubmissions: 3,
        entries: 610,
        sameFieldRepeats: 90,
        crossPortalRepeats: 170,
        uploads: 25,
        repeatedUploads: 9,
        photoUploads: 10,
        screenshotUploads: 5,
      },
      {
        portal: 'jcb-ybt',
        activeMinutes: 300,
        waitMinutes: 20,
        daysActive: 3,
        logins: 6,
        relogins: 1,
        captchas: 2,
        loginOnlyVisits: 0,
        submissions: 25,
        failedSubmissions: 2,
        entries: 360,
        sameFieldRepeats: 60,
        crossPortalRepeats: 80,
        uploads: 21,
        repeatedUploads: 6,
        photoUploads: 9,
        screenshotUploads: 6,
      },
      {
        portal: 'xxqg',
        activeMinutes: 150,
        waitMinutes: 5,
        daysActive: 5,
        logins: 5,
        relogins: 1,
        captchas: 0,
        loginOnlyVisits: 0,
        submissions: 4,
        failedSubmissions: 0,
        entries: 0,
        sameFieldRepeats: 0,
        crossPortalRepeats: 0,
        uploads: 0,
        repeatedUploads: 0,
        photoUploads: 0,
        screenshotUploads: 0,
      },
      {
        portal: 'other-1',
        activeMinutes: 50,
        waitMinutes: 7,
        daysActive: 2,
        logins: 4,
        relogins: 1,
        captchas: 2,
        loginOnlyVisits: 3,
        submissions: 5,
        failedSubmissions: 0,
        entries: 50,
        sameFieldRepeats: 10,
        crossPortalRepeats: 10,
        uploads: 6,
        repeatedUploads: 2,
        photoUploads: 3,
        screenshotUploads: 2,
      },
      {
        portal: 'ggfw.example.gov.cn',
        activeMinutes: 30,
        waitMinutes: 4,
        daysActive: 1,
        logins: 2,
        relogins: 0,
        captchas: 0,
        loginOnlyVisits: 1,
        submissions: 3,
        failedSubmissions: 0,
        entries: 20,
        sameFieldRepeats: 0,
        crossPortalRepeats: 0,
        uploads: 4,
        repeatedUploads: 0,
        photoUploads: 0,
        screenshotUploads: 0,
      },
    ],
    pairs: [
      { a: 'jcb-ybt', b: 'zj-mzxt', crossPortalRepeats: 140, duplicateFilings: 5, transfers: 21, repeatedUploads: 7 },
      { a: 'zj-mzxt', b: 'zj-sbxt', crossPortalRepeats: 190, duplicateFilings: 6, transfers: 30, repeatedUploads: 9 },
      { a: 'other-1', b: 'zj-sbxt', crossPortalRepeats: 15, duplicateFilings: 1, transfers: 6, repeatedUploads: 2 },
    ],
    categories: [
      { category: 'name', entries: 420, sameFieldRepeats: 80, crossPortalRepeats: 130, portals: 5 },
      { category: 'id-number', entries: 380, sameFieldRepeats: 90, crossPortalRepeats: 150, portals: 4 },
      { category: 'phone', entries: 300, sameFieldRepeats: 60, crossPortalRepeats: 70, portals: 4 },
      { category: 'address', entries: 260, sameFieldRepeats: 40, crossPortalRepeats: 40, portals: 3 },
      { category: 'long-text', entries: 200, sameFieldRepeats: 5, crossPortalRepeats: 10, portals: 3 },
      { category: 'number', entries: 270, sameFieldRepeats: 35, crossPortalRepeats: 20, portals: 3 },
    ],
    tags: [
      { tag: 'learning', visits: 14, activeMinutes: 140 },
      { tag: 'check-in', visits: 10, activeMinutes: 6 },
      { tag: 'login', visits: 41, activeMinutes: 35 },
    ],
    ...rest,
  };
  if (profile === null) delete report.profile;
  else if (profile !== undefined) report.profile = profile;
  if (report.campaign === undefined) delete report.campaign;
  return report;
}

/** A file with the given reports, or with one fixture report. */
export function makeValidFile(reports: WeeklyReport[] = [makeValidReport()]): ReportFile {
  return { schema: REPORT_SCHEMA_ID, notice: REPORT_NOTICE, reports };
}

/**
 * A deep copy with the types switched off, for tests that break the shape on purpose (wrong types, extra keys):
 * typing each broken variant would hide what the test is about.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function looseCopy(value: unknown): any {
  return JSON.parse(JSON.stringify(value));
}

/** What `looseCopy` returns, for parameters of callbacks that break a copy. */
export type Loose = ReturnType<typeof looseCopy>;
