import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv, { type ValidateFunction } from 'ajv';
import { describe, expect, it } from 'vitest';
import { REPORT_JSON_SCHEMA_FILE, buildReportJsonSchema, renderReportJsonSchema } from '../../../../core/contracts/report-json-schema';
import { MAX_COUNT, REPORT_CROSS_FIELD_RULES, REPORT_NOTICE, parseReportFile } from '../../../../core/contracts/report-schema';
import { fixtureReportId, looseCopy, type Loose, makeValidFile, makeValidReport } from '../report/fixtures';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
const SCHEMA_PATH = resolve(REPO, REPORT_JSON_SCHEMA_FILE);
const UPDATE_HINT = `${REPORT_JSON_SCHEMA_FILE} is stale: run UPDATE_SCHEMA=1 npx vitest run tests/unit/core/contracts/report-json-schema.test.ts`;

function fileWith(mutate: (report: Loose, file: Loose) => void): unknown {
  const file = looseCopy(makeValidFile());
  mutate(file.reports[0], file);
  return file;
}

describe('published JSON Schema', () => {
  it('matches the zod definition (regenerate with UPDATE_SCHEMA=1)', () => {
    const fresh = renderReportJsonSchema();
    if (process.env.UPDATE_SCHEMA === '1') {
      mkdirSync(dirname(SCHEMA_PATH), { recursive: true });
      writeFileSync(SCHEMA_PATH, fresh);
    }
    expect(existsSync(SCHEMA_PATH), UPDATE_HINT).toBe(true);
    expect(readFileSync(SCHEMA_PATH, 'utf8') === fresh, UPDATE_HINT).toBe(true);
  });

  it('states the notice and every cross-field rule it cannot express', () => {
    const { description, additionalProperties } = buildReportJsonSchema();
    expect(additionalProperties).toBe(false);
    expect(description).toContain(REPORT_NOTICE);
    for (const rule of REPORT_CROSS_FIELD_RULES) expect(description).toContain(rule);
  });
});

describe('Ajv with the checked-in schema agrees with zod', () => {
  // Compiled on first use, so that a missing file fails the staleness test above with its hint and UPDATE_SCHEMA=1
  // can create it in the same run.
  let compiled: ValidateFunction | undefined;
  const validate = (json: unknown): boolean => {
    compiled ??= new Ajv({ allErrors: true }).compile(JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')));
    return compiled(json);
  };

  const valid: [string, unknown][] = [
    ['the fixture', makeValidFile()],
    ['no campaign or profile', makeValidFile([makeValidReport({ campaign: undefined, profile: null })])],
    ['2026-W53', makeValidFile([makeValidReport({ week: '2026-W53' })])],
    ['a shown host and an intranet IP', fileWith((r) => (r.portals[3].portal = '10.12.3.4'))],
    ['several weeks', makeValidFile(['2026-W47', '2026-W48'].map((week) => makeValidReport({ week })))],
  ];

  it.each(valid)('accepts %s', (_what, json) => {
    expect(validate(json), JSON.stringify(compiled?.errors)).toBe(true);
    expect(parseReportFile(json).success).toBe(true);
  });

  const invalid: [string, unknown][] = [
    ['a wrong schema id', fileWith((_r, f) => (f.schema = 'burden-report/2'))],
    ['a missing notice', fileWith((_r, f) => delete f.notice)],
    ['an altered notice', fileWith((_r, f) => (f.notice = 'internal'))],
    ['no reports', fileWith((_r, f) => (f.reports = []))],
    ['an unknown key in the file', fileWith((_r, f) => (f.exportedBy = 'x'))],
    ['a timezone in the report', fileWith((r) => (r.timezone = 'Asia/Shanghai'))],
    ['an unknown key in totals', fileWith((r) => (r.totals.keystrokes = 1))],
    ['an unknown key in a portal', fileWith((r) => (r.portals[0].url = 'http://x.gov.cn/'))],
    ['an unknown key in a pair, category and tag', fileWith((r) => (r.pairs[0].x = r.categories[0].x = r.tags[0].x = 1))],
    ['2025-W53', fileWith((r) => (r.week = '2025-W53'))],
    ['a date instead of a week', fileWith((r) => (r.week = '2026-11-23'))],
    ['a short reportId', fileWith((r) => (r.reportId = fixtureReportId('x').slice(1)))],
    ['a negative count', fileWith((r) => (r.totals.logins = -1))],
    ['a fractional count', fileWith((r) => (r.portals[0].entries = 1.5))],
    ['a huge count', fileWith((r) => (r.totals.retypedChars = MAX_COUNT + 1))],
    ['more minutes than a week has', fileWith((r) => (r.totals.activeMinutes = 10081))],
    ['eight active days', fileWith((r) => (r.portals[0].daysActive = 8))],
    ['coverage over 100', fileWith((r) => (r.coverage = 101))],
    ['a URL as portal id', fileWith((r) => (r.portals[0].portal = 'http://ggfw.example.gov.cn/apply'))],
    ['Chinese text as portal id', fileWith((r) => (r.pairs[0].a = '民政系统'))],
    ['a 7-digit region', fileWith((r) => (r.profile.region = '3301061'))],
    ['a level not on the list', fileWith((r) => (r.profile.level = 'city'))],
    ['a category not on the list', fileWith((r) => (r.categories[0].category = 'email'))],
  ];

  it.each(invalid)('rejects %s', (_what, json) => {
    expect(validate(json)).toBe(false);
    expect(parseReportFile(json).success).toBe(false);
  });

  // These pass JSON Schema by design: the published description lists them for other validators.
  const crossFieldOnly: [string, unknown][] = [
    ['off-hours above active minutes', fileWith((r) => (r.totals.offHoursMinutes = 1500))],
    ['more repeats than entries', fileWith((r) => (r.categories[0].entries = 1))],
    ['a portal above the week total', fileWith((r) => (r.portals[0].logins = 39))],
    ['a pair out of order', fileWith((r) => Object.assign(r.pairs[0], { a: 'zj-mzxt', b: 'jcb-ybt' }))],
    ['a duplicate portal', fileWith((r) => (r.portals[1].portal = r.portals[0].portal))],
    ['a duplicate reportId', makeValidFile([makeValidReport(), makeValidReport()])],
  ];

  it.each(crossFieldOnly)('leaves %s to the cross-field rules', (_what, json) => {
    expect(validate(json)).toBe(true);
    expect(parseReportFile(json).success).toBe(false);
  });
});
