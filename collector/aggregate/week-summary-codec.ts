/**
 * One week's summary as stored in `week_summaries`: counts and sums as JSON (a few hundred cells), value
 * histograms as one packed buffer (tens of thousands of values per week at a province's scale, which as JSON would
 * cost more to parse than the aggregate itself). Each histogram is its values as gaps from the previous one and
 * then its counts, every number a LEB128 varint: values are capped minutes, distinct and ascending, and most counts
 * are small, so a pair takes about two bytes instead of eight — what a request reads for 52 weeks is a quarter.
 */
import { CELL_TABLES, type CellWeekRow, type GroupRow, type WeekGroupRow, type WeekHistogramRow } from './cell-queries';

/** Raised whenever the layout below changes: summaries of another format are recomputed on first use. */
export const SUMMARY_FORMAT = 2;

/** A histogram: distinct values ascending, and how many samples have each. */
export interface Histogram {
  values: Int32Array;
  counts: Int32Array;
}

export interface WeekSummary {
  week: string;
  /** Reports of the week, outliers included, and how many of them are outliers. */
  all: number;
  outliers: number;
  /** Counted reports per population group (groups of outliers only are left out). */
  groups: GroupRow[];
  /** In CELL_TABLES order. */
  cells: CellWeekRow[][];
  /** By `name\nset\nkey` (range-cells.ts histogramId). */
  histograms: Map<string, Histogram>;
}

export const histogramId = (name: string, set: number, key: string) => `${name}\n${set}\n${key}`;

interface StoredCounts {
  all: number;
  outliers: number;
  groups: [level: string, province: string, region: string, n: number, ...sums: number[]][];
  cells: [key: string, n: number, ...sums: number[]][][];
  histograms: [id: string, length: number][];
}

export interface StoredSummary {
  week: string;
  format: number;
  counts: StoredCounts;
  samples: Uint8Array;
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** One week's rows from the summary queries, as stored. */
export function encodeWeekSummary(
  week: string,
  groups: readonly WeekGroupRow[],
  cells: readonly (readonly CellWeekRow[])[],
  histogramRows: readonly WeekHistogramRow[],
): StoredSummary {
  const rows = histogramRows.map((r) => ({ id: histogramId(r.name, r.set, r.key), values: r.values, counts: r.counts })).sort((x, y) => compare(x.id, y.id));
  const out = new VarintWriter();
  const histograms: [string, number][] = rows.map(({ id, values, counts }) => {
    // The first value is zig-zagged: a value is never negative today, but the layout does not rely on it.
    values.forEach((v, i) => out.write(i === 0 ? (v < 0 ? -2 * v - 1 : 2 * v) : v - values[i - 1]!));
    for (const n of counts) out.write(n);
    return [id, values.length];
  });
  return {
    week,
    format: SUMMARY_FORMAT,
    counts: {
      all: groups.reduce((n, g) => n + g.all, 0),
      outliers: groups.reduce((n, g) => n + g.outliers, 0),
      groups: groups.filter((g) => g.n > 0).map((g) => [g.level, g.province, g.region, g.n, ...g.sums]),
      cells: CELL_TABLES.map((_, t) => (cells[t] ?? []).map((c) => [c.key, c.n, ...c.sums])),
      histograms,
    },
    samples: out.bytes(),
  };
}

export function decodeWeekSummary(stored: StoredSummary): WeekSummary {
  const { week, counts } = stored;
  const bytes = stored.samples;
  const histograms = new Map<string, Histogram>();
  let at = 0;
  const read = () => {
    let n = 0;
    let shift = 0;
    let b: number;
    do {
      b = bytes[at++]!;
      n += (b & 0x7f) * 2 ** shift;
      shift += 7;
    } while (b & 0x80);
    return n;
  };
  for (const [id, length] of counts.histograms) {
    const values = new Int32Array(length);
    const ns = new Int32Array(length);
    for (let i = 0; i < length; i++) {
      const x = read();
      values[i] = i === 0 ? (x % 2 === 1 ? -(x + 1) / 2 : x / 2) : values[i - 1]! + x;
    }
    for (let i = 0; i < length; i++) ns[i] = read();
    histograms.set(id, { values, counts: ns });
  }
  return {
    week,
    all: counts.all,
    outliers: counts.outliers,
    groups: counts.groups.map(([level, province, region, n, ...sums]) => ({ week, level, province, region, n, sums })),
    cells: CELL_TABLES.map((_, t) => (counts.cells[t] ?? []).map(([key, n, ...sums]) => ({ key, week, n, sums }))),
    histograms,
  };
}

/** Non-negative integers as LEB128 varints into a buffer that grows as needed. */
class VarintWriter {
  private buf = new Uint8Array(1024);
  private at = 0;

  write(n: number): void {
    if (this.at + 8 > this.buf.length) {
      const bigger = new Uint8Array(this.buf.length * 2);
      bigger.set(this.buf);
      this.buf = bigger;
    }
    while (n >= 0x80) {
      this.buf[this.at++] = (n % 0x80) | 0x80;
      n = Math.floor(n / 0x80);
    }
    this.buf[this.at++] = n;
  }

  bytes(): Uint8Array {
    return this.buf.slice(0, this.at);
  }
}
