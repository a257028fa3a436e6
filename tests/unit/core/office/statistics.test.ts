import { describe, expect, it } from 'vitest';
import { distribution, median, nearestRankOfSorted, sortedAscending, trimmedMeanOfSorted } from '../../../../core/office/statistics';
import { randomInt, seededRandom } from './generated-reports';

/** Brute force, by the written definitions. */
function expected(values: number[]) {
  const s = [...values].sort((a, b) => a - b);
  const n = s.length;
  let rank = 1;
  while (rank * 100 < 90 * n) rank++; // smallest rank with rank/n >= 0.9
  const cut = Math.floor(n / 10);
  const kept = s.slice(cut, n - cut);
  return {
    median: n % 2 ? s[(n - 1) / 2]! : (s[n / 2 - 1]! + s[n / 2]!) / 2,
    p90: s[rank - 1]!,
    trimmedMean: kept.reduce((a, b) => a + b, 0) / kept.length,
  };
}

describe('office statistics', () => {
  it('computes median, nearest-rank 90th percentile and 10 % trimmed mean on small cases', () => {
    expect(distribution([])).toEqual({ median: null, p90: null, trimmedMean: null });
    expect(distribution([7])).toEqual({ median: 7, p90: 7, trimmedMean: 7 });
    expect(distribution([4, 1])).toEqual({ median: 2.5, p90: 4, trimmedMean: 2.5 });
    // Ten values: one trimmed from each end; rank ⌈9⌉ = 9.
    expect(distribution([10, 1, 9, 2, 8, 3, 7, 4, 6, 1000])).toEqual({ median: 6.5, p90: 10, trimmedMean: 49 / 8 });
  });

  it('sorts numerically, not as text', () => {
    expect(Array.from(sortedAscending([10, 9, 100, 1]))).toEqual([1, 9, 10, 100]);
    expect(median([10, 9, 100])).toBe(10);
  });

  it('uses exact ranks where floating point would round up (n = 70: rank 63, not 64)', () => {
    const values = Array.from({ length: 70 }, (_, i) => i + 1);
    expect(nearestRankOfSorted(sortedAscending(values), 90)).toBe(63);
    expect(trimmedMeanOfSorted(sortedAscending(values), 10)).toBe(35.5);
  });

  it('matches the brute-force definitions on random samples', () => {
    const random = seededRandom(8);
    for (let trial = 0; trial < 200; trial++) {
      const values = Array.from({ length: randomInt(random, 1, 60) }, () => randomInt(random, 0, 4800));
      const got = distribution(values);
      const want = expected(values);
      expect(got.median).toBe(want.median);
      expect(got.p90).toBe(want.p90);
      expect(got.trimmedMean).toBeCloseTo(want.trimmedMean, 9);
    }
  });

  it('keeps the trimmed mean away from a single extreme value', () => {
    const values = [...Array.from({ length: 19 }, () => 300), 4800];
    expect(distribution(values).trimmedMean).toBe(300);
  });
});
