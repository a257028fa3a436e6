/**
 * The anonymous weekly report `burden-report/1` (DESIGN.md §4). This file is the single definition of the
 * contract: the extension validates what it exports with it, the office page validates what it imports with it,
 * and the published JSON Schema is generated from it (core/contracts/report-json-schema.ts).
 *
 * Every object is strict and every string is either a constant, a member of a fixed list or matches a narrow
 * pattern, so that nothing about the cadre or the people they serve can travel in a free-text field.
 */
import { getISOWeeksInYear } from 'date-fns';
import { z } from 'zod';

export const REPORT_SCHEMA_ID = 'burden-report/1';

// A constant, not free text: it is the same in every file, so it identifies nothing, and a file without it is
// not a valid report — an office cannot strip it and still claim the file is one.
export const REPORT_NOTICE =
  '本报告衡量的是政务平台给基层带来的负担，而不是衡量人；不得用于个人考核，不得用于评价、排名或追查任何个人。' +
  ' This report measures the burden that portals place on grassroots work, not people; it must not be used to' +
  ' assess, rank or identify any individual.';

export const LEVELS = ['village', 'community', 'township', 'street', 'county', 'other'] as const;

export const WORK_DOMAINS = [
  'civil-affairs',
  'social-security',
  'health',
  'agriculture',
  'natural-resources',
  'emergency',
  'party-building',
  'comprehensive-governance',
  'statistics',
  'education',
  'other',
] as const;

export const ENTRY_CATEGORIES = ['name', 'id-number', 'phone', 'address', 'date', 'number', 'long-text', 'other'] as const;

// `login` pages are tagged in the catalog too; keeping them here lets offices see time spent on login pages.
export const PAGE_TAGS_IN_REPORT = ['check-in', 'ranking', 'learning', 'work-order', 'login'] as const;

export const MINUTES_PER_WEEK = 7 * 24 * 60;
export const DAYS_PER_WEEK = 7;
/** Far above any real week of one cadre, low enough that a typo or an overflow cannot skew an office median. */
export const MAX_COUNT = 1_000_000;
export const MAX_REPORTS_PER_FILE = 520;
export const MAX_PORTALS_PER_REPORT = 200;
export const MAX_PAIRS_PER_REPORT = (MAX_PORTALS_PER_REPORT * (MAX_PORTALS_PER_REPORT - 1)) / 2;

// The years allowed are bounded so that the set of years with an ISO week 53 can be spelled out in the pattern:
// then the published JSON Schema rejects 2025-W53 exactly as zod does.
const FIRST_YEAR = 2000;
const LAST_YEAR = 2099;
const YEARS_WITH_53_WEEKS: readonly number[] = Array.from({ length: LAST_YEAR - FIRST_YEAR + 1 }, (_, i) => FIRST_YEAR + i).filter(
  (y) => hasIsoWeek53(y),
);

const WEEK_SHAPE = /^(20\d{2})-W(0[1-9]|[1-4]\d|5[0-3])$/;
export const WEEK_EXACT = new RegExp(
  `^(?:20\\d{2}-W(?:0[1-9]|[1-4]\\d|5[0-2])|(?:${YEARS_WITH_53_WEEKS.join('|')})-W53)$`,
);

/** ISO week-year `year` has a week 53. Exported for the report builder and tests. */
export function hasIsoWeek53(year: number): boolean {
  // Mid-June lies inside ISO week-year `year` whatever the local time zone.
  return getISOWeeksInYear(new Date(year, 5, 15)) === 53;
}

/** Machine codes of the cross-field checks, for `describeIssues` and for UI translation. */
export type ReportRuleCode =
  | 'week_not_in_year'
  | 'off_hours_exceed_active'
  | 'repeats_exceed_entries'
  | 'repeated_uploads_exceed_uploads'
  | 'upload_kinds_exceed_uploads'
  | 'failures_exceed_submissions'
  | 'duplicate_filings_exceed_submissions'
  | 'exceeds_logins'
  | 'exceeds_total'
  | 'category_portals_exceed_entries'
  | 'pair_order'
  | 'duplicate_portal'
  | 'duplicate_pair'
  | 'duplicate_category'
  | 'duplicate_tag'
  | 'duplicate_report_id';

/**
 * Cross-field rules that JSON Schema cannot state; the generator copies them into the published schema's
 * description so that a collector written in another language knows what else to check.
 */
export const REPORT_CROSS_FIELD_RULES: readonly string[] = [
  'Within a file, no two reports share a reportId.',
  'In totals: offHoursMinutes <= activeMinutes; sameFieldRepeats + crossPortalRepeats <= entries; ' +
    'repeatedUploads + nearRepeatUploads <= uploads; photoUploads + screenshotUploads <= uploads; ' +
    'failedSubmissions <= submissions; duplicateFilings <= submissions; ' +
    'relogins, captchas, accounts and loginOnlyVisits each <= logins.',
  'In each portal: sameFieldRepeats + crossPortalRepeats <= entries; repeatedUploads <= uploads; ' +
    'photoUploads + screenshotUploads <= uploads; failedSubmissions <= submissions; ' +
    'relogins, captchas and loginOnlyVisits each <= logins; and every count <= the field of the same name in totals.',
  'portals[].portal, categories[].category and tags[].tag are unique within a report; ' +
    'in pairs[], a < b (code-unit order) and each {a, b} appears once; each pair count <= the field of the same name in totals.',
  'In each category: sameFieldRepeats + crossPortalRepeats <= entries; portals <= entries; ' +
    'portals <= totals.portalsUsed; each count <= the field of the same name in totals.',
  'In each tag: activeMinutes <= totals.activeMinutes.',
];

const count = z.int().min(0).max(MAX_COUNT);
const minutesInWeek = z.int().min(0).max(MINUTES_PER_WEEK);
const daysInWeek = z.int().min(0).max(DAYS_PER_WEEK);

const CATALOG_ID = '[a-z0-9][a-z0-9-]{0,63}';
const HOST_LABEL = '[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?';
/**
 * A catalog id (which also covers `other-1`, `other-2`, …), or a host name the cadre chose to show in the
 * preview. The host form needs a dot so it cannot be mistaken for a catalog id, and nothing else fits: no
 * scheme, port, path, upper case or non-ASCII text, so URLs, titles and names are rejected.
 */
export const PORTAL_ID_PATTERN = new RegExp(`^(?:${CATALOG_ID}|${HOST_LABEL}(?:\\.${HOST_LABEL})+)$`);

export const portalIdSchema = z
  .string()
  .max(253)
  .regex(PORTAL_ID_PATTERN, 'portal must be a catalog id, other-N, or a lower-case host name');

export const reportIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{43}$/, 'reportId must be the unpadded base64url of a 32-byte HMAC');

export const weekSchema = z
  .string()
  .regex(WEEK_SHAPE, 'week must be an ISO week such as 2026-W48 (years 2000-2099)')
  .superRefine((week, ctx) => {
    const m = WEEK_SHAPE.exec(week);
    if (m && m[2] === '53' && !hasIsoWeek53(Number(m[1]))) {
      ctx.addIssue({
        code: 'custom',
        message: `${m[1]} has only 52 ISO weeks`,
        params: { code: 'week_not_in_year' satisfies ReportRuleCode },
      });
    }
  })
  .meta({ pattern: WEEK_EXACT.source, description: 'ISO week, e.g. 2026-W48; W53 only in years that have one.' });

export const campaignSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'campaign must be a policy campaign id');

export const appSchema = z.strictObject({
  // Chrome's own version limit (each part <= 65535) keeps this from carrying anything but a version.
  version: z
    .string()
    .regex(/^(?:0|[1-9]\d{0,4})\.(?:0|[1-9]\d{0,4})\.(?:0|[1-9]\d{0,4})$/, 'app.version must be x.y.z'),
  schema: z.literal(REPORT_SCHEMA_ID),
});

export const profileSchema = z.strictObject({
  level: z.enum(LEVELS).optional(),
  // GB/T 2260 codes and their province (2) and prefecture (4) prefixes; odd lengths are not division codes.
  region: z
    .string()
    .regex(/^(?:\d{2}){1,3}$/, 'region must be an administrative division code of 2, 4 or 6 digits')
    .optional(),
  domain: z.enum(WORK_DOMAINS).optional(),
});

export const reportTotalsSchema = z.strictObject({
  activeMinutes: minutesInWeek,
  offHoursMinutes: minutesInWeek,
  waitMinutes: minutesInWeek,
  daysActive: daysInWeek,
  portalsUsed: count,
  logins: count,
  relogins: count,
  captchas: count,
  accounts: count,
  loginOnlyVisits: count,
  submissions: count,
  failedSubmissions: count,
  entries: count,
  sameFieldRepeats: count,
  crossPortalRepeats: count,
  retypedChars: count,
  repeatTypingMinutes: minutesInWeek,
  transfers: count,
  duplicateFilings: count,
  uploads: count,
  repeatedUploads: count,
  nearRepeatUploads: count,
  photoUploads: count,
  screenshotUploads: count,
});

export const reportPortalSchema = z.strictObject({
  portal: portalIdSchema,
  activeMinutes: minutesInWeek,
  waitMinutes: minutesInWeek,
  daysActive: daysInWeek,
  logins: count,
  relogins: count,
  captchas: count,
  loginOnlyVisits: count,
  submissions: count,
  failedSubmissions: count,
  entries: count,
  sameFieldRepeats: count,
  crossPortalRepeats: count,
  uploads: count,
  repeatedUploads: count,
  photoUploads: count,
  screenshotUploads: count,
});

export const reportPairSchema = z.strictObject({
  a: portalIdSchema,
  b: portalIdSchema,
  crossPortalRepeats: count,
  duplicateFilings: count,
  transfers: count,
  repeatedUploads: count,
});

export const reportCategorySchema = z.strictObject({
  category: z.enum(ENTRY_CATEGORIES),
  entries: count,
  sameFieldRepeats: count,
  crossPortalRepeats: count,
  portals: count,
});

export const reportTagSchema = z.strictObject({
  tag: z.enum(PAGE_TAGS_IN_REPORT),
  visits: count,
  activeMinutes: minutesInWeek,
});

type Totals = z.infer<typeof reportTotalsSchema>;
type Path = (string | number)[];

interface Checker {
  /** `path[left] <= right`, reported at `at`. */
  atMost(at: Path, left: number, right: number, code: ReportRuleCode, what: string): void;
  flag(at: Path, code: ReportRuleCode, message: string): void;
}

function checker(ctx: z.RefinementCtx): Checker {
  const flag = (at: Path, code: ReportRuleCode, message: string) =>
    ctx.addIssue({ code: 'custom', path: at, message, params: { code } });
  return {
    flag,
    atMost(at, left, right, code, what) {
      if (left > right) flag(at, code, `${what} (${left} > ${right})`);
    },
  };
}

/** Fields a portal shares with totals; a portal cannot have more of any of them than the whole week. */
export const PORTAL_FIELDS_BOUNDED_BY_TOTALS = [
  'activeMinutes',
  'waitMinutes',
  'daysActive',
  'logins',
  'relogins',
  'captchas',
  'loginOnlyVisits',
  'submissions',
  'failedSubmissions',
  'entries',
  'sameFieldRepeats',
  'crossPortalRepeats',
  'uploads',
  'repeatedUploads',
  'photoUploads',
  'screenshotUploads',
] as const satisfies readonly (keyof Totals & keyof z.infer<typeof reportPortalSchema>)[];

export const PAIR_FIELDS_BOUNDED_BY_TOTALS = [
  'crossPortalRepeats',
  'duplicateFilings',
  'transfers',
  'repeatedUploads',
] as const satisfies readonly (keyof Totals & keyof z.infer<typeof reportPairSchema>)[];

export const CATEGORY_FIELDS_BOUNDED_BY_TOTALS = [
  'entries',
  'sameFieldRepeats',
  'crossPortalRepeats',
] as const satisfies readonly (keyof Totals & keyof z.infer<typeof reportCategorySchema>)[];

function checkTotals(t: Totals, c: Checker): void {
  const p = (k: keyof Totals): Path => ['totals', k];
  c.atMost(p('offHoursMinutes'), t.offHoursMinutes, t.activeMinutes, 'off_hours_exceed_active', 'offHoursMinutes exceeds activeMinutes');
  c.atMost(p('entries'), t.sameFieldRepeats + t.crossPortalRepeats, t.entries, 'repeats_exceed_entries', 'sameFieldRepeats + crossPortalRepeats exceeds entries');
  c.atMost(p('uploads'), t.repeatedUploads + t.nearRepeatUploads, t.uploads, 'repeated_uploads_exceed_uploads', 'repeatedUploads + nearRepeatUploads exceeds uploads');
  c.atMost(p('uploads'), t.photoUploads + t.screenshotUploads, t.uploads, 'upload_kinds_exceed_uploads', 'photoUploads + screenshotUploads exceeds uploads');
  c.atMost(p('failedSubmissions'), t.failedSubmissions, t.submissions, 'failures_exceed_submissions', 'failedSubmissions exceeds submissions');
  c.atMost(p('duplicateFilings'), t.duplicateFilings, t.submissions, 'duplicate_filings_exceed_submissions', 'duplicateFilings exceeds submissions');
  for (const k of ['relogins', 'captchas', 'accounts', 'loginOnlyVisits'] as const) {
    c.atMost(p(k), t[k], t.logins, 'exceeds_logins', `${k} exceeds logins`);
  }
}

function checkPortals(r: ReportShape, c: Checker): void {
  const t = r.totals;
  const seen = new Set<string>();
  r.portals.forEach((q, i) => {
    const p = (k: keyof ReportPortal): Path => ['portals', i, k];
    if (seen.has(q.portal)) c.flag(p('portal'), 'duplicate_portal', `portal ${q.portal} appears more than once`);
    seen.add(q.portal);
    c.atMost(p('entries'), q.sameFieldRepeats + q.crossPortalRepeats, q.entries, 'repeats_exceed_entries', 'sameFieldRepeats + crossPortalRepeats exceeds entries');
    c.atMost(p('repeatedUploads'), q.repeatedUploads, q.uploads, 'repeated_uploads_exceed_uploads', 'repeatedUploads exceeds uploads');
    c.atMost(p('uploads'), q.photoUploads + q.screenshotUploads, q.uploads, 'upload_kinds_exceed_uploads', 'photoUploads + screenshotUploads exceeds uploads');
    c.atMost(p('failedSubmissions'), q.failedSubmissions, q.submissions, 'failures_exceed_submissions', 'failedSubmissions exceeds submissions');
    for (const k of ['relogins', 'captchas', 'loginOnlyVisits'] as const) {
      c.atMost(p(k), q[k], q.logins, 'exceeds_logins', `${k} exceeds logins`);
    }
    for (const k of PORTAL_FIELDS_BOUNDED_BY_TOTALS) {
      c.atMost(p(k), q[k], t[k], 'exceeds_total', `${k} exceeds totals.${k}`);
    }
  });
}

function checkPairs(r: ReportShape, c: Checker): void {
  const seen = new Set<string>();
  r.pairs.forEach((q, i) => {
    // a < b also rules out a === b, and makes {a, b} one key, so a pair cannot be listed twice in either order.
    if (!(q.a < q.b)) c.flag(['pairs', i, 'b'], 'pair_order', `pair must have a < b (got ${q.a}, ${q.b})`);
    const key = `${q.a}\n${q.b}`;
    if (seen.has(key)) c.flag(['pairs', i], 'duplicate_pair', `pair ${q.a}, ${q.b} appears more than once`);
    seen.add(key);
    for (const k of PAIR_FIELDS_BOUNDED_BY_TOTALS) {
      c.atMost(['pairs', i, k], q[k], r.totals[k], 'exceeds_total', `${k} exceeds totals.${k}`);
    }
  });
}

function checkCategories(r: ReportShape, c: Checker): void {
  const seen = new Set<string>();
  r.categories.forEach((q, i) => {
    const p = (k: keyof ReportCategory): Path => ['categories', i, k];
    if (seen.has(q.category)) c.flag(p('category'), 'duplicate_category', `category ${q.category} appears more than once`);
    seen.add(q.category);
    c.atMost(p('entries'), q.sameFieldRepeats + q.crossPortalRepeats, q.entries, 'repeats_exceed_entries', 'sameFieldRepeats + crossPortalRepeats exceeds entries');
    // Each portal counted here had at least one entry of the category, and was used.
    c.atMost(p('portals'), q.portals, q.entries, 'category_portals_exceed_entries', 'portals exceeds entries');
    c.atMost(p('portals'), q.portals, r.totals.portalsUsed, 'exceeds_total', 'portals exceeds totals.portalsUsed');
    for (const k of CATEGORY_FIELDS_BOUNDED_BY_TOTALS) {
      c.atMost(p(k), q[k], r.totals[k], 'exceeds_total', `${k} exceeds totals.${k}`);
    }
  });
}

function checkTags(r: ReportShape, c: Checker): void {
  const seen = new Set<string>();
  r.tags.forEach((q, i) => {
    if (seen.has(q.tag)) c.flag(['tags', i, 'tag'], 'duplicate_tag', `tag ${q.tag} appears more than once`);
    seen.add(q.tag);
    c.atMost(['tags', i, 'activeMinutes'], q.activeMinutes, r.totals.activeMinutes, 'exceeds_total', 'activeMinutes exceeds totals.activeMinutes');
  });
}

// The cross-field checks are typed against the unrefined object so the refined schema's type is not circular.
const weeklyReportObject = z.strictObject({
  reportId: reportIdSchema,
  week: weekSchema,
  campaign: campaignSchema.optional(),
  app: appSchema,
  profile: profileSchema.optional(),
  // Percent of the week's portal-open time that could be observed.
  coverage: z.int().min(0).max(100),
  totals: reportTotalsSchema,
  portals: z.array(reportPortalSchema).max(MAX_PORTALS_PER_REPORT),
  pairs: z.array(reportPairSchema).max(MAX_PAIRS_PER_REPORT),
  categories: z.array(reportCategorySchema).max(ENTRY_CATEGORIES.length),
  tags: z.array(reportTagSchema).max(PAGE_TAGS_IN_REPORT.length),
});
type ReportShape = z.infer<typeof weeklyReportObject>;

export const weeklyReportSchema = weeklyReportObject.superRefine((r, ctx) => {
  const c = checker(ctx);
  checkTotals(r.totals, c);
  checkPortals(r, c);
  checkPairs(r, c);
  checkCategories(r, c);
  checkTags(r, c);
});

export const reportFileSchema = z
  .strictObject({
    schema: z.literal(REPORT_SCHEMA_ID),
    notice: z.literal(REPORT_NOTICE),
    reports: z.array(weeklyReportSchema).min(1).max(MAX_REPORTS_PER_FILE),
  })
  .superRefine((file, ctx) => {
    const c = checker(ctx);
    const seen = new Set<string>();
    file.reports.forEach((r, i) => {
      if (seen.has(r.reportId)) c.flag(['reports', i, 'reportId'], 'duplicate_report_id', 'reportId appears more than once in the file');
      seen.add(r.reportId);
    });
  });

export type Level = (typeof LEVELS)[number];
export type WorkDomain = (typeof WORK_DOMAINS)[number];
export type EntryCategory = (typeof ENTRY_CATEGORIES)[number];
export type PageTagInReport = (typeof PAGE_TAGS_IN_REPORT)[number];
export type ReportFile = z.infer<typeof reportFileSchema>;
export type WeeklyReport = z.infer<typeof weeklyReportSchema>;
export type ReportApp = z.infer<typeof appSchema>;
export type ReportProfile = z.infer<typeof profileSchema>;
export type ReportTotals = z.infer<typeof reportTotalsSchema>;
export type ReportPortal = z.infer<typeof reportPortalSchema>;
export type ReportPair = z.infer<typeof reportPairSchema>;
export type ReportCategory = z.infer<typeof reportCategorySchema>;
export type ReportTag = z.infer<typeof reportTagSchema>;

export type ReportFileParseResult = ReturnType<typeof reportFileSchema.safeParse>;

export function parseReportFile(json: unknown): ReportFileParseResult {
  return reportFileSchema.safeParse(json);
}

export interface ReportIssue {
  /** `reports[0].portals[2].entries`; empty for the file itself. */
  path: string;
  /**
   * Stable and language-neutral, for translation: a `ReportRuleCode` for cross-field rules, `unrecognized_key`
   * (one issue per unknown key, the key at the end of the path), or zod's own code (`invalid_type`, `too_big`,
   * `too_small`, `invalid_format`, `invalid_value`, …).
   */
  code: string;
  /** English, for logs and as a fallback. */
  message: string;
}

function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out === '' ? String(seg) : `.${String(seg)}`;
  }
  return out;
}

export function describeIssues(error: z.ZodError): ReportIssue[] {
  const out: ReportIssue[] = [];
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      // One entry per key, so the UI can point at each and no key text is needed in the translated message.
      for (const key of issue.keys) {
        out.push({ path: formatPath([...issue.path, key]), code: 'unrecognized_key', message: 'unknown field' });
      }
      continue;
    }
    const ruleCode = issue.code === 'custom' ? (issue.params as { code?: unknown } | undefined)?.code : undefined;
    out.push({
      path: formatPath(issue.path),
      code: typeof ruleCode === 'string' ? ruleCode : issue.code,
      message: issue.message,
    });
  }
  return out;
}
