import { describe, expect, it } from 'vitest';
import { splitSliceAt } from '../../../../core/time/slice-split';

const slice = { start: 1000, end: 2000, lastInputAt: 900, media: false };

describe('splitting a slice at a tab switch', () => {
  it.each([
    [500, null, slice],
    [1000, null, slice],
    [1400, { ...slice, end: 1400 }, { ...slice, start: 1400 }],
    [2000, slice, null],
    [2500, slice, null],
  ])('at %i', (at, before, after) => {
    expect(splitSliceAt(slice, at)).toEqual({ before, after });
  });
});
