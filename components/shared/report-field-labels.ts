import type { ReportTotals } from '../../core/contracts/report-schema';

/**
 * Plain words for every figure a weekly report carries (totals; the per-portal, pair, category and tag figures
 * reuse these names), so the preview and the privacy panel never show a field name such as `crossPortalRepeats`.
 * Typed by the schema: a new report field fails `tsc` until it has its words.
 */
export const REPORT_FIELD_KEYS: Record<keyof ReportTotals | 'portals' | 'visits', string> = {
  activeMinutes: 'field_activeMinutes',
  offHoursMinutes: 'field_offHoursMinutes',
  waitMinutes: 'field_waitMinutes',
  daysActive: 'field_daysActive',
  portalsUsed: 'field_portalsUsed',
  logins: 'field_logins',
  relogins: 'field_relogins',
  captchas: 'field_captchas',
  accounts: 'field_accounts',
  loginOnlyVisits: 'field_loginOnlyVisits',
  submissions: 'field_submissions',
  failedSubmissions: 'field_failedSubmissions',
  entries: 'field_entries',
  sameFieldRepeats: 'field_sameFieldRepeats',
  crossPortalRepeats: 'field_crossPortalRepeats',
  retypedChars: 'field_retypedChars',
  repeatTypingMinutes: 'field_repeatTypingMinutes',
  transfers: 'field_transfers',
  duplicateFilings: 'field_duplicateFilings',
  uploads: 'field_uploads',
  repeatedUploads: 'field_repeatedUploads',
  nearRepeatUploads: 'field_nearRepeatUploads',
  photoUploads: 'field_photoUploads',
  screenshotUploads: 'field_screenshotUploads',
  portals: 'field_portals',
  visits: 'field_visits',
};
