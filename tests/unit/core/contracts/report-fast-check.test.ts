/**
 * core/contracts/report-fast-check.ts must give exactly zod's verdict (core/contracts/report-schema.ts) on every input: the office
 * import keeps a file on its say-so alone. It is generated from the same tables as zod's objects and rules
 * (report-rules.ts; the generated text is held current by report-fast-check-source.test.ts), and checked here:
 * every value in every field against zod, every fixture of tests/unit/core/contracts/report-schema.test.ts and the generated reports, a seeded property test of
 * random mutations of valid files, and the importer wired to it.
 *
 * The property test is reproducible: a failure prints the seed of the case. Replay or explore with
 *   REPORT_FAST_CHECK_SEED=<seed> REPORT_FAST_CHECK_CASES=<n> npx vitest run tests/unit/core/contracts/report-fast-check.test.ts
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fastCheckReportFile } from '../../../../core/contracts/report-fast-check';
import {
  CATEGORY_FIELDS_BOUNDED_BY_TOTALS,
  DAYS_PER_WEEK,
  ENTRY_CATEGORIES,
  LEVELS,
  MAX_COUNT,
  MAX_PORTALS_PER_REPORT,
  MAX_REPORTS_PER_FILE,
  MINUTES_PER_WEEK,
  PAGE_TAGS_IN_REPORT,
  PAIR_FIELDS_BOUNDED_BY_TOTALS,
  PORTAL_FIELDS_BOUNDED_BY_TOTALS,
  REPORT_NOTICE,
  REPORT_SCHEMA_ID,
  WEEK_EXACT,
  WORK_DOMAINS,
  appSchema,
  hasIsoWeek53,
  parseReportFile,
  profileSchema,
  reportCategorySchema,
  reportFileSchema,
  reportPairSchema,
  reportPortalSchema,
  reportTagSchema,
  reportTotalsSchema,
  weekSchema,
  weeklyReportSchema,
  type EntryCategory,
  type PageTagInReport,
  type ReportCategory,
  type ReportTag,
  type WeeklyReport,
} from '../../../../core/contracts/report-schema';
import { cadreWeek, randomInt, seededRandom, type PortalUse } from '../office/generated-reports';
import { fixtureReportId, looseCopy, type Loose, makeValidFile, makeValidReport } from '../report/fixtures';

function zodAccepts(json: unknown): boolean {
  return parseReportFile(json).success;
}

/** Both checks give `expected`; on a mismatch the message says which one is off. */
function expectVerdict(json: unknown, expected: boolean): void {
  expect({ fast: fastCheckReportFile(json), zod: zodAccepts(json) }).toEqual({ fast: expected, zod: expected });
}

/** A loosely typed copy of the fixture file with `mutate` applied to its first report. */
function fileWith(mutate: (report: Loose, file: Loose) => void): unknown {
  const file = looseCopy(makeValidFile());
  mutate(file.reports[0], file);
  return file;
}

function zeroPortal(portal: string) {
  return {
    portal,
    activeMinutes: 0,
    waitMinutes: 0,
    daysActive: 0,
    logins: 0,
    relogins: 0,
    captchas: 0,
    loginOnlyVisits: 0,
    submissions: 0,
    failedSubmissions: 0,
    entries: 0,
    sameFieldRepeats: 0,
    crossPortalRepeats: 0,
    uploads: 0,
    repeatedUploads: 0,
    photoUploads: 0,
    screenshotUploads: 0,
  };
}

// ---------- field by field: each value in each field of each object, inside a whole file ----------

const HOST_253 = `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(61)}`;

/** Values to try in every field of every object: each bound and just past it, near-types, and strings of each kind. */
const FIELD_VALUES: unknown[] = [
  ...[-1, -0, 0, 1, 0.5, 6.5, DAYS_PER_WEEK, DAYS_PER_WEEK + 1, 100, 101, MINUTES_PER_WEEK, MINUTES_PER_WEEK + 1, MAX_COUNT, MAX_COUNT + 1],
  ...[Number.MAX_SAFE_INTEGER, 2 ** 53, 1e300, -1e300, Infinity, -Infinity, NaN, Number.EPSILON],
  ...['1', null, true, false, [], {}, [1], undefined, new Number(1), 1n],
  ...[...LEVELS, ...WORK_DOMAINS, ...ENTRY_CATEGORIES, ...PAGE_TAGS_IN_REPORT, 'City', 'name ', REPORT_SCHEMA_ID, 'burden-report/2'],
  ...['0.1.0', '65535.0.1', '99999.99999.99999', '100000.0.0', '01.2.3', '1.2', 'v1.2.3', '33', '330', '3301', '330106', '3301061', '３３'],
  ...['zj-mzxt', 'other-1', 'ggfw.example.gov.cn', '10.0.0.1', 'ZJ-MZXT', '-mzxt', 'foo-.gov.cn', HOST_253, `${HOST_253}d`],
  ...['a'.repeat(64), 'a'.repeat(65), '', ' ', '民政', 'ｍｚｘｔ', 'zj-mzxt\n', new String('zj-mzxt')],
];

const ODD_KEYS = ['extra', '', '0', '__proto__', 'constructor', 'toString', 'portal', 'a', 'category', 'tag', 'visits', 'accounts', 'offHoursMinutes', 'level', 'schema'];

/** Where each kind of object sits in a file, and its zod shape (whose keys come from report-rules.ts). */
const OBJECTS: [string, (f: Loose) => Loose, Record<string, unknown>][] = [
  ['file', (f) => f, reportFileSchema.shape],
  ['report', (f) => f.reports[0], weeklyReportSchema.shape],
  ['app', (f) => f.reports[0].app, appSchema.shape],
  ['profile', (f) => f.reports[0].profile, profileSchema.shape],
  ['totals', (f) => f.reports[0].totals, reportTotalsSchema.shape],
  ['portal', (f) => f.reports[0].portals[1], reportPortalSchema.shape],
  ['pair', (f) => f.reports[0].pairs[0], reportPairSchema.shape],
  ['category', (f) => f.reports[0].categories[0], reportCategorySchema.shape],
  ['tag', (f) => f.reports[0].tags[0], reportTagSchema.shape],
];

describe('agrees with zod field by field', () => {
  it.each(OBJECTS)('%s: every value in every field, each field missing, and odd keys added', (_name, locate, shape) => {
    const differences: string[] = [];
    const compare = (mutate: (o: Loose) => void, what: string) => {
      const file = looseCopy(makeValidFile());
      mutate(locate(file));
      const zod = zodAccepts(file);
      if (fastCheckReportFile(file) !== zod) differences.push(`${what}: zod ${zod}`);
    };
    for (const key of Object.keys(shape)) {
      for (const value of FIELD_VALUES) compare((o) => (o[key] = value), `${key} = ${String(value)}`);
      compare((o) => delete o[key], `without ${key}`);
    }
    for (const key of ODD_KEYS) {
      compare((o) => Object.defineProperty(o, key, { value: 1, enumerable: true, writable: true, configurable: true }), `with ${JSON.stringify(key)}`);
    }
    expect(differences).toEqual([]);
  });

  it('week: the exact pattern is the zod regex plus its W53 rule, for every year and week number', () => {
    const weeks: string[] = [];
    for (let y = 1990; y <= 2110; y++) {
      for (let w = 0; w <= 60; w++) weeks.push(w < 10 ? `${y}-W0${w}` : `${y}-W${w}`, ...(w < 10 ? [`${y}-W${w}`] : []));
    }
    for (const week of weeks) {
      if (WEEK_EXACT.test(week) !== weekSchema.safeParse(week).success) throw new Error(`week ${week}: pattern and zod differ`);
    }
    expect(weeks.filter((w) => WEEK_EXACT.test(w) && w.endsWith('-W53')).map((w) => Number(w.slice(0, 4)))).toEqual(
      Array.from({ length: 100 }, (_, i) => 2000 + i).filter(hasIsoWeek53),
    );
  });

  it('no transform, default or strip: zod returns a valid file unchanged, so the importer may keep the input', () => {
    for (const file of [...acceptedFixtures().map(([, f]) => f), ...generatedFiles()]) {
      const parsed = parseReportFile(file);
      expect(parsed.success).toBe(true);
      expect(parsed.data).toStrictEqual(file);
    }
  });
});

// ---------- the fixtures of report-schema.test.ts ----------

function acceptedFixtures(): [string, unknown][] {
  const cases: [string, unknown][] = [
    ['the fixture file', makeValidFile()],
    ['no campaign, no profile', makeValidFile([makeValidReport({ campaign: undefined, profile: null })])],
    ['an empty profile', makeValidFile([makeValidReport({ profile: {} })])],
    [
      'a quiet week',
      fileWith((r) => {
        for (const k of Object.keys(r.totals)) r.totals[k] = 0;
        Object.assign(r, { portals: [], pairs: [], categories: [], tags: [], coverage: 0 });
      }),
    ],
    [
      'numbers at their bounds',
      fileWith((r) => {
        Object.assign(r.totals, { activeMinutes: 10080, offHoursMinutes: 10080, waitMinutes: 10080, repeatTypingMinutes: 10080, daysActive: 7 });
        Object.assign(r.totals, { retypedChars: MAX_COUNT, entries: MAX_COUNT, sameFieldRepeats: MAX_COUNT - r.totals.crossPortalRepeats });
        Object.assign(r.portals[0], { activeMinutes: 10080, waitMinutes: 10080, daysActive: 7 });
        r.coverage = 100;
      }),
    ],
    ['2026-W53', makeValidFile([makeValidReport({ week: '2026-W53' })])],
    ['2027-W01', makeValidFile([makeValidReport({ week: '2027-W01' })])],
    [
      'an intranet IP and other-12',
      fileWith((r) => {
        r.portals[3].portal = '10.12.3.4';
        r.portals[4].portal = 'other-12';
      }),
    ],
    ['several weeks of one cadre', makeValidFile(['2026-W46', '2026-W47', '2026-W48'].map((week) => makeValidReport({ week })))],
    ...['33', '3301', '330106'].map((region): [string, unknown] => [`region ${region}`, makeValidFile([makeValidReport({ profile: { region } })])]),
    ...LEVELS.map((level): [string, unknown] => [`level ${level}`, makeValidFile([makeValidReport({ profile: { level } })])]),
    ...WORK_DOMAINS.map((domain): [string, unknown] => [`domain ${domain}`, makeValidFile([makeValidReport({ profile: { domain } })])]),
    ['200 portals', fileWith((r) => (r.portals = Array.from({ length: MAX_PORTALS_PER_REPORT }, (_, i) => zeroPortal(`p-${i}`))))],
    ['a host of 253 characters', fileWith((r) => (r.portals[5].portal = `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(61)}`))],
    [
      `${MAX_REPORTS_PER_FILE} reports`,
      makeValidFile(Array.from({ length: MAX_REPORTS_PER_FILE }, (_, i) => makeValidReport({ reportId: fixtureReportId(`r${i}`) }))),
    ],
  ];
  return cases;
}

const SMUGGLED_IDS: [string, string][] = [
  ['a URL', 'http://ggfw.example.gov.cn/apply'],
  ['a host with a port', 'ggfw.example.gov.cn:8080'],
  ['a path', 'ggfw.example.gov.cn/apply'],
  ['Chinese text', '民政业务系统'],
  ['a person', 'Zhang San'],
  ['upper case', 'ZJ-MZXT'],
  ['an e-mail address', 'zhangsan@example.gov.cn'],
  ['a leading hyphen', '-mzxt'],
  ['an empty label', 'foo..gov.cn'],
  ['a leading dot', '.gov.cn'],
  ['a label ending in a hyphen', 'foo-.gov.cn'],
  ['a too-long id', `a${'b'.repeat(64)}`],
  ['a too-long host', `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(62)}`],
  ['empty', ''],
  ['a CIDR', '10.0.0.1/24'],
  ['full-width letters', 'ｍｚｘｔ'],
];

const NUMBER_PLACES: [string, string][] = [
  ['totals', 'logins'],
  ['portals[1]', 'submissions'],
  ['pairs[0]', 'transfers'],
  ['categories[2]', 'portals'],
  ['tags[0]', 'visits'],
];

function at(r: Loose, where: string): Loose {
  const m = /^(\w+)(?:\[(\d+)\])?$/.exec(where)!;
  return m[2] === undefined ? r[m[1]!] : r[m[1]!][Number(m[2])];
}

/** Every rejection case of tests/unit/core/contracts/report-schema.test.ts, rebuilt. */
function rejectedFixtures(): [string, unknown][] {
  const cases: [string, unknown][] = [];
  const add = (name: string, json: unknown) => cases.push([name, json]);
  const withReport = (name: string, mutate: (r: Loose, f: Loose) => void) => add(name, fileWith(mutate));

  // The envelope.
  for (const json of [null, 'burden-report/1', 42, [], {}]) add(`non-file ${JSON.stringify(json)}`, json);
  withReport('schema burden-report/2', (_r, f) => (f.schema = 'burden-report/2'));
  withReport('no schema', (_r, f) => delete f.schema);
  withReport('no notice', (_r, f) => delete f.notice);
  withReport('another notice', (_r, f) => (f.notice = 'For internal use.'));
  withReport('the notice without its key phrase', (_r, f) => (f.notice = REPORT_NOTICE.replace('不得用于个人考核', '')));
  withReport('no reports', (_r, f) => (f.reports = []));
  add(
    `${MAX_REPORTS_PER_FILE + 1} reports`,
    makeValidFile(Array.from({ length: MAX_REPORTS_PER_FILE + 1 }, (_, i) => makeValidReport({ reportId: fixtureReportId(`r${i}`) }))),
  );
  const first = makeValidReport();
  add('a reportId twice', makeValidFile([first, makeValidReport({ week: '2026-W47', reportId: first.reportId })]));
  withReport('a report that is a string', (_r, f) => (f.reports = ['x']));

  // Unknown keys at every level.
  withReport('unknown key in the file', (_r, f) => (f.extra = 1));
  withReport('unknown key in a report (timezone)', (r) => (r.timezone = 'Asia/Shanghai'));
  withReport('unknown key in a report (generatedAt)', (r) => (r.generatedAt = '2026-11-30T08:00:00+08:00'));
  withReport('unknown key in a report (installId)', (r) => (r.installId = 'abc'));
  withReport('unknown key in app', (r) => (r.app.build = 'dev'));
  withReport('unknown key in profile', (r) => (r.profile.name = '张三'));
  withReport('unknown key in totals', (r) => (r.totals.keystrokes = 5));
  withReport('unknown key in a portal (title)', (r) => (r.portals[1].title = '民政业务系统'));
  withReport('unknown key in a portal (url)', (r) => (r.portals[0].url = 'http://10.1.1.1:8080/login'));
  withReport('unknown key in a portal (offHoursMinutes)', (r) => (r.portals[0].offHoursMinutes = 1));
  withReport('unknown key in a pair', (r) => (r.pairs[0].field = 'idcard'));
  withReport('unknown key in a category', (r) => (r.categories[0].label = '身份证号'));
  withReport('unknown key in a tag', (r) => (r.tags[0].path = '/sign'));
  withReport('two unknown keys', (r) => Object.assign(r, { a: 1, b: 2 }));

  // Missing required fields.
  for (const key of ['reportId', 'week', 'app', 'coverage', 'totals', 'portals', 'pairs', 'categories', 'tags']) {
    withReport(`no ${key}`, (r) => delete r[key]);
  }
  withReport('no totals.accounts', (r) => delete r.totals.accounts);
  withReport('no portals[2].entries', (r) => delete r.portals[2].entries);
  withReport('no app.schema', (r) => delete r.app.schema);

  // Weeks, ids and other constrained strings.
  const weeks = ['2025-W53', '2026-W54', '2026-W00', '2026-W1', '2026W48', '2026-w48', '2026-W48-1', '2026-11-23', '2026-11', '1999-W10', '2100-W01', ' 2026-W48', '２０２６-W48'];
  for (const week of weeks) withReport(`week ${week}`, (r) => (r.week = week));
  const id = fixtureReportId('x');
  for (const bad of [id.slice(0, 42), `${id}A`, `${id.slice(0, 42)}=`, `+/${id.slice(2)}`, 'a'.repeat(64), '', 12345]) {
    withReport(`reportId ${JSON.stringify(bad)}`, (r) => (r.reportId = bad));
  }
  for (const campaign of ['-jianfu', 'jianfu 2026', '减负2026', 'a'.repeat(65), '', 'x/y']) withReport(`campaign ${campaign}`, (r) => (r.campaign = campaign));
  for (const version of ['0.1', '1.2.3-beta', '01.2.3', '1.2.3.4', '100000.0.0', 'v1.2.3']) withReport(`app.version ${version}`, (r) => (r.app.version = version));
  withReport('app.schema burden-report/2', (r) => (r.app.schema = 'burden-report/2'));
  for (const region of ['3', '330', '33010', '3301061', 'abcd', '33 01', '３３０１']) withReport(`region ${region}`, (r) => (r.profile.region = region));
  withReport('level city', (r) => (r.profile.level = 'city'));
  withReport('domain 民政', (r) => (r.profile.domain = '民政'));
  withReport('category email', (r) => (r.categories[0].category = 'email'));
  withReport('tag survey', (r) => (r.tags[0].tag = 'survey'));
  for (const [what, bad] of SMUGGLED_IDS) {
    withReport(`portal id: ${what}`, (r) => (r.portals[5].portal = bad));
    withReport(`pair id: ${what}`, (r) => (r.pairs[0].a = bad));
  }

  // Numbers.
  for (const [where, key] of NUMBER_PLACES) {
    for (const bad of [-1, 1.5, MAX_COUNT + 1, 1e300, '5', null, true]) {
      withReport(`${where}.${key} = ${JSON.stringify(bad)}`, (r) => (at(r, where)[key] = bad));
    }
  }
  for (const coverage of [101, -1, 92.5]) withReport(`coverage ${coverage}`, (r) => (r.coverage = coverage));
  for (const key of ['activeMinutes', 'waitMinutes', 'offHoursMinutes', 'repeatTypingMinutes']) withReport(`totals.${key} 10081`, (r) => (r.totals[key] = 10081));
  for (const key of ['activeMinutes', 'waitMinutes']) withReport(`portals[0].${key} 10081`, (r) => (r.portals[0][key] = 10081));
  withReport('tags[0].activeMinutes 10081', (r) => (r.tags[0].activeMinutes = 10081));
  withReport('totals.daysActive 8', (r) => (r.totals.daysActive = 8));
  withReport('portals[0].daysActive 8', (r) => (r.portals[0].daysActive = 8));
  withReport(`${MAX_PORTALS_PER_REPORT + 1} portals`, (r) => (r.portals = Array.from({ length: MAX_PORTALS_PER_REPORT + 1 }, (_, i) => zeroPortal(`p-${i}`))));

  // Implausible totals.
  const totalsCases: [Record<string, number>, string][] = [
    [{ offHoursMinutes: 1461 }, 'offHoursMinutes'],
    [{ entries: 729 }, 'entries'],
    [{ nearRepeatUploads: 66 }, 'uploads'],
    [{ screenshotUploads: 53 }, 'uploads'],
    [{ failedSubmissions: 143 }, 'failedSubmissions'],
    [{ duplicateFilings: 143 }, 'duplicateFilings'],
    [{ relogins: 39 }, 'relogins'],
    [{ captchas: 39 }, 'captchas'],
    [{ accounts: 39 }, 'accounts'],
    [{ loginOnlyVisits: 39 }, 'loginOnlyVisits'],
  ];
  for (const [totals, key] of totalsCases) {
    const report = makeValidReport({ totals: { ...totals } });
    if (key === 'entries') Object.assign(report, { portals: [], categories: [] });
    add(`totals ${JSON.stringify(totals)}`, makeValidFile([report]));
  }

  // Implausible portals.
  const portalCases: Record<string, number>[] = [
    { entries: 309 },
    { uploads: 30, photoUploads: 10, screenshotUploads: 0, repeatedUploads: 31 },
    { photoUploads: 30, screenshotUploads: 11 },
    { submissions: 5, failedSubmissions: 6 },
    { logins: 3, captchas: 3 },
    { logins: 5 },
    { logins: 1, relogins: 0, captchas: 0, loginOnlyVisits: 2 },
  ];
  for (const change of portalCases) withReport(`portal ${JSON.stringify(change)}`, (r) => Object.assign(r.portals[0], change));
  for (const key of PORTAL_FIELDS_BOUNDED_BY_TOTALS) {
    withReport(`portals[].${key} > totals.${key}`, (r) => {
      const lone = { ...r.totals, portal: 'zj-mzxt' };
      r.portals = [Object.fromEntries(Object.keys(r.portals[0]).map((k) => [k, lone[k]]))];
      r.portals[0][key] += 1;
    });
  }
  withReport('the same portal twice', (r) => (r.portals[1].portal = r.portals[0].portal));

  // Pairs.
  withReport('a > b', (r) => Object.assign(r.pairs[0], { a: 'zj-mzxt', b: 'jcb-ybt' }));
  withReport('a === b', (r) => (r.pairs[0].b = r.pairs[0].a));
  withReport('the same pair twice', (r) => r.pairs.push({ ...r.pairs[0] }));
  withReport('the same pair reversed', (r) => r.pairs.push({ ...r.pairs[0], a: r.pairs[0].b, b: r.pairs[0].a }));
  for (const key of PAIR_FIELDS_BOUNDED_BY_TOTALS) withReport(`pairs[].${key} > totals.${key}`, (r) => (r.pairs[1][key] = r.totals[key] + 1));

  // Categories and tags.
  withReport('the same category twice', (r) => (r.categories[1].category = 'name'));
  withReport('more repeats than entries in a category', (r) => (r.categories[0].entries = 209));
  withReport('more portals than entries in a category', (r) =>
    Object.assign(r.categories[0], { entries: 3, sameFieldRepeats: 0, crossPortalRepeats: 0, portals: 4 }),
  );
  withReport('more portals than were used', (r) => (r.categories[0].portals = 7));
  for (const key of CATEGORY_FIELDS_BOUNDED_BY_TOTALS) {
    withReport(`categories[].${key} > totals.${key}`, (r) => {
      r.categories = [{ category: 'name', entries: r.totals.entries, sameFieldRepeats: 0, crossPortalRepeats: 0, portals: 1 }];
      r.categories[0][key] = r.totals[key] + 1;
      if (key !== 'entries') r.categories[0].entries = r.totals[key] + 1;
    });
  }
  withReport('more categories than the list has', (r) => {
    r.categories = [...ENTRY_CATEGORIES, 'name'].map((category) => ({ category, entries: 0, sameFieldRepeats: 0, crossPortalRepeats: 0, portals: 0 }));
  });
  withReport('the same tag twice', (r) => (r.tags[1].tag = 'learning'));
  withReport('more tagged minutes than active minutes', (r) => (r.tags[0].activeMinutes = 1461));

  // describeIssues' cases.
  withReport('two broken rules', (r) => {
    r.totals.offHoursMinutes = 5000;
    r.pairs[0].b = r.pairs[0].a;
  });
  add('deeply wrong input', { schema: REPORT_SCHEMA_ID, reports: [{ totals: 'x', portals: {}, pairs: [1] }] });
  add('reports null', { reports: null });
  return cases;
}

/** Reports made by tests/unit/core/office/generated-reports.ts, in files as the office tests build them. */
function generatedFiles(): unknown[] {
  const reports = [
    cadreWeek({ id: 'g-0' }),
    cadreWeek({ id: 'g-1', portals: [{ portal: 'zj-mzxt', activeMinutes: 10 }] }),
    cadreWeek({
      id: 'g-2',
      week: '2026-W53',
      level: 'village',
      region: '3301',
      portals: [
        { portal: 'zj-mzxt', activeMinutes: 200, logins: 4, relogins: 2, entries: 80, sameFieldRepeats: 10, crossPortalRepeats: 20 },
        { portal: 'zj-sbxt', activeMinutes: 100, uploads: 9, photoUploads: 3, screenshotUploads: 2, repeatedUploads: 4 },
        { portal: 'ggfw.example.gov.cn', submissions: 7, failedSubmissions: 2 },
      ],
      pairs: [{ a: 'zj-mzxt', b: 'zj-sbxt', crossPortalRepeats: 20, duplicateFilings: 1, transfers: 3, repeatedUploads: 2 }],
      categories: [{ category: 'name', entries: 40, sameFieldRepeats: 5, crossPortalRepeats: 10, portals: 2 }],
      tags: [{ tag: 'check-in', visits: 3, activeMinutes: 12 }],
    }),
  ];
  const files: unknown[] = reports.map((r) => makeValidFile([r]));
  files.push(makeValidFile(reports));
  for (let seed = 1; seed <= 30; seed++) files.push(randomValidFile(seededRandom(seed)));
  return files;
}

describe('agrees with zod on the fixtures', () => {
  it.each(acceptedFixtures())('accepts %s', (_name, json) => expectVerdict(json, true));
  it.each(rejectedFixtures())('rejects %s', (_name, json) => expectVerdict(json, false));
  it('accepts every generated file', () => {
    for (const file of generatedFiles()) expectVerdict(file, true);
  });
});

// ---------- random valid files ----------

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const LOWER_DIGITS = `${LOWER}0123456789`;

function randomText(random: () => number, alphabet: string, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[Math.floor(random() * alphabet.length)];
  return out;
}

function randomLabel(random: () => number, maxLength: number): string {
  const n = randomInt(random, 1, maxLength);
  if (n === 1) return randomText(random, LOWER_DIGITS, 1);
  return randomText(random, LOWER_DIGITS, 1) + randomText(random, `${LOWER_DIGITS}-`, n - 2) + randomText(random, LOWER_DIGITS, 1);
}

/** A valid portal id of every form: catalog id, other-N, host, IP, and the longest of each. */
function randomPortalId(random: () => number): string {
  switch (randomInt(random, 0, 6)) {
    case 0:
      return `${randomText(random, LOWER, 2)}-${randomText(random, LOWER, randomInt(random, 2, 6))}`;
    case 1:
      return `other-${randomInt(random, 1, 30)}`;
    case 2:
      return `${randomLabel(random, 8)}.${randomLabel(random, 8)}.gov.cn`;
    case 3:
      return `10.${randomInt(random, 0, 255)}.${randomInt(random, 0, 255)}.${randomInt(random, 0, 255)}`;
    case 4:
      return randomText(random, LOWER_DIGITS, 1) + randomText(random, `${LOWER_DIGITS}-`, randomInt(random, 0, 63));
    case 5: {
      // Hosts at and around 253 characters: labels of up to 63, joined by dots.
      let host = randomLabel(random, 63);
      while (host.length < 240) host += `.${randomLabel(random, 63)}`;
      return host.slice(0, 253).replace(/[.-]+$/, '').replace(/\.[^.]*-$/, '');
    }
    default:
      return randomText(random, LOWER, randomInt(random, 1, 12));
  }
}

function randomPortalUse(random: () => number, portal: string): PortalUse {
  const logins = randomInt(random, 0, 12);
  const submissions = randomInt(random, 0, 60);
  const entries = randomInt(random, 0, 400);
  const uploads = randomInt(random, 0, 30);
  const photoUploads = randomInt(random, 0, uploads);
  const sameFieldRepeats = randomInt(random, 0, entries);
  return {
    portal,
    activeMinutes: randomInt(random, 0, 200),
    waitMinutes: randomInt(random, 0, 40),
    daysActive: randomInt(random, 0, 7),
    logins,
    relogins: randomInt(random, 0, logins),
    captchas: randomInt(random, 0, logins),
    loginOnlyVisits: randomInt(random, 0, logins),
    submissions,
    failedSubmissions: randomInt(random, 0, submissions),
    entries,
    sameFieldRepeats,
    crossPortalRepeats: randomInt(random, 0, entries - sameFieldRepeats),
    uploads,
    repeatedUploads: randomInt(random, 0, uploads),
    photoUploads,
    screenshotUploads: randomInt(random, 0, uploads - photoUploads),
  };
}

function shuffled<T>(random: () => number, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

function randomWeek(random: () => number): string {
  const year = randomInt(random, 2000, 2099);
  const week = random() < 0.1 && hasIsoWeek53(year) ? 53 : randomInt(random, 1, 52);
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/**
 * A valid report with its totals derived by `cadreWeek` (which checks it with zod), so many cross-field rules sit
 * exactly at their bound and a change of one unit flips the verdict. About one in sixteen has more than 16 portals and pairs.
 */
function randomValidReport(random: () => number, id: string): WeeklyReport {
  const many = random() < 0.06;
  const ids = new Set<string>();
  const wanted = many ? randomInt(random, 17, 40) : randomInt(random, 0, 6);
  while (ids.size < wanted) ids.add(randomPortalId(random));
  const sorted = [...ids].sort();
  const portals = shuffled(random, sorted).map((p) => randomPortalUse(random, p));
  const pairs = [];
  for (let i = 0; i < sorted.length; i++) {
    for (let j = i + 1; j < sorted.length; j++) {
      if (random() < (many ? 0.05 : 0.4)) {
        pairs.push({
          a: sorted[i]!,
          b: sorted[j]!,
          crossPortalRepeats: randomInt(random, 0, 50),
          duplicateFilings: randomInt(random, 0, 5),
          transfers: randomInt(random, 0, 20),
          repeatedUploads: randomInt(random, 0, 5),
        });
      }
    }
  }
  const categories: ReportCategory[] = shuffled(random, ENTRY_CATEGORIES)
    .slice(0, randomInt(random, 0, ENTRY_CATEGORIES.length))
    .map((category: EntryCategory) => {
      const entries = randomInt(random, 0, 300);
      const sameFieldRepeats = randomInt(random, 0, entries);
      return {
        category,
        entries,
        sameFieldRepeats,
        crossPortalRepeats: randomInt(random, 0, entries - sameFieldRepeats),
        portals: randomInt(random, 0, Math.min(entries, 12)),
      };
    });
  const tags: ReportTag[] = shuffled(random, PAGE_TAGS_IN_REPORT)
    .slice(0, randomInt(random, 0, PAGE_TAGS_IN_REPORT.length))
    .map((tag: PageTagInReport) => ({ tag, visits: randomInt(random, 0, 50), activeMinutes: randomInt(random, 0, 300) }));
  const report = cadreWeek({
    id,
    week: randomWeek(random),
    level: random() < 0.8 ? pick(random, LEVELS) : undefined,
    region: random() < 0.8 ? pick(random, ['33', '3301', '330106', '11', '440305']) : undefined,
    portals: shuffled(random, portals),
    pairs: shuffled(random, pairs),
    categories,
    tags,
  });
  report.coverage = randomInt(random, 0, 100);
  const roll = random();
  if (roll < 0.2) delete report.campaign;
  else if (roll < 0.4) report.campaign = randomText(random, 'ABCxyz019', 1) + randomText(random, 'ABCxyz019._-', randomInt(random, 0, 63));
  if (report.profile && random() < 0.3) report.profile.domain = pick(random, WORK_DOMAINS);
  if (random() < 0.3) report.app.version = `${randomInt(random, 0, 65535)}.${randomInt(random, 0, 99)}.${randomInt(random, 0, 9)}`;
  return report;
}

/** One to three reports (one file in thirty holds 17 to 20), with distinct ids. */
function randomValidFile(random: () => number): Loose {
  if (random() < 0.05) return looseCopy(makeValidFile());
  const n = random() < 0.033 ? randomInt(random, 17, 20) : randomInt(random, 1, 3);
  const tag = Math.floor(random() * 2 ** 32);
  return looseCopy(makeValidFile(Array.from({ length: n }, (_, i) => randomValidReport(random, `${tag}-${i}`))));
}

// ---------- mutations ----------

interface Slot {
  parent: Loose;
  key: string | number;
  path: string;
}

/** Every property of every object and every element of every array under `root`. */
function slotsOf(root: Loose): Slot[] {
  const out: Slot[] = [];
  const walk = (value: Loose, path: string) => {
    if (typeof value !== 'object' || value === null) return;
    if (Array.isArray(value)) {
      value.forEach((item, i) => {
        out.push({ parent: value, key: i, path: `${path}[${i}]` });
        walk(item, `${path}[${i}]`);
      });
      return;
    }
    for (const key of Object.keys(value)) {
      out.push({ parent: value, key, path: path ? `${path}.${key}` : key });
      walk(value[key], path ? `${path}.${key}` : key);
    }
  };
  walk(root, '');
  return out;
}

function objectsOf(root: Loose): { value: Loose; path: string }[] {
  const out: { value: Loose; path: string }[] = [{ value: root, path: '(file)' }];
  for (const s of slotsOf(root)) {
    const v = s.parent[s.key];
    if (typeof v === 'object' && v !== null && !Array.isArray(v)) out.push({ value: v, path: s.path });
  }
  return out;
}

function arraysOf(root: Loose): { value: Loose[]; path: string }[] {
  return slotsOf(root)
    .filter((s) => Array.isArray(s.parent[s.key]))
    .map((s) => ({ value: s.parent[s.key], path: s.path }));
}

function describeValue(v: unknown): string {
  if (typeof v === 'number') return Object.is(v, -0) ? '-0' : String(v);
  if (typeof v === 'bigint') return `${v}n`;
  if (v instanceof String || v instanceof Number) return `new ${v.constructor.name}(${JSON.stringify(v.valueOf())})`;
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…(${v.length})` : v);
  if (v === undefined) return 'undefined';
  return JSON.stringify(v)?.slice(0, 60) ?? String(v);
}

const WRONG_TYPES: (() => unknown)[] = [
  () => null,
  () => undefined,
  () => true,
  () => false,
  () => 0,
  () => 1,
  () => '',
  () => 'x',
  () => [],
  () => ({}),
  () => [{}],
  () => [1, 2],
  () => new String('zj-mzxt'),
  () => new Number(1),
  () => 1n,
  () => Object.create(null),
];

/** Numbers and near-numbers for an integer field whose value is `v`. */
function numberFor(random: () => number, v: number): unknown {
  return pick(random, [
    -1,
    -0,
    0,
    1,
    0.5,
    v + 0.5,
    v + 1,
    v - 1,
    v * 2,
    Math.floor(v / 2),
    7,
    8,
    100,
    101,
    MINUTES_PER_WEEK,
    MINUTES_PER_WEEK + 1,
    MAX_COUNT,
    MAX_COUNT + 1,
    Number.MAX_SAFE_INTEGER,
    2 ** 53,
    1e300,
    -1e300,
    Infinity,
    -Infinity,
    NaN,
    Number.EPSILON,
    String(v),
    '5',
    null,
    true,
    [v],
    { v },
    new Number(v),
    undefined,
  ]);
}

const UNKNOWN_KEYS = ['extra', 'timezone', '0', '', ' portal', 'Portal', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', '__proto__'];
/** Keys that are valid somewhere in the format, so only the strictness of the right object rejects them. */
const KNOWN_ELSEWHERE = [
  'schema',
  'notice',
  'reports',
  'reportId',
  'week',
  'campaign',
  'profile',
  'coverage',
  'portal',
  'a',
  'b',
  'category',
  'tag',
  'visits',
  'portals',
  'offHoursMinutes',
  'accounts',
  'portalsUsed',
  'level',
  'version',
];

/** A string for a pattern-checked field: random text near the pattern, or a valid value. */
function stringFor(random: () => number, field: string): unknown {
  const roll = random();
  if (roll < 0.08) return pick(random, WRONG_TYPES)();
  if (roll < 0.16) return pick(random, ['', ' ', '\n', 'ｍｚｘｔ', '民政', 'a\nb', 'A'.repeat(300), '\u0000']);
  switch (field) {
    case 'reportId':
      return randomText(random, 'ABCabc019-_+/=.', randomInt(random, 41, 45));
    case 'week':
      return random() < 0.5
        ? `${randomInt(random, 1998, 2101)}-W${String(randomInt(random, 0, 55)).padStart(2, '0')}`
        : pick(random, ['2025-W53', '2026-W53', '2020-W53', '2021-W53', '2026-W1', '2026-w48', '2026W48', '2026-W48 ', '2026-W48\n']);
    case 'campaign':
      return randomText(random, 'Aa0._- /', randomInt(random, 0, 66));
    case 'version':
      return pick(random, ['0', '1', '01', '10', '65535', '99999', '100000', '', 'x']) + pick(random, ['.', '..', '-']) + randomInt(random, 0, 9) + pick(random, ['.0', '.00', '.1.2', '', '.123456']);
    case 'region':
      return randomText(random, '0123456789 a', randomInt(random, 0, 8));
    case 'level':
    case 'domain':
    case 'category':
    case 'tag':
      return pick(random, [...LEVELS, ...WORK_DOMAINS, ...ENTRY_CATEGORIES, ...PAGE_TAGS_IN_REPORT, 'City', 'name ', 'login2', '']);
    case 'schema':
      return pick(random, [REPORT_SCHEMA_ID, 'burden-report/2', `${REPORT_SCHEMA_ID} `, 'Burden-report/1']);
    case 'notice':
      return pick(random, [REPORT_NOTICE, REPORT_NOTICE.slice(1), `${REPORT_NOTICE} `, REPORT_NOTICE.toUpperCase()]);
    default:
      // Portal ids: valid ones of every form, and random text from a slightly wider alphabet.
      if (random() < 0.4) return randomPortalId(random);
      if (random() < 0.1) return `${randomPortalId(random)}${pick(random, ['.', '-', '..a', ':8080', '/x', 'A', '.a'.repeat(120)])}`;
      return randomText(random, 'ab09-.:/A_', randomInt(random, 0, 70));
  }
}

type Mutation = (file: Loose, random: () => number) => string | null;

/** One rule of report-schema.ts's superRefine, pushed to `bound + d` for d in -1..1 (at, over or under it). */
function crossFieldMutation(file: Loose, random: () => number): string | null {
  const ri = randomInt(random, 0, file.reports.length - 1);
  const r = file.reports[ri];
  if (typeof r !== 'object' || r === null || typeof r.totals !== 'object' || r.totals === null) return null;
  const t = r.totals;
  const d = randomInt(random, -1, 1);
  const item = (list: unknown) => (Array.isArray(list) && list.length > 0 ? pick(random, list) : undefined);
  const set = (o: Loose, key: string, value: number, why: string) => {
    o[key] = value;
    return `reports[${ri}] ${why}: ${key} := ${value}`;
  };
  const rules: (() => string | null)[] = [
    () => set(t, 'offHoursMinutes', t.activeMinutes + d, 'totals off hours'),
    () => set(t, 'sameFieldRepeats', t.entries - t.crossPortalRepeats + d, 'totals repeats'),
    () => set(t, 'entries', t.sameFieldRepeats + t.crossPortalRepeats + d, 'totals entries'),
    () => set(t, 'nearRepeatUploads', t.uploads - t.repeatedUploads + d, 'totals repeated uploads'),
    () => set(t, 'screenshotUploads', t.uploads - t.photoUploads + d, 'totals upload kinds'),
    () => set(t, 'failedSubmissions', t.submissions + d, 'totals failures'),
    () => set(t, 'duplicateFilings', t.submissions + d, 'totals duplicate filings'),
    () => set(t, pick(random, ['relogins', 'captchas', 'accounts', 'loginOnlyVisits']), t.logins + d, 'totals logins'),
    () => set(t, 'logins', Math.max(t.relogins, t.captchas, t.accounts, t.loginOnlyVisits) + d, 'totals logins'),
    () => {
      const q = item(r.portals);
      if (!q) return null;
      return pick(random, [
        () => set(q, 'sameFieldRepeats', q.entries - q.crossPortalRepeats + d, 'portal repeats'),
        () => set(q, 'repeatedUploads', q.uploads + d, 'portal repeated uploads'),
        () => set(q, 'screenshotUploads', q.uploads - q.photoUploads + d, 'portal upload kinds'),
        () => set(q, 'failedSubmissions', q.submissions + d, 'portal failures'),
        () => set(q, pick(random, ['relogins', 'captchas', 'loginOnlyVisits']), q.logins + d, 'portal logins'),
        () => {
          const k = pick(random, PORTAL_FIELDS_BOUNDED_BY_TOTALS);
          return set(q, k, t[k] + d, 'portal bounded by totals');
        },
        () => {
          const k = pick(random, PORTAL_FIELDS_BOUNDED_BY_TOTALS);
          return set(t, k, q[k] + d, 'totals under a portal');
        },
        () => {
          const other = item(r.portals);
          q.portal = other.portal;
          return `reports[${ri}] portal id copied: ${other.portal}`;
        },
      ])();
    },
    () => {
      const q = item(r.pairs);
      if (!q) return null;
      return pick(random, [
        () => {
          [q.a, q.b] = [q.b, q.a];
          return `reports[${ri}] pair swapped`;
        },
        () => {
          q.b = q.a;
          return `reports[${ri}] pair b := a`;
        },
        () => {
          const k = pick(random, PAIR_FIELDS_BOUNDED_BY_TOTALS);
          return set(q, k, t[k] + d, 'pair bounded by totals');
        },
        () => {
          const other = item(r.pairs);
          Object.assign(q, { a: other.a, b: other.b });
          return `reports[${ri}] pair ids copied`;
        },
      ])();
    },
    () => {
      const q = item(r.categories);
      if (!q) return null;
      return pick(random, [
        () => set(q, 'sameFieldRepeats', q.entries - q.crossPortalRepeats + d, 'category repeats'),
        () => set(q, 'portals', q.entries + d, 'category portals vs entries'),
        () => set(q, 'portals', t.portalsUsed + d, 'category portals vs used'),
        () => set(t, 'portalsUsed', q.portals + d, 'portals used under a category'),
        () => {
          const k = pick(random, CATEGORY_FIELDS_BOUNDED_BY_TOTALS);
          return set(q, k, t[k] + d, 'category bounded by totals');
        },
        () => {
          q.category = item(r.categories).category;
          return `reports[${ri}] category copied`;
        },
      ])();
    },
    () => {
      const q = item(r.tags);
      if (!q) return null;
      return pick(random, [
        () => set(q, 'activeMinutes', t.activeMinutes + d, 'tag minutes'),
        () => set(t, 'activeMinutes', q.activeMinutes + d, 'totals minutes under a tag'),
        () => {
          q.tag = item(r.tags).tag;
          return `reports[${ri}] tag copied`;
        },
      ])();
    },
    () => {
      const other = item(file.reports);
      if (typeof other !== 'object' || other === null) return null;
      r.reportId = (other as Loose).reportId;
      return `reports[${ri}] reportId copied`;
    },
  ];
  return pick(random, rules)();
}

const MUTATIONS: [name: string, weight: number, mutate: Mutation][] = [
  [
    'number',
    6,
    (file, random) => {
      const slots = slotsOf(file).filter((s) => typeof s.parent[s.key] === 'number');
      if (slots.length === 0) return null;
      const s = pick(random, slots);
      const value = numberFor(random, s.parent[s.key]);
      s.parent[s.key] = value;
      return `${s.path} := ${describeValue(value)}`;
    },
  ],
  ['cross-field rule', 8, crossFieldMutation],
  [
    'delete a key',
    2,
    (file, random) => {
      const slots = slotsOf(file).filter((s) => !Array.isArray(s.parent));
      if (slots.length === 0) return null;
      const s = pick(random, slots);
      delete s.parent[s.key];
      return `delete ${s.path}`;
    },
  ],
  [
    'add a key',
    2,
    (file, random) => {
      const o = pick(random, objectsOf(file));
      const key = random() < 0.5 ? pick(random, UNKNOWN_KEYS) : pick(random, KNOWN_ELSEWHERE);
      const value = random() < 0.5 ? pick(random, WRONG_TYPES)() : 1;
      // An own `__proto__` key, as JSON.parse makes it, rather than a change of prototype.
      Object.defineProperty(o.value, key, { value, enumerable: true, writable: true, configurable: true });
      return `${o.path}[${JSON.stringify(key)}] := ${describeValue(value)}`;
    },
  ],
  [
    'duplicate an entry',
    2,
    (file, random) => {
      const arrays = arraysOf(file).filter((a) => a.value.length > 0);
      if (arrays.length === 0) return null;
      const a = pick(random, arrays);
      const i = randomInt(random, 0, a.value.length - 1);
      a.value.splice(randomInt(random, 0, a.value.length), 0, looseCopy(a.value[i]));
      return `${a.path}: copy of [${i}] inserted`;
    },
  ],
  [
    'string field',
    4,
    (file, random) => {
      const fields = new Set(['reportId', 'week', 'campaign', 'version', 'region', 'level', 'domain', 'category', 'tag', 'schema', 'notice', 'portal', 'a', 'b']);
      const slots = slotsOf(file).filter((s) => typeof s.key === 'string' && fields.has(s.key));
      if (slots.length === 0) return null;
      const s = pick(random, slots);
      const value = stringFor(random, String(s.key));
      s.parent[s.key] = value;
      return `${s.path} := ${describeValue(value)}`;
    },
  ],
  [
    'wrong type',
    2,
    (file, random) => {
      const slots = slotsOf(file);
      const s = pick(random, slots);
      const roll = random();
      // Another part of the file in its place (a portal where totals go, pairs where categories go, …), or junk.
      const value = roll < 0.4 ? looseCopy(pick(random, slots).parent) : roll < 0.6 ? [looseCopy(s.parent[s.key])] : pick(random, WRONG_TYPES)();
      s.parent[s.key] = value;
      return `${s.path} := ${describeValue(value)}`;
    },
  ],
  [
    'array shape',
    1,
    (file, random) => {
      const a = pick(random, arraysOf(file));
      if (!a) return null;
      switch (randomInt(random, 0, 4)) {
        case 0:
          if (a.value.length === 0) return null;
          delete a.value[randomInt(random, 0, a.value.length - 1)];
          return `${a.path}: a hole`;
        case 1:
          a.value.length += 1;
          return `${a.path}: one longer`;
        case 2:
          a.value.length = randomInt(random, 0, a.value.length);
          return `${a.path}: cut to ${a.value.length}`;
        case 3:
          Object.assign(a.value, { extra: 1 });
          return `${a.path}: a named property`;
        default: {
          if (a.value.length === 0) return null;
          // At or just past the list's limit: copies of the first entry, made distinct where the format asks.
          const p = a.path;
          const limit = p.endsWith('categories')
            ? ENTRY_CATEGORIES.length
            : p.endsWith('tags')
              ? PAGE_TAGS_IN_REPORT.length
              : p.endsWith('portals')
                ? MAX_PORTALS_PER_REPORT
                : p === 'reports'
                  ? MAX_REPORTS_PER_FILE
                  : 30;
          const target = limit + randomInt(random, 0, 1);
          const base = a.value[0];
          a.value.length = 0;
          for (let n = 0; n < target; n++) {
            const copy = looseCopy(base);
            if (copy && typeof copy === 'object') {
              if ('portal' in copy) copy.portal = `p-${n}`;
              if ('reportId' in copy) copy.reportId = fixtureReportId(`many-${n}`);
              if ('a' in copy) Object.assign(copy, { a: `p-${n}`, b: `q-${n}` });
              if ('category' in copy) copy.category = ENTRY_CATEGORIES[n] ?? 'name';
              if ('tag' in copy) copy.tag = PAGE_TAGS_IN_REPORT[n] ?? 'login';
            }
            a.value.push(copy);
          }
          return `${p}: ${target} entries`;
        }
      }
    },
  ],
  [
    'prototype',
    1,
    (file, random) => {
      const o = pick(random, objectsOf(file));
      const roll = random();
      if (roll < 0.4) {
        Object.setPrototypeOf(o.value, null);
        return `${o.path}: null prototype`;
      }
      const keys = Object.keys(o.value);
      if (roll < 0.7 && keys.length > 0) {
        // A field moved from the object to its prototype: zod reads `key in input` and input[key], and iterates for…in.
        const key = pick(random, keys);
        const value = o.value[key];
        delete o.value[key];
        const enumerable = random() < 0.5;
        const proto = {};
        Object.defineProperty(proto, key, { value, enumerable, writable: true, configurable: true });
        Object.setPrototypeOf(o.value, proto);
        return `${o.path}.${key} moved to the prototype (${enumerable ? 'enumerable' : 'hidden'})`;
      }
      Object.setPrototypeOf(o.value, { inherited: 1 });
      return `${o.path}: an enumerable inherited key`;
    },
  ],
  [
    'optional parts',
    2,
    (file, random) => {
      const r = pick(random, file.reports as Loose[]);
      if (typeof r !== 'object' || r === null) return null;
      switch (randomInt(random, 0, 4)) {
        case 0:
          delete r.campaign;
          return 'campaign deleted';
        case 1:
          r.campaign = undefined;
          return 'campaign := undefined';
        case 2:
          r.profile = random() < 0.5 ? {} : undefined;
          return `profile := ${describeValue(r.profile)}`;
        case 3:
          if (typeof r.profile !== 'object' || r.profile === null) return null;
          r.profile[pick(random, ['level', 'region', 'domain'])] = undefined;
          return 'a profile field := undefined';
        default:
          delete r.profile;
          return 'profile deleted';
      }
    },
  ],
];

const TOTAL_WEIGHT = MUTATIONS.reduce((s, [, w]) => s + w, 0);

function pickMutation(random: () => number): [string, Mutation] {
  let x = random() * TOTAL_WEIGHT;
  for (const [name, w, mutate] of MUTATIONS) {
    x -= w;
    if (x < 0) return [name, mutate];
  }
  const [name, , mutate] = MUTATIONS[MUTATIONS.length - 1]!;
  return [name, mutate];
}

/** Valid files to mutate, made once (as JSON text, for cheap copies) from fixed seeds. */
const POOL_SIZE = 500;
let pool: string[] | undefined;
function validPool(): string[] {
  pool ??= Array.from({ length: POOL_SIZE }, (_, i) => JSON.stringify(randomValidFile(seededRandom(1_000_000 + i))));
  return pool;
}

/** The input of one property case and what was done to it; the same seed always gives the same case. */
function propertyCase(seed: number): { json: unknown; steps: string[] } {
  const random = seededRandom(seed);
  const base = randomInt(random, 0, POOL_SIZE - 1);
  const file = JSON.parse(validPool()[base]!);
  const roll = random();
  const count = roll < 0.05 ? 0 : roll < 0.75 ? 1 : roll < 0.9 ? 2 : 3;
  const steps: string[] = [`valid file #${base} of the pool`];
  for (let i = 0; i < count; i++) {
    const [name, mutate] = pickMutation(random);
    let done: string | null = null;
    try {
      done = mutate(file, random);
    } catch (error) {
      // A mutation that tripped over an earlier one (e.g. reports is no longer an array): the case stands as is.
      done = `(${name} skipped: ${(error as Error).message})`;
    }
    steps.push(done ?? `(${name}: nothing to change)`);
  }
  return { json: file, steps };
}

const BASE_SEED = Number(process.env.REPORT_FAST_CHECK_SEED ?? 20_260_518);
const CASES = Number(process.env.REPORT_FAST_CHECK_CASES ?? 4_000);

describe('agrees with zod on random mutations of valid files', () => {
  it(`${CASES} cases from seed ${BASE_SEED}`, { timeout: 600_000 }, () => {
    const failures: string[] = [];
    let accepted = 0;
    for (let i = 0; i < CASES; i++) {
      const seed = BASE_SEED + i;
      const { json, steps } = propertyCase(seed);
      let fast: boolean;
      let zod: boolean;
      try {
        fast = fastCheckReportFile(json);
        zod = zodAccepts(json);
      } catch (error) {
        failures.push(`seed ${seed}: threw ${(error as Error).stack}\n  ${steps.join('\n  ')}`);
        continue;
      }
      if (zod) accepted++;
      if (fast !== zod) {
        failures.push(`seed ${seed}: fast check ${fast}, zod ${zod}\n  ${steps.join('\n  ')}`);
        if (failures.length >= 10) break;
      }
    }
    console.log(`report-fast-check: ${CASES} random cases from seed ${BASE_SEED}, ${accepted} valid, ${CASES - accepted} invalid`);
    if (failures.length) {
      const message = `fast check and zod disagree (replay one with REPORT_FAST_CHECK_SEED=<seed> REPORT_FAST_CHECK_CASES=1):\n${failures.join('\n')}`;
      console.error(message);
      expect.fail(message);
    }
    // Both verdicts must be well represented, or the test proves little.
    expect(accepted / CASES).toBeGreaterThan(0.15);
    expect(accepted / CASES).toBeLessThan(0.7);
  });
});

// ---------- the importer ----------

describe('office import', () => {
  afterEach(() => {
    vi.doUnmock('../../../../core/contracts/report-fast-check');
    vi.resetModules();
    vi.restoreAllMocks();
  });

  const text = (json: unknown) => JSON.stringify(json);

  it('keeps a valid file without calling zod, and keeps what zod would return', async () => {
    const { importReportFiles } = await import('../../../../core/office/import');
    const schema = await import('../../../../core/contracts/report-schema');
    const file = randomValidFile(seededRandom(7));
    const expected = parseReportFile(file).data!.reports;
    const safeParse = vi.spyOn(schema.reportFileSchema, 'safeParse');
    const result = importReportFiles([{ name: 'a.json', text: text(file) }], new Set());
    expect(safeParse).not.toHaveBeenCalled();
    expect(result.accepted).toStrictEqual(expected);
  });

  it('asks zod why when the fast check says no', async () => {
    const { importReportFiles } = await import('../../../../core/office/import');
    const schema = await import('../../../../core/contracts/report-schema');
    const safeParse = vi.spyOn(schema.reportFileSchema, 'safeParse');
    const broken = fileWith((r) => (r.totals.failedSubmissions = r.totals.submissions + 1));
    const result = importReportFiles([{ name: 'b.json', text: text(broken) }], new Set());
    expect(safeParse).toHaveBeenCalledTimes(1);
    expect(result.rejected).toEqual([{ file: 'b.json', reason: 'implausible', detail: [{ path: 'reports[0].totals.failedSubmissions', code: 'failures_exceed_submissions' }] }]);
  });

  it('keeps a file zod accepts even if the fast check were to refuse it (the safe side)', async () => {
    vi.resetModules();
    vi.doMock('../../core/report-fast-check', () => ({ fastCheckReportFile: () => false }));
    const { importReportFiles } = await import('../../../../core/office/import');
    const file = makeValidFile();
    const broken = fileWith((r) => (r.extra = 1));
    const result = importReportFiles(
      [
        { name: 'good.json', text: text(file) },
        { name: 'bad.json', text: text(broken) },
      ],
      new Set(),
    );
    expect(result.accepted).toStrictEqual(file.reports);
    expect(result.rejected).toEqual([{ file: 'bad.json', reason: 'invalid', detail: [{ path: 'reports[0].extra', code: 'unrecognized_key' }] }]);
  });

  it('reads an own __proto__ key from JSON as an unknown key, as zod does', () => {
    const json = JSON.parse(text(makeValidFile()).replace('"coverage":', '"__proto__":{"coverage":1},"coverage":'));
    expect(Object.keys(json.reports[0])).toContain('__proto__');
    expectVerdict(json, false);
  });
});
