import { getISOWeeksInYear } from 'date-fns';
import { describe, expect, it } from 'vitest';
import {
  ENTRY_CATEGORIES,
  LEVELS,
  MAX_COUNT,
  MAX_PORTALS_PER_REPORT,
  MAX_REPORTS_PER_FILE,
  PAGE_TAGS_IN_REPORT,
  REPORT_NOTICE,
  REPORT_SCHEMA_ID,
  WORK_DOMAINS,
  describeIssues,
  hasIsoWeek53,
  parseReportFile,
  type ReportIssue,
} from '../../../../core/contracts/report-schema';
import { fixtureReportId, looseCopy, type Loose, makeValidFile, makeValidReport } from '../report/fixtures';

function issuesOf(json: unknown): ReportIssue[] {
  const result = parseReportFile(json);
  return result.success ? [] : describeIssues(result.error);
}

/** A loosely typed copy of the fixture file with `mutate` applied to its first report. */
function fileWith(mutate: (report: Loose, file: Loose) => void): unknown {
  const file = looseCopy(makeValidFile());
  mutate(file.reports[0], file);
  return file;
}

function expectIssue(json: unknown, path: string, code: string): void {
  expect(issuesOf(json)).toContainEqual(expect.objectContaining({ path, code }));
}

/** The file is rejected for this reason and no other, so the test pins down the one rule it is about. */
function expectOnlyIssue(json: unknown, path: string, code: string): void {
  expect(issuesOf(json).map(({ path: p, code: c }) => ({ path: p, code: c }))).toEqual([{ path, code }]);
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

describe('constants', () => {
  it('carries the bilingual notice, Chinese first', () => {
    expect(REPORT_NOTICE).toContain('不得用于个人考核');
    expect(REPORT_NOTICE).toMatch(/not people/);
    expect(REPORT_NOTICE.search(/[\u4e00-\u9fff]/)).toBe(0);
    expect(REPORT_NOTICE.indexOf('不得用于个人考核')).toBeLessThan(REPORT_NOTICE.indexOf('This report'));
  });

  it('keeps every list id kebab-case and unique', () => {
    for (const list of [LEVELS, WORK_DOMAINS, ENTRY_CATEGORIES, PAGE_TAGS_IN_REPORT]) {
      expect(new Set(list).size).toBe(list.length);
      for (const id of list) expect(id).toMatch(/^[a-z]+(?:-[a-z]+)*$/);
    }
  });

  it('knows which years have an ISO week 53, as date-fns does', () => {
    expect(hasIsoWeek53(2026)).toBe(true);
    expect(hasIsoWeek53(2025)).toBe(false);
    expect(hasIsoWeek53(2020)).toBe(true);
    expect(hasIsoWeek53(2027)).toBe(false);
    for (let y = 2000; y < 2100; y++) {
      expect(hasIsoWeek53(y)).toBe(getISOWeeksInYear(new Date(Date.UTC(y, 6, 1))) === 53);
    }
  });
});

describe('accepts', () => {
  it('the fixture file', () => {
    const file = makeValidFile();
    const result = parseReportFile(file);
    expect(result.success).toBe(true);
    expect(result.data).toEqual(file);
  });

  it('a report without the optional campaign and profile, and with an empty profile', () => {
    expect(issuesOf(makeValidFile([makeValidReport({ campaign: undefined, profile: null })]))).toEqual([]);
    expect(issuesOf(makeValidFile([makeValidReport({ profile: {} })]))).toEqual([]);
  });

  it('a quiet week with empty lists and zero counts', () => {
    const quiet = fileWith((r) => {
      for (const k of Object.keys(r.totals)) r.totals[k] = 0;
      r.portals = [];
      r.pairs = [];
      r.categories = [];
      r.tags = [];
      r.coverage = 0;
    });
    expect(issuesOf(quiet)).toEqual([]);
  });

  it('numbers at their bounds', () => {
    const full = fileWith((r) => {
      r.totals.activeMinutes = 10080;
      r.totals.offHoursMinutes = 10080;
      r.totals.waitMinutes = 10080;
      r.totals.repeatTypingMinutes = 10080;
      r.totals.daysActive = 7;
      r.totals.retypedChars = MAX_COUNT;
      r.totals.entries = MAX_COUNT;
      r.totals.sameFieldRepeats = MAX_COUNT - r.totals.crossPortalRepeats;
      r.portals[0].activeMinutes = 10080;
      r.portals[0].waitMinutes = 10080;
      r.portals[0].daysActive = 7;
      r.coverage = 100;
    });
    expect(issuesOf(full)).toEqual([]);
  });

  it('2026-W53 (2026 has 53 ISO weeks) and week 1', () => {
    expect(issuesOf(makeValidFile([makeValidReport({ week: '2026-W53' })]))).toEqual([]);
    expect(issuesOf(makeValidFile([makeValidReport({ week: '2027-W01' })]))).toEqual([]);
  });

  it('catalog ids, other-N and a host the cadre chose to show, including an intranet IP', () => {
    const file = fileWith((r) => {
      r.portals[3].portal = '10.12.3.4';
      r.portals[4].portal = 'other-12';
    });
    expect(issuesOf(file)).toEqual([]);
  });

  it('several weeks of one cadre in one file', () => {
    const reports = ['2026-W46', '2026-W47', '2026-W48'].map((week) => makeValidReport({ week }));
    expect(new Set(reports.map((r) => r.reportId)).size).toBe(3);
    expect(issuesOf(makeValidFile(reports))).toEqual([]);
  });

  it('a region code of 2, 4 or 6 digits and every listed level and domain', () => {
    for (const region of ['33', '3301', '330106']) {
      expect(issuesOf(makeValidFile([makeValidReport({ profile: { region } })]))).toEqual([]);
    }
    for (const level of LEVELS) expect(issuesOf(makeValidFile([makeValidReport({ profile: { level } })]))).toEqual([]);
    for (const domain of WORK_DOMAINS) {
      expect(issuesOf(makeValidFile([makeValidReport({ profile: { domain } })]))).toEqual([]);
    }
  });
});

describe('rejects the file envelope', () => {
  it.each([null, 'burden-report/1', 42, [], {}])('a non-file %j', (json) => {
    expect(parseReportFile(json).success).toBe(false);
  });

  it('a wrong or missing schema id', () => {
    expectOnlyIssue(fileWith((_r, f) => (f.schema = 'burden-report/2')), 'schema', 'invalid_value');
    expectOnlyIssue(fileWith((_r, f) => delete f.schema), 'schema', 'invalid_value');
  });

  it('a missing or altered notice', () => {
    expectOnlyIssue(fileWith((_r, f) => delete f.notice), 'notice', 'invalid_value');
    expectOnlyIssue(fileWith((_r, f) => (f.notice = 'For internal use.')), 'notice', 'invalid_value');
    expectOnlyIssue(fileWith((_r, f) => (f.notice = REPORT_NOTICE.replace('不得用于个人考核', ''))), 'notice', 'invalid_value');
  });

  it('no reports, or more than ten years of weeks', () => {
    expectOnlyIssue(fileWith((_r, f) => (f.reports = [])), 'reports', 'too_small');
    const many = Array.from({ length: MAX_REPORTS_PER_FILE + 1 }, (_, i) =>
      makeValidReport({ reportId: fixtureReportId(`r${i}`) }),
    );
    expectOnlyIssue(makeValidFile(many), 'reports', 'too_big');
  });

  it('two reports with the same reportId', () => {
    const r = makeValidReport();
    expectOnlyIssue(makeValidFile([r, makeValidReport({ week: '2026-W47', reportId: r.reportId })]), 'reports[1].reportId', 'duplicate_report_id');
  });

  it('a report that is not an object without throwing', () => {
    expectIssue(fileWith((_r, f) => (f.reports = ['x'])), 'reports[0]', 'invalid_type');
  });
});

describe('rejects unknown keys at every level', () => {
  it.each([
    ['file', (_r: Loose, f: Loose) => (f.extra = 1), 'extra'],
    ['report', (r: Loose) => (r.timezone = 'Asia/Shanghai'), 'reports[0].timezone'],
    ['report (timestamp)', (r: Loose) => (r.generatedAt = '2026-11-30T08:00:00+08:00'), 'reports[0].generatedAt'],
    ['report (install id)', (r: Loose) => (r.installId = 'abc'), 'reports[0].installId'],
    ['app', (r: Loose) => (r.app.build = 'dev'), 'reports[0].app.build'],
    ['profile', (r: Loose) => (r.profile.name = '张三'), 'reports[0].profile.name'],
    ['totals', (r: Loose) => (r.totals.keystrokes = 5), 'reports[0].totals.keystrokes'],
    ['portal', (r: Loose) => (r.portals[1].title = '民政业务系统'), 'reports[0].portals[1].title'],
    ['portal (url)', (r: Loose) => (r.portals[0].url = 'http://10.1.1.1:8080/login'), 'reports[0].portals[0].url'],
    ['portal (offHoursMinutes, not in §4)', (r: Loose) => (r.portals[0].offHoursMinutes = 1), 'reports[0].portals[0].offHoursMinutes'],
    ['pair', (r: Loose) => (r.pairs[0].field = 'idcard'), 'reports[0].pairs[0].field'],
    ['category', (r: Loose) => (r.categories[0].label = '身份证号'), 'reports[0].categories[0].label'],
    ['tag', (r: Loose) => (r.tags[0].path = '/sign'), 'reports[0].tags[0].path'],
  ] as const)('%s', (_level, mutate, path) => {
    expectOnlyIssue(fileWith(mutate), path, 'unrecognized_key');
  });

  it('lists each unknown key of one object separately', () => {
    const issues = issuesOf(fileWith((r) => Object.assign(r, { a: 1, b: 2 })));
    expect(issues).toEqual([
      { path: 'reports[0].a', code: 'unrecognized_key', message: 'unknown field' },
      { path: 'reports[0].b', code: 'unrecognized_key', message: 'unknown field' },
    ]);
  });
});

describe('rejects missing required fields', () => {
  it.each([
    ['reportId', 'reports[0].reportId'],
    ['week', 'reports[0].week'],
    ['app', 'reports[0].app'],
    ['coverage', 'reports[0].coverage'],
    ['totals', 'reports[0].totals'],
    ['portals', 'reports[0].portals'],
    ['pairs', 'reports[0].pairs'],
    ['categories', 'reports[0].categories'],
    ['tags', 'reports[0].tags'],
  ])('%s', (key, path) => {
    expectOnlyIssue(fileWith((r) => delete r[key]), path, 'invalid_type');
  });

  it('a field of totals, of a portal and of app', () => {
    expectOnlyIssue(fileWith((r) => delete r.totals.accounts), 'reports[0].totals.accounts', 'invalid_type');
    expectOnlyIssue(fileWith((r) => delete r.portals[2].entries), 'reports[0].portals[2].entries', 'invalid_type');
    expectOnlyIssue(fileWith((r) => delete r.app.schema), 'reports[0].app.schema', 'invalid_value');
  });
});

describe('rejects a bad week', () => {
  it('2025-W53: 2025 has only 52 ISO weeks', () => {
    expect(getISOWeeksInYear(new Date(2025, 5, 15))).toBe(52);
    expectOnlyIssue(fileWith((r) => (r.week = '2025-W53')), 'reports[0].week', 'week_not_in_year');
  });

  it.each(['2026-W54', '2026-W00', '2026-W1', '2026W48', '2026-w48', '2026-W48-1', '2026-11-23', '2026-11', '1999-W10', '2100-W01', ' 2026-W48', '２０２６-W48'])(
    '%j',
    (week) => {
      expectOnlyIssue(fileWith((r) => (r.week = week)), 'reports[0].week', 'invalid_format');
    },
  );
});

describe('rejects a bad reportId', () => {
  it.each([
    ['42 characters', fixtureReportId('x').slice(0, 42)],
    ['44 characters', `${fixtureReportId('x')}A`],
    ['padded', `${fixtureReportId('x').slice(0, 42)}=`],
    ['standard base64', `+/${fixtureReportId('x').slice(2)}`],
    ['hex SHA-256', 'a'.repeat(64)],
    ['empty', ''],
  ])('%s', (_what, id) => {
    expectOnlyIssue(fileWith((r) => (r.reportId = id)), 'reports[0].reportId', 'invalid_format');
  });

  it('that is not a string', () => {
    expectOnlyIssue(fileWith((r) => (r.reportId = 12345)), 'reports[0].reportId', 'invalid_type');
  });
});

describe('rejects free text in constrained strings', () => {
  it.each(['-jianfu', 'jianfu 2026', '减负2026', 'a'.repeat(65), '', 'x/y'])('campaign %j', (campaign) => {
    expectOnlyIssue(fileWith((r) => (r.campaign = campaign)), 'reports[0].campaign', 'invalid_format');
  });

  it.each(['0.1', '1.2.3-beta', '01.2.3', '1.2.3.4', '100000.0.0', 'v1.2.3'])('app.version %j', (version) => {
    expectOnlyIssue(fileWith((r) => (r.app.version = version)), 'reports[0].app.version', 'invalid_format');
  });

  it('another app.schema', () => {
    expectOnlyIssue(fileWith((r) => (r.app.schema = 'burden-report/2')), 'reports[0].app.schema', 'invalid_value');
  });

  it.each(['3', '330', '33010', '3301061', 'abcd', '33 01', '３３０１'])('profile.region %j', (region) => {
    expectOnlyIssue(fileWith((r) => (r.profile.region = region)), 'reports[0].profile.region', 'invalid_format');
  });

  it('a level or domain not on the list', () => {
    expectOnlyIssue(fileWith((r) => (r.profile.level = 'city')), 'reports[0].profile.level', 'invalid_value');
    expectOnlyIssue(fileWith((r) => (r.profile.domain = '民政')), 'reports[0].profile.domain', 'invalid_value');
  });

  it('a category or tag not on the list', () => {
    expectOnlyIssue(fileWith((r) => (r.categories[0].category = 'email')), 'reports[0].categories[0].category', 'invalid_value');
    expectOnlyIssue(fileWith((r) => (r.tags[0].tag = 'survey')), 'reports[0].tags[0].tag', 'invalid_value');
  });

  const smuggled = [
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
    ['a too-long host', `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(62)}`, 'too_big'],
    ['empty', ''],
    ['a CIDR', '10.0.0.1/24'],
    ['full-width letters', 'ｍｚｘｔ'],
  ] as [string, string, string?][];

  it.each(smuggled)('portal id: %s', (_what, id, code = 'invalid_format') => {
    expectOnlyIssue(fileWith((r) => (r.portals[5].portal = id)), 'reports[0].portals[5].portal', code);
  });

  it.each(smuggled)('pair id: %s', (_what, id, code = 'invalid_format') => {
    // The order check may fire too, since a smuggled id can sort anywhere.
    expectIssue(fileWith((r) => (r.pairs[0].a = id)), 'reports[0].pairs[0].a', code);
  });

  it('a host of exactly 253 characters is accepted, 254 are not', () => {
    const host253 = `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(61)}`;
    expect(host253).toHaveLength(253);
    expect(issuesOf(fileWith((r) => (r.portals[5].portal = host253)))).toEqual([]);
  });
});

describe('rejects bad numbers', () => {
  const places: [string, string][] = [
    ['totals', 'logins'],
    ['portals[1]', 'submissions'],
    ['pairs[0]', 'transfers'],
    ['categories[2]', 'portals'],
    ['tags[0]', 'visits'],
  ];
    const at = (r: Loose, where: string) => {
    const m = /^(\w+)(?:\[(\d+)\])?$/.exec(where)!;
    return m[2] === undefined ? r[m[1]!] : r[m[1]!][Number(m[2])];
  };

  it.each(places)('negative in %s.%s', (where, key) => {
    expectIssue(fileWith((r) => (at(r, where)[key] = -1)), `reports[0].${where}.${key}`, 'too_small');
  });

  it.each(places)('non-integer in %s.%s', (where, key) => {
    expectIssue(fileWith((r) => (at(r, where)[key] = 1.5)), `reports[0].${where}.${key}`, 'invalid_type');
  });

  it.each(places)('huge in %s.%s', (where, key) => {
    expectIssue(fileWith((r) => (at(r, where)[key] = MAX_COUNT + 1)), `reports[0].${where}.${key}`, 'too_big');
    expectIssue(fileWith((r) => (at(r, where)[key] = 1e300)), `reports[0].${where}.${key}`, 'too_big');
  });

  it.each(places)('a string, null or boolean in %s.%s', (where, key) => {
    for (const bad of ['5', null, true]) {
      expectOnlyIssue(fileWith((r) => (at(r, where)[key] = bad)), `reports[0].${where}.${key}`, 'invalid_type');
    }
  });

  it('coverage outside 0..100', () => {
    expectOnlyIssue(fileWith((r) => (r.coverage = 101)), 'reports[0].coverage', 'too_big');
    expectOnlyIssue(fileWith((r) => (r.coverage = -1)), 'reports[0].coverage', 'too_small');
    expectOnlyIssue(fileWith((r) => (r.coverage = 92.5)), 'reports[0].coverage', 'invalid_type');
  });

  it.each(['activeMinutes', 'waitMinutes', 'offHoursMinutes', 'repeatTypingMinutes'])(
    'more than a week of minutes in totals.%s',
    (key) => {
      expectIssue(fileWith((r) => (r.totals[key] = 10081)), `reports[0].totals.${key}`, 'too_big');
    },
  );

  it.each(['activeMinutes', 'waitMinutes'])('more than a week of minutes in portals[].%s', (key) => {
    expectIssue(fileWith((r) => (r.portals[0][key] = 10081)), `reports[0].portals[0].${key}`, 'too_big');
  });

  it('more than a week of minutes in a tag', () => {
    expectIssue(fileWith((r) => (r.tags[0].activeMinutes = 10081)), 'reports[0].tags[0].activeMinutes', 'too_big');
  });

  it('more than 7 active days', () => {
    expectOnlyIssue(fileWith((r) => (r.totals.daysActive = 8)), 'reports[0].totals.daysActive', 'too_big');
    expectIssue(fileWith((r) => (r.portals[0].daysActive = 8)), 'reports[0].portals[0].daysActive', 'too_big');
  });

  it('more than 200 portals', () => {
    const file = fileWith((r) => {
      r.portals = Array.from({ length: MAX_PORTALS_PER_REPORT + 1 }, (_, i) => zeroPortal(`p-${i}`));
    });
    expectOnlyIssue(file, 'reports[0].portals', 'too_big');
    const ok = fileWith((r) => {
      r.portals = Array.from({ length: MAX_PORTALS_PER_REPORT }, (_, i) => zeroPortal(`p-${i}`));
    });
    expect(issuesOf(ok)).toEqual([]);
  });
});

describe('rejects implausible totals', () => {
  it.each([
    ['offHoursMinutes > activeMinutes', { offHoursMinutes: 1461 }, 'offHoursMinutes', 'off_hours_exceed_active'],
    ['sameFieldRepeats + crossPortalRepeats > entries', { entries: 729 }, 'entries', 'repeats_exceed_entries'],
    ['repeatedUploads + nearRepeatUploads > uploads', { nearRepeatUploads: 66 }, 'uploads', 'repeated_uploads_exceed_uploads'],
    ['photoUploads + screenshotUploads > uploads', { screenshotUploads: 53 }, 'uploads', 'upload_kinds_exceed_uploads'],
    ['failedSubmissions > submissions', { failedSubmissions: 143 }, 'failedSubmissions', 'failures_exceed_submissions'],
    ['duplicateFilings > submissions', { duplicateFilings: 143 }, 'duplicateFilings', 'duplicate_filings_exceed_submissions'],
    ['relogins > logins', { relogins: 39 }, 'relogins', 'exceeds_logins'],
    ['captchas > logins', { captchas: 39 }, 'captchas', 'exceeds_logins'],
    ['accounts > logins', { accounts: 39 }, 'accounts', 'exceeds_logins'],
    ['loginOnlyVisits > logins', { loginOnlyVisits: 39 }, 'loginOnlyVisits', 'exceeds_logins'],
  ] as const)('%s', (_rule, totals, key, code) => {
    const report = makeValidReport({ totals: { ...totals } });
    // Lowering entries would also put portals and categories above the total; only the totals rule is under test.
    if (key === 'entries') Object.assign(report, { portals: [], categories: [] });
    const file = makeValidFile([report]);
    expectOnlyIssue(file, `reports[0].totals.${key}`, code);
  });
});

describe('rejects implausible portals', () => {
  it.each([
    ['sameFieldRepeats + crossPortalRepeats > entries', { entries: 309 }, 'entries', 'repeats_exceed_entries'],
    ['repeatedUploads > uploads', { uploads: 30, photoUploads: 10, screenshotUploads: 0, repeatedUploads: 31 }, 'repeatedUploads', 'repeated_uploads_exceed_uploads'],
    ['photoUploads + screenshotUploads > uploads', { photoUploads: 30, screenshotUploads: 11 }, 'uploads', 'upload_kinds_exceed_uploads'],
    ['failedSubmissions > submissions', { submissions: 5, failedSubmissions: 6 }, 'failedSubmissions', 'failures_exceed_submissions'],
    ['relogins > logins', { logins: 3, captchas: 3 }, 'relogins', 'exceeds_logins'],
    ['captchas > logins', { logins: 5 }, 'captchas', 'exceeds_logins'],
    ['loginOnlyVisits > logins', { logins: 1, relogins: 0, captchas: 0, loginOnlyVisits: 2 }, 'loginOnlyVisits', 'exceeds_logins'],
  ] as const)('%s', (_rule, change, key, code) => {
    expectOnlyIssue(fileWith((r) => Object.assign(r.portals[0], change)), `reports[0].portals[0].${key}`, code);
  });

  it.each([
    'activeMinutes',
    'waitMinutes',
    'daysActive',
    'logins',
    'relogins',
    'captchas',
    'loginOnlyVisits',
    'submissions',
    'failedSubmissions',
    'entries',
    'sameFieldRepeats',
    'crossPortalRepeats',
    'uploads',
    'repeatedUploads',
    'photoUploads',
    'screenshotUploads',
  ])('portals[].%s > totals.%s', (key) => {
    // The whole week moved to one portal, then one more than the week.
    const file = fileWith((r) => {
      const lone = { ...r.totals, portal: 'zj-mzxt' };
      r.portals = [Object.fromEntries(Object.keys(r.portals[0]).map((k) => [k, lone[k]]))];
      r.portals[0][key] += 1;
    });
    expectIssue(file, `reports[0].portals[0].${key}`, 'exceeds_total');
  });

  it('the same portal twice', () => {
    expectOnlyIssue(fileWith((r) => (r.portals[1].portal = r.portals[0].portal)), 'reports[0].portals[1].portal', 'duplicate_portal');
  });
});

describe('rejects bad pairs', () => {
  it('a > b', () => {
    expectOnlyIssue(fileWith((r) => Object.assign(r.pairs[0], { a: 'zj-mzxt', b: 'jcb-ybt' })), 'reports[0].pairs[0].b', 'pair_order');
  });

  it('a === b', () => {
    expectOnlyIssue(fileWith((r) => (r.pairs[0].b = r.pairs[0].a)), 'reports[0].pairs[0].b', 'pair_order');
  });

  it('the same pair twice, in either order', () => {
    expectOnlyIssue(fileWith((r) => r.pairs.push({ ...r.pairs[0] })), 'reports[0].pairs[3]', 'duplicate_pair');
    const reversed = fileWith((r) => r.pairs.push({ ...r.pairs[0], a: r.pairs[0].b, b: r.pairs[0].a }));
    expectOnlyIssue(reversed, 'reports[0].pairs[3].b', 'pair_order');
  });

  it.each(['crossPortalRepeats', 'duplicateFilings', 'transfers', 'repeatedUploads'])('pairs[].%s > totals.%s', (key) => {
    expectOnlyIssue(fileWith((r) => (r.pairs[1][key] = r.totals[key] + 1)), `reports[0].pairs[1].${key}`, 'exceeds_total');
  });
});

describe('rejects bad categories and tags', () => {
  it('the same category twice', () => {
    expectOnlyIssue(fileWith((r) => (r.categories[1].category = 'name')), 'reports[0].categories[1].category', 'duplicate_category');
  });

  it('more repeats than entries in a category', () => {
    expectOnlyIssue(fileWith((r) => (r.categories[0].entries = 209)), 'reports[0].categories[0].entries', 'repeats_exceed_entries');
  });

  it('more portals than entries in a category', () => {
    const file = fileWith((r) => Object.assign(r.categories[0], { entries: 3, sameFieldRepeats: 0, crossPortalRepeats: 0, portals: 4 }));
    expectOnlyIssue(file, 'reports[0].categories[0].portals', 'category_portals_exceed_entries');
  });

  it('more portals than were used', () => {
    expectOnlyIssue(fileWith((r) => (r.categories[0].portals = 7)), 'reports[0].categories[0].portals', 'exceeds_total');
  });

  it.each(['entries', 'sameFieldRepeats', 'crossPortalRepeats'])('categories[].%s > totals.%s', (key) => {
    const file = fileWith((r) => {
      r.categories = [{ category: 'name', entries: r.totals.entries, sameFieldRepeats: 0, crossPortalRepeats: 0, portals: 1 }];
      r.categories[0][key] = r.totals[key] + 1;
      if (key !== 'entries') r.categories[0].entries = r.totals[key] + 1;
    });
    expectIssue(file, `reports[0].categories[0].${key}`, 'exceeds_total');
  });

  it('more categories than the list has', () => {
    const file = fileWith((r) => {
      r.categories = [...ENTRY_CATEGORIES, 'name'].map((category) => ({ category, entries: 0, sameFieldRepeats: 0, crossPortalRepeats: 0, portals: 0 }));
    });
    expectIssue(file, 'reports[0].categories', 'too_big');
  });

  it('the same tag twice', () => {
    expectOnlyIssue(fileWith((r) => (r.tags[1].tag = 'learning')), 'reports[0].tags[1].tag', 'duplicate_tag');
  });

  it('more tagged minutes than active minutes', () => {
    expectOnlyIssue(fileWith((r) => (r.tags[0].activeMinutes = 1461)), 'reports[0].tags[0].activeMinutes', 'exceeds_total');
  });
});

describe('describeIssues', () => {
  it('names the root with an empty path and uses zod codes for shape errors', () => {
    const result = parseReportFile(null);
    expect(result.success).toBe(false);
    expect(describeIssues(result.error!)).toEqual([{ path: '', code: 'invalid_type', message: expect.any(String) }]);
  });

  it('reports several broken rules of one report together', () => {
    const file = fileWith((r) => {
      r.totals.offHoursMinutes = 5000;
      r.pairs[0].b = r.pairs[0].a;
    });
    expect(issuesOf(file).map((i) => i.code).sort()).toEqual(['off_hours_exceed_active', 'pair_order']);
  });

  it('gives English messages with the numbers compared', () => {
    const [issue] = issuesOf(fileWith((r) => (r.totals.offHoursMinutes = 1500)));
    expect(issue?.message).toBe('offHoursMinutes exceeds activeMinutes (1500 > 1460)');
  });

  it('does not throw on deeply wrong input', () => {
    for (const junk of [{ schema: REPORT_SCHEMA_ID, reports: [{ totals: 'x', portals: {}, pairs: [1] }] }, { reports: null }]) {
      expect(() => issuesOf(junk)).not.toThrow();
      expect(issuesOf(junk).length).toBeGreaterThan(0);
    }
  });
});
