import { describe, expect, it } from 'vitest';
import { BurdenDb, DB_NAME, SCHEMA_VERSIONS } from '../../../../storage/db/schema';

/**
 * The stores of every RELEASED schema version, frozen here by hand. A cadre's database was created with exactly
 * these; Dexie cannot migrate a database whose history was rewritten. Never edit an entry: add a new version.
 */
const FROZEN_STORES: Record<number, Record<string, string | null>> = {
  1: { visits: '++id, portalId, day, [portalId+day]', meta: 'key' },
  2: { daily: '[portalId+day], day, portalId', gaps: '++id, day, portalId' },
  3: { entries: '++id, valueFp, day, portalId, [portalId+day]' },
  4: {
    submissions: '++id, requestId, day, portalId, [portalId+day]',
    stays: '++id, tabId, day, portalId',
    tagDaily: '[tag+portalId+day], day, portalId',
  },
  5: { uploads: '++id, contentFp, day, portalId, [portalId+day]' },
};

type Row = Record<string, unknown>;

/**
 * Rows as that version wrote them, for every table that exists at that version. Values that are easy to lose
 * in a migration: Chinese text, optional fields present and absent, binary data, nested objects.
 */
const FIXTURES: Record<number, Record<string, Row[]>> = {
  1: {
    visits: [
      { portalId: 'gd-zwfw', day: '2025-03-03', startedAt: 1741000000000, tag: 'check-in' },
      { portalId: 'gd-zwfw', day: '2025-03-03', startedAt: 1741000600000 },
      { portalId: 'all-gov-cn', day: '2025-03-04', startedAt: 1741086400000, tag: 'learning' },
      { portalId: '10-1-2-3', day: '2025-12-31', startedAt: 1767139200000 },
    ],
    meta: [
      { key: 'installSecret', value: new Uint8Array([0, 1, 2, 254, 255]) },
      { key: 'installedAt', value: 1740000000000 },
      { key: 'lastReport', value: { week: '2025-W10', portals: ['gd-zwfw'], note: '减负晴雨表' } },
      { key: 'empty', value: null },
    ],
  },
  2: {
    visits: [{ portalId: 'gd-zwfw', day: '2026-11-27', startedAt: 1764201600000 }],
    meta: [{ key: 'accounting', value: { coverage: {}, pending: [] } }],
    daily: [
      { portalId: 'gd-zwfw', day: '2026-11-27', activeMs: 1_234_000, offHoursMs: 0, waitMs: 5_400, navigations: 3 },
      { portalId: '10-1-2-3', day: '2026-11-28', activeMs: 60_000, offHoursMs: 60_000, waitMs: 0, navigations: 1 },
    ],
    gaps: [{ portalId: 'gd-zwfw', day: '2026-11-27', start: 1764201600000, end: 1764201660000, reason: 'idle' }],
  },
  3: {
    visits: [{ portalId: 'gd-zwfw', day: '2026-11-28', startedAt: 1764288000000 }],
    meta: [{ key: 'accounting', value: { coverage: {}, pending: [] } }],
    daily: [{ portalId: 'gd-zwfw', day: '2026-11-28', activeMs: 60_000, offHoursMs: 0, waitMs: 900, navigations: 1 }],
    gaps: [],
    entries: [
      {
        portalId: 'gd-zwfw',
        day: '2026-11-28',
        at: 1764288000000,
        keyId: 'k1',
        valueFp: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
        formFp: 'BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB',
        fieldFp: 'CCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCC',
        category: 'id-number',
        length: 18,
        method: 'typed',
        typingMs: 5200,
        visitKey: '12:0:1764287990000',
        kind: 'cross-portal',
        otherPortal: '10-1-2-3',
        retypedChars: 18,
        repeatTypingMs: 5200,
      },
    ],
  },
  4: {
    visits: [{ portalId: 'gd-zwfw', day: '2026-11-29', startedAt: 1764374400000, tag: 'check-in' }],
    meta: [{ key: 'accounting', value: { coverage: {}, pending: [] } }],
    daily: [{ portalId: 'gd-zwfw', day: '2026-11-29', activeMs: 30_000, offHoursMs: 0, waitMs: 300, navigations: 1 }],
    gaps: [],
    entries: [],
    submissions: [
      {
        requestId: '1234.5',
        tabId: 7,
        portalId: 'gd-zwfw',
        day: '2026-11-29',
        at: 1764374400000,
        login: true,
        captcha: true,
        oneTimeCode: false,
        accountFp: 'DDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDD',
        keyId: 'k1',
        status: 'ok',
        endedAt: 1764374400900,
      },
      { requestId: '1234.9', tabId: 7, portalId: '10-1-2-3', day: '2026-11-29', at: 1764374460000, login: false, captcha: false, oneTimeCode: false, status: 'failed', failure: 'http', endedAt: 1764374460200 },
      { requestId: '1235.1', tabId: 8, portalId: '10-1-2-3', day: '2026-11-29', at: 1764374470000, login: false, captcha: false, oneTimeCode: false, status: 'pending' },
    ],
    stays: [
      { tabId: 7, portalId: 'gd-zwfw', day: '2026-11-29', startedAt: 1764374401000, lastSeenAt: 1764374430000, endedAt: 1764374431000 },
      { tabId: 8, portalId: '10-1-2-3', day: '2026-11-29', startedAt: 1764374465000, lastSeenAt: 1764374465000 },
    ],
    tagDaily: [{ tag: 'check-in', portalId: 'gd-zwfw', day: '2026-11-29', activeMs: 12_000 }],
  },
  5: {
    visits: [{ portalId: 'gd-zwfw', day: '2026-11-29', startedAt: 1764374400000 }],
    meta: [{ key: 'accounting', value: { coverage: {}, pending: [] } }],
    daily: [{ portalId: 'gd-zwfw', day: '2026-11-29', activeMs: 30_000, offHoursMs: 0, waitMs: 700, navigations: 1 }],
    gaps: [{ portalId: 'gd-zwfw', day: '2026-11-29', start: 1764374400000, end: 1764374400000, reason: 'upload-unfinished' }],
    entries: [],
    // Version 4's tables, already covered with rows by FIXTURES[4].
    submissions: [],
    stays: [],
    tagDaily: [],
    uploads: [
      {
        portalId: 'gd-zwfw',
        day: '2026-11-29',
        at: 1764374400000,
        keyId: 'k1',
        contentFp: 'DDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDD',
        sampled: false,
        kind: 'photo',
        sizeBucket: 2,
        phash: 'c3a1f0e07c1e0f87',
        source: 'input',
        repeat: 'near-repeat',
        otherPortal: '10-1-2-3',
      },
      {
        portalId: '10-1-2-3',
        day: '2026-11-30',
        at: 1764460800000,
        keyId: 'k2',
        contentFp: 'EEEEEEEEEEEEEEEEEEEEEEEEEEEEEEEEEEEEEEEEEEE',
        sampled: true,
        kind: 'spreadsheet',
        sizeBucket: 5,
        source: 'drop',
        repeat: 'none',
      },
    ],
  },
};

/** The tables that exist after applying versions up to `upTo` (a later `null` deletes a table). */
function tablesAt(upTo: number): Map<string, string> {
  const tables = new Map<string, string>();
  for (const v of SCHEMA_VERSIONS.filter((s) => s.version <= upTo)) {
    for (const [table, spec] of Object.entries(v.stores)) {
      if (spec === null) tables.delete(table);
      else tables.set(table, spec);
    }
  }
  return tables;
}

/** What a row written at `from` should look like at the current version: every later upgrade's transform applied. */
function expectedNow(from: number, table: string, row: Row): Row {
  let out = structuredClone(row);
  for (const v of SCHEMA_VERSIONS.filter((s) => s.version > from)) {
    const transform = v.upgrade?.[table];
    if (transform) out = { ...out, ...transform(structuredClone(out)) };
  }
  return out;
}

/** The primary key path of a Dexie store spec: `++id` → id, `key` → key, `[a+b]` → [a, b]. */
function primaryKeyPath(spec: string): string | string[] {
  const first = spec.split(',')[0]!.trim().replace(/^\+\+|^&/, '');
  return first.startsWith('[') ? first.slice(1, -1).split('+') : first;
}

const LATEST = Math.max(...SCHEMA_VERSIONS.map((s) => s.version));
let dbCounter = 0;
const uniqueName = (label: string) => `migration-test-${label}-${Date.now()}-${dbCounter++}`;

describe('schema history', () => {
  it('versions are positive integers, strictly increasing', () => {
    const versions = SCHEMA_VERSIONS.map((s) => s.version);
    expect(versions.length).toBeGreaterThan(0);
    for (const v of versions) expect(Number.isInteger(v) && v > 0, `version ${v}`).toBe(true);
    versions.slice(1).forEach((v, i) => expect(v, `version after ${versions[i]}`).toBeGreaterThan(versions[i]!));
  });

  it.each(Object.entries(FROZEN_STORES))('released version %s is unchanged', (version, stores) => {
    const entry = SCHEMA_VERSIONS.find((s) => s.version === Number(version));
    expect(entry, `released schema version ${version} was removed from SCHEMA_VERSIONS; restore it`).toBeDefined();
    expect(
      entry?.stores,
      `the stores of released schema version ${version} were edited. Never edit a released version: restore it and ` +
        `add a new version to SCHEMA_VERSIONS (with an upgrade transform if rows change), then freeze it in this test.`,
    ).toEqual(stores);
  });

  it('every version is frozen here and has fixtures (add both when adding a version)', () => {
    for (const { version } of SCHEMA_VERSIONS) {
      expect(FROZEN_STORES[version], `freeze schema version ${version} in FROZEN_STORES once released`).toBeDefined();
      expect(FIXTURES[version], `add FIXTURES rows for schema version ${version}`).toBeDefined();
    }
  });

  it('the database the extension opens is at the latest version with every current table', async () => {
    const db = new BurdenDb(uniqueName('current'));
    await db.open();
    try {
      expect(db.verno).toBe(LATEST);
      expect(db.tables.map((t) => t.name).sort()).toEqual([...tablesAt(LATEST).keys()].sort());
      expect(DB_NAME).toBe('burden-barometer');
    } finally {
      db.close();
      await db.delete();
    }
  });
});

describe.each(SCHEMA_VERSIONS.map((s) => s.version))('a database created at version %i', (version) => {
  it('keeps every row when opened by the current code', async () => {
    const name = uniqueName(`v${version}`);
    const fixtures = FIXTURES[version];
    expect(fixtures, `add FIXTURES rows for schema version ${version}`).toBeDefined();
    const tables = tablesAt(version);
    expect(Object.keys(fixtures!).sort(), `FIXTURES[${version}] must cover exactly the tables of version ${version}`).toEqual([...tables.keys()].sort());

    // Write the fixtures with the schema of that version only.
    const old = new BurdenDb(name, version);
    await old.open();
    expect(old.verno).toBe(version);
    const written = new Map<string, Row[]>();
    for (const [table, rows] of Object.entries(fixtures!)) {
      const keys = await old.table(table).bulkAdd(structuredClone(rows), { allKeys: true });
      const keyPath = primaryKeyPath(tables.get(table)!);
      // Auto-incremented keys are part of the row as read back.
      written.set(
        table,
        rows.map((row, i) => (typeof keyPath === 'string' && !(keyPath in row) ? { ...row, [keyPath]: keys[i] } : row)),
      );
    }
    old.close();

    const current = new BurdenDb(name);
    await current.open();
    try {
      expect(current.verno).toBe(LATEST);
      for (const [table, rows] of written) {
        if (!tablesAt(LATEST).has(table)) {
          expect(current.tables.map((t) => t.name), `table ${table} was deleted on purpose`).not.toContain(table);
          continue;
        }
        const keyPath = primaryKeyPath(tablesAt(LATEST).get(table)!);
        const byKey = (row: Row) => JSON.stringify(typeof keyPath === 'string' ? row[keyPath] : keyPath.map((k) => row[k]));
        const actual = (await current.table(table).toArray()) as Row[];
        const expected = rows.map((row) => expectedNow(version, table, row));
        expect(actual.length, `rows lost in ${table}`).toBe(expected.length);
        expect([...actual].sort((a, b) => byKey(a).localeCompare(byKey(b)))).toEqual(
          [...expected].sort((a, b) => byKey(a).localeCompare(byKey(b))),
        );
      }
    } finally {
      current.close();
      await current.delete();
    }
  });

  it('its rows can still be found through the current indexes', async () => {
    const name = uniqueName(`idx-v${version}`);
    const old = new BurdenDb(name, version);
    await old.open();
    for (const [table, rows] of Object.entries(FIXTURES[version] ?? {})) await old.table(table).bulkAdd(structuredClone(rows));
    old.close();

    const current = new BurdenDb(name);
    await current.open();
    try {
      let checked = 0;
      let indexedRows = 0;
      for (const table of current.tables) {
        const rows = (await table.toArray()) as Row[];
        if (table.schema.indexes.length) indexedRows += rows.length;
        const primary = table.schema.primKey.keyPath;
        const keyOf = (row: Row) => (Array.isArray(primary) ? primary.map((p) => row[p]) : row[primary!]);
        // Every index the current schema declares finds every row that has a value for it.
        for (const index of table.schema.indexes) {
          for (const row of rows) {
            const path = index.keyPath;
            const value = Array.isArray(path) ? path.map((p) => row[p]) : row[path!];
            if (value === undefined || (Array.isArray(value) && value.includes(undefined))) continue;
            const hits = (await table.where(index.name).equals(value as string).toArray()) as Row[];
            expect(hits.map(keyOf), `${table.name} index ${index.name}`).toContainEqual(keyOf(row));
            checked++;
          }
        }
      }
      // Guards against a loop that silently checks nothing.
      if (indexedRows > 0) expect(checked, 'no indexed row was checked').toBeGreaterThan(0);
    } finally {
      current.close();
      await current.delete();
    }
  });
});
