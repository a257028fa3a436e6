import { daysOfIsoWeek } from '../time/iso-week';
import { pairKey } from '../portals/pair';
import type { ReportInput } from '../contracts/report-input';
import { clampReportCounts } from './clamp-counts';
import { labelPortals, type PortalPresentation } from './portal-labels';
import {
  DAYS_PER_WEEK,
  describeIssues,
  ENTRY_CATEGORIES,
  MINUTES_PER_WEEK,
  PAGE_TAGS_IN_REPORT,
  REPORT_NOTICE,
  REPORT_SCHEMA_ID,
  reportFileSchema,
  type ReportCategory,
  type ReportFile,
  type ReportIssue,
  type ReportPair,
  type ReportPortal,
  type ReportProfile,
  type ReportTag,
  type ReportTotals,
  type WeeklyReport,
} from '../contracts/report-schema';

/**
 * Builds one anonymous weekly report (DESIGN.md §4) from plain rows. Pure: the reportId is computed by the
 * caller (an HMAC under the install's report key) from `reportIdMessage`, so this file holds no key.
 *
 * Decisions:
 * - Minutes are rounded from the summed milliseconds (per portal and for the totals separately), so a total is
 *   never below one of its portals.
 * - Coverage: of the week's portal-open time (counted time plus every gap), the share that was not lost to
 *   sleep or a stopped worker; idle, unfocused and locked time was observed, just not counted. A week with no
 *   open time has 100.
 * - A day is active (daysActive) when anything was recorded for the portal that day.
 * - A dropped portal's own rows are left out everywhere, including totals; another portal's repeats of it still
 *   count for that portal, but no pair names it.
 * - Transfers and duplicate filings count where their rows exist (they are not stored yet: 0).
 * - Every count is clipped at the bound the schema states (clamp-counts.ts), so the file always builds.
 */

export interface BuildOptions {
  week: string;
  campaign?: string;
  appVersion: string;
  profile?: ReportProfile;
  portals: PortalPresentation;
}

/** The HMAC input of a reportId: "report" | campaign | week (DESIGN.md §4). */
export function reportIdMessage(campaign: string | undefined, week: string): string {
  return `report|${campaign ?? ''}|${week}`;
}

const minutes = (ms: number) => Math.min(MINUTES_PER_WEEK, Math.round(Math.max(0, ms) / 60_000));

interface PortalAcc {
  activeMs: number;
  offHoursMs: number;
  waitMs: number;
  days: Set<string>;
  logins: number;
  relogins: number;
  captchas: number;
  loginOnlyVisits: number;
  submissions: number;
  failedSubmissions: number;
  entries: number;
  sameFieldRepeats: number;
  crossPortalRepeats: number;
  uploads: number;
  repeatedUploads: number;
  photoUploads: number;
  screenshotUploads: number;
}

const newAcc = (): PortalAcc => ({
  activeMs: 0,
  offHoursMs: 0,
  waitMs: 0,
  days: new Set(),
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
});

/** Internal ids of the portals with anything recorded in `week`, busiest first (then by id). */
export function portalsInWeek(input: ReportInput, week: string): string[] {
  const days = new Set(daysOfIsoWeek(week));
  const active = new Map<string, number>();
  const touch = (id: string, ms = 0) => active.set(id, (active.get(id) ?? 0) + ms);
  for (const r of input.daily) if (days.has(r.day) && (r.activeMs > 0 || r.waitMs > 0)) touch(r.portalId, r.activeMs);
  for (const rows of [input.entries, input.friction, input.tags, input.uploads, input.duplicateFilings]) {
    for (const r of rows) if (days.has(r.day)) touch(r.portalId);
  }
  return [...active].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0)).map(([id]) => id);
}

export function buildWeeklyReport(input: ReportInput, opts: BuildOptions, reportId: string): WeeklyReport {
  const days = new Set(daysOfIsoWeek(opts.week));
  const inWeek = <T extends { day: string }>(rows: readonly T[]) => rows.filter((r) => days.has(r.day));
  const labels = labelPortals(portalsInWeek(input, opts.week), opts.portals);
  const kept = (id: string | undefined): id is string => id !== undefined && labels.has(id);
  const accs = new Map<string, PortalAcc>();
  const acc = (id: string) => accs.get(id) ?? accs.set(id, newAcc()).get(id)!;
  const pairs = new Map<string, ReportPair>();
  const pair = (x: string, y: string) => {
    const { a, b } = pairKey(labels.get(x)!, labels.get(y)!);
    const key = `${a}\n${b}`;
    return pairs.get(key) ?? pairs.set(key, { a, b, crossPortalRepeats: 0, duplicateFilings: 0, transfers: 0, repeatedUploads: 0 }).get(key)!;
  };
  let gapMs = 0;
  let unobservedMs = 0;
  let retypedChars = 0;
  let repeatTypingMs = 0;
  let nearRepeatUploads = 0;
  let transfers = 0;
  let duplicateFilings = 0;
  const accounts = new Set<string>();
  const categories = new Map<string, ReportCategory & { portalSet: Set<string> }>();
  const tags = new Map<string, { visits: number; activeMs: number }>();

  for (const r of inWeek(input.daily)) {
    if (!kept(r.portalId)) continue;
    const a = acc(r.portalId);
    a.activeMs += r.activeMs;
    a.offHoursMs += r.offHoursMs;
    a.waitMs += r.waitMs;
    if (r.activeMs > 0 || r.waitMs > 0) a.days.add(r.day);
  }
  for (const g of inWeek(input.gaps)) {
    if (!kept(g.portalId)) continue;
    const ms = Math.max(0, g.end - g.start);
    gapMs += ms;
    if (g.reason === 'sleep' || g.reason === 'worker-restart') unobservedMs += ms;
  }
  for (const e of inWeek(input.entries)) {
    if (!kept(e.portalId)) continue;
    const a = acc(e.portalId);
    a.days.add(e.day);
    a.entries++;
    if (e.kind === 'same-field') a.sameFieldRepeats++;
    if (e.kind === 'cross-portal') {
      a.crossPortalRepeats++;
      if (kept(e.otherPortal) && e.otherPortal !== e.portalId) pair(e.portalId, e.otherPortal).crossPortalRepeats++;
    }
    retypedChars += e.retypedChars;
    repeatTypingMs += e.repeatTypingMs;
    const c =
      categories.get(e.category) ??
      categories.set(e.category, { category: e.category, entries: 0, sameFieldRepeats: 0, crossPortalRepeats: 0, portals: 0, portalSet: new Set() }).get(e.category)!;
    c.entries++;
    if (e.kind === 'same-field') c.sameFieldRepeats++;
    if (e.kind === 'cross-portal') c.crossPortalRepeats++;
    c.portalSet.add(e.portalId);
  }
  for (const f of inWeek(input.friction)) {
    if (!kept(f.portalId)) continue;
    const a = acc(f.portalId);
    if (f.submissions + f.logins + f.loginOnlyVisits > 0) a.days.add(f.day);
    a.submissions += f.submissions;
    a.failedSubmissions += f.failedSubmissions;
    a.logins += f.logins;
    a.relogins += f.relogins;
    a.captchas += f.captchas;
    a.loginOnlyVisits += f.loginOnlyVisits;
    for (const fp of f.accountFps) accounts.add(fp);
  }
  for (const tg of inWeek(input.tags)) {
    if (!kept(tg.portalId)) continue;
    const t = tags.get(tg.tag) ?? tags.set(tg.tag, { visits: 0, activeMs: 0 }).get(tg.tag)!;
    t.visits += tg.visits;
    t.activeMs += tg.activeMs;
    if (tg.visits > 0) acc(tg.portalId).days.add(tg.day);
  }
  for (const u of inWeek(input.uploads)) {
    if (!kept(u.portalId)) continue;
    const a = acc(u.portalId);
    a.days.add(u.day);
    a.uploads++;
    if (u.kind === 'photo') a.photoUploads++;
    if (u.kind === 'screenshot') a.screenshotUploads++;
    if (u.repeat === 'near-repeat') nearRepeatUploads++;
    if (u.repeat === 'repeat') {
      a.repeatedUploads++;
      if (kept(u.otherPortal) && u.otherPortal !== u.portalId) pair(u.portalId, u.otherPortal).repeatedUploads++;
    }
  }
  for (const x of inWeek(input.transfers)) {
    if (!kept(x.to)) continue;
    transfers++;
    if (kept(x.from) && x.from !== x.to) pair(x.from, x.to).transfers++;
  }
  for (const d of inWeek(input.duplicateFilings)) {
    if (!kept(d.portalId)) continue;
    duplicateFilings++;
    if (kept(d.otherPortal) && d.otherPortal !== d.portalId) pair(d.portalId, d.otherPortal).duplicateFilings++;
  }

  const sum = (k: keyof Omit<PortalAcc, 'days'>) => [...accs.values()].reduce((s, a) => s + a[k], 0);
  const allDays = new Set([...accs.values()].flatMap((a) => [...a.days]));
  const activeMs = sum('activeMs');
  const openMs = activeMs + gapMs;
  const portals: ReportPortal[] = [...accs]
    .map(([id, a]) => ({
      portal: labels.get(id)!,
      activeMinutes: minutes(a.activeMs),
      waitMinutes: minutes(a.waitMs),
      daysActive: Math.min(DAYS_PER_WEEK, a.days.size),
      logins: a.logins,
      relogins: a.relogins,
      captchas: a.captchas,
      loginOnlyVisits: a.loginOnlyVisits,
      submissions: a.submissions,
      failedSubmissions: a.failedSubmissions,
      entries: a.entries,
      sameFieldRepeats: a.sameFieldRepeats,
      crossPortalRepeats: a.crossPortalRepeats,
      uploads: a.uploads,
      repeatedUploads: a.repeatedUploads,
      photoUploads: a.photoUploads,
      screenshotUploads: a.screenshotUploads,
    }))
    .sort((x, y) => (x.portal < y.portal ? -1 : 1));
  const totals: ReportTotals = {
    activeMinutes: minutes(activeMs),
    offHoursMinutes: minutes(sum('offHoursMs')),
    waitMinutes: minutes(sum('waitMs')),
    daysActive: Math.min(DAYS_PER_WEEK, allDays.size),
    portalsUsed: portals.length,
    logins: sum('logins'),
    relogins: sum('relogins'),
    captchas: sum('captchas'),
    accounts: accounts.size,
    loginOnlyVisits: sum('loginOnlyVisits'),
    submissions: sum('submissions'),
    failedSubmissions: sum('failedSubmissions'),
    entries: sum('entries'),
    sameFieldRepeats: sum('sameFieldRepeats'),
    crossPortalRepeats: sum('crossPortalRepeats'),
    retypedChars,
    repeatTypingMinutes: minutes(repeatTypingMs),
    transfers,
    duplicateFilings,
    uploads: sum('uploads'),
    repeatedUploads: sum('repeatedUploads'),
    nearRepeatUploads,
    photoUploads: sum('photoUploads'),
    screenshotUploads: sum('screenshotUploads'),
  };
  const tagList: ReportTag[] = PAGE_TAGS_IN_REPORT.filter((tag) => tags.has(tag)).map((tag) => ({
    tag,
    visits: tags.get(tag)!.visits,
    // Tag time is part of the portal time; the clamp keeps two separately rounded figures consistent.
    activeMinutes: Math.min(minutes(tags.get(tag)!.activeMs), totals.activeMinutes),
  }));
  const categoryList: ReportCategory[] = ENTRY_CATEGORIES.filter((c) => categories.has(c)).map((c) => {
    const { portalSet, ...rest } = categories.get(c)!;
    return { ...rest, portals: portalSet.size };
  });
  const profile = opts.profile && Object.values(opts.profile).some((v) => v !== undefined) ? opts.profile : undefined;

  // Keys in the schema's order, so the bytes read like the published format. Clamped: one huge count must not
  // make the week's file fail to build (issue 15).
  return clampReportCounts({
    reportId,
    week: opts.week,
    ...(opts.campaign !== undefined && { campaign: opts.campaign }),
    app: { version: opts.appVersion, schema: REPORT_SCHEMA_ID },
    ...(profile && { profile: { ...(profile.level && { level: profile.level }), ...(profile.region && { region: profile.region }), ...(profile.domain && { domain: profile.domain }) } }),
    coverage: openMs === 0 ? 100 : Math.round((100 * (openMs - unobservedMs)) / openMs),
    totals,
    portals,
    pairs: [...pairs.values()].sort((x, y) => (x.a < y.a ? -1 : x.a > y.a ? 1 : x.b < y.b ? -1 : 1)),
    categories: categoryList,
    tags: tagList,
  });
}

export type BuiltFile = { ok: true; file: ReportFile; bytes: string } | { ok: false; issues: ReportIssue[] };

/**
 * The file that leaves the machine, validated with the published schema, and its exact text. The preview shows
 * `bytes`, the export saves them and a submission POSTs them: one string, never re-serialised.
 */
export function serialiseReportFile(reports: WeeklyReport[]): BuiltFile {
  const file = { schema: REPORT_SCHEMA_ID, notice: REPORT_NOTICE, reports };
  const parsed = reportFileSchema.safeParse(file);
  if (!parsed.success) return { ok: false, issues: describeIssues(parsed.error) };
  return { ok: true, file: parsed.data, bytes: `${JSON.stringify(file, null, 2)}\n` };
}
