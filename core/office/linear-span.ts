/**
 * "Can this cell be computed from the published ones by adding and subtracting?" — a span test, used by the
 * differencing guard (office-differencing.ts).
 *
 * Vectors are 0/1 indicators of sets of cadre-weeks; arithmetic is modulo the prime SPAN_PRIME so it is exact
 * (no rounding) and fast (products stay below 2^53). A vector in the rational span is in the span modulo the
 * prime unless the prime divides a determinant of the 0/1 matrix, which for a prime this large does not happen in
 * practice; the opposite error — in the span mod p but not over the rationals — only suppresses more.
 */

/** 2^26 − 5, the largest prime below 2^26: a product of two residues is exact in a float64. */
export const SPAN_PRIME = 67_108_859;

function mulmod(a: number, b: number): number {
  return (a * b) % SPAN_PRIME;
}

function inverse(a: number): number {
  // Fermat: a^(p-2) mod p.
  let result = 1;
  let base = a % SPAN_PRIME;
  let e = SPAN_PRIME - 2;
  while (e > 0) {
    if (e & 1) result = mulmod(result, base);
    base = mulmod(base, base);
    e = Math.floor(e / 2);
  }
  return result;
}

interface BasisRow {
  pivot: number;
  vec: Float64Array;
  /** How `vec` is made of the generators. */
  combo: Float64Array;
}

/** row -= factor · other, in place, modulo the prime. */
function subtractMultiple(row: Float64Array, other: Float64Array, factor: number): void {
  const neg = SPAN_PRIME - factor;
  for (let j = 0; j < row.length; j++) {
    const o = other[j]!;
    if (o !== 0) row[j] = (row[j]! + neg * o) % SPAN_PRIME;
  }
}

/**
 * The span of `generators` (each a list of column indices that are 1; columns below `columnCount`), with a test
 * that also says which generators a representation uses.
 */
export function createSpan(generators: readonly (readonly number[])[], columnCount: number) {
  const basis: BasisRow[] = [];
  const R = generators.length;

  function reduce(vec: Float64Array, combo: Float64Array): void {
    for (const b of basis) {
      const f = vec[b.pivot]!;
      if (f === 0) continue;
      subtractMultiple(vec, b.vec, f);
      subtractMultiple(combo, b.combo, f);
    }
  }

  generators.forEach((columns, i) => {
    const vec = new Float64Array(columnCount);
    for (const c of columns) vec[c] = 1;
    const combo = new Float64Array(R);
    combo[i] = 1;
    reduce(vec, combo);
    const pivot = vec.findIndex((x) => x !== 0);
    if (pivot < 0) return;
    const inv = inverse(vec[pivot]!);
    for (let j = 0; j < vec.length; j++) if (vec[j] !== 0) vec[j] = mulmod(vec[j]!, inv);
    for (let j = 0; j < combo.length; j++) if (combo[j] !== 0) combo[j] = mulmod(combo[j]!, inv);
    basis.push({ pivot, vec, combo });
  });

  /**
   * null when the set with these columns is not a combination of the generators; otherwise the indices of the
   * generators one such combination uses.
   */
  function representation(columns: readonly number[]): number[] | null {
    const vec = new Float64Array(columnCount);
    for (const c of columns) vec[c] = 1;
    const combo = new Float64Array(R);
    reduce(vec, combo);
    if (vec.some((x) => x !== 0)) return null;
    const used: number[] = [];
    // vec - Σ combo·g = 0 after reduction means vec = Σ combo·g: the generators with a non-zero coefficient.
    combo.forEach((x, i) => {
      if (x !== 0) used.push(i);
    });
    return used;
  }

  return { rank: basis.length, representation };
}

/** Work of building a span of `rows` generators over `columns` columns, to stay within a time budget. */
export function spanCost(rows: number, columns: number): number {
  return rows * rows * (columns + rows);
}
