/**
 * Robust statistics of the office tables (issue #8). Definitions, so an exit review can check a figure by hand:
 * - median: the middle value; the mean of the two middle values when there is an even number.
 * - 90th percentile: nearest rank — the value at rank ⌈0.9·n⌉ of the sorted values (1-based), always an observed value;
 *   given only when some value lies above that rank (n ≥ 10), because for 1–9 values the rank is n and the figure
 *   would be the cell's largest value: one cadre's exact week (issue 15).
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

/**
 * The values ascending (Array#sort alone would sort as strings), never changed afterwards. The collector hands
 * samples already in order (expanded histograms, as typed arrays): those are checked in one pass and used as they
 * are, saving a sort and a copy of every sample of a million reports; anything else is copied and sorted.
 */
export function sortedAscending(values: ArrayLike<number>): ArrayLike<number> {
  if (ArrayBuffer.isView(values) && isAscending(values)) return values;
  return Float64Array.from(values).sort();
}

function isAscending(values: ArrayLike<number>): boolean {
  for (let i = 1; i < values.length; i++) if (!(values[i - 1]! <= values[i]!)) return false;
  return true;
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

/** The nearest-rank percentile, or null when it would be the largest value by rank (no value above it). */
export function upperPercentileOfSorted(sorted: ArrayLike<number>, percent: number): number | null {
  const n = sorted.length;
  const rank = Math.ceil((percent * n) / 100);
  return rank >= n ? null : nearestRankOfSorted(sorted, percent);
}

export function trimmedMeanOfSorted(sorted: ArrayLike<number>, percent: number): number | null {
  const n = sorted.length;
  if (n === 0) return null;
  const cut = Math.floor((percent * n) / 100);
  let sum = 0;
  for (let i = cut; i < n - cut; i++) sum += sorted[i]!;
  return sum / (n - 2 * cut);
}

export function median(values: ArrayLike<number>): number | null {
  return medianOfSorted(sortedAscending(values));
}

export function distribution(values: ArrayLike<number>): Distribution {
  const sorted = sortedAscending(values);
  return {
    median: medianOfSorted(sorted),
    p90: upperPercentileOfSorted(sorted, UPPER_PERCENTILE),
    trimmedMean: trimmedMeanOfSorted(sorted, TRIM_PERCENT),
  };
}
