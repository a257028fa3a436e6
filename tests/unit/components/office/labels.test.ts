import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATALOG_ERROR_KEYS } from '../../../../components/office/catalog';
import { CATEGORY_KEYS, FIGURE_KEYS, ISSUE_KEYS, LEVEL_KEYS, REASON_KEYS, TAG_KEYS, TOTALS_FIELD_KEYS, issueKey } from '../../../../components/office/labels';
import { REJECT_REASONS, importReportFiles } from '../../../../core/office/import';
import { ENTRY_CATEGORIES, LEVELS, PAGE_TAGS_IN_REPORT } from '../../../../core/contracts/report-schema';
import { looseCopy, makeValidFile, makeValidReport } from '../../core/report/fixtures';

const ROOT = join(__dirname, '..', '..', '..', '..');
const catalogs = ['zh_CN', 'en'].map((lang) => [lang, JSON.parse(readFileSync(join(ROOT, 'public/_locales', lang, 'messages.json'), 'utf8'))] as const);

// Keys the office page passes to t() through these maps, so the locale test's source scan cannot see them.
const MAPS = { REASON_KEYS, ISSUE_KEYS, LEVEL_KEYS, CATEGORY_KEYS, TAG_KEYS, FIGURE_KEYS, TOTALS_FIELD_KEYS, CATALOG_ERROR_KEYS };

describe('office label keys', () => {
  it.each(Object.entries(MAPS))('%s: every key exists in both catalogs', (_name, map) => {
    for (const key of Object.values(map as Record<string, string>)) {
      for (const [lang, catalog] of catalogs) expect(catalog[key], `${key} in ${lang}`).toBeDefined();
    }
  });

  it('names every reject reason, level, category and tag', () => {
    expect(Object.keys(REASON_KEYS).sort()).toEqual([...REJECT_REASONS, 'unreadable'].sort());
    expect(Object.keys(LEVEL_KEYS).sort()).toEqual([...LEVELS, 'unspecified'].sort());
    expect(Object.keys(CATEGORY_KEYS).sort()).toEqual([...ENTRY_CATEGORIES].sort());
    expect(Object.keys(TAG_KEYS).sort()).toEqual([...PAGE_TAGS_IN_REPORT].sort());
  });

  it('translates the issues that broken files really produce, not only the fallback', () => {
    const broken = (mutate: (f: ReturnType<typeof looseCopy>) => void) => {
      const f = looseCopy(makeValidFile([makeValidReport()]));
      mutate(f);
      return { name: 'x.json', text: JSON.stringify(f) };
    };
    const result = importReportFiles(
      [
        broken((f) => (f.reports[0].extra = 1)),
        broken((f) => (f.reports[0].week = '2026-48')),
        broken((f) => (f.reports[0].coverage = 'high')),
        broken((f) => (f.reports[0].totals.activeMinutes = 99_999)),
        broken((f) => (f.reports[0].totals.sameFieldRepeats = 99_999)),
        broken((f) => (f.reports[0].profile.level = 'province')),
      ],
      new Set(),
    );
    const codes = result.rejected.flatMap((r) => r.detail ?? []).map((d) => d.code);
    expect(codes.length).toBeGreaterThan(5);
    for (const code of codes) expect(issueKey(code), code).not.toBe('office_issue_other');
  });
});
