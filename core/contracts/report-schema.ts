/**
 * The anonymous weekly report `burden-report/1` (DESIGN.md §4). This file is the single definition of the
 * contract: the extension validates what it exports with it, the office page validates what it imports with it,
 * and the published JSON Schema is generated from it (core/contracts/report-json-schema.ts).
 *
 * Every object is strict and every string is either a constant, a member of a fixed list or matches a narrow
 * pattern, so that nothing about the cadre or the people they serve can travel in a free-text field.
 */
import { hasIsoWeek53 } from '../time/iso-week';
import { z } from 'zod';
import { AT_MOST_RULES, describeCrossFieldRules, type NumberKind, REPORT_FIELDS, REPORT_LISTS, type ReportRuleCode, type RuleScope, ruleField, UNIQUE_RULES } from './report-rules';

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

// Defined with the other ISO-week arithmetic; re-exported for the report builder and tests.
export { hasIsoWeek53 };

export type { ReportRuleCode } from './report-rules';
export { CATEGORY_FIELDS_BOUNDED_BY_TOTALS, PAIR_FIELDS_BOUNDED_BY_TOTALS, PORTAL_FIELDS_BOUNDED_BY_TOTALS } from './report-rules';

/**
 * Cross-field rules that JSON Schema cannot state, in words (from the table in report-rules.ts); the generator
 * copies them into the published schema's description so that a collector written in another language knows
 * what else to check.
 */
export const REPORT_CROSS_FIELD_RULES: readonly string[] = describeCrossFieldRules();

const NUMBER_SCHEMAS: Record<NumberKind, z.ZodInt> = {
  count: z.int().min(0).max(MAX_COUNT),
  minutes: z.int().min(0).max(MINUTES_PER_WEEK),
  days: z.int().min(0).max(DAYS_PER_WEEK),
};

/** The zod shape of a scope's numeric fields, in the table's order. */
function numbers<S extends RuleScope>(scope: S): { [K in keyof (typeof REPORT_FIELDS)[S]]: z.ZodInt } {
  const fields = REPORT_FIELDS[scope] as Record<string, NumberKind>;
  return Object.fromEntries(Object.entries(fields).map(([k, kind]) => [k, NUMBER_SCHEMAS[kind]])) as never;
}

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

export const reportTotalsSchema = z.strictObject(numbers('totals'));

export const reportPortalSchema = z.strictObject({ portal: portalIdSchema, ...numbers('portal') });

export const reportPairSchema = z.strictObject({ a: portalIdSchema, b: portalIdSchema, ...numbers('pair') });

export const reportCategorySchema = z.strictObject({ category: z.enum(ENTRY_CATEGORIES), ...numbers('category') });

export const reportTagSchema = z.strictObject({ tag: z.enum(PAGE_TAGS_IN_REPORT), ...numbers('tag') });

type Path = (string | number)[];
type Numbers = Record<string, number>;

function flagger(ctx: z.RefinementCtx) {
  return (at: Path, code: ReportRuleCode, message: string) => ctx.addIssue({ code: 'custom', path: at, message, params: { code } });
}

const RULES_OF_SCOPE = new Map<RuleScope, typeof AT_MOST_RULES>(
  (Object.keys(REPORT_FIELDS) as RuleScope[]).map((scope) => [scope, AT_MOST_RULES.filter((r) => r.scope === scope)]),
);

/** The table's `atMost` rules of `scope` on one object, each reported at its field under `at`. */
function checkObject(scope: RuleScope, q: Numbers, totals: Numbers, at: Path, flag: ReturnType<typeof flagger>): void {
  for (const rule of RULES_OF_SCOPE.get(scope)!) {
    let left = 0;
    for (const k of rule.left) left += q[k]!;
    const right = (rule.ofTotals ? totals : q)[rule.right]!;
    if (left > right) {
      const what = `${rule.left.join(' + ')} exceeds ${rule.ofTotals ? 'totals.' : ''}${rule.right}`;
      flag([...at, ruleField(rule)], rule.code, `${what} (${left} > ${right})`);
    }
  }
}

/** Every cross-field rule of report-rules.ts on a report of the right shape, issues in the table's order per item. */
function checkReport(r: ReportShape, flag: ReturnType<typeof flagger>): void {
  const totals = r.totals as Numbers;
  checkObject('totals', totals, totals, ['totals'], flag);
  for (const unique of UNIQUE_RULES) {
    const items = r[unique.list] as unknown as Record<string, string | number>[];
    const scope = REPORT_LISTS[unique.list];
    const seen = new Set<string>();
    items.forEach((q, i) => {
      const values = unique.key.map((k) => q[k]);
      // a < b also rules out a === b, and makes {a, b} one key, so a pair cannot be listed twice in either order.
      if (unique.list === 'pairs' && !(q.a! < q.b!)) flag(['pairs', i, 'b'], 'pair_order', `pair must have a < b (got ${q.a}, ${q.b})`);
      const key = values.join('\n');
      if (seen.has(key)) flag(unique.at ? [unique.list, i, unique.at] : [unique.list, i], unique.code, `${unique.what} ${values.join(', ')} appears more than once`);
      seen.add(key);
      checkObject(scope, q as Numbers, totals, [unique.list, i], flag);
    });
  }
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

export const weeklyReportSchema = weeklyReportObject.superRefine((r, ctx) => checkReport(r, flagger(ctx)));

export const reportFileSchema = z
  .strictObject({
    schema: z.literal(REPORT_SCHEMA_ID),
    notice: z.literal(REPORT_NOTICE),
    reports: z.array(weeklyReportSchema).min(1).max(MAX_REPORTS_PER_FILE),
  })
  .superRefine((file, ctx) => {
    const flag = flagger(ctx);
    const seen = new Set<string>();
    file.reports.forEach((r, i) => {
      if (seen.has(r.reportId)) flag(['reports', i, 'reportId'], 'duplicate_report_id', 'reportId appears more than once in the file');
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
