/**
 * Writes core/contracts/report-fast-check.ts, the fast yes/no check of a report file, from the tables of
 * report-rules.ts and the zod shapes of report-schema.ts (issue 13): the key lists, the field-by-field object
 * checks and every cross-field rule are generated, the machinery around them (strict keys, patterns read off
 * zod, duplicate search) is the fixed text below. The output is checked in; tests/unit/core/contracts/
 * report-fast-check-source.test.ts fails when it is stale and rewrites it with UPDATE_FAST_CHECK=1.
 *
 * Why generate rather than interpret the table at run time: a loop over a key list reads `q[k]` with a different
 * key each time, which V8 cannot specialise, and these checks run for every portal of every report (office import
 * of 100k reports). Written-out property reads keep the import at about 2× JSON.parse.
 */
import { AT_MOST_RULES, type AtMostRule, REPORT_FIELDS, REPORT_LISTS, type RuleScope, UNIQUE_RULES } from './report-rules';
import { appSchema, profileSchema, reportFileSchema, reportCategorySchema, reportPairSchema, reportPortalSchema, reportTagSchema, reportTotalsSchema, weeklyReportSchema } from './report-schema';

export const REPORT_FAST_CHECK_FILE = 'core/contracts/report-fast-check.ts';

const SHAPES = {
  file: reportFileSchema.shape,
  report: weeklyReportSchema.shape,
  app: appSchema.shape,
  profile: profileSchema.shape,
  totals: reportTotalsSchema.shape,
  portal: reportPortalSchema.shape,
  pair: reportPairSchema.shape,
  category: reportCategorySchema.shape,
  tag: reportTagSchema.shape,
};

const TYPE_OF_SCOPE: Record<RuleScope, string> = { totals: 'ReportTotals', portal: 'ReportPortal', pair: 'ReportPair', category: 'ReportCategory', tag: 'ReportTag' };
const CHECK_OF_KIND = { count: 'isCount', minutes: 'isMinutes', days: 'isDays' } as const;
/** The one non-numeric field of each list item and how it is checked. */
const KEY_CHECKS: Record<string, (v: string) => string> = {
  portal: (v) => `isPortalId(${v})`,
  a: (v) => `isPortalId(${v})`,
  b: (v) => `isPortalId(${v})`,
  category: (v) => `CATEGORY_SET.has(${v})`,
  tag: (v) => `TAG_SET.has(${v})`,
};
const cap = (s: string) => s[0]!.toUpperCase() + s.slice(1);

function keysBlock(): string {
  const rows = Object.entries(SHAPES).map(([name, shape]) => `  ${name}: keys(${Object.keys(shape).map((k) => `'${k}'`).join(', ')}),`);
  return ['const KEYS = {', ...rows, '} as const;', ''].join('\n');
}

function objectCheck(scope: RuleScope): string {
  const v = scope === 'totals' ? 't' : 'q';
  const numbers = REPORT_FIELDS[scope] as Record<string, keyof typeof CHECK_OF_KIND>;
  const terms = [`isObject(${v})`, `onlyKeys(${v}, KEYS.${scope})`];
  for (const key of Object.keys(SHAPES[scope])) {
    const kind = numbers[key];
    terms.push(kind ? `${CHECK_OF_KIND[kind]}(${v}.${key})` : KEY_CHECKS[key]!(`${v}.${key}`));
  }
  const guard = scope === 'totals' ? `: ${v} is ReportTotals` : ': boolean';
  return [`function is${cap(scope)}(${v}: unknown)${guard} {`, `  return (`, `    ${terms.join(' &&\n    ')}`, `  );`, `}`, ''].join('\n');
}

function condition(rule: AtMostRule, v: string): string {
  const right = rule.ofTotals ? `t.${rule.right}` : `${v}.${rule.right}`;
  return `${rule.left.map((k) => `${v}.${k}`).join(' + ')} <= ${right}`;
}

function rulesOf(scope: RuleScope, v: string): string[] {
  return AT_MOST_RULES.filter((r) => r.scope === scope).map((r) => condition(r, v));
}

function crossBlock(): string {
  const out: string[] = [];
  out.push(`function totalsHold(t: ReportTotals): boolean {`, `  return (`, `    ${rulesOf('totals', 't').join(' &&\n    ')}`, `  );`, `}`, '');
  for (const unique of UNIQUE_RULES) {
    const scope = REPORT_LISTS[unique.list];
    const type = TYPE_OF_SCOPE[scope];
    const conds = rulesOf(scope, 'q');
    if (unique.list === 'pairs') conds.unshift('q.a < q.b');
    out.push(`function ${unique.list}Hold(${unique.list}: readonly ${type}[], t: ReportTotals): boolean {`);
    out.push(`  for (let i = 0; i < ${unique.list}.length; i++) {`, `    const q = ${unique.list}[i]!;`);
    out.push(`    if (!(`, `      ${conds.join(' &&\n      ')}`, `    )) {`, `      return false;`, `    }`, `  }`);
    if (unique.key.length === 1) {
      out.push(`  return !hasDuplicate(${unique.list}, (q: ${type}) => q.${unique.key[0]});`);
    } else {
      const same = unique.key.map((k) => `${unique.list}[j]!.${k} === q.${k}`).join(' && ');
      // Short lists compare the keys directly; long ones build one string key per item (ids hold no line feed).
      out.push(`  if (${unique.list}.length > PAIRWISE_LIMIT) return !hasDuplicate(${unique.list}, (q: ${type}) => ${unique.key.map((k) => `q.${k}`).join(" + '\\n' + ")});`);
      out.push(`  for (let i = 1; i < ${unique.list}.length; i++) {`, `    const q = ${unique.list}[i]!;`, `    for (let j = 0; j < i; j++) if (${same}) return false;`, `  }`, `  return true;`);
    }
    out.push(`}`, '');
  }
  const calls = ['totalsHold(t)', ...UNIQUE_RULES.map((u) => `${u.list}Hold(r.${u.list}, t)`)];
  out.push(`function reportHolds(r: WeeklyReport): boolean {`, `  const t = r.totals;`, `  return ${calls.join(' && ')};`, `}`, '');
  return out.join('\n');
}

const HEADER = `/*
 * GENERATED by core/contracts/report-fast-check-source.ts from the tables of core/contracts/report-rules.ts and
 * the zod shapes of core/contracts/report-schema.ts: do not edit. Regenerate with
 * UPDATE_FAST_CHECK=1 npx vitest run tests/unit/core/contracts/report-fast-check-source.test.ts
 *
 * A fast yes/no check of a \`burden-report/1\` file, for the office import of up to 100k reports (issue #8). It
 * gives exactly the verdict of \`reportFileSchema\`, which stays the only source of explanations: when this check
 * says no, the importer asks zod why. It allocates nothing on the common path and never copies the input.
 * tests/unit/core/contracts/report-fast-check.test.ts holds it to zod's verdict on fixtures and random mutations.
 */
`;

const STATIC = `import {
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
 * The one regex of a \`z.string().regex(…)\` schema. Throws (at load, so every test importing this module fails)
 * if the schema has any other check, which this module would otherwise silently skip.
 */
function onlyPatternOf(schema: StringSchemaLike, what: string): RegExp {
  const checks = schema.def.checks ?? [];
  const def = checks.length === 1 ? (checks[0]!._zod.def as { check?: unknown; format?: unknown; pattern?: unknown }) : undefined;
  if (!def || def.check !== 'string_format' || def.format !== 'regex' || !(def.pattern instanceof RegExp) || def.pattern.global || def.pattern.sticky) {
    throw new Error(\`report-fast-check: \${what} is no longer a plain z.string().regex(…); update core/contracts/report-fast-check.ts\`);
  }
  return def.pattern;
}

function bound(value: number | null, what: string): number {
  if (value === null || !Number.isSafeInteger(value)) throw new Error(\`report-fast-check: \${what} has no integer bound\`);
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

__KEYS__
type Obj = Record<string, unknown>;

/** zod's object test: arrays, null and primitives are not objects; any other object is. */
function isObject(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Every key \`for…in\` yields (own and inherited enumerable, as zod's strict check iterates) is one of \`keys\`.
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

/** \`z.int().min(0).max(max)\`: a finite, safe integer in 0..max (-0 included, as zod). */
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
 * zod measures \`.max()\` in code points, this in UTF-16 units; they agree on every string the pattern accepts (ASCII
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

/** Optional fields accept \`undefined\`, present or not, as zod's \`.optional()\`. */
function isProfile(v: unknown): boolean {
  return (
    isObject(v) &&
    onlyKeys(v, KEYS.profile) &&
    (v.level === undefined || LEVEL_SET.has(v.level)) &&
    (v.region === undefined || matches(v.region, REGION_PATTERN)) &&
    (v.domain === undefined || DOMAIN_SET.has(v.domain))
  );
}

__OBJECTS__
/** The per-object part of a weekly report (zod's \`weeklyReportObject\`, before its superRefine). */
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

// ---------- the cross-field rules (generated from report-rules.ts), on a report of the right shape ----------

/** Above this many items a Set is cheaper than comparing every two. */
const PAIRWISE_LIMIT = 16;

/** Two items share \`key\`: every two compared for short lists (no allocation), a Set for long ones. */
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

__CROSS__
// ---------- the file ----------

/**
 * \`parseReportFile(json).success\`, without zod: true exactly when zod would accept the file. Never throws on
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
  return !hasDuplicate(reports as WeeklyReport[], (r: WeeklyReport) => r.reportId);
}
`;

/** The exact text of the checked-in core/contracts/report-fast-check.ts. */
export function renderFastCheck(): string {
  const objects = (Object.keys(REPORT_FIELDS) as RuleScope[]).map(objectCheck).join('\n');
  return HEADER + STATIC.replace('__KEYS__', keysBlock()).replace('__OBJECTS__', objects).replace('__CROSS__', crossBlock());
}
