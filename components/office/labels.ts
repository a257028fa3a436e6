/**
 * Locale keys of the office page for values that come from fixed lists (reject reasons, issue codes, levels,
 * categories, tags, figure names). Listed as data so that tests/unit/components/office/labels.test.ts can check that every
 * one exists in both catalogs; the page translates them with t(KEY_MAP[value]).
 */
import type { RejectReason } from '../../core/office/import';
import { UNSPECIFIED, type LevelKey } from '../../core/office/figures';
import type { EntryCategory, PageTagInReport, ReportRuleCode } from '../../core/contracts/report-schema';

export const REASON_KEYS: Record<RejectReason | 'unreadable', string> = {
  empty: 'office_reason_empty',
  'too-large': 'office_reason_too_large',
  'bad-json': 'office_reason_bad_json',
  'wrong-schema': 'office_reason_wrong_schema',
  invalid: 'office_reason_invalid',
  implausible: 'office_reason_implausible',
  unreadable: 'office_reason_unreadable',
};

/** Zod's issue codes and the schema's cross-field rules, as describeIssues reports them. */
export const ISSUE_KEYS: Record<ReportRuleCode | 'unrecognized_key' | ZodIssueCode, string> = {
  unrecognized_key: 'office_issue_unrecognized_key',
  invalid_type: 'office_issue_invalid_type',
  too_big: 'office_issue_too_big',
  too_small: 'office_issue_too_small',
  invalid_format: 'office_issue_invalid_format',
  invalid_value: 'office_issue_invalid_value',
  invalid_union: 'office_issue_invalid_value',
  invalid_key: 'office_issue_invalid_value',
  invalid_element: 'office_issue_invalid_value',
  not_multiple_of: 'office_issue_invalid_value',
  custom: 'office_issue_other',
  week_not_in_year: 'office_issue_week_not_in_year',
  off_hours_exceed_active: 'office_issue_off_hours_exceed_active',
  repeats_exceed_entries: 'office_issue_repeats_exceed_entries',
  repeated_uploads_exceed_uploads: 'office_issue_repeated_uploads_exceed_uploads',
  upload_kinds_exceed_uploads: 'office_issue_upload_kinds_exceed_uploads',
  failures_exceed_submissions: 'office_issue_failures_exceed_submissions',
  duplicate_filings_exceed_submissions: 'office_issue_duplicate_filings_exceed_submissions',
  exceeds_logins: 'office_issue_exceeds_logins',
  exceeds_total: 'office_issue_exceeds_total',
  category_portals_exceed_entries: 'office_issue_category_portals_exceed_entries',
  pair_order: 'office_issue_pair_order',
  duplicate_portal: 'office_issue_duplicate_entry',
  duplicate_pair: 'office_issue_duplicate_entry',
  duplicate_category: 'office_issue_duplicate_entry',
  duplicate_tag: 'office_issue_duplicate_entry',
  duplicate_report_id: 'office_issue_duplicate_report_id',
};
type ZodIssueCode =
  | 'invalid_type'
  | 'too_big'
  | 'too_small'
  | 'invalid_format'
  | 'invalid_value'
  | 'invalid_union'
  | 'invalid_key'
  | 'invalid_element'
  | 'not_multiple_of'
  | 'custom';

export function issueKey(code: string): string {
  return (ISSUE_KEYS as Record<string, string>)[code] ?? 'office_issue_other';
}

export const LEVEL_KEYS: Record<LevelKey, string> = {
  village: 'office_level_village',
  community: 'office_level_community',
  township: 'office_level_township',
  street: 'office_level_street',
  county: 'office_level_county',
  other: 'office_level_other',
  [UNSPECIFIED]: 'office_unspecified',
};

export const CATEGORY_KEYS: Record<EntryCategory, string> = {
  name: 'office_category_name',
  'id-number': 'office_category_id_number',
  phone: 'office_category_phone',
  address: 'office_category_address',
  date: 'office_category_date',
  number: 'office_category_number',
  'long-text': 'office_category_long_text',
  other: 'office_category_other',
};

export const TAG_KEYS: Record<PageTagInReport, string> = {
  'check-in': 'office_tag_check_in',
  ranking: 'office_tag_ranking',
  learning: 'office_tag_learning',
  'work-order': 'office_tag_work_order',
  login: 'office_tag_login',
};

/** Column headers, shared by the tables, the CSV files and the evidence sheet. */
export const FIGURE_KEYS = {
  people: 'office_col_people',
  cadreWeeks: 'office_col_cadre_weeks',
  activeMinutes: 'office_col_active_minutes',
  medianActiveMinutes: 'office_col_median_active_minutes',
  p90ActiveMinutes: 'office_col_p90_active_minutes',
  trimmedMeanActiveMinutes: 'office_col_trimmed_mean_active_minutes',
  offHoursMinutes: 'office_col_off_hours_minutes',
  waitMinutes: 'office_col_wait_minutes',
  medianWaitMinutes: 'office_col_median_wait_minutes',
  logins: 'office_col_logins',
  relogins: 'office_col_relogins',
  captchas: 'office_col_captchas',
  loginOnlyVisits: 'office_col_login_only_visits',
  loginOnlyShare: 'office_col_login_only_share',
  submissions: 'office_col_submissions',
  failedSubmissions: 'office_col_failed_submissions',
  failureRate: 'office_col_failure_rate',
  entries: 'office_col_entries',
  sameFieldRepeats: 'office_col_same_field_repeats',
  crossPortalRepeats: 'office_col_cross_portal_repeats',
  repeats: 'office_col_repeats',
  repeatShare: 'office_col_repeat_share',
  medianPortals: 'office_col_median_portals',
  transfers: 'office_col_transfers',
  duplicateFilings: 'office_col_duplicate_filings',
  duplicatedWork: 'office_col_duplicated_work',
  uploads: 'office_col_uploads',
  repeatedUploads: 'office_col_repeated_uploads',
  photoUploads: 'office_col_photo_uploads',
  screenshotUploads: 'office_col_screenshot_uploads',
  usageShare: 'office_col_usage_share',
  estimatedPersonHoursPerYear: 'office_col_estimated_hours',
  visits: 'office_col_visits',
} as const;
export type FigureKey = keyof typeof FIGURE_KEYS;

/** Names of report totals fields, for outlier reasons; a field not listed is shown by its schema name. */
export const TOTALS_FIELD_KEYS: Record<string, string> = {
  activeMinutes: FIGURE_KEYS.activeMinutes,
  offHoursMinutes: FIGURE_KEYS.offHoursMinutes,
  waitMinutes: FIGURE_KEYS.waitMinutes,
  logins: FIGURE_KEYS.logins,
  relogins: FIGURE_KEYS.relogins,
  captchas: FIGURE_KEYS.captchas,
  loginOnlyVisits: FIGURE_KEYS.loginOnlyVisits,
  submissions: FIGURE_KEYS.submissions,
  failedSubmissions: FIGURE_KEYS.failedSubmissions,
  entries: FIGURE_KEYS.entries,
  sameFieldRepeats: FIGURE_KEYS.sameFieldRepeats,
  crossPortalRepeats: FIGURE_KEYS.crossPortalRepeats,
  transfers: FIGURE_KEYS.transfers,
  duplicateFilings: FIGURE_KEYS.duplicateFilings,
  uploads: FIGURE_KEYS.uploads,
  repeatedUploads: FIGURE_KEYS.repeatedUploads,
  photoUploads: FIGURE_KEYS.photoUploads,
  screenshotUploads: FIGURE_KEYS.screenshotUploads,
};
