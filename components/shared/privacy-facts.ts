/**
 * What is recorded and what never is, as locale keys. The welcome page and the privacy panel both render
 * from here so the promise is written once. Each line matches a rule in DESIGN.md §3 and a canary test.
 */
export const RECORDED = [
  'privacy_recorded_time',
  'privacy_recorded_waiting',
  'privacy_recorded_logins',
  'privacy_recorded_entries',
  'privacy_recorded_uploads',
] as const;

export const NEVER_RECORDED = [
  'privacy_never_values',
  'privacy_never_files',
  'privacy_never_urls',
  'privacy_never_other_sites',
  'privacy_never_sent',
] as const;

/**
 * What each database table keeps, for the privacy panel, and its name in plain words (`nameKey`: the panel and the
 * export buttons never show a table name such as `tagDaily`). Keyed by the table names of storage/db/schema.ts: a test
 * fails when a table is added without saying here what it holds, so the panel cannot fall behind the code.
 */
export const TABLE_FACTS: Record<string, { key: string; nameKey: string; retention: 'dailyMonths' | 'gapDays' | 'visitDays' | 'fingerprintDays' | 'keys' }> = {
  visits: { key: 'privacy_table_visits', nameKey: 'privacy_name_visits', retention: 'visitDays' },
  daily: { key: 'privacy_table_daily', nameKey: 'privacy_name_daily', retention: 'dailyMonths' },
  gaps: { key: 'privacy_table_gaps', nameKey: 'privacy_name_gaps', retention: 'gapDays' },
  entries: { key: 'privacy_table_entries', nameKey: 'privacy_name_entries', retention: 'fingerprintDays' },
  submissions: { key: 'privacy_table_submissions', nameKey: 'privacy_name_submissions', retention: 'fingerprintDays' },
  stays: { key: 'privacy_table_stays', nameKey: 'privacy_name_stays', retention: 'visitDays' },
  tagDaily: { key: 'privacy_table_tagDaily', nameKey: 'privacy_name_tagDaily', retention: 'dailyMonths' },
  uploads: { key: 'privacy_table_uploads', nameKey: 'privacy_name_uploads', retention: 'fingerprintDays' },
  meta: { key: 'privacy_table_meta', nameKey: 'privacy_name_meta', retention: 'keys' },
};
