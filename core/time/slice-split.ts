import type { ActivitySlice } from './activity-clock';

/**
 * Splits a page slice at the moment its tab stopped being the active one. The slice reaches the worker up to a
 * second after it was counted in the page; judged only by the state at receipt, the second before every tab
 * switch would be lost.
 */
export function splitSliceAt(slice: ActivitySlice, at: number): { before: ActivitySlice | null; after: ActivitySlice | null } {
  if (at <= slice.start) return { before: null, after: slice };
  if (at >= slice.end) return { before: slice, after: null };
  return { before: { ...slice, end: at }, after: { ...slice, start: at } };
}
