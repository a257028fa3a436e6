import Dexie, { type Table } from 'dexie';
import { declareVersions, type SchemaVersion } from '../db/schema-versions';
import type { WeeklyReport } from '../../core/contracts/report-schema';

/**
 * The office workspace's own database (issue #8): the weekly reports an office imported, kept until it clears
 * them, and the workspace settings. Separate from the cadre's database (storage/db/schema.ts) so that clearing one
 * can never touch the other, and so that an office machine that never measures anything holds only reports.
 */

/** A stored report is the validated weekly report itself, keyed by its reportId. */
export type OfficeReportRow = WeeklyReport;

export interface OfficeMetaRow {
  key: string;
  value: unknown;
}

/**
 * Every schema the office database has ever had, oldest first. A released version is never edited: a change is
 * a new entry (with an `upgrade` row transform when rows change), as in storage/db/schema.ts.
 */
export const OFFICE_SCHEMA_VERSIONS: readonly SchemaVersion[] = [
  {
    version: 1,
    stores: { reports: 'reportId, week', meta: 'key' },
  },
];

export const OFFICE_DB_NAME = 'burden-barometer-office';

export class OfficeDb extends Dexie {
  reports!: Table<OfficeReportRow, string>;
  meta!: Table<OfficeMetaRow, string>;

  constructor(name = OFFICE_DB_NAME, upTo = Infinity) {
    super(name);
    declareVersions(this, OFFICE_SCHEMA_VERSIONS, upTo);
  }
}

export function openOfficeDb(name = OFFICE_DB_NAME): OfficeDb {
  return new OfficeDb(name);
}
