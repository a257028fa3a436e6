import { describe, expect, it } from 'vitest';
import { daysOfIsoWeek } from '../../../../core/time/iso-week';
import { buildWeeklyReport, reportIdMessage, serialiseReportFile, type BuildOptions } from '../../../../core/report/build';
import { clampReportCounts } from '../../../../core/report/clamp-counts';
import { fastCheckReportFile } from '../../../../core/contracts/report-fast-check';
import { EMPTY_REPORT_INPUT, type ReportInput } from '../../../../core/contracts/report-input';
import { NO_PRESENTATION_CHOICES } from '../../../../core/report/portal-labels';
import { REPORT_NOTICE, reportFileSchema, type WeeklyReport } from '../../../../core/contracts/report-schema';
import { createKeyStore, fingerprint } from '../../../../storage/config/key-store';
import { BurdenDb } from '../../../../storage/db/schema';

const MIN = 60_000;
// Catalog portals keep their ids; the cadre's own portals have address-derived ids that must never leave.
const MZ = 'zj-mzxt';
const SB = 'zj-sbxt';
const OWN_A = 'zwfw-sim-gov-cn';
const OWN_B = '10-1-2-3-8080';
const HOSTS = { [OWN_A]: 'zwfw.sim.gov.cn', [OWN_B]: '10.1.2.3' };

const W48 = daysOfIsoWeek('2026-W48'); // Mon 2026-11-23 … Sun 2026-11-29
const W49 = daysOfIsoWeek('2026-W49');

/** A cadre's three weeks: every row kind, with rows before and after the week being built. */
function fixture(): ReportInput {
  return {
    daily: [
      { portalId: MZ, day: W48[0]!, activeMs: 30 * MIN + 20_000, offHoursMs: 0, waitMs: 40_000 },
      { portalId: MZ, day: W48[2]!, activeMs: 45 * MIN, offHoursMs: 10 * MIN, waitMs: 80_000 },
      { portalId: SB, day: W48[2]!, activeMs: 20 * MIN, offHoursMs: 0, waitMs: 30_000 },
      { portalId: OWN_A, day: W48[5]!, activeMs: 12 * MIN, offHoursMs: 12 * MIN, waitMs: 0 },
      { portalId: OWN_B, day: W48[1]!, activeMs: 5 * MIN, offHoursMs: 0, waitMs: 10_000 },
      // Neighbouring weeks
      { portalId: MZ, day: '2026-11-22', activeMs: 999 * MIN, offHoursMs: 999 * MIN, waitMs: 999 },
      { portalId: SB, day: W49[0]!, activeMs: 60 * MIN, offHoursMs: 0, waitMs: 0 },
    ],
    gaps: [
      { portalId: MZ, day: W48[0]!, start: 0, end: 10 * MIN, reason: 'idle' },
      { portalId: MZ, day: W48[2]!, start: 0, end: 13 * MIN, reason: 'sleep' },
      { portalId: SB, day: W48[2]!, start: 0, end: 2 * MIN, reason: 'worker-restart' },
      { portalId: SB, day: W49[0]!, start: 0, end: 60 * MIN, reason: 'sleep' },
    ],
    entries: [
      { portalId: MZ, day: W48[0]!, kind: 'none', retypedChars: 0, repeatTypingMs: 0, category: 'name' },
      { portalId: MZ, day: W48[0]!, kind: 'none', retypedChars: 0, repeatTypingMs: 0, category: 'id-number' },
      { portalId: SB, day: W48[2]!, kind: 'cross-portal', otherPortal: MZ, retypedChars: 3, repeatTypingMs: 2000, category: 'name' },
      { portalId: SB, day: W48[2]!, kind: 'cross-portal', otherPortal: MZ, retypedChars: 0, repeatTypingMs: 0, category: 'id-number' },
      { portalId: MZ, day: W48[2]!, kind: 'same-field', retypedChars: 18, repeatTypingMs: 50_000, category: 'id-number' },
      { portalId: OWN_A, day: W48[5]!, kind: 'cross-portal', otherPortal: SB, retypedChars: 11, repeatTypingMs: 40_000, category: 'phone' },
      { portalId: MZ, day: W49[1]!, kind: 'none', retypedChars: 0, repeatTypingMs: 0, category: 'address' },
    ],
    friction: [
      { portalId: MZ, day: W48[0]!, submissions: 4, failedSubmissions: 1, logins: 2, relogins: 1, captchas: 2, loginOnlyVisits: 0, accountFps: ['acc1'] },
      { portalId: MZ, day: W48[2]!, submissions: 3, failedSubmissions: 0, logins: 1, relogins: 0, captchas: 1, loginOnlyVisits: 1, accountFps: ['acc1'] },
      { portalId: SB, day: W48[2]!, submissions: 2, failedSubmissions: 2, logins: 1, relogins: 0, captchas: 0, loginOnlyVisits: 0, accountFps: ['acc2'] },
      { portalId: SB, day: W49[0]!, submissions: 9, failedSubmissions: 0, logins: 9, relogins: 0, captchas: 0, loginOnlyVisits: 0, accountFps: ['acc9'] },
    ],
    tags: [
      { tag: 'check-in', portalId: MZ, day: W48[0]!, visits: 2, activeMs: 3 * MIN },
      { tag: 'check-in', portalId: MZ, day: W48[2]!, visits: 1, activeMs: 1 * MIN },
      { tag: 'learning', portalId: SB, day: W48[2]!, visits: 1, activeMs: 10 * MIN },
      { tag: 'ranking', portalId: MZ, day: W49[0]!, visits: 5, activeMs: 5 * MIN },
    ],
    uploads: [
      { portalId: MZ, day: W48[0]!, kind: 'photo', repeat: 'none' },
      { portalId: SB, day: W48[2]!, kind: 'photo', repeat: 'repeat', otherPortal: MZ },
      { portalId: SB, day: W48[2]!, kind: 'screenshot', repeat: 'near-repeat' },
      { portalId: MZ, day: W48[2]!, kind: 'spreadsheet', repeat: 'repeat' },
      { portalId: SB, day: W49[1]!, kind: 'document', repeat: 'none' },
    ],
    transfers: [{ day: W48[2]!, from: MZ, to: SB }],
    duplicateFilings: [{ day: W48[2]!, portalId: SB, otherPortal: MZ }],
  };
}

const ID = 'A'.repeat(43);
const options = (over: Partial<BuildOptions> = {}): BuildOptions => ({
  week: '2026-W48',
  campaign: 'zj-2026',
  appVersion: '0.1.0',
  portals: { catalogIds: new Set([MZ, SB]), hosts: HOSTS, ...NO_PRESENTATION_CHOICES },
  ...over,
});

describe('building a weekly report from plain rows', () => {
  it('sums exactly the rows of the week, per portal and in total', () => {
    const r = buildWeeklyReport(fixture(), options(), ID);
    expect(r.week).toBe('2026-W48');
    expect(r.campaign).toBe('zj-2026');
    expect(r.totals).toEqual({
      activeMinutes: 112, // 30:20 + 45 + 20 + 12 + 5 = 112:20
      offHoursMinutes: 22,
      waitMinutes: 3, // 160 s
      daysActive: 4, // Mon, Tue, Wed, Sat
      portalsUsed: 4,
      logins: 4,
      relogins: 1,
      captchas: 3,
      accounts: 2,
      loginOnlyVisits: 1,
      submissions: 9,
      failedSubmissions: 3,
      entries: 6,
      sameFieldRepeats: 1,
      crossPortalRepeats: 3,
      retypedChars: 32,
      repeatTypingMinutes: 2, // 92 s
      transfers: 1,
      duplicateFilings: 1,
      uploads: 4,
      repeatedUploads: 2,
      nearRepeatUploads: 1,
      photoUploads: 2,
      screenshotUploads: 1,
    });
    const mz = r.portals.find((p) => p.portal === MZ)!;
    expect(mz).toMatchObject({ activeMinutes: 75, waitMinutes: 2, daysActive: 2, logins: 3, submissions: 7, entries: 3, sameFieldRepeats: 1, uploads: 2, repeatedUploads: 1, photoUploads: 1 });
    const sb = r.portals.find((p) => p.portal === SB)!;
    expect(sb).toMatchObject({ activeMinutes: 20, daysActive: 1, failedSubmissions: 2, crossPortalRepeats: 2, uploads: 2, repeatedUploads: 1, screenshotUploads: 1 });
    expect(r.pairs).toEqual([
      { a: 'other-1', b: SB, crossPortalRepeats: 1, duplicateFilings: 0, transfers: 0, repeatedUploads: 0 },
      { a: MZ, b: SB, crossPortalRepeats: 2, duplicateFilings: 1, transfers: 1, repeatedUploads: 1 },
    ]);
    expect(r.categories).toEqual([
      { category: 'name', entries: 2, sameFieldRepeats: 0, crossPortalRepeats: 1, portals: 2 },
      { category: 'id-number', entries: 3, sameFieldRepeats: 1, crossPortalRepeats: 1, portals: 2 },
      { category: 'phone', entries: 1, sameFieldRepeats: 0, crossPortalRepeats: 1, portals: 1 },
    ]);
    expect(r.tags).toEqual([
      { tag: 'check-in', visits: 3, activeMinutes: 4 },
      { tag: 'learning', visits: 1, activeMinutes: 10 },
    ]);
    // Open time 112:20 + 25 min of gaps; 15 min of it (sleep, worker restart) unobserved.
    expect(r.coverage).toBe(Math.round((100 * (112 * MIN + 20_000 + 10 * MIN)) / (137 * MIN + 20_000)));
  });

  it('numbers portals outside the catalog other-1, other-2 busiest first and never writes their ids or hosts', () => {
    const r = buildWeeklyReport(fixture(), options(), ID);
    expect(r.portals.map((p) => p.portal)).toEqual(['other-1', 'other-2', MZ, SB]);
    expect(r.portals.find((p) => p.portal === 'other-1')!.activeMinutes).toBe(12); // OWN_A, 12 min
    expect(r.portals.find((p) => p.portal === 'other-2')!.activeMinutes).toBe(5);
    const text = JSON.stringify(r);
    for (const secret of [OWN_A, OWN_B, ...Object.values(HOSTS), 'acc1', 'acc2']) expect(text).not.toContain(secret);
  });

  it('shows a host only where the cadre chose to, and leaves a dropped portal out everywhere', () => {
    const r = buildWeeklyReport(fixture(), options({ portals: { catalogIds: new Set([MZ, SB]), hosts: HOSTS, showHost: new Set([OWN_A]), drop: new Set([MZ]) } }), ID);
    expect(r.portals.map((p) => p.portal).sort()).toEqual(['other-1', SB, 'zwfw.sim.gov.cn'].sort());
    expect(JSON.stringify(r)).not.toContain(MZ);
    expect(r.totals.activeMinutes).toBe(37); // 20 + 12 + 5
    expect(r.totals.logins).toBe(1);
    // SB's repeats of the dropped portal still count for SB, with no pair naming it.
    expect(r.totals.crossPortalRepeats).toBe(3);
    expect(r.pairs).toEqual([{ a: SB, b: 'zwfw.sim.gov.cn', crossPortalRepeats: 1, duplicateFilings: 0, transfers: 0, repeatedUploads: 0 }]);
    expect(r.tags).toEqual([{ tag: 'learning', visits: 1, activeMinutes: 10 }]);
  });

  it('skips other-N numbers a catalog already uses', () => {
    const input: ReportInput = { ...EMPTY_REPORT_INPUT, daily: [{ portalId: OWN_A, day: W48[0]!, activeMs: MIN, offHoursMs: 0, waitMs: 0 }, { portalId: 'other-1', day: W48[0]!, activeMs: 2 * MIN, offHoursMs: 0, waitMs: 0 }] };
    const r = buildWeeklyReport(input, options({ portals: { catalogIds: new Set(['other-1']), hosts: {}, ...NO_PRESENTATION_CHOICES } }), ID);
    expect(r.portals.map((p) => p.portal)).toEqual(['other-1', 'other-2']);
    expect(r.portals[1]!.activeMinutes).toBe(1);
  });

  it('builds valid, different reports for several weeks from the same rows, and an empty week validates too', () => {
    const weeks = ['2026-W47', '2026-W48', '2026-W49', '2026-W50'];
    const reports = weeks.map((week, i) => buildWeeklyReport(fixture(), options({ week }), String.fromCharCode(65 + i).repeat(43)));
    expect(reports.map((r) => r.totals.activeMinutes)).toEqual([999, 112, 60, 0]);
    expect(reports[2]!.totals.logins).toBe(9);
    expect(reports[2]!.coverage).toBe(50); // an hour counted, an hour asleep
    expect(reports[3]!.coverage).toBe(100);
    const built = serialiseReportFile(reports);
    expect(built.ok).toBe(true);
    if (!built.ok) return;
    expect(reportFileSchema.safeParse(JSON.parse(built.bytes)).success).toBe(true);
    expect(fastCheckReportFile(JSON.parse(built.bytes))).toBe(true);
    expect(built.bytes).toContain(REPORT_NOTICE);
  });

  it('puts a day of the next calendar year into its ISO week (2027-01-01 is in 2026-W53)', () => {
    const input: ReportInput = { ...EMPTY_REPORT_INPUT, daily: [
      { portalId: MZ, day: '2027-01-01', activeMs: 7 * MIN, offHoursMs: 0, waitMs: 0 },
      { portalId: MZ, day: '2026-12-27', activeMs: 3 * MIN, offHoursMs: 0, waitMs: 0 },
      { portalId: MZ, day: '2027-01-04', activeMs: 5 * MIN, offHoursMs: 0, waitMs: 0 },
    ] };
    expect(buildWeeklyReport(input, options({ week: '2026-W53' }), ID).totals.activeMinutes).toBe(7);
    expect(buildWeeklyReport(input, options({ week: '2026-W52' }), ID).totals.activeMinutes).toBe(3);
    expect(buildWeeklyReport(input, options({ week: '2027-W01' }), ID).totals.activeMinutes).toBe(5);
  });

  it('keeps only profile fields that were chosen, and omits campaign when policy has none', () => {
    const r = buildWeeklyReport(fixture(), options({ campaign: undefined, profile: { level: 'village', region: undefined, domain: 'health' } }), ID);
    expect(r.profile).toEqual({ level: 'village', domain: 'health' });
    expect('campaign' in r).toBe(false);
    expect('profile' in buildWeeklyReport(fixture(), options({ profile: {} }), ID)).toBe(false);
  });

  it('caps a week at the minutes it has', () => {
    const input: ReportInput = { ...EMPTY_REPORT_INPUT, daily: W48.map((day) => ({ portalId: MZ, day, activeMs: 30 * 3600_000, offHoursMs: 0, waitMs: 0 })) };
    expect(buildWeeklyReport(input, options(), ID).totals.activeMinutes).toBe(7 * 24 * 60);
  });
});

describe('a file that would break the contract is refused, with the reason', () => {
  const bad: [string, Partial<ReportInput>, string][] = [
    ['more relogins than logins', { friction: [{ portalId: MZ, day: W48[0]!, submissions: 0, failedSubmissions: 0, logins: 1, relogins: 2, captchas: 0, loginOnlyVisits: 0, accountFps: [] }] }, 'exceeds_logins'],
    ['more failures than submissions', { friction: [{ portalId: MZ, day: W48[0]!, submissions: 1, failedSubmissions: 2, logins: 0, relogins: 0, captchas: 0, loginOnlyVisits: 0, accountFps: [] }] }, 'failures_exceed_submissions'],
    ['a duplicate filing without a submission', { duplicateFilings: [{ day: W48[0]!, portalId: MZ, otherPortal: SB }] }, 'duplicate_filings_exceed_submissions'],
    ['off-hours beyond active time', { daily: [{ portalId: MZ, day: W48[0]!, activeMs: MIN, offHoursMs: 5 * MIN, waitMs: 0 }] }, 'off_hours_exceed_active'],
    ['a negative count', { friction: [{ portalId: MZ, day: W48[0]!, submissions: -1, failedSubmissions: -1, logins: 0, relogins: 0, captchas: 0, loginOnlyVisits: 0, accountFps: [] }] }, 'too_small'],
  ];
  it.each(bad)('%s', (_name, rows, code) => {
    const built = serialiseReportFile([buildWeeklyReport({ ...EMPTY_REPORT_INPUT, ...rows }, options(), ID)]);
    expect(built.ok).toBe(false);
    if (!built.ok) expect(built.issues.map((i) => i.code)).toContain(code);
  });

  it('two reports of one week in one file', () => {
    const r = buildWeeklyReport(fixture(), options(), ID);
    const built = serialiseReportFile([r, r]);
    expect(built.ok).toBe(false);
    if (!built.ok) expect(built.issues.map((i) => i.code)).toEqual(['duplicate_report_id']);
  });
});

describe('reportId', () => {
  const idFor = async (db: BurdenDb, campaign: string | undefined, week: string) =>
    fingerprint(crypto.subtle, await createKeyStore(db, crypto.subtle, Date.now, () => 'k').reportKey(), reportIdMessage(campaign, week));

  it('is the same for the same cadre-week on every export, and unlinkable across weeks, campaigns and installs', async () => {
    const db = new BurdenDb('report-id-a');
    const first = await idFor(db, 'zj-2026', '2026-W48');
    expect(first).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await idFor(db, 'zj-2026', '2026-W48')).toBe(first);
    const others = [
      await idFor(db, 'zj-2026', '2026-W49'),
      await idFor(db, 'zj-2027', '2026-W48'),
      await idFor(db, undefined, '2026-W48'),
      await idFor(new BurdenDb('report-id-b'), 'zj-2026', '2026-W48'),
    ];
    expect(new Set([first, ...others]).size).toBe(5);
    // Nothing a collector could use to line up weeks: no shared prefix beyond chance.
    const common = (x: string, y: string) => [...x].findIndex((c, i) => c !== y[i]);
    expect(common(first, others[0]!)).toBeLessThan(4);
    const r: WeeklyReport = buildWeeklyReport(fixture(), options(), first);
    expect(r.reportId).toBe(first);
  });
});

describe('one huge count does not break the week (issue 15)', () => {
  const MAX = 1_000_000;

  it('a same-field repeat of a 1,000,001-character value still builds, with retypedChars at the bound', () => {
    const input: ReportInput = {
      ...EMPTY_REPORT_INPUT,
      entries: [
        { portalId: MZ, day: W48[0]!, kind: 'none', retypedChars: 0, repeatTypingMs: 0, category: 'long-text' },
        { portalId: MZ, day: W48[2]!, kind: 'same-field', retypedChars: 1_000_001, repeatTypingMs: 3 * MIN, category: 'long-text' },
      ],
    };
    const report = buildWeeklyReport(input, options(), ID);
    expect(report.totals.retypedChars).toBe(MAX);
    expect(report.totals.sameFieldRepeats).toBe(1);
    const built = serialiseReportFile([report]);
    expect(built.ok).toBe(true);
    if (built.ok) expect(fastCheckReportFile(JSON.parse(built.bytes))).toBe(true);
  });

  it('clips counts past the bound and keeps every cross-field rule, parts within totals included', () => {
    const report = buildWeeklyReport(fixture(), options(), ID);
    const huge = {
      ...report,
      totals: { ...report.totals, entries: 3 * MAX, sameFieldRepeats: 2 * MAX, crossPortalRepeats: MAX, uploads: 2 * MAX, photoUploads: 1.5 * MAX, screenshotUploads: 0.5 * MAX, logins: 2 * MAX, relogins: 1.2 * MAX },
      portals: report.portals.map((p, i) =>
        i === 0 ? { ...p, entries: 3 * MAX, sameFieldRepeats: 2 * MAX, crossPortalRepeats: MAX, uploads: 2 * MAX, photoUploads: 1.5 * MAX, screenshotUploads: 0.5 * MAX, logins: 2 * MAX, relogins: 1.2 * MAX } : p,
      ),
      categories: report.categories.map((c, i) => (i === 0 ? { ...c, entries: 3 * MAX, sameFieldRepeats: 2 * MAX, crossPortalRepeats: MAX } : c)),
    };
    const clamped = clampReportCounts(huge);
    expect(clamped.totals.entries).toBe(MAX);
    expect(clamped.totals.sameFieldRepeats + clamped.totals.crossPortalRepeats).toBeLessThanOrEqual(MAX);
    expect(clamped.portals[0]!.relogins).toBeLessThanOrEqual(clamped.portals[0]!.logins);
    expect(reportFileSchema.safeParse({ schema: 'burden-report/1', notice: REPORT_NOTICE, reports: [clamped] }).success).toBe(true);
    // Within the bounds nothing changes.
    expect(clampReportCounts(report)).toBe(report);
  });
});
