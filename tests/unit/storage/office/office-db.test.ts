import { describe, expect, it } from 'vitest';
import { OFFICE_DB_NAME, OFFICE_SCHEMA_VERSIONS, OfficeDb } from '../../../../storage/office/office-db';
import { createOfficeReportsRepo } from '../../../../storage/office/office-reports-repo';
import { BurdenDb, DB_NAME } from '../../../../storage/db/schema';
import { cadreWeek } from '../../core/office/generated-reports';

/** The stores of every released office schema version, frozen by hand: never edit one, add a version. */
const FROZEN_STORES: Record<number, Record<string, string | null>> = {
  1: { reports: 'reportId, week', meta: 'key' },
};

describe('the office database', () => {
  it('keeps its released schema versions unchanged', () => {
    expect(Object.fromEntries(OFFICE_SCHEMA_VERSIONS.map((v) => [v.version, v.stores]))).toEqual(FROZEN_STORES);
    expect(OFFICE_SCHEMA_VERSIONS.map((v) => v.version)).toEqual(OFFICE_SCHEMA_VERSIONS.map((_, i) => i + 1));
  });

  it('is a database of its own, which clearing never reaches beyond', async () => {
    expect(OFFICE_DB_NAME).toBe('burden-barometer-office');
    expect(OFFICE_DB_NAME).not.toBe(DB_NAME);
    const cadre = new BurdenDb(`cadre-${Math.random()}`);
    await cadre.meta.put({ key: 'installedAt', value: 1 });
    const office = new OfficeDb(`office-${Math.random()}`);
    const repo = createOfficeReportsRepo(office);
    const report = cadreWeek({ id: 'db-1', portals: [{ portal: 'zj-mzxt', activeMinutes: 30 }], level: 'township', region: '330106' });
    await repo.putAll([report]);
    // A stored report reads back exactly as imported, nested arrays and all.
    expect(await repo.all()).toEqual([report]);
    expect(await office.reports.where('week').equals(report.week).count()).toBe(1);
    await repo.clear();
    expect(await cadre.meta.get('installedAt')).toEqual({ key: 'installedAt', value: 1 });
    cadre.close();
    office.close();
  });
});
