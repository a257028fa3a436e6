/**
 * An attacker across views (issue 15), written without the production code: it may ask the office page for any
 * two or more views (week ranges, values of k) of the same reports, reads only what the tables publish, and tries
 * to single out cadre-weeks that some view keeps suppressed.
 *
 * It is given more than a real reader has: the reports are made so that every published sum names exactly the
 * cadre-weeks behind it (report i puts 2^(i mod 14) into submissions, logins or uploads, by i div 14, in its
 * totals and in every portal it lists), so the attacker knows each shown cell as a set and can do exact algebra
 * with them. Per quantity (the population figures; each portal's figures) it then looks for
 * - two published sets, one inside the other, that differ by 1 … kmin − 1 people, and
 * - a group of cadre-weeks that no published set tells apart (an atom) with 1 … kmin − 1 people that is a linear
 *   combination of the published sets (a single cadre-week among them),
 * where kmin is the lowest k among the views asked for, and people are counted by busiest week.
 */
import type { OfficeTables, ShownCell } from '../../../../core/office/suppression';
import type { WeeklyReport } from '../../../../core/contracts/report-schema';
import { cadreWeek, randomInt } from './generated-reports';

export const PROBE_FIELDS = ['submissions', 'logins', 'uploads'] as const;
const BITS = 14;
export const MAX_PROBED_REPORTS = PROBE_FIELDS.length * BITS;

export function probeValues(i: number): Record<(typeof PROBE_FIELDS)[number], number> {
  const out = { submissions: 0, logins: 0, uploads: 0 };
  out[PROBE_FIELDS[Math.floor(i / BITS)]!] = 2 ** (i % BITS);
  return out;
}

const LEVEL_POOL = ['township', 'village', 'community', 'street', 'county'] as const;
const REGION_POOL = ['330106', '330102', '330205', '110101', '3301', '11'];

/** A random population of probed cadre-weeks over 2–4 weeks, skewed so that some cells are small. */
export function probedPopulation(random: () => number, seed: number): WeeklyReport[] {
  const n = randomInt(random, 18, MAX_PROBED_REPORTS);
  const weeks = ['2026-W10', '2026-W11', '2026-W12', '2026-W13'].slice(0, randomInt(random, 2, 4));
  return Array.from({ length: n }, (_, i) => {
    const probe = probeValues(i);
    const portals = (['a', 'b', 'c'] as const)
      .filter((p, j) => j === 0 || random() < (p === 'b' ? 0.5 : 0.2))
      .map((portal) => ({ portal, activeMinutes: randomInt(random, 1, 300), ...probe }));
    return cadreWeek({
      id: `probe-${seed}-${i}`,
      week: weeks[Math.floor(random() * random() * weeks.length)]!,
      level: random() < 0.1 ? undefined : LEVEL_POOL[Math.floor(random() * random() * LEVEL_POOL.length)],
      region: random() < 0.1 ? undefined : REGION_POOL[Math.floor(random() * random() * REGION_POOL.length)],
      portals,
      totals: { ...probe },
    });
  });
}

type Figures = Partial<Record<(typeof PROBE_FIELDS)[number], number | null>>;

/** The cadre-weeks behind a published sum, or null when a probe figure is withheld. */
function decode(figures: Figures, n: number): number[] | null {
  const set = new Array<number>(n).fill(0);
  for (const [f, field] of PROBE_FIELDS.entries()) {
    const v = figures[field];
    if (v === null || v === undefined) return null;
    for (let b = 0; b < BITS; b++) if (Math.floor(v / 2 ** b) % 2 === 1 && f * BITS + b < n) set[f * BITS + b] = 1;
  }
  return set;
}

function people(reports: readonly WeeklyReport[], v: readonly number[]): number {
  const perWeek = new Map<string, number>();
  v.forEach((x, i) => x && perWeek.set(reports[i]!.week, (perWeek.get(reports[i]!.week) ?? 0) + 1));
  return Math.max(0, ...perWeek.values());
}

const P = 67_108_859; // a prime below 2^26: products stay exact in doubles
const mod = (x: number) => ((x % P) + P) % P;
function inverse(a: number): number {
  let [r0, r1, s0, s1] = [P, mod(a), 0, 1];
  while (r1 !== 0) {
    const q = Math.floor(r0 / r1);
    [r0, r1] = [r1, r0 - q * r1];
    [s0, s1] = [s1, s0 - q * s1];
  }
  return mod(s0);
}

/** Row-reduced basis of the published sets over GF(P); `contains` says whether a vector is a combination of them. */
function basisOf(sets: readonly number[][]) {
  const rows: { pivot: number; v: number[] }[] = [];
  const reduce = (x: readonly number[]) => {
    const v = x.map(mod);
    for (const r of rows) {
      const f = v[r.pivot]!;
      if (f !== 0) for (let j = 0; j < v.length; j++) v[j] = mod(v[j]! - f * r.v[j]!);
    }
    return v;
  };
  for (const s of sets) {
    const v = reduce(s);
    const pivot = v.findIndex((x) => x !== 0);
    if (pivot < 0) continue;
    const inv = inverse(v[pivot]!);
    const norm = v.map((x) => mod(x * inv));
    for (const r of rows) {
      const f = r.v[pivot]!;
      if (f !== 0) for (let j = 0; j < norm.length; j++) r.v[j] = mod(r.v[j]! - f * norm[j]!);
    }
    rows.push({ pivot, v: norm });
  }
  return { contains: (x: readonly number[]) => reduce(x).every((y) => y === 0) };
}

export interface CrossViewLeak {
  quantity: string;
  rule: 'nesting' | 'span';
  people: number;
  detail: string;
}

const POPULATION_TABLES = ['weeklyTrends', 'levels', 'provinces', 'regions'] as const;

/** Every published set of every view, per quantity, with the remainders a reader can form (total − shown). */
function publishedSets(views: readonly OfficeTables[], n: number): Map<string, { name: string; v: number[] }[]> {
  const out = new Map<string, { name: string; v: number[] }[]>();
  const add = (quantity: string, name: string, v: number[] | null) => {
    if (!v || v.every((x) => x === 0)) return;
    (out.get(quantity) ?? out.set(quantity, []).get(quantity)!).push({ name, v });
  };
  views.forEach((view, at) => {
    const tag = `view ${at} (${view.range.from ?? '…'}–${view.range.to ?? '…'}, k ${view.k})`;
    const total = view.overall.suppressed ? null : decode(view.overall.figures as Figures, n);
    add('population', `${tag} overall`, total);
    for (const table of POPULATION_TABLES) {
      const shown: number[][] = [];
      for (const cell of view[table] as readonly ShownCell<unknown, Figures>[]) {
        if (cell.suppressed) continue;
        const v = decode(cell.figures, n);
        add('population', `${tag} ${table}:${cell.key}`, v);
        if (v) shown.push(v);
      }
      if (total && shown.length > 0) {
        const rest = total.map((x, i) => x - shown.reduce((s, v) => s + v[i]!, 0));
        if (rest.every((x) => x === 0 || x === 1)) add('population', `${tag} ${table}:remainder`, rest);
      }
    }
    for (const cell of view.portals as readonly ShownCell<unknown, Figures>[]) {
      if (!cell.suppressed) add(`portal:${cell.key}`, `${tag} portal:${cell.key}`, decode(cell.figures, n));
    }
  });
  return out;
}

export function findCrossViewLeaks(reports: readonly WeeklyReport[], views: readonly OfficeTables[]): CrossViewLeak[] {
  const n = reports.length;
  const kmin = Math.min(...views.map((v) => v.k));
  const small = (v: readonly number[]) => {
    const p = people(reports, v);
    return p > 0 && p < kmin ? p : 0;
  };
  const leaks: CrossViewLeak[] = [];
  for (const [quantity, sets] of publishedSets(views, n)) {
    for (const a of sets) {
      for (const b of sets) {
        if (a === b || !a.v.every((x, i) => !x || b.v[i])) continue;
        const p = small(b.v.map((x, i) => x - a.v[i]!));
        if (p) leaks.push({ quantity, rule: 'nesting', people: p, detail: `${b.name} − ${a.name}` });
      }
    }
    // Atoms: cadre-weeks in exactly the same published sets.
    const atoms = new Map<string, number[]>();
    for (let i = 0; i < n; i++) {
      if (!sets.some((s) => s.v[i])) continue;
      const key = sets.map((s) => s.v[i]).join('');
      (atoms.get(key) ?? atoms.set(key, []).get(key)!).push(i);
    }
    const basis = basisOf(sets.map((s) => s.v));
    for (const members of atoms.values()) {
      const v = Array.from({ length: n }, (_, i) => (members.includes(i) ? 1 : 0));
      const p = small(v);
      if (p && basis.contains(v)) leaks.push({ quantity, rule: 'span', people: p, detail: `cadre-weeks ${members.join(', ')}` });
    }
  }
  return leaks;
}
