import { describe, expect, it } from 'vitest';
import { MAX_CATALOG_BYTES, parseCatalog } from '../../../../components/office/catalog';
import { DEFAULT_SETTINGS, normaliseSettings, parseHeadcount } from '../../../../components/office/settings';

describe('parseCatalog', () => {
  it('reads an array of { id, name, department? }, keeping text as it is', () => {
    const text = JSON.stringify([
      { id: 'zj-mzxt', name: '民政<img src=x>', department: '=民政局' },
      { id: 'zj-sbxt', name: ' 社保 ' },
      { id: 'zj-mzxt', name: 'second entry of the same id' },
    ]);
    expect(parseCatalog(text)).toEqual({
      ok: true,
      entries: [
        { id: 'zj-mzxt', name: '民政<img src=x>', department: '=民政局' },
        { id: 'zj-sbxt', name: '社保' },
      ],
    });
  });

  it('accepts the browser-policy catalog file as it is, ignoring its other keys', () => {
    const policy = { catalog: [{ id: 'a', name: '甲', department: '部门', patterns: ['https://a.gov.cn/*'], tags: [] }], lockPortalList: true };
    expect(parseCatalog(`\uFEFF${JSON.stringify(policy)}`)).toEqual({ ok: true, entries: [{ id: 'a', name: '甲', department: '部门' }] });
  });

  it.each([
    ['bad-json', '{'],
    ['invalid', '{"a": 1}'],
    ['invalid', '[{"id": "a"}]'],
    ['invalid', '[{"id": "a", "name": ""}]'],
    ['invalid', `[{"id": "a", "name": "${'x'.repeat(201)}"}]`],
  ])('refuses a %s file: %s', (error, text) => {
    expect(parseCatalog(text)).toEqual({ ok: false, error });
  });

  it('refuses a file over the size limit without parsing it', () => {
    expect(parseCatalog('[]', MAX_CATALOG_BYTES + 1)).toEqual({ ok: false, error: 'too-large' });
  });
});

describe('office settings', () => {
  it('never reads back a k below 5, a broken week or a bad headcount', () => {
    expect(normaliseSettings(undefined)).toEqual(DEFAULT_SETTINGS);
    expect(normaliseSettings({ k: 2, from: '2026-W10', to: 'drop table', headcount: -4, catalog: [{ id: 1 }, { id: 'a', name: 'A' }], catalogFile: 'c.json' })).toEqual({
      k: 5,
      from: '2026-W10',
      to: null,
      headcount: null,
      catalog: [{ id: 'a', name: 'A' }],
      catalogFile: 'c.json',
    });
  });

  it('reads a headcount as a whole number of at least one', () => {
    expect(parseHeadcount(' 1200 ')).toBe(1200);
    expect(parseHeadcount('')).toBeNull();
    expect(parseHeadcount('0')).toBeNull();
    expect(parseHeadcount('12.5')).toBeNull();
    expect(parseHeadcount('abc')).toBeNull();
  });
});
