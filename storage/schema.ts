import Dexie, { type Table } from 'dexie';
import type { PageTag } from '../core/portal';

export interface VisitRow {
  id?: number;
  portalId: string;
  /** Local calendar day, yyyy-MM-dd. */
  day: string;
  startedAt: number;
  tag?: PageTag;
}

/** One portal's totals for one local day. Time is kept in milliseconds and rounded only when shown. */
export interface DailyRow {
  portalId: string;
  day: string;
  activeMs: number;
  offHoursMs: number;
  /** Sum of waiting over top-level navigations, each capped at 120 s. */
  waitMs: number;
  navigations: number;
}

/** Why portal-open time was not counted (DESIGN.md §3 gap log); the dashboard turns it into coverage. */
export interface GapRow {
  id?: number;
  portalId: string;
  day: string;
  start: number;
  end: number;
  reason: 'idle' | 'unfocused' | 'sleep' | 'locked' | 'worker-restart';
}

export interface MetaRow {
  key: string;
  value: unknown;
}

/**
 * Every schema the database has ever had, oldest first. A version is never edited once released: a change
 * is a new entry with a pure `upgrade` row transform, tested on a fixture of the version before
 * (tests/unit/storage-migrations.test.ts).
 */
export const SCHEMA_VERSIONS: readonly {
  version: number;
  stores: Record<string, string | null>;
  upgrade?: Record<string, (row: Record<string, unknown>) => Record<string, unknown>>;
}[] = [
  {
    version: 1,
    stores: { visits: '++id, portalId, day, [portalId+day]', meta: 'key' },
  },
  {
    // Issue 3: daily time totals and the gap log.
    version: 2,
    stores: { daily: '[portalId+day], day, portalId', gaps: '++id, day, portalId' },
  },
];

export const DB_NAME = 'burden-barometer';

export class BurdenDb extends Dexie {
  visits!: Table<VisitRow, number>;
  meta!: Table<MetaRow, string>;
  daily!: Table<DailyRow, [string, string]>;
  gaps!: Table<GapRow, number>;

  constructor(name = DB_NAME, upTo = Infinity) {
    super(name);
    for (const v of SCHEMA_VERSIONS.filter((s) => s.version <= upTo)) {
      const declared = this.version(v.version).stores(v.stores);
      const upgrade = v.upgrade;
      if (upgrade) {
        declared.upgrade(async (tx) => {
          for (const [table, transform] of Object.entries(upgrade)) {
            await tx.table(table).toCollection().modify((row: Record<string, unknown>) => {
              Object.assign(row, transform(row));
            });
          }
        });
      }
    }
  }
}

export function openDb(name = DB_NAME): BurdenDb {
  return new BurdenDb(name);
}
