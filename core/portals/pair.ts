/**
 * Portal pairs of the weekly report (DESIGN.md §4: `pairs[] { a, b, … }`, "portal pairs, a < b"). The order is
 * the code-unit order of the ids, the same as the report schema checks with `<`.
 */

export interface PortalPair {
  a: string;
  b: string;
}

/** The unordered pair {x, y} as `{ a, b }` with a < b. A portal paired with itself is a programming error. */
export function pairKey(x: string, y: string): PortalPair {
  if (x === y) throw new RangeError('a portal pair needs two different portals');
  return x < y ? { a: x, b: y } : { a: y, b: x };
}
