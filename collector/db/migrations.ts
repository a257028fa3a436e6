import { WEEK_SUMMARIES_SQL } from '../aggregate/week-summary-tables';
import { TOKEN_TABLES_SQL } from '../tokens/token-tables';

/**
 * Versioned migrations, the same SQL for PGlite and PostgreSQL. Append only: a released version is never edited
 * (tests/collector/migrations.test.ts holds the columns to core's field lists).
 *
 * What is kept per weekly report is what the office tables add up, already clipped at core's contribution caps:
 * the report's week, profile level and region, and its counts. No arrival time but the ISO week, no address, no
 * header, no request log; the migration table itself has no timestamp either.
 */
export interface Migration {
  version: number;
  sql: string;
}

const POPULATION_COLUMNS = `
  active_minutes integer NOT NULL, off_hours_minutes integer NOT NULL, wait_minutes integer NOT NULL,
  logins integer NOT NULL, relogins integer NOT NULL, captchas integer NOT NULL, login_only_visits integer NOT NULL,
  submissions integer NOT NULL, failed_submissions integer NOT NULL, entries integer NOT NULL,
  same_field_repeats integer NOT NULL, cross_portal_repeats integer NOT NULL, transfers integer NOT NULL,
  duplicate_filings integer NOT NULL, uploads integer NOT NULL, repeated_uploads integer NOT NULL,
  photo_uploads integer NOT NULL, screenshot_uploads integer NOT NULL`;

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    sql: `
CREATE TABLE collector_secrets (name text PRIMARY KEY, value text NOT NULL);

CREATE TABLE reports (
  report_id text PRIMARY KEY,
  week text NOT NULL,
  received_week text NOT NULL,
  level text NOT NULL,
  province text NOT NULL,
  region text NOT NULL,
  -- Core's outlier reasons; a report with reasons is kept out of every figure.
  outlier jsonb,
  ${POPULATION_COLUMNS}
);
CREATE INDEX reports_week ON reports (week);

CREATE TABLE report_portals (
  report_id text NOT NULL REFERENCES reports (report_id) ON DELETE CASCADE,
  week text NOT NULL,
  portal text NOT NULL,
  active_minutes integer NOT NULL, wait_minutes integer NOT NULL, submissions integer NOT NULL,
  failed_submissions integer NOT NULL, logins integer NOT NULL, relogins integer NOT NULL, captchas integer NOT NULL,
  login_only_visits integer NOT NULL, entries integer NOT NULL, same_field_repeats integer NOT NULL,
  cross_portal_repeats integer NOT NULL, uploads integer NOT NULL, repeated_uploads integer NOT NULL,
  photo_uploads integer NOT NULL, screenshot_uploads integer NOT NULL,
  PRIMARY KEY (report_id, portal)
);

CREATE TABLE report_pairs (
  report_id text NOT NULL REFERENCES reports (report_id) ON DELETE CASCADE,
  week text NOT NULL,
  pair text NOT NULL,
  cross_portal_repeats integer NOT NULL, duplicate_filings integer NOT NULL, transfers integer NOT NULL,
  repeated_uploads integer NOT NULL,
  PRIMARY KEY (report_id, pair)
);

CREATE TABLE report_categories (
  report_id text NOT NULL REFERENCES reports (report_id) ON DELETE CASCADE,
  week text NOT NULL,
  category text NOT NULL,
  entries integer NOT NULL, same_field_repeats integer NOT NULL, cross_portal_repeats integer NOT NULL,
  portals integer NOT NULL,
  PRIMARY KEY (report_id, category)
);

CREATE TABLE report_tags (
  report_id text NOT NULL REFERENCES reports (report_id) ON DELETE CASCADE,
  week text NOT NULL,
  tag text NOT NULL,
  visits integer NOT NULL, active_minutes integer NOT NULL,
  PRIMARY KEY (report_id, tag)
);
`,
  },
  { version: 2, sql: TOKEN_TABLES_SQL },
  { version: 3, sql: WEEK_SUMMARIES_SQL },
];
