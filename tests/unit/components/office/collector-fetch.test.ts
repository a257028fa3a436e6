import { describe, expect, it } from 'vitest';
import { collectorBase, fetchCollectorTables, withCatalogNames } from '../../../../components/office/collector-fetch';
import { aggregateReports } from '../../../../core/office/aggregate';
import { suppressSmallCells } from '../../../../core/office/suppression';
import { cadreWeek } from '../../core/office/generated-reports';

const tables = suppressSmallCells(
  aggregateReports(Array.from({ length: 12 }, (_, i) => cadreWeek({ id: `c${i}`, portals: [{ portal: 'gd-zwfw', activeMinutes: 10 + i }, { portal: 'rk-xt', activeMinutes: 5 }], pairs: [{ a: 'gd-zwfw', b: 'rk-xt' }] }))),
  { k: 10 },
);
const answer = (status: number, body: unknown) => (async () => new Response(JSON.stringify(body), { status })) as unknown as typeof fetch;
const query = { from: '2026-W01', to: '2026-W52', k: 10, headcount: null };

describe('reading a collector from the office page', () => {
  it.each([
    ['https://collector.example.gov.cn', 'https://collector.example.gov.cn'],
    ['http://10.0.0.5:8787/', 'http://10.0.0.5:8787'],
    ['https://example.gov.cn/collector/', 'https://example.gov.cn/collector'],
    ['ftp://example.gov.cn', null],
    ['https://user:pw@example.gov.cn', null],
    ['https://example.gov.cn/?x=1', null],
    ['not an address', null],
  ])('takes %s as %s', (address, base) => expect(collectorBase(address)).toBe(base));

  it('asks with the credential and the range, and hands back the tables and the outlier count', async () => {
    let asked = '';
    let auth = '';
    const fake = (async (url: string, init: RequestInit) => {
      asked = url;
      auth = (init.headers as Record<string, string>).Authorization!;
      return new Response(JSON.stringify({ ...tables, outlierCount: 2 }), { status: 200 });
    }) as unknown as typeof fetch;
    const result = await fetchCollectorTables({ address: 'https://c.example.gov.cn/', token: ' secret-token ' }, { ...query, headcount: 300 }, fake);
    expect(asked).toBe('https://c.example.gov.cn/v1/aggregates?from=2026-W01&to=2026-W52&k=10&headcount=300');
    expect(auth).toBe('Bearer secret-token');
    expect(result).toEqual({ ok: true, tables: JSON.parse(JSON.stringify(tables)), outlierCount: 2 });
  });

  it('names each refusal by its code, and anything else as not a collector', async () => {
    const conn = { address: 'https://c.example.gov.cn', token: 't' };
    expect(await fetchCollectorTables(conn, query, answer(401, { error: 'unauthorized' }))).toEqual({ ok: false, error: 'unauthorized' });
    expect(await fetchCollectorTables(conn, query, answer(400, { error: 'k-below-minimum', min: 5 }))).toEqual({ ok: false, error: 'k-below-minimum' });
    expect(await fetchCollectorTables(conn, query, answer(500, { error: '<img src=x>' }))).toEqual({ ok: false, error: 'bad-answer' });
    expect(await fetchCollectorTables(conn, query, answer(200, { hello: 'world' }))).toEqual({ ok: false, error: 'bad-answer' });
    const down = (async () => Promise.reject(new TypeError('Failed to fetch'))) as unknown as typeof fetch;
    expect(await fetchCollectorTables(conn, query, down)).toEqual({ ok: false, error: 'network' });
    expect(await fetchCollectorTables({ address: 'javascript:alert(1)', token: 't' }, query, down)).toEqual({ ok: false, error: 'bad-address' });
  });

  it('adds the catalog’s names as the page’s own aggregation would', () => {
    const catalog = [{ id: 'gd-zwfw', name: '广东政务服务网', department: '省政数局' }];
    const named = withCatalogNames(tables, catalog);
    const own = suppressSmallCells(
      aggregateReports(Array.from({ length: 12 }, (_, i) => cadreWeek({ id: `c${i}`, portals: [{ portal: 'gd-zwfw', activeMinutes: 10 + i }, { portal: 'rk-xt', activeMinutes: 5 }], pairs: [{ a: 'gd-zwfw', b: 'rk-xt' }] })), { catalog }),
      { k: 10 },
    );
    expect(named).toEqual(own);
  });
});
