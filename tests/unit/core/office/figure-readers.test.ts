import { describe, expect, it } from 'vitest';
import {
  CATEGORY_SUM_FIELDS,
  PAIR_SUM_FIELDS,
  POPULATION_SUM_FIELDS,
  PORTAL_SUM_FIELDS,
  TAG_SUM_FIELDS,
} from '../../../../core/office/figures';
import { readCategory, readPair, readPopulation, readPortal, readTag } from '../../../../core/office/figure-readers';

/** An object whose every field has a different value, so a reader that swaps or skips a field is caught. */
function distinct(fields: readonly string[]): Record<string, number> {
  return Object.fromEntries(fields.map((f, i) => [f, 1000 + i * 7]));
}

const cases = [
  ['population', POPULATION_SUM_FIELDS, readPopulation],
  ['portal', PORTAL_SUM_FIELDS, readPortal],
  ['pair', PAIR_SUM_FIELDS, readPair],
  ['category', CATEGORY_SUM_FIELDS, readCategory],
  ['tag', TAG_SUM_FIELDS, readTag],
] as const;

describe('office figure readers', () => {
  it.each(cases)('the %s reader fills its sum-field list in order, every field', (_, fields, read) => {
    const source = distinct(fields);
    // One slot too many: a field added to the list but not to the reader leaves its slot NaN.
    const out = new Float64Array(fields.length + 1).fill(Number.NaN);
    (read as (s: unknown, o: Float64Array) => Float64Array)(source, out);
    expect(Array.from(out.subarray(0, fields.length))).toEqual(fields.map((f) => source[f]));
    expect(Number.isNaN(out[fields.length])).toBe(true);
  });
});
