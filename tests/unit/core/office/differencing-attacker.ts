/**
 * An attacker for the suppression tests, written without the production code: it rebuilds every breakdown cell
 * from the reports themselves (week, level, region), reads what the shown tables publish, and tries to recover
 * the cadre-weeks behind suppressed cells by adding and subtracting published cells.
 */
import { UNSPECIFIED } from '../../../../core/office/figures';
import type { OfficeTables, ShownCell } from '../../../../core/office/suppression';
import type { WeeklyReport } from '../../../../core/contracts/report-schema';

export const BREAKDOWNS = ['weeklyTrends', 'levels', 'provinces', 'regions'] as const;
export type BreakdownName = (typeof BREAKDOWNS)[number];

const keyOf: Record<BreakdownName, (r: WeeklyReport) => string> = {
  weeklyTrends: (r) => r.week,
  levels: (r) => r.profile?.level ?? UNSPECIFIED,
  provinces: (r) => r.profile?.region?.slice(0, 2) ?? UNSPECIFIED,
  regions: (r) => r.profile?.region ?? UNSPECIFIED,
};

/** A set of cadre-weeks as a 0/1 vector over the reports, with a name for messages. */
export interface Cell {
  name: string;
  vector: number[];
}

export function peopleIn(reports: readonly WeeklyReport[], vector: readonly number[]): number {
  const perWeek = new Map<string, number>();
  vector.forEach((x, i) => {
    if (x) perWeek.set(reports[i]!.week, (perWeek.get(reports[i]!.week) ?? 0) + 1);
  });
  return Math.max(0, ...perWeek.values());
}

/** The shown and the suppressed cells of a breakdown, rebuilt from the reports. */
export function cellsOf(reports: readonly WeeklyReport[], tables: OfficeTables, name: BreakdownName): { shown: Cell[]; hidden: Cell[] } {
  const table = tables[name] as readonly ShownCell<unknown, unknown>[];
  const shown: Cell[] = [];
  const hidden: Cell[] = [];
  for (const cell of table) {
    const vector = reports.map((r) => (keyOf[name](r) === cell.key ? 1 : 0));
    (cell.suppressed ? hidden : shown).push({ name: `${name}:${cell.key}`, vector });
  }
  return { shown, hidden };
}

/** Is `target` a linear combination of `generators`? Gaussian elimination with partial pivoting on small 0/1 data. */
export function inSpan(generators: readonly number[][], target: readonly number[]): boolean {
  const rank = (rows: number[][]): number => {
    const m = rows.map((r) => [...r]);
    let r = 0;
    const cols = m[0]?.length ?? 0;
    for (let c = 0; c < cols && r < m.length; c++) {
      let best = r;
      for (let i = r + 1; i < m.length; i++) if (Math.abs(m[i]![c]!) > Math.abs(m[best]![c]!)) best = i;
      if (Math.abs(m[best]![c]!) < 1e-9) continue;
      [m[r], m[best]] = [m[best]!, m[r]!];
      for (let i = 0; i < m.length; i++) {
        if (i === r) continue;
        const f = m[i]![c]! / m[r]![c]!;
        if (f !== 0) for (let j = c; j < cols; j++) m[i]![j]! -= f * m[r]![j]!;
      }
      r++;
    }
    return r;
  };
  return rank([...generators.map((g) => [...g]), [...target]]) === rank(generators.map((g) => [...g]));
}

/** Every combination with coefficients −1, 0 or 1 of at most `limit` published cells (brute force). */
export function* signedCombinations(cells: readonly Cell[], limit = 14): Generator<{ names: string[]; vector: number[] }> {
  const n = Math.min(cells.length, limit);
  const total = 3 ** n;
  for (let code = 1; code < total; code++) {
    let c = code;
    const vector = new Array<number>(cells[0]?.vector.length ?? 0).fill(0);
    const names: string[] = [];
    for (let i = 0; i < n; i++) {
      const coef = (c % 3) - 1;
      c = Math.floor(c / 3);
      if (coef === 0) continue;
      names.push(`${coef > 0 ? '+' : '-'}${cells[i]!.name}`);
      cells[i]!.vector.forEach((x, j) => (vector[j]! += coef * x));
    }
    yield { names, vector };
  }
}

export interface Leak {
  rule: string;
  detail: string;
}

/**
 * Everything the suppression promises about the breakdowns, checked from the outside:
 * shown cells hold ≥ k people; each breakdown's suppressed cells together hold none or ≥ k; no two readable sets
 * of two breakdowns differ by a group of 1 … k−1 people; and no suppressed level, province or region cell of
 * fewer than k people is a linear combination of the total and the shown level, province and region cells.
 */
export function findLeaks(reports: readonly WeeklyReport[], tables: OfficeTables): Leak[] {
  const k = tables.k;
  const leaks: Leak[] = [];
  const all = reports.map(() => 1);
  const people = (v: readonly number[]) => peopleIn(reports, v);
  const readable: { table: BreakdownName; cells: Cell[] }[] = [];
  const byTable = new Map<BreakdownName, { shown: Cell[]; hidden: Cell[] }>();
  for (const name of BREAKDOWNS) {
    const { shown, hidden } = cellsOf(reports, tables, name);
    byTable.set(name, { shown, hidden });
    for (const c of shown) if (people(c.vector) < k) leaks.push({ rule: 'shown-small', detail: c.name });
    const shownUnion = all.map((_, i) => (shown.some((c) => c.vector[i]) ? 1 : 0));
    const remainder = all.map((_, i) => 1 - shownUnion[i]!);
    const rest = people(remainder);
    if (rest > 0 && rest < k) leaks.push({ rule: 'remainder', detail: `${name} remainder has ${rest} people` });
    readable.push({
      table: name,
      cells: [...shown, { name: `${name}:remainder`, vector: remainder }, { name: `${name}:all-shown`, vector: shownUnion }],
    });
  }
  for (let a = 0; a < readable.length; a++) {
    for (let b = 0; b < readable.length; b++) {
      if (a === b) continue;
      for (const x of readable[a]!.cells) {
        for (const y of readable[b]!.cells) {
          const inside = x.vector.every((v, i) => !v || y.vector[i]);
          if (!inside) continue;
          const diff = y.vector.map((v, i) => v - x.vector[i]!);
          const p = people(diff);
          if (p > 0 && p < k) leaks.push({ rule: 'nesting', detail: `${y.name} − ${x.name} = ${p} people` });
        }
      }
    }
  }
  const generators = [all, ...(['levels', 'provinces', 'regions'] as const).flatMap((n) => byTable.get(n)!.shown.map((c) => c.vector))];
  for (const n of ['levels', 'provinces', 'regions'] as const) {
    for (const target of byTable.get(n)!.hidden) {
      const p = people(target.vector);
      if (p > 0 && p < k && inSpan(generators, target.vector)) leaks.push({ rule: 'span', detail: target.name });
    }
  }
  return leaks;
}
