/** A week summary survives its stored layout exactly: counts, sums, and every histogram value and count. */
import { describe, expect, it } from 'vitest';
import { decodeWeekSummary, encodeWeekSummary, histogramId } from '../../collector/aggregate/week-summary-codec';
import type { WeekHistogramRow } from '../../collector/aggregate/cell-queries';

describe('week summary layout', () => {
  it('round-trips histograms with wide gaps, large counts and a negative first value, and the counts beside them', () => {
    const week = '2026-W07';
    const rows: WeekHistogramRow[] = [
      { week, name: 'weeks', set: 0, key: week, values: [0, 1, 2, 900, 10_079, 2 ** 30], counts: [1, 127, 128, 16_383, 16_384, 2 ** 31 - 1] },
      { week, name: 'portals', set: 1, key: 'zj-mzxt', values: [-5, 3, 7], counts: [2, 2, 2] },
      { week, name: 'regions', set: 0, key: '330106', values: [42], counts: [1] },
    ];
    // Histograms in any order, as SQL returns them.
    const shuffled = [...rows].reverse();
    const groups = [{ week, level: 'township', province: '33', region: '330106', n: 3, all: 4, outliers: 1, sums: [1.5, 2, 3] }];
    const cells = [[{ key: 'zj-mzxt', week, n: 3, sums: [10, 20] }], [], [], []];
    const stored = encodeWeekSummary(week, groups, cells, shuffled);
    // The counts column goes through JSON, as jsonb does.
    const back = decodeWeekSummary({ ...stored, counts: JSON.parse(JSON.stringify(stored.counts)) });

    expect(back.all).toBe(4);
    expect(back.outliers).toBe(1);
    expect(back.groups).toEqual([{ week, level: 'township', province: '33', region: '330106', n: 3, sums: [1.5, 2, 3] }]);
    expect(back.cells[0]).toEqual(cells[0]);
    for (const r of rows) {
      const h = back.histograms.get(histogramId(r.name, r.set, r.key))!;
      expect([...h.values]).toEqual(r.values);
      expect([...h.counts]).toEqual(r.counts);
    }
    expect(back.histograms.size).toBe(3);
    // Compact: about two bytes a pair when gaps and counts are small.
    const small = encodeWeekSummary(week, groups, cells, [
      { week, name: 'weeks', set: 0, key: week, values: Array.from({ length: 1000 }, (_, i) => 3 * i), counts: Array.from({ length: 1000 }, (_, i) => 1 + (i % 3)) },
    ]);
    expect(small.samples.length).toBeLessThanOrEqual(2 * 1000 + 2);
  });
});
