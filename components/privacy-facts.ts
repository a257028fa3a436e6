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
