/** The stored columns are core's field lists (no drift between what the collector keeps and what core adds up). */
import { describe, expect, it } from 'vitest';
import { migrate } from '../../collector/db/migrate';
import { MIGRATIONS } from '../../collector/db/migrations';
import { column } from '../../collector/db/report-rows';
import { CATEGORY_SUM_FIELDS, PAIR_SUM_FIELDS, POPULATION_SUM_FIELDS, PORTAL_SUM_FIELDS, TAG_SUM_FIELDS } from '../../core/office/figures';
import { BACKENDS, startTestCollector } from './test-collector';

const EXPECTED: Record<string, string[]> = {
  reports: ['report_id', 'week', 'received_week', 'level', 'province', 'region', 'outlier', ...POPULATION_SUM_FIELDS.map(column)],
  report_portals: ['report_id', 'week', 'portal', ...PORTAL_SUM_FIELDS.map(column)],
  report_pairs: ['report_id', 'week', 'pair', ...PAIR_SUM_FIELDS.map(column)],
  report_categories: ['report_id', 'week', 'category', ...CATEGORY_SUM_FIELDS.map(column), 'portals'],
  report_tags: ['report_id', 'week', 'tag', ...TAG_SUM_FIELDS.map(column)],
  collector_secrets: ['name', 'value'],
  schema_migrations: ['version'],
  // Blind tokens (issue 17): key per week, hashed codes, that a code drew for a week, hashes of spent tokens.
  token_week_keys: ['week', 'key_id', 'spki', 'private_pkcs8'],
  enrollment_codes: ['code_hash', 'campaign'],
  token_draws: ['code_hash', 'week'],
  spent_tokens: ['token_hash', 'week', 'report_id'],
  // Week summaries (migration 3): which weeks changed (by transaction, no time), and what each week adds up to.
  week_changes: ['week', 'tx'],
  week_summaries: ['week', 'format', 'counts', 'samples'],
};

describe.each(BACKENDS)('migrations on %s', (backend) => {
  it('create exactly the columns of core’s field lists, record their version, and run once', async () => {
    const c = await startTestCollector(backend);
    try {
      const { rows } = await c.db.query<{ table_name: string; column_name: string }>(
        `SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public' ORDER BY table_name, ordinal_position`,
      );
      const actual: Record<string, string[]> = {};
      for (const r of rows) (actual[r.table_name] ??= []).push(r.column_name);
      expect(actual).toEqual(EXPECTED);
      expect(await migrate(c.db)).toBe(MIGRATIONS.at(-1)!.version);
      const versions = await c.db.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
      expect(versions.rows.map((r) => r.version)).toEqual(MIGRATIONS.map((m) => m.version));
    } finally {
      await c.drop();
    }
  });
});
