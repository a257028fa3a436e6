/**
 * Migration 3: per-week summaries of the stored reports, so that the office aggregate reads a few rows per week
 * instead of every report (issue 14: the aggregate over 1M reports within 3× of one count/sum scan).
 *
 * Which weeks a summary no longer matches is kept by the database itself: a statement-level trigger on each report
 * table logs the weeks a statement touched, in the writing transaction (so the log and the change commit together,
 * and a re-send that replaces a report logs both the old and the new week). Any writer is covered — the ingest,
 * a cascade, an administrator's DELETE, a bulk load. The log is append-only, one row per (week, transaction), so
 * concurrent ingests never wait for each other on it; the refresh (week-summaries.ts) deletes only the rows it saw
 * and recomputes their weeks, and a change that commits later leaves its own row for the next refresh.
 *
 * Summaries hold what the aggregate adds up: counts, sums and value histograms per week and cell. No report id,
 * no time finer than the week.
 */
const REPORT_TABLES = ['reports', 'report_portals', 'report_pairs', 'report_categories', 'report_tags'] as const;
const CELL_KEYS: Record<(typeof REPORT_TABLES)[number], string | null> = {
  reports: null,
  report_portals: 'portal',
  report_pairs: 'pair',
  report_categories: 'category',
  report_tags: 'tag',
};

// Transition tables allow one event per trigger, hence three triggers per table.
const triggers = (table: string) => `
CREATE TRIGGER ${table}_inserted AFTER INSERT ON ${table} REFERENCING NEW TABLE AS changed_new
  FOR EACH STATEMENT EXECUTE FUNCTION log_changed_weeks();
CREATE TRIGGER ${table}_updated AFTER UPDATE ON ${table} REFERENCING OLD TABLE AS changed_old NEW TABLE AS changed_new
  FOR EACH STATEMENT EXECUTE FUNCTION log_changed_weeks();
CREATE TRIGGER ${table}_deleted AFTER DELETE ON ${table} REFERENCING OLD TABLE AS changed_old
  FOR EACH STATEMENT EXECUTE FUNCTION log_changed_weeks();
CREATE TRIGGER ${table}_truncated AFTER TRUNCATE ON ${table}
  FOR EACH STATEMENT EXECUTE FUNCTION log_all_weeks();
`;

export const WEEK_SUMMARIES_SQL = `
CREATE TABLE week_changes (week text NOT NULL, tx xid8 NOT NULL, PRIMARY KEY (week, tx));

CREATE TABLE week_summaries (
  week text PRIMARY KEY,
  -- The layout of the two columns below (week-summary-codec.ts); another layout is recomputed on first use.
  format integer NOT NULL,
  counts jsonb NOT NULL,
  samples bytea NOT NULL
);

CREATE FUNCTION log_changed_weeks() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO week_changes (week, tx) SELECT DISTINCT week, pg_current_xact_id() FROM changed_new ON CONFLICT DO NOTHING;
  END IF;
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    INSERT INTO week_changes (week, tx) SELECT DISTINCT week, pg_current_xact_id() FROM changed_old ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION log_all_weeks() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO week_changes (week, tx) SELECT week, pg_current_xact_id() FROM week_summaries ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;
${REPORT_TABLES.map(triggers).join('')}
${REPORT_TABLES.filter((t) => CELL_KEYS[t])
  .map((t) => `CREATE INDEX ${t}_week ON ${t} (week, ${CELL_KEYS[t]});`)
  .join('\n')}

INSERT INTO week_changes (week, tx) SELECT DISTINCT week, pg_current_xact_id() FROM reports;
`;
