/**
 * The differencing guard of the population breakdowns (issue #8, DESIGN.md §5 "including a cell that could be
 * recovered by subtracting two shown totals"; LESSONS.md "Differencing").
 *
 * The breakdowns — weeks, levels, provinces, regions — each split the same cadre-weeks, and each is shown with the
 * same total (the overall row). A figure of any of their cells is a sum over a set of cadre-weeks, so what a reader
 * can compute from the shown cells is a matter of sets. Starting from the cells already hidden for having fewer
 * than k people, more cells are hidden (secondary suppression) until all three rules hold:
 *
 * 1. Complement: in each breakdown, the hidden cells together (= total − shown cells) hold no one or ≥ k people.
 *    Otherwise the shown cell with the fewest people is hidden too.
 * 2. Nesting: for any two sets readable from two different breakdowns — a shown cell, the hidden remainder, or all
 *    shown cells together — where one contains the other, their difference holds no one or ≥ k people (this is
 *    "two shown totals that differ by a small group", e.g. province 33 minus its one shown region, or level
 *    village minus the one region all villages are in). Otherwise the one of the two with the fewest people is
 *    hidden (a remainder or all-shown set is changed by hiding that breakdown's smallest shown cell).
 * 3. Exact, for levels, provinces and regions: no cell with fewer than k people equals any combination of
 *    additions and subtractions of the total and the shown cells of those three breakdowns (a linear-span test,
 *    office-linear-span.ts). Otherwise, of the shown cells such a combination uses, the one with the fewest
 *    people is hidden. A cell hidden only to protect another (it has ≥ k people) may be computable: its value is
 *    an aggregate of ≥ k people, which k allows, and the span test of the small cells already covers every
 *    combination that could go through it.
 *
 * Ties go to fewer cadre-weeks, then to the key. Each step hides one more cell, so the loop ends; at worst every
 * cell of a breakdown is hidden and only the total remains, which the caller shows only with ≥ k people.
 * Then a restore pass gives back what the greedy order hid needlessly: each cell hidden only to protect another,
 * the largest first (at most MAX_RESTORE_ATTEMPTS of them), is shown again if all three rules still hold.
 *
 * Rule 3 is exact but its cost grows with (shown cells)² × (distinct level–region combinations); above
 * SPAN_WORK_BUDGET the breakdown with the most cells (normally the full region codes) is withheld whole and the
 * check is repeated. Weeks are covered by rules 1 and 2 but not by rule 3, to keep its size independent of the
 * range. Not covered here: combining figures of different quantities (a portal's minutes against a level's
 * minutes). Comparing the outputs of two week ranges, or of two values of k, is made harmless one level up
 * (view-tables.ts): a range only ever shows sums of what its single weeks show.
 */
import { createSpan, spanCost } from './linear-span';

export const SPAN_WORK_BUDGET = 300_000_000;
export const MAX_RESTORE_ATTEMPTS = 100;

export interface BreakdownRow {
  key: string;
  people: number;
  cadreWeeks: number;
  /** Indices of the row's cadre-weeks; the rows of one breakdown partition 0 … reportCount − 1. */
  members: ArrayLike<number>;
}

export interface Breakdown {
  name: string;
  rows: readonly BreakdownRow[];
  /** Takes part in rule 3. */
  exact: boolean;
}

export interface DifferencingInput {
  breakdowns: readonly Breakdown[];
  /** Per breakdown, per row: already hidden (fewer than k people, or hidden by the caller). Never shown again. */
  hidden: readonly (readonly boolean[])[];
  k: number;
  reportCount: number;
  reportWeek: ArrayLike<number>;
  weekCount: number;
  /** Defaults to SPAN_WORK_BUDGET. */
  spanWorkBudget?: number;
}

export interface DifferencingResult {
  hidden: boolean[][];
  /** Breakdowns withheld whole because rule 3 would have exceeded SPAN_WORK_BUDGET. */
  withheldForSize: string[];
}

interface Prepared {
  rows: readonly BreakdownRow[];
  blockOf: Int32Array;
  rowWeeks: Int32Array[];
  /** For the same cadre-weeks (one aggregate's reportWeek and count). */
  reportWeek: ArrayLike<number>;
  reportCount: number;
  /** By the rows of another breakdown: cadre-weeks in (row of this, row of that), or null when too large to keep. */
  cross: WeakMap<readonly BreakdownRow[], Int32Array | null>;
}

/**
 * What a breakdown's rows give whatever is hidden, kept by rows array: the k chain (view-tables.ts) suppresses the
 * same aggregate at every k from MIN_K up, so the passes over every cadre-week are made once, not at every step.
 * An aggregate's rows are never changed once built.
 */
const preparedByRows = new WeakMap<readonly BreakdownRow[], Prepared>();

function prepare(rows: readonly BreakdownRow[], N: number, reportWeek: ArrayLike<number>, weekCount: number): Prepared {
  const known = preparedByRows.get(rows);
  if (known && known.reportWeek === reportWeek && known.reportCount === N && known.rowWeeks[0]?.length === weekCount) return known;
  const blockOf = new Int32Array(N);
  const rowWeeks = rows.map((row, r) => {
    const weeks = new Int32Array(weekCount);
    for (let i = 0; i < row.members.length; i++) {
      const m = row.members[i]!;
      blockOf[m] = r;
      weeks[reportWeek[m]!]!++;
    }
    return weeks;
  });
  const prepared = { rows, blockOf, rowWeeks, reportWeek, reportCount: N, cross: new WeakMap() };
  preparedByRows.set(rows, prepared);
  return prepared;
}

/** Cadre-weeks per (row of S, row of T), counted once per pair of breakdowns; null above `limit` cells. */
function crossOf(S: Prepared, T: Prepared, N: number, limit: number): Int32Array | null {
  if (S.cross.has(T.rows)) return S.cross.get(T.rows)!;
  const width = T.rows.length;
  const cross = S.rows.length * width <= limit ? new Int32Array(S.rows.length * width) : null;
  if (cross) for (let i = 0; i < N; i++) cross[S.blockOf[i]! * width + T.blockOf[i]!]!++;
  S.cross.set(T.rows, cross);
  return cross;
}

type SetRef = { kind: 'row'; row: number } | { kind: 'remainder' } | { kind: 'shown' };

/** Each row's block: itself when shown, `remainder` when hidden (a plain loop: Int32Array.from with a callback is slow). */
function blocksOf(hidden: readonly boolean[], remainder: number): Int32Array {
  const out = new Int32Array(hidden.length);
  for (let r = 0; r < hidden.length; r++) out[r] = hidden[r] ? remainder : r;
  return out;
}

function maxOf(values: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < values.length; i++) if (values[i]! > m) m = values[i]!;
  return m;
}

export function guardDifferencing(input: DifferencingInput): DifferencingResult {
  const { k, reportCount: N, reportWeek, weekCount } = input;
  const hidden = input.hidden.map((h) => [...h]);
  /** The cells with fewer than k people: what rule 3 protects. */
  const small = input.breakdowns.map((b) => b.rows.map((row) => row.people < k));
  const withheldForSize: string[] = [];
  const tables: Prepared[] = input.breakdowns.map((b) => prepare(b.rows, N, reportWeek, weekCount));
  const weekTotal = new Int32Array(weekCount);
  for (let i = 0; i < N; i++) weekTotal[reportWeek[i]!]!++;

  const smaller = (t: number, a: number, b: number): number => {
    const x = tables[t]!.rows[a]!;
    const y = tables[t]!.rows[b]!;
    return x.people - y.people || x.cadreWeeks - y.cadreWeeks || (x.key < y.key ? -1 : x.key > y.key ? 1 : 0);
  };
  function smallestShown(t: number): number | null {
    let best: number | null = null;
    hidden[t]!.forEach((h, r) => {
      if (!h && (best === null || smaller(t, r, best) < 0)) best = r;
    });
    return best;
  }
  function remainderWeeks(t: number): Int32Array {
    const out = new Int32Array(weekCount);
    hidden[t]!.forEach((h, r) => {
      if (!h) return;
      const w = tables[t]!.rowWeeks[r]!;
      for (let j = 0; j < weekCount; j++) out[j]! += w[j]!;
    });
    return out;
  }

  type Fix = { table: number; row: number } | { table: number; tooLarge: true };

  // Rule 1.
  function complement(): Fix | null {
    for (let t = 0; t < tables.length; t++) {
      const people = maxOf(remainderWeeks(t));
      if (people > 0 && people < k) {
        const r = smallestShown(t);
        if (r !== null) return { table: t, row: r };
      }
    }
    return null;
  }

  // Rule 2.
  function nesting(): Fix | null {
    for (let s = 0; s < tables.length; s++) {
      for (let t = s + 1; t < tables.length; t++) {
        const fix = nestingViolation(s, t);
        if (fix) return fix;
      }
    }
    return null;
  }

  function nestingViolation(s: number, t: number): { table: number; row: number } | null {
    const S = tables[s]!;
    const T = tables[t]!;
    const nt = T.rows.length + 1;
    const RES_S = S.rows.length;
    const RES_T = T.rows.length;
    const blockS = blocksOf(hidden[s]!, RES_S);
    const blockT = blocksOf(hidden[t]!, RES_T);
    const [ofS, ofT] = [S.blockOf, T.blockOf];
    // Cadre-weeks in each (block of s, block of t): folded from the rows' cross counts when the grid is small
    // against the cadre-weeks (the usual case: this runs for every pair of breakdowns at every step), else counted
    // in a Map.
    const cells = (RES_S + 1) * nt;
    let inter: (a: number, b: number) => number;
    // Per shown row of s, the shown rows of t it meets, ascending: a pair of rows that share no one is skipped
    // below, so only these are visited (regions meet one province each, not all of them).
    const partners: number[][] = S.rows.map(() => []);
    const meet = (a: number, b: number) => a < RES_S && b < RES_T && partners[a]!.push(b);
    const limit = Math.max(1 << 12, 2 * N);
    const cross = cells <= limit ? crossOf(S, T, N, limit) : null;
    if (cross) {
      const grid = new Int32Array(cells);
      for (let a = 0; a < RES_S; a++) for (let b = 0; b < RES_T; b++) grid[blockS[a]! * nt + blockT[b]!]! += cross[a * RES_T + b]!;
      inter = (a, b) => grid[a * nt + b]!;
      for (let key = 0; key < cells; key++) if (grid[key]! > 0) meet(Math.floor(key / nt), key % nt);
    } else {
      const counts = new Map<number, number>();
      for (let i = 0; i < N; i++) {
        const key = blockS[ofS[i]!]! * nt + blockT[ofT[i]!]!;
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
      inter = (a, b) => counts.get(a * nt + b) ?? 0;
      for (const key of counts.keys()) meet(Math.floor(key / nt), key % nt);
      for (const list of partners) list.sort((x, y) => x - y);
    }
    const remS = remainderWeeks(s);
    const remT = remainderWeeks(t);
    const sizeRemS = remS.reduce((x, y) => x + y, 0);
    const sizeRemT = remT.reduce((x, y) => x + y, 0);
    const remRem = inter(RES_S, RES_T);
    const rowInterRemT = (a: number) => inter(a, RES_T);
    const remSInterRow = (b: number) => inter(RES_S, b);

    const setsOf = (table: number, remSize: number): SetRef[] => {
      const out: SetRef[] = [];
      hidden[table]!.forEach((h, r) => {
        if (!h) out.push({ kind: 'row', row: r });
      });
      if (remSize > 0 && remSize < N) out.push({ kind: 'remainder' }, { kind: 'shown' });
      return out;
    };
    const size = (table: number, x: SetRef, remSize: number): number =>
      x.kind === 'row' ? tables[table]!.rows[x.row]!.cadreWeeks : x.kind === 'remainder' ? remSize : N - remSize;
    const weeksOf = (table: number, x: SetRef, rem: Int32Array): Int32Array =>
      x.kind === 'row' ? tables[table]!.rowWeeks[x.row]! : x.kind === 'remainder' ? rem : weekTotal.map((n, j) => n - rem[j]!);
    function intersection(x: SetRef, y: SetRef): number {
      if (x.kind === 'row') {
        const a = x.row;
        if (y.kind === 'row') return inter(a, y.row);
        const inRem = rowInterRemT(a);
        return y.kind === 'remainder' ? inRem : S.rows[a]!.cadreWeeks - inRem;
      }
      if (x.kind === 'remainder') {
        if (y.kind === 'row') return remSInterRow(y.row);
        return y.kind === 'remainder' ? remRem : sizeRemS - remRem;
      }
      if (y.kind === 'row') return T.rows[y.row]!.cadreWeeks - remSInterRow(y.row);
      return y.kind === 'remainder' ? sizeRemT - remRem : N - sizeRemS - sizeRemT + remRem;
    }
    const candidate = (table: number, x: SetRef): number | null => (x.kind === 'row' ? x.row : smallestShown(table));

    const setsS = setsOf(s, sizeRemS);
    const setsT = setsOf(t, sizeRemT);
    const wholeT = setsT.filter((y) => y.kind !== 'row');
    const rowOfT = T.rows.map((_, row): SetRef => ({ kind: 'row', row }));
    for (const x of setsS) {
      const sx = size(s, x, sizeRemS);
      // The same order as setsT, less the rows that share no one with x.
      const ys = x.kind === 'row' ? [...partners[x.row]!.map((b) => rowOfT[b]!), ...wholeT] : setsT;
      for (const y of ys) {
        const sy = size(t, y, sizeRemT);
        const both = intersection(x, y);
        if (both === 0 || sx === sy) continue;
        let inner: [number, SetRef, number];
        let outer: [number, SetRef, number];
        if (both === sx) [inner, outer] = [[s, x, sx], [t, y, sy]];
        else if (both === sy) [inner, outer] = [[t, y, sy], [s, x, sx]];
        else continue;
        const innerWeeks = weeksOf(inner[0], inner[1], inner[0] === s ? remS : remT);
        const outerWeeks = weeksOf(outer[0], outer[1], outer[0] === s ? remS : remT);
        const people = maxOf(outerWeeks.map((n, j) => n - innerWeeks[j]!));
        if (people === 0 || people >= k) continue;
        const options = [
          { table: inner[0], row: candidate(inner[0], inner[1]) },
          { table: outer[0], row: candidate(outer[0], outer[1]) },
        ].filter((o): o is { table: number; row: number } => o.row !== null);
        options.sort((p, q) => {
          const a = tables[p.table]!.rows[p.row]!;
          const b = tables[q.table]!.rows[q.row]!;
          return a.people - b.people || a.cadreWeeks - b.cadreWeeks;
        });
        if (options[0]) return options[0];
      }
    }
    return null;
  }

  // Rule 3.
  function exact(): Fix | null {
    const exactTables = input.breakdowns.map((b, t) => (b.exact ? t : -1)).filter((t) => t >= 0);
    if (!exactTables.some((t) => hidden[t]!.some((h, r) => h && small[t]![r]))) return null;
    // Atoms: cadre-weeks with the same cell in every exact breakdown. Groups: atoms that no shown cell tells apart.
    const atomOf = new Map<string, number>();
    const atomRows: number[][] = [];
    for (let i = 0; i < N; i++) {
      const rows = exactTables.map((t) => tables[t]!.blockOf[i]!);
      const key = rows.join(',');
      if (!atomOf.has(key)) {
        atomOf.set(key, atomRows.length);
        atomRows.push(rows);
      }
    }
    const groupOf = new Map<string, number>();
    const atomGroup = atomRows.map((rows) => {
      const key = rows.map((r, j) => (hidden[exactTables[j]!]![r] ? -1 : r)).join(',');
      let g = groupOf.get(key);
      if (g === undefined) {
        g = groupOf.size;
        groupOf.set(key, g);
      }
      return g;
    });
    const G = groupOf.size;
    const groupAtoms = new Int32Array(G);
    for (const g of atomGroup) groupAtoms[g]!++;

    const generators: number[][] = [Array.from({ length: G }, (_, g) => g)];
    const owners: ({ table: number; row: number } | null)[] = [null];
    exactTables.forEach((t, j) => {
      const byRow = new Map<number, Set<number>>();
      atomRows.forEach((rows, a) => {
        const r = rows[j]!;
        if (hidden[t]![r]) return;
        let set = byRow.get(r);
        if (!set) byRow.set(r, (set = new Set()));
        set.add(atomGroup[a]!);
      });
      for (const [r, set] of byRow) {
        generators.push([...set]);
        owners.push({ table: t, row: r });
      }
    });
    if (spanCost(generators.length, G) > (input.spanWorkBudget ?? SPAN_WORK_BUDGET)) {
      const open = exactTables.filter((t) => hidden[t]!.some((h) => !h));
      if (open.length === 0) return null;
      const widest = open.reduce((a, b) => (tables[b]!.rows.length > tables[a]!.rows.length ? b : a));
      return { table: widest, tooLarge: true };
    }
    const span = createSpan(generators, G);

    for (const [j, t] of exactTables.entries()) {
      for (let r = 0; r < tables[t]!.rows.length; r++) {
        if (!hidden[t]![r] || !small[t]![r]) continue;
        // The target is a union of whole groups, or no combination can single it out.
        const covered = new Map<number, number>();
        atomRows.forEach((rows, a) => {
          if (rows[j] === r) covered.set(atomGroup[a]!, (covered.get(atomGroup[a]!) ?? 0) + 1);
        });
        if ([...covered].some(([g, n]) => n !== groupAtoms[g])) continue;
        const used = span.representation([...covered.keys()]);
        if (used === null) continue;
        const choices = used.map((i) => owners[i]).filter((o): o is { table: number; row: number } => o !== null);
        choices.sort((p, q) => {
          const a = tables[p.table]!.rows[p.row]!;
          const b = tables[q.table]!.rows[q.row]!;
          return a.people - b.people || a.cadreWeeks - b.cadreWeeks;
        });
        if (choices[0]) return choices[0];
      }
    }
    return null;
  }

  const findFix = (): Fix | null => complement() ?? nesting() ?? exact();

  for (let fix = findFix(); fix !== null; fix = findFix()) {
    if ('tooLarge' in fix) {
      hidden[fix.table]!.fill(true);
      withheldForSize.push(input.breakdowns[fix.table]!.name);
    } else {
      hidden[fix.table]![fix.row] = true;
    }
  }

  // Restore pass.
  const withheld = new Set(withheldForSize);
  const secondary = tables
    .flatMap((T, t) => (withheld.has(input.breakdowns[t]!.name) ? [] : T.rows.map((_, r) => ({ t, r }))))
    // A cell hidden on input stays hidden: a caller may hide more than the small cells (view-tables.ts hides what
    // the k = MIN_K view hid, so that views at two values of k cannot be played against each other).
    .filter(({ t, r }) => hidden[t]![r] && !small[t]![r] && !input.hidden[t]![r])
    .sort((a, b) => {
      const x = tables[a.t]!.rows[a.r]!;
      const y = tables[b.t]!.rows[b.r]!;
      return y.people - x.people || y.cadreWeeks - x.cadreWeeks || a.t - b.t || a.r - b.r;
    })
    .slice(0, MAX_RESTORE_ATTEMPTS);
  for (const { t, r } of secondary) {
    hidden[t]![r] = false;
    if (findFix() !== null) hidden[t]![r] = true;
  }
  return { hidden, withheldForSize };
}
