/**
 * A fast yes/no check of a `burden-report/1` file, for the office import of up to 100k reports (issue #8).
 *
 * It gives exactly the verdict of `reportFileSchema` (core/contracts/report-schema.ts), which stays the one definition of
 * the format and the only source of explanations: when this check says no, the importer asks zod why. It is a
 * hand-written mirror of that schema — strict key sets at every level, types, integer bounds, patterns, lists,
 * array limits, uniqueness, pair order and every cross-field rule of its `superRefine` code — that allocates
 * nothing on the common path and never copies the input. tests/unit/core/contracts/report-fast-check.test.ts holds it to zod's
 * verdict on every fixture and on tens of thousands of random mutations; change both files together.
 *
 * Constants, lists and patterns are imported from report-schema.ts; the few patterns and bounds written inline in
 * a zod call there are read off the exported schemas once, at load, so they are not written twice either. The key
 * lists, the field-by-field object checks and the fields bounded by totals are written out here for speed; the
 * drift tests compare the keys with each zod shape, each object check with its zod object schema, and the bounded
 * fields with report-schema.ts's lists (PORTAL_FIELDS_BOUNDED_BY_TOTALS, …).
 */
import {
  DAYS_PER_WEEK,
  ENTRY_CATEGORIES,
  LEVELS,
  MAX_COUNT,
  MAX_PAIRS_PER_REPORT,
  MAX_PORTALS_PER_REPORT,
  MAX_REPORTS_PER_FILE,
  MINUTES_PER_WEEK,
  PAGE_TAGS_IN_REPORT,
  PORTAL_ID_PATTERN,
  REPORT_NOTICE,
  REPORT_SCHEMA_ID,
  WEEK_EXACT,
  WORK_DOMAINS,
  appSchema,
  campaignSchema,
  portalIdSchema,
  profileSchema,
  reportIdSchema,
  weeklyReportSchema,
  type ReportCategory,
  type ReportPair,
  type ReportPortal,
  type ReportTag,
  type ReportTotals,
  type WeeklyReport,
} from './report-schema';

// ---------- what is read off the schemas, once ----------

/** The structural part of a zod string schema this module reads: its list of checks. */
interface StringSchemaLike {
  def: { checks?: readonly { _zod: { def: unknown } }[] };
}

/**
 * The one regex of a `z.string().regex(…)` schema. Throws (at load, so every test importing this module fails)
 * if the schema has any other check, which this module would otherwise silently skip.
 */
function onlyPatternOf(schema: StringSchemaLike, what: string): RegExp {
  const checks = schema.def.checks ?? [];
  const def = checks.length === 1 ? (checks[0]!._zod.def as { check?: unknown; format?: unknown; pattern?: unknown }) : undefined;
  if (!def || def.check !== 'string_format' || def.format !== 'regex' || !(def.pattern instanceof RegExp) || def.pattern.global || def.pattern.sticky) {
    throw new Error(`report-fast-check: ${what} is no longer a plain z.string().regex(…); update core/contracts/report-fast-check.ts`);
  }
  return def.pattern;
}

function bound(value: number | null, what: string): number {
  if (value === null || !Number.isSafeInteger(value)) throw new Error(`report-fast-check: ${what} has no integer bound`);
  return value;
}

const REPORT_ID_PATTERN = onlyPatternOf(reportIdSchema, 'reportId');
const CAMPAIGN_PATTERN = onlyPatternOf(campaignSchema, 'campaign');
const APP_VERSION_PATTERN = onlyPatternOf(appSchema.shape.version, 'app.version');
const REGION_PATTERN = onlyPatternOf(profileSchema.shape.region.unwrap(), 'profile.region');
const PORTAL_ID_MAX_LENGTH = bound(portalIdSchema.maxLength, 'portal id length');
const COVERAGE_MAX = bound(weeklyReportSchema.shape.coverage.maxValue, 'coverage');
if (weeklyReportSchema.shape.coverage.minValue !== 0) throw new Error('report-fast-check: coverage no longer starts at 0');

// Local copies of what the inner loops read: under Vite's module transform (the dev server, vitest and so the
// benchmark) every read of an imported binding goes through a getter, which costs more than the check itself.
const COUNT_MAX = MAX_COUNT;
const MINUTES_MAX = MINUTES_PER_WEEK;
const DAYS_MAX = DAYS_PER_WEEK;
const PORTAL_ID = PORTAL_ID_PATTERN;
const WEEK = WEEK_EXACT;
const SCHEMA_ID = REPORT_SCHEMA_ID;
const NOTICE = REPORT_NOTICE;
const REPORTS_MAX = MAX_REPORTS_PER_FILE;
const PORTALS_MAX = MAX_PORTALS_PER_REPORT;
const PAIRS_MAX = MAX_PAIRS_PER_REPORT;
const CATEGORIES_MAX = ENTRY_CATEGORIES.length;
const TAGS_MAX = PAGE_TAGS_IN_REPORT.length;

// ---------- keys ----------

/** The keys of one strict object, in the order of its zod shape (the order zod returns them, so an export's). */
interface Keys {
  order: readonly string[];
  index: ReadonlyMap<string, number>;
}

function keys(...order: string[]): Keys {
  return { order, index: new Map(order.map((k, i) => [k, i])) };
}

const KEYS = {
  file: keys('schema', 'notice', 'reports'),
  report: keys('reportId', 'week', 'campaign', 'app', 'profile', 'coverage', 'totals', 'portals', 'pairs', 'categories', 'tags'),
  app: keys('version', 'schema'),
  profile: keys('level', 'region', 'domain'),
  totals: keys(
    'activeMinutes',
    'offHoursMinutes',
    'waitMinutes',
    'daysActive',
    'portalsUsed',
    'logins',
    'relogins',
    'captchas',
    'accounts',
    'loginOnlyVisits',
    'submissions',
    'failedSubmissions',
    'entries',
    'sameFieldRepeats',
    'crossPortalRepeats',
    'retypedChars',
    'repeatTypingMinutes',
    'transfers',
    'duplicateFilings',
    'uploads',
    'repeatedUploads',
    'nearRepeatUploads',
    'photoUploads',
    'screenshotUploads',
  ),
  portal: keys(
    'portal',
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
  ),
  pair: keys('a', 'b', 'crossPortalRepeats', 'duplicateFilings', 'transfers', 'repeatedUploads'),
  category: keys('category', 'entries', 'sameFieldRepeats', 'crossPortalRepeats', 'portals'),
  tag: keys('tag', 'visits', 'activeMinutes'),
} as const;

type Obj = Record<string, unknown>;

/** zod's object test: arrays, null and primitives are not objects; any other object is. */
function isObject(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Every key `for…in` yields (own and inherited enumerable, as zod's strict check iterates) is one of `keys`.
 * Keys in the usual order cost one comparison each; a key out of that order is looked up.
 */
function onlyKeys(o: Obj, { order, index }: Keys): boolean {
  let next = 0;
  for (const key in o) {
    if (key === order[next]) {
      next++;
      continue;
    }
    const at = index.get(key);
    if (at === undefined) return false;
    next = at + 1;
  }
  return true;
}

// ---------- values ----------

/** `z.int().min(0).max(max)`: a finite, safe integer in 0..max (-0 included, as zod). */
function isIntUpTo(value: unknown, max: number): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= max;
}

function isCount(value: unknown): boolean {
  return isIntUpTo(value, COUNT_MAX);
}

function isMinutes(value: unknown): boolean {
  return isIntUpTo(value, MINUTES_MAX);
}

function isDays(value: unknown): boolean {
  return isIntUpTo(value, DAYS_MAX);
}

function matches(value: unknown, pattern: RegExp): boolean {
  return typeof value === 'string' && pattern.test(value);
}

/**
 * zod measures `.max()` in code points, this in UTF-16 units; they agree on every string the pattern accepts (ASCII
 * only), and a string the pattern refuses is refused either way.
 */
function isPortalId(value: unknown): boolean {
  return typeof value === 'string' && value.length <= PORTAL_ID_MAX_LENGTH && PORTAL_ID.test(value);
}

const LEVEL_SET: ReadonlySet<unknown> = new Set(LEVELS);
const DOMAIN_SET: ReadonlySet<unknown> = new Set(WORK_DOMAINS);
const CATEGORY_SET: ReadonlySet<unknown> = new Set(ENTRY_CATEGORIES);
const TAG_SET: ReadonlySet<unknown> = new Set(PAGE_TAGS_IN_REPORT);

// ---------- objects (each mirrors one zod object schema of report-schema.ts; written out field by field so that
// V8 reads each field at a known offset, which a loop over a key list would not allow) ----------

function isApp(v: unknown): boolean {
  return isObject(v) && onlyKeys(v, KEYS.app) && matches(v.version, APP_VERSION_PATTERN) && v.schema === SCHEMA_ID;
}

/** Optional fields accept `undefined`, present or not, as zod's `.optional()`. */
function isProfile(v: unknown): boolean {
  return (
    isObject(v) &&
    onlyKeys(v, KEYS.profile) &&
    (v.level === undefined || LEVEL_SET.has(v.level)) &&
    (v.region === undefined || matches(v.region, REGION_PATTERN)) &&
    (v.domain === undefined || DOMAIN_SET.has(v.domain))
  );
}

function isTotals(t: unknown): t is ReportTotals {
  return (
    isObject(t) &&
    onlyKeys(t, KEYS.totals) &&
    isMinutes(t.activeMinutes) &&
    isMinutes(t.offHoursMinutes) &&
    isMinutes(t.waitMinutes) &&
    isDays(t.daysActive) &&
    isCount(t.portalsUsed) &&
    isCount(t.logins) &&
    isCount(t.relogins) &&
    isCount(t.captchas) &&
    isCount(t.accounts) &&
    isCount(t.loginOnlyVisits) &&
    isCount(t.submissions) &&
    isCount(t.failedSubmissions) &&
    isCount(t.entries) &&
    isCount(t.sameFieldRepeats) &&
    isCount(t.crossPortalRepeats) &&
    isCount(t.retypedChars) &&
    isMinutes(t.repeatTypingMinutes) &&
    isCount(t.transfers) &&
    isCount(t.duplicateFilings) &&
    isCount(t.uploads) &&
    isCount(t.repeatedUploads) &&
    isCount(t.nearRepeatUploads) &&
    isCount(t.photoUploads) &&
    isCount(t.screenshotUploads)
  );
}

function isPortal(q: unknown): boolean {
  return (
    isObject(q) &&
    onlyKeys(q, KEYS.portal) &&
    isPortalId(q.portal) &&
    isMinutes(q.activeMinutes) &&
    isMinutes(q.waitMinutes) &&
    isDays(q.daysActive) &&
    isCount(q.logins) &&
    isCount(q.relogins) &&
    isCount(q.captchas) &&
    isCount(q.loginOnlyVisits) &&
    isCount(q.submissions) &&
    isCount(q.failedSubmissions) &&
    isCount(q.entries) &&
    isCount(q.sameFieldRepeats) &&
    isCount(q.crossPortalRepeats) &&
    isCount(q.uploads) &&
    isCount(q.repeatedUploads) &&
    isCount(q.photoUploads) &&
    isCount(q.screenshotUploads)
  );
}

function isPair(q: unknown): boolean {
  return (
    isObject(q) &&
    onlyKeys(q, KEYS.pair) &&
    isPortalId(q.a) &&
    isPortalId(q.b) &&
    isCount(q.crossPortalRepeats) &&
    isCount(q.duplicateFilings) &&
    isCount(q.transfers) &&
    isCount(q.repeatedUploads)
  );
}

function isCategory(q: unknown): boolean {
  return (
    isObject(q) &&
    onlyKeys(q, KEYS.category) &&
    CATEGORY_SET.has(q.category) &&
    isCount(q.entries) &&
    isCount(q.sameFieldRepeats) &&
    isCount(q.crossPortalRepeats) &&
    isCount(q.portals)
  );
}

function isTag(q: unknown): boolean {
  return isObject(q) && onlyKeys(q, KEYS.tag) && TAG_SET.has(q.tag) && isCount(q.visits) && isMinutes(q.activeMinutes);
}

/** The per-object part of a weekly report (zod's `weeklyReportObject`, before its superRefine). */
function hasReportShape(r: unknown): r is WeeklyReport {
  if (!isObject(r) || !onlyKeys(r, KEYS.report)) return false;
  if (!matches(r.reportId, REPORT_ID_PATTERN)) return false;
  // WEEK_EXACT is the week pattern with W53 spelled out for the years that have one: zod's regex + superRefine.
  if (!matches(r.week, WEEK)) return false;
  if (r.campaign !== undefined && !matches(r.campaign, CAMPAIGN_PATTERN)) return false;
  if (!isApp(r.app) || (r.profile !== undefined && !isProfile(r.profile))) return false;
  if (!isIntUpTo(r.coverage, COVERAGE_MAX) || !isTotals(r.totals)) return false;

  const { portals, pairs, categories, tags } = r;
  if (!Array.isArray(portals) || portals.length > PORTALS_MAX) return false;
  for (let i = 0; i < portals.length; i++) if (!isPortal(portals[i])) return false;
  if (!Array.isArray(pairs) || pairs.length > PAIRS_MAX) return false;
  for (let i = 0; i < pairs.length; i++) if (!isPair(pairs[i])) return false;
  if (!Array.isArray(categories) || categories.length > CATEGORIES_MAX) return false;
  for (let i = 0; i < categories.length; i++) if (!isCategory(categories[i])) return false;
  if (!Array.isArray(tags) || tags.length > TAGS_MAX) return false;
  for (let i = 0; i < tags.length; i++) if (!isTag(tags[i])) return false;
  return true;
}

// ---------- the cross-field rules (report-schema.ts: checkTotals … checkTags), on a report of the right shape ----------

/** Above this many items a Set is cheaper than comparing every two. */
const PAIRWISE_LIMIT = 16;

const portalOf = (q: ReportPortal) => q.portal;
// The key report-schema.ts uses; portal ids cannot hold a line feed, so it names one pair.
const pairKeyOf = (q: ReportPair) => `${q.a}\n${q.b}`;
const categoryOf = (q: ReportCategory) => q.category;
const tagOf = (q: ReportTag) => q.tag;
const reportIdOf = (r: WeeklyReport) => r.reportId;

/** Two items share `key`: every two compared for short lists (no allocation), a Set for long ones. */
function hasDuplicate<T>(items: readonly T[], key: (item: T) => string): boolean {
  const n = items.length;
  if (n <= PAIRWISE_LIMIT) {
    for (let i = 1; i < n; i++) {
      const k = key(items[i]!);
      for (let j = 0; j < i; j++) if (key(items[j]!) === k) return true;
    }
    return false;
  }
  const seen = new Set<string>();
  for (let i = 0; i < n; i++) {
    const k = key(items[i]!);
    if (seen.has(k)) return true;
    seen.add(k);
  }
  return false;
}

/*
 * "Each count <= the field of the same name in totals", for the fields report-schema.ts lists in
 * PORTAL_FIELDS_BOUNDED_BY_TOTALS, PAIR_FIELDS_BOUNDED_BY_TOTALS and CATEGORY_FIELDS_BOUNDED_BY_TOTALS. Written out
 * because a loop over a list of keys reads `q[k]` with a different key each time, which V8 cannot specialise,
 * and these run for every portal of every report; the drift test proves each is exactly its list.
 */
function portalWithinTotals(q: ReportPortal, t: ReportTotals): boolean {
  return (
    q.activeMinutes <= t.activeMinutes &&
    q.waitMinutes <= t.waitMinutes &&
    q.daysActive <= t.daysActive &&
    q.logins <= t.logins &&
    q.relogins <= t.relogins &&
    q.captchas <= t.captchas &&
    q.loginOnlyVisits <= t.loginOnlyVisits &&
    q.submissions <= t.submissions &&
    q.failedSubmissions <= t.failedSubmissions &&
    q.entries <= t.entries &&
    q.sameFieldRepeats <= t.sameFieldRepeats &&
    q.crossPortalRepeats <= t.crossPortalRepeats &&
    q.uploads <= t.uploads &&
    q.repeatedUploads <= t.repeatedUploads &&
    q.photoUploads <= t.photoUploads &&
    q.screenshotUploads <= t.screenshotUploads
  );
}

function pairWithinTotals(q: ReportPair, t: ReportTotals): boolean {
  return (
    q.crossPortalRepeats <= t.crossPortalRepeats &&
    q.duplicateFilings <= t.duplicateFilings &&
    q.transfers <= t.transfers &&
    q.repeatedUploads <= t.repeatedUploads
  );
}

function categoryWithinTotals(q: ReportCategory, t: ReportTotals): boolean {
  return q.entries <= t.entries && q.sameFieldRepeats <= t.sameFieldRepeats && q.crossPortalRepeats <= t.crossPortalRepeats;
}

function totalsHold(t: ReportTotals): boolean {
  return (
    t.offHoursMinutes <= t.activeMinutes &&
    t.sameFieldRepeats + t.crossPortalRepeats <= t.entries &&
    t.repeatedUploads + t.nearRepeatUploads <= t.uploads &&
    t.photoUploads + t.screenshotUploads <= t.uploads &&
    t.failedSubmissions <= t.submissions &&
    t.duplicateFilings <= t.submissions &&
    t.relogins <= t.logins &&
    t.captchas <= t.logins &&
    t.accounts <= t.logins &&
    t.loginOnlyVisits <= t.logins
  );
}

function portalsHold(portals: readonly ReportPortal[], t: ReportTotals): boolean {
  for (let i = 0; i < portals.length; i++) {
    const q = portals[i]!;
    if (
      !(
        q.sameFieldRepeats + q.crossPortalRepeats <= q.entries &&
        q.repeatedUploads <= q.uploads &&
        q.photoUploads + q.screenshotUploads <= q.uploads &&
        q.failedSubmissions <= q.submissions &&
        q.relogins <= q.logins &&
        q.captchas <= q.logins &&
        q.loginOnlyVisits <= q.logins
      )
    ) {
      return false;
    }
    if (!portalWithinTotals(q, t)) return false;
  }
  return !hasDuplicate(portals, portalOf);
}

function pairsHold(pairs: readonly ReportPair[], t: ReportTotals): boolean {
  for (let i = 0; i < pairs.length; i++) {
    const q = pairs[i]!;
    // a < b also rules out a === b and a reversed duplicate; what is left is the same (a, b) twice.
    if (!(q.a < q.b)) return false;
    if (!pairWithinTotals(q, t)) return false;
  }
  if (pairs.length > PAIRWISE_LIMIT) return !hasDuplicate(pairs, pairKeyOf);
  // Short list: compare (a, b) directly rather than build the keys.
  for (let i = 1; i < pairs.length; i++) {
    const q = pairs[i]!;
    for (let j = 0; j < i; j++) if (pairs[j]!.a === q.a && pairs[j]!.b === q.b) return false;
  }
  return true;
}

function categoriesHold(categories: readonly ReportCategory[], t: ReportTotals): boolean {
  for (let i = 0; i < categories.length; i++) {
    const q = categories[i]!;
    if (!(q.sameFieldRepeats + q.crossPortalRepeats <= q.entries && q.portals <= q.entries && q.portals <= t.portalsUsed)) return false;
    if (!categoryWithinTotals(q, t)) return false;
  }
  return !hasDuplicate(categories, categoryOf);
}

function tagsHold(tags: readonly ReportTag[], t: ReportTotals): boolean {
  for (let i = 0; i < tags.length; i++) if (tags[i]!.activeMinutes > t.activeMinutes) return false;
  return !hasDuplicate(tags, tagOf);
}

function reportHolds(r: WeeklyReport): boolean {
  const t = r.totals;
  return totalsHold(t) && portalsHold(r.portals, t) && pairsHold(r.pairs, t) && categoriesHold(r.categories, t) && tagsHold(r.tags, t);
}

// ---------- the file ----------

/**
 * `parseReportFile(json).success`, without zod: true exactly when zod would accept the file. Never throws on
 * JSON input; allocates only for long lists (more than 16 portals, pairs or reports in a file).
 */
export function fastCheckReportFile(json: unknown): boolean {
  if (!isObject(json) || !onlyKeys(json, KEYS.file)) return false;
  if (json.schema !== SCHEMA_ID || json.notice !== NOTICE) return false;
  const reports = json.reports;
  if (!Array.isArray(reports) || reports.length < 1 || reports.length > REPORTS_MAX) return false;
  for (let i = 0; i < reports.length; i++) {
    const r: unknown = reports[i];
    if (!hasReportShape(r) || !reportHolds(r)) return false;
  }
  return !hasDuplicate(reports as WeeklyReport[], reportIdOf);
}

/** The parts of the check, for the drift tests (tests/unit/core/contracts/report-fast-check.test.ts) only. */
export const FAST_CHECK_INTERNALS = {
  keys: KEYS,
  objects: { app: isApp, profile: isProfile, totals: isTotals, portal: isPortal, pair: isPair, category: isCategory, tag: isTag },
  withinTotals: { portal: portalWithinTotals, pair: pairWithinTotals, category: categoryWithinTotals },
};
