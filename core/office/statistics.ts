/**
 * Robust statistics of the office tables (issue #8). Definitions, so an exit review can check a figure by hand:
 * - median: the middle value; the mean of the two middle values when there is an even number.
 * - 90th percentile: nearest rank — the value at rank ⌈0.9·n⌉ of the sorted values (1-based), always an observed value.
 * - trimmed mean (10 %): drop ⌊0.1·n⌋ values from each end of the sorted values and average the rest.
 * All return null for no values.
 */

/** Percent trimmed from each end for the trimmed mean. */
export const TRIM_PERCENT = 10;
/** The upper percentile shown next to the median. */
export const UPPER_PERCENTILE = 90;

export interface Distribution {
  median: number | null;
  p90: number | null;
  trimmedMean: number | null;
}

/** Ascending numeric copy (Array#sort alone would sort as strings). */
export function sortedAscending(values: readonly number[]): Float64Array {
  return Float64Array.from(values).sort();
}

export function medianOfSorted(sorted: ArrayLike<number>): number | null {
  const n = sorted.length;
  if (n === 0) return null;
  const mid = n >> 1;
  return n % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

// Percentages are integers so that ⌈90·n/100⌉ is computed exactly (0.9 * 70 is 63.00000000000001 in floating point).
export function nearestRankOfSorted(sorted: ArrayLike<number>, percent: number): number | null {
  const n = sorted.length;
  if (n === 0) return null;
  const rank = Math.min(n, Math.max(1, Math.ceil((percent * n) / 100)));
  return sorted[rank - 1]!;
}

export function trimmedMeanOfSorted(sorted: ArrayLike<number>, percent: number): number | null {
  const n = sorted.length;
  if (n === 0) return null;
  const cut = Math.floor((percent * n) / 100);
  let sum = 0;
  for (let i = cut; i < n - cut; i++) sum += sorted[i]!;
  return sum / (n - 2 * cut);
}

export function median(values: readonly number[]): number | null {
  return medianOfSorted(sortedAscending(values));
}

export function distribution(values: readonly number[]): Distribution {
  const sorted = sortedAscending(values);
  return {
    median: medianOfSorted(sorted),
    p90: nearestRankOfSorted(sorted, UPPER_PERCENTILE),
    trimmedMean: trimmedMeanOfSorted(sorted, TRIM_PERCENT),
  };
}
