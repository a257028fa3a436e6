import { ENTRY_CATEGORIES } from '../../../../core/contracts/report-schema';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DASHBOARD_VIEWS } from '../../../../components/dashboard/dashboard-page';
import { NEVER_RECORDED, RECORDED, TABLE_FACTS } from '../../../../components/shared/privacy-facts';
import { OVERVIEW_PERIODS } from '../../../../components/dashboard/overview-first-read';
import { GAP_REASON_KEYS } from '../../../../components/dashboard/overview-view';
import { DOMAIN_KEYS, LEVEL_LABEL_KEYS, TAG_LABEL_KEYS } from '../../../../components/dashboard/report-labels';
import { SUBMIT_ERRORS } from '../../../../components/dashboard/report-submit';
import { COLLECTOR_READ_ERRORS } from '../../../../components/office/collector-fetch';
import type { PolicyProblem } from '../../../../core/contracts/managed-policy';
import { PORTAL_SOURCES } from '../../../../core/portals/portal';
import type { PortalEditError } from '../../../../core/portals/list';
import type { MatchMiss } from '../../../../core/portals/match';
import type { PatternInputError } from '../../../../core/portals/pattern';
import { ALL_GOV_CN, PRESET_PORTALS } from '../../../../core/portals/presets';
import { BROWSER_ERROR_KEYS } from '../../../../components/shared/error-text';
import { REPORT_FIELD_KEYS } from '../../../../components/shared/report-field-labels';
import { ENROLLMENT_CODE_PROBLEMS } from '../../../../core/tokens/enrollment-code';
import { DRAW_ERRORS } from '../../../../components/settings/enrollment-code';

const ROOT = join(__dirname, '..', '..', '..', '..');

interface CatalogEntry {
  message: string;
  description?: string;
  placeholders?: Record<string, { content: string; example?: string }>;
}
type Catalog = Record<string, CatalogEntry>;

const LANGS = ['zh_CN', 'en'] as const;
const catalogs = Object.fromEntries(
  LANGS.map((lang) => [lang, JSON.parse(readFileSync(join(ROOT, 'public/_locales', lang, 'messages.json'), 'utf8')) as Catalog]),
) as Record<(typeof LANGS)[number], Catalog>;

/**
 * The code unions below are types only, so their values are listed here. `satisfies` plus the `Exhaustive`
 * checks make `tsc` fail when a union gains a member that is not listed (and so has no tested locale key).
 */
type Exhaustive<Union, Listed> = [Exclude<Union, Listed>] extends [never] ? true : ['not listed:', Exclude<Union, Listed>];

// core/portals/pattern.ts PatternInputError
const PATTERN_ERRORS = ['empty', 'bad-scheme', 'bad-host', 'bad-port', 'bad-path'] as const satisfies readonly PatternInputError[];
// core/portals/match.ts MatchMiss
const MATCH_MISSES = [
  'invalid-url',
  'not-web',
  'no-portal',
  'scheme-mismatch',
  'port-mismatch',
  'outside-prefix',
  'paused',
] as const satisfies readonly MatchMiss[];
// core/portals/list.ts PortalEditError
const EDIT_ERRORS = ['locked', 'not-found', 'from-policy', 'duplicate', 'invalid-name', 'same-portal'] as const satisfies readonly PortalEditError[];
// core/contracts/managed-policy.ts PolicyProblem['code']
const POLICY_PROBLEMS = ['invalid-entry', 'invalid-pattern', 'duplicate-id', 'invalid-value'] as const satisfies readonly PolicyProblem['code'][];
// Codes shown as `error_<code>` that are not PortalEditErrors: entrypoints/background/messaging/message-router.ts replies,
// components/shared/rpc.ts ('no-reply') and components/shared/portal-grant.ts ('not-granted').
const OTHER_ERRORS = ['bad-message', 'forbidden', 'bad-payload', 'no-handler', 'internal', 'no-reply', 'not-granted'] as const;

const exhaustive: [
  Exhaustive<PatternInputError, (typeof PATTERN_ERRORS)[number]>,
  Exhaustive<MatchMiss, (typeof MATCH_MISSES)[number]>,
  Exhaustive<PortalEditError, (typeof EDIT_ERRORS)[number]>,
  Exhaustive<PolicyProblem['code'], (typeof POLICY_PROBLEMS)[number]>,
] = [true, true, true, true];

const key = (text: string) => text.replace(/-/g, '_');

/** Every key a template literal in the UI can produce, by its template with `${…}` written as `${}`. */
const TEMPLATE_KEYS: Record<string, string[]> = {
  'error_pattern_${}': PATTERN_ERRORS.map((c) => `error_pattern_${key(c)}`),
  'nav_${}': DASHBOARD_VIEWS.map((v) => `nav_${v}`),
  // The settings view renders the settings panel, never an empty-state line.
  'view_${}_empty': DASHBOARD_VIEWS.filter((v) => v !== 'settings').map((v) => `view_${v}_empty`),
  'matcher_why_${}': MATCH_MISSES.map((c) => `matcher_why_${key(c)}`),
  'policy_problem_${}': POLICY_PROBLEMS.map((c) => `policy_problem_${key(c)}`),
  'source_${}': PORTAL_SOURCES.map((s) => `source_${s}`),
  'category_${}': ENTRY_CATEGORIES.map((c) => `category_${key(c)}`),
  'overview_period_${}': OVERVIEW_PERIODS.map((p) => `overview_period_${p}`),
  'report_submitError_${}': SUBMIT_ERRORS.map((c) => `report_submitError_${key(c)}`),
  'enrollment_problem_${}': ENROLLMENT_CODE_PROBLEMS.map((c) => `enrollment_problem_${c}`),
  'token_error_${}': DRAW_ERRORS.map((c) => `token_error_${key(c)}`),
  'office_collector_error_${}': COLLECTOR_READ_ERRORS.map((c) => `office_collector_error_${key(c)}`),
  // Built as `error_${e.message}` (then translated with t(error)): edit refusals, router replies, grant refusals.
  'error_${}': [...EDIT_ERRORS, ...OTHER_ERRORS].map((c) => `error_${key(c)}`),
};

/** Keys passed to t() through a variable rather than written at the call. */
const INDIRECT_KEYS = [
  ...RECORDED,
  ...NEVER_RECORDED,
  ...Object.values(DOMAIN_KEYS),
  ...Object.values(LEVEL_LABEL_KEYS),
  ...Object.values(TAG_LABEL_KEYS),
  ...Object.values(GAP_REASON_KEYS),
  'overview_s_active',
  'overview_s_wait',
  'overview_s_visits',
  'overview_s_submissions',
  'overview_s_failed',
  'overview_s_logins',
  'overview_s_captchas',
  'overview_s_sameField',
  'overview_s_crossPortal',
  'overview_s_repeats',
  'overview_s_repeatedUploads',
  'overview_s_coverage',
  ...Object.values(TABLE_FACTS).flatMap((f) => [f.key, f.nameKey]),
  ...Object.values(REPORT_FIELD_KEYS),
  ...BROWSER_ERROR_KEYS,
  ...PRESET_PORTALS.map((p) => p.nameKey),
  ALL_GOV_CN.nameKey,
  // components/welcome/welcome-page.tsx setStatus({ key: 'welcome_done' })
  'welcome_done',
  // wxt.config.ts manifest: __MSG_extName__, __MSG_extDescription__; components/shared/i18n.ts uiLanguage()
  'extName',
  'extDescription',
  'locale',
];

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

const SOURCES = ['components', 'entrypoints'].flatMap(sourceFiles).map((path) => ({ path, text: readFileSync(join(ROOT, path), 'utf8') }));

/** Literal keys: t('key' / t("key", and both branches of t(cond ? 'a' : 'b'). */
function literalKeys(text: string): string[] {
  const keys = [...text.matchAll(/\bt\(\s*(['"])([^'"\n]+)\1/g)].map((m) => m[2]!);
  for (const m of text.matchAll(/\bt\(\s*[^()'"`]*\?\s*(['"])([^'"\n]+)\1\s*:\s*(['"])([^'"\n]+)\3\s*\)/g)) keys.push(m[2]!, m[4]!);
  return keys;
}

/** Template keys, normalised: t(`nav_${v}`) → 'nav_${}'; also `error_${…}` strings stored to be translated later. */
function templateKeys(text: string): string[] {
  const inCalls = [...text.matchAll(/\bt\(\s*`([^`]*)`/g)].map((m) => m[1]!);
  const errors = [...text.matchAll(/`(error_[^`]*\$\{[^`]*)`/g)].map((m) => m[1]!);
  return [...inCalls, ...errors].map((template) => template.replace(/\$\{[^}]*\}/g, '${}'));
}

const placeholdersOf = (message: string) => [...new Set(message.match(/\$[1-9]/g) ?? [])].sort();

describe('the two catalogs', () => {
  it('have exactly the same keys', () => {
    const zh = Object.keys(catalogs.zh_CN).sort();
    const en = Object.keys(catalogs.en).sort();
    expect(zh.filter((k) => !en.includes(k)), 'in zh_CN only').toEqual([]);
    expect(en.filter((k) => !zh.includes(k)), 'in en only').toEqual([]);
    expect(zh.length).toBeGreaterThan(0);
  });

  it.each(LANGS)('%s: every key is a valid Chrome message name and every message is non-empty', (lang) => {
    for (const [name, entry] of Object.entries(catalogs[lang])) {
      expect(name, `${lang} key`).toMatch(/^[A-Za-z0-9_]+$/);
      expect(typeof entry.message, `${lang}.${name}`).toBe('string');
      expect(entry.message.trim(), `${lang}.${name} is empty`).not.toBe('');
    }
  });

  it.each(LANGS)('%s: named $placeholders$ are declared (the browser prints undeclared ones literally)', (lang) => {
    for (const [name, entry] of Object.entries(catalogs[lang])) {
      for (const [, placeholder] of entry.message.matchAll(/\$([A-Za-z0-9_@]+)\$/g)) {
        expect(Object.keys(entry.placeholders ?? {}).map((p) => p.toLowerCase()), `${lang}.${name}`).toContain(placeholder!.toLowerCase());
      }
    }
  });

  it('use the same $1…$9 substitutions for each key in both languages', () => {
    const mismatches = Object.keys(catalogs.en)
      .filter((name) => catalogs.zh_CN[name])
      .filter((name) => placeholdersOf(catalogs.en[name]!.message).join() !== placeholdersOf(catalogs.zh_CN[name]!.message).join())
      .map((name) => `${name}: en ${placeholdersOf(catalogs.en[name]!.message)} vs zh_CN ${placeholdersOf(catalogs.zh_CN[name]!.message)}`);
    expect(mismatches).toEqual([]);
  });

  it('substitutions are numbered from $1 without gaps (a gap is a forgotten argument)', () => {
    for (const lang of LANGS) {
      for (const [name, entry] of Object.entries(catalogs[lang])) {
        const used = placeholdersOf(entry.message).map((p) => Number(p.slice(1)));
        expect(used, `${lang}.${name}`).toEqual(used.map((_, i) => i + 1));
      }
    }
  });
});

describe('keys used by the code exist in both catalogs', () => {
  it('the source scan finds the UI (guards against a scan that silently matches nothing)', () => {
    expect(SOURCES.length).toBeGreaterThan(5);
    expect(SOURCES.flatMap((s) => literalKeys(s.text))).toContain('welcome_title');
    expect(SOURCES.flatMap((s) => literalKeys(s.text))).toContain('policy_unlocked');
    expect(exhaustive).toEqual([true, true, true, true]);
  });

  it('every literal t(\'key\') in components/ and entrypoints/', () => {
    const missing = SOURCES.flatMap(({ path, text }) =>
      literalKeys(text).flatMap((k) => LANGS.filter((lang) => !catalogs[lang][key(k)]).map((lang) => `${relative(ROOT, join(ROOT, path))}: ${k} (${lang})`)),
    );
    expect(missing).toEqual([]);
  });

  it('every template key in the code is one this test knows how to expand', () => {
    const unknown = SOURCES.flatMap(({ path, text }) =>
      templateKeys(text)
        .filter((template) => !(template in TEMPLATE_KEYS))
        .map((template) => `${path}: ${template} — add its codes to TEMPLATE_KEYS`),
    );
    expect(unknown).toEqual([]);
  });

  it.each(Object.entries(TEMPLATE_KEYS))('every expansion of %s', (_template, keys) => {
    expect(keys.length).toBeGreaterThan(0);
    const missing = keys.flatMap((k) => LANGS.filter((lang) => !catalogs[lang][k]).map((lang) => `${k} (${lang})`));
    expect(missing).toEqual([]);
  });

  it('keys passed through variables: privacy facts, preset names, welcome status, manifest strings', () => {
    const missing = INDIRECT_KEYS.flatMap((k) => LANGS.filter((lang) => !catalogs[lang][k]).map((lang) => `${k} (${lang})`));
    expect(missing).toEqual([]);
  });
});
