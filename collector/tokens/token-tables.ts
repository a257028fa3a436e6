/**
 * The token tables (issue #17), one migration appended after the collector's own. What each keeps, and why it is
 * enough:
 * - token_week_keys: one RSA-2048 key per ISO week. The private half never leaves the collector's database.
 * - enrollment_codes: a SHA-256 of each code and its campaign. The code itself is printed once and not kept.
 * - token_draws: that a code has drawn its token for a week: (code hash, week), no time, no blinded message, no
 *   signature. That is the whole "at most one token per code per week" rule.
 * - spent_tokens: a hash of each spent token's message, its week and the reportId it paid for (so a re-send of
 *   that cadre-week replaces rather than adds). Nothing here names a code: the issuer signed the token blind.
 */
export const TOKEN_TABLES_SQL = `
CREATE TABLE IF NOT EXISTS token_week_keys (
  week text PRIMARY KEY,
  key_id text NOT NULL UNIQUE,
  spki text NOT NULL,
  private_pkcs8 text NOT NULL
);
CREATE TABLE IF NOT EXISTS enrollment_codes (
  code_hash text PRIMARY KEY,
  campaign text NOT NULL
);
CREATE TABLE IF NOT EXISTS token_draws (
  code_hash text NOT NULL REFERENCES enrollment_codes (code_hash) ON DELETE CASCADE,
  week text NOT NULL,
  PRIMARY KEY (code_hash, week)
);
CREATE TABLE IF NOT EXISTS spent_tokens (
  token_hash text PRIMARY KEY,
  week text NOT NULL,
  report_id text NOT NULL
);
`;

export const TOKEN_TABLES = ['token_week_keys', 'enrollment_codes', 'token_draws', 'spent_tokens'] as const;
