/**
 * The report's field lists and cross-field rules as data (issue 13): the one place they are written. From this
 * table come the zod objects and refinements (report-schema.ts), the rules listed in the published JSON Schema's
 * description (report-json-schema.ts) and the generated fast check (report-fast-check.generated.ts, written by
 * report-fast-check-source.ts). Adding a field or a rule here changes all three.
 */

/** How a number field is bounded: a count up to MAX_COUNT, minutes of one week, or days of one week. */
export type NumberKind = 'count' | 'minutes' | 'days';

/** The numeric fields of each object of a weekly report, in export order. Keys (portal, a/b, category, tag) are in report-schema.ts. */
export const REPORT_FIELDS = {
  totals: {
    activeMinutes: 'minutes',
    offHoursMinutes: 'minutes',
    waitMinutes: 'minutes',
    daysActive: 'days',
    portalsUsed: 'count',
    logins: 'count',
    relogins: 'count',
    captchas: 'count',
    accounts: 'count',
    loginOnlyVisits: 'count',
    submissions: 'count',
    failedSubmissions: 'count',
    entries: 'count',
    sameFieldRepeats: 'count',
    crossPortalRepeats: 'count',
    retypedChars: 'count',
    repeatTypingMinutes: 'minutes',
    transfers: 'count',
    duplicateFilings: 'count',
    uploads: 'count',
    repeatedUploads: 'count',
    nearRepeatUploads: 'count',
    photoUploads: 'count',
    screenshotUploads: 'count',
  },
  portal: {
    activeMinutes: 'minutes',
    waitMinutes: 'minutes',
    daysActive: 'days',
    logins: 'count',
    relogins: 'count',
    captchas: 'count',
    loginOnlyVisits: 'count',
    submissions: 'count',
    failedSubmissions: 'count',
    entries: 'count',
    sameFieldRepeats: 'count',
    crossPortalRepeats: 'count',
    uploads: 'count',
    repeatedUploads: 'count',
    photoUploads: 'count',
    screenshotUploads: 'count',
  },
  pair: { crossPortalRepeats: 'count', duplicateFilings: 'count', transfers: 'count', repeatedUploads: 'count' },
  category: { entries: 'count', sameFieldRepeats: 'count', crossPortalRepeats: 'count', portals: 'count' },
  tag: { visits: 'count', activeMinutes: 'minutes' },
} as const satisfies Record<string, Record<string, NumberKind>>;

export type RuleScope = keyof typeof REPORT_FIELDS;
export type FieldOf<S extends RuleScope> = keyof (typeof REPORT_FIELDS)[S] & string;
type TotalsField = FieldOf<'totals'>;

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
 * `sum(left) <= right` within one object of `scope`, or `<= totals[right]` when `ofTotals`. Reported at the
 * one left field, or at `right` when several are added up (where the cadre would look).
 */
export interface AtMostRule {
  scope: RuleScope;
  left: readonly string[];
  right: string;
  ofTotals?: true;
  code: ReportRuleCode;
}

/** Per-object rules, in the order their issues are reported. The `atMost` helper keeps each row short. */
function atMost<S extends RuleScope>(scope: S, left: readonly FieldOf<S>[], right: FieldOf<S>, code: ReportRuleCode): AtMostRule {
  return { scope, left, right, code };
}

/** Each of `fields` of an object of `scope` is at most the totals field of the same name. */
function withinTotals<S extends Exclude<RuleScope, 'totals'>>(scope: S, fields: readonly (FieldOf<S> & TotalsField)[]): AtMostRule[] {
  return fields.map((f) => ({ scope, left: [f], right: f, ofTotals: true as const, code: 'exceeds_total' as const }));
}

const LOGIN_PARTS_OF_PORTAL = ['relogins', 'captchas', 'loginOnlyVisits'] as const;

export const PORTAL_FIELDS_BOUNDED_BY_TOTALS = Object.keys(REPORT_FIELDS.portal) as (FieldOf<'portal'> & TotalsField)[];
export const PAIR_FIELDS_BOUNDED_BY_TOTALS = Object.keys(REPORT_FIELDS.pair) as (FieldOf<'pair'> & TotalsField)[];
export const CATEGORY_FIELDS_BOUNDED_BY_TOTALS = ['entries', 'sameFieldRepeats', 'crossPortalRepeats'] as const;

export const AT_MOST_RULES: readonly AtMostRule[] = [
  atMost('totals', ['offHoursMinutes'], 'activeMinutes', 'off_hours_exceed_active'),
  atMost('totals', ['sameFieldRepeats', 'crossPortalRepeats'], 'entries', 'repeats_exceed_entries'),
  atMost('totals', ['repeatedUploads', 'nearRepeatUploads'], 'uploads', 'repeated_uploads_exceed_uploads'),
  atMost('totals', ['photoUploads', 'screenshotUploads'], 'uploads', 'upload_kinds_exceed_uploads'),
  atMost('totals', ['failedSubmissions'], 'submissions', 'failures_exceed_submissions'),
  atMost('totals', ['duplicateFilings'], 'submissions', 'duplicate_filings_exceed_submissions'),
  ...(['relogins', 'captchas', 'accounts', 'loginOnlyVisits'] as const).map((k) => atMost('totals', [k], 'logins', 'exceeds_logins')),
  atMost('portal', ['sameFieldRepeats', 'crossPortalRepeats'], 'entries', 'repeats_exceed_entries'),
  atMost('portal', ['repeatedUploads'], 'uploads', 'repeated_uploads_exceed_uploads'),
  atMost('portal', ['photoUploads', 'screenshotUploads'], 'uploads', 'upload_kinds_exceed_uploads'),
  atMost('portal', ['failedSubmissions'], 'submissions', 'failures_exceed_submissions'),
  ...LOGIN_PARTS_OF_PORTAL.map((k) => atMost('portal', [k], 'logins', 'exceeds_logins')),
  ...withinTotals('portal', PORTAL_FIELDS_BOUNDED_BY_TOTALS),
  ...withinTotals('pair', PAIR_FIELDS_BOUNDED_BY_TOTALS),
  atMost('category', ['sameFieldRepeats', 'crossPortalRepeats'], 'entries', 'repeats_exceed_entries'),
  // Each portal counted here had at least one entry of the category, and was used.
  atMost('category', ['portals'], 'entries', 'category_portals_exceed_entries'),
  { scope: 'category', left: ['portals'], right: 'portalsUsed', ofTotals: true, code: 'exceeds_total' },
  ...withinTotals('category', CATEGORY_FIELDS_BOUNDED_BY_TOTALS),
  ...withinTotals('tag', ['activeMinutes']),
];

/** Lists whose items are unique by `key` (a report's portals, pairs, categories, tags; a file's reports). */
export const UNIQUE_RULES = [
  { list: 'portals', key: ['portal'], at: 'portal', code: 'duplicate_portal', what: 'portal' },
  { list: 'pairs', key: ['a', 'b'], at: null, code: 'duplicate_pair', what: 'pair' },
  { list: 'categories', key: ['category'], at: 'category', code: 'duplicate_category', what: 'category' },
  { list: 'tags', key: ['tag'], at: 'tag', code: 'duplicate_tag', what: 'tag' },
] as const satisfies readonly { list: string; key: readonly string[]; at: string | null; code: ReportRuleCode; what: string }[];

/** The lists of a weekly report and the scope of their items. */
export const REPORT_LISTS = { portals: 'portal', pairs: 'pair', categories: 'category', tags: 'tag' } as const satisfies Record<string, Exclude<RuleScope, 'totals'>>;

/** Where a rule is reported within its object. */
export function ruleField(rule: AtMostRule): string {
  return rule.left.length === 1 ? rule.left[0]! : rule.right;
}

/** English wording of a rule, shared by zod's issue message and the JSON Schema description. */
export function ruleText(rule: AtMostRule): string {
  return `${rule.left.join(' + ')} <= ${rule.ofTotals ? `totals.${rule.right}` : rule.right}`;
}

const WHERE: Record<RuleScope, string> = { totals: 'In totals', portal: 'In each of portals[]', pair: 'In each of pairs[]', category: 'In each of categories[]', tag: 'In each of tags[]' };

/**
 * The cross-field rules in words, for the published JSON Schema's description: what a collector written in
 * another language must check beyond the schema.
 */
export function describeCrossFieldRules(): string[] {
  const out = ['Within a file, no two reports share a reportId.'];
  for (const scope of Object.keys(WHERE) as RuleScope[]) {
    const rules = AT_MOST_RULES.filter((r) => r.scope === scope).map(ruleText);
    if (rules.length) out.push(`${WHERE[scope]}: ${rules.join('; ')}.`);
  }
  out.push(`${UNIQUE_RULES.map((u) => `${u.list}[] items are unique by ${u.key.join(' and ')}`).join('; ')}.`);
  out.push('In pairs[], a < b (code-unit order).');
  return out;
}
