/**
 * The office's imported reports held compactly (issue 15: at 100k reports the plain objects alone took ~190 MB of
 * heap in the aggregation worker, and the week views pushed the peak past 500 MB).
 *
 * Each report is one record of unsigned 32-bit numbers in a shared slab: its strings as indices into one table of
 * interned strings (weeks, portal ids, levels, regions, categories, tags and versions repeat across thousands of
 * reports), then its numbers in the order of REPORT_FIELDS (report-rules.ts). Every number of the format is a
 * non-negative integer of at most MAX_COUNT (10⁶), so 32 bits hold it exactly, and nothing is lost: `plain(i)` gives
 * back the report as it was added. Only the reportId stays a string of its own (it is unique).
 *
 * `views()` hands the aggregation (view-tables.ts, aggregate.ts) read-only objects with the WeeklyReport shape
 * whose properties are read from the record on each access; the nested objects they return are made afresh and
 * are short-lived garbage, so a tables request never holds a second copy of all the reports. A view's fields are
 * getters, not own properties: never post, store or serialise a view (structured clone and JSON would see
 * nothing) — use `plain(i)`.
 */
import { REPORT_FIELDS } from '../contracts/report-rules';
import {
  REPORT_SCHEMA_ID,
  type EntryCategory,
  type Level,
  type PageTagInReport,
  type ReportApp,
  type ReportCategory,
  type ReportPair,
  type ReportPortal,
  type ReportProfile,
  type ReportTag,
  type ReportTotals,
  type WeeklyReport,
  type WorkDomain,
} from '../contracts/report-schema';

const TOTALS = Object.keys(REPORT_FIELDS.totals) as (keyof ReportTotals)[];
const PORTAL = Object.keys(REPORT_FIELDS.portal) as (keyof Omit<ReportPortal, 'portal'>)[];
const PAIR = Object.keys(REPORT_FIELDS.pair) as (keyof Omit<ReportPair, 'a' | 'b'>)[];
const CATEGORY = Object.keys(REPORT_FIELDS.category) as (keyof Omit<ReportCategory, 'category'>)[];
const TAG = Object.keys(REPORT_FIELDS.tag) as (keyof Omit<ReportTag, 'tag'>)[];

// Record layout: a header, the totals, then each list's items (its string keys first, then its numbers).
const WEEK = 0;
const CAMPAIGN = 1; // string index + 1; 0 = none
const VERSION = 2;
const PROFILE = 3; // 1 when the report has a profile
const LEVEL = 4; // + 1; 0 = none (also for region and domain)
const REGION = 5;
const DOMAIN = 6;
const COVERAGE = 7;
const PORTALS = 8; // number of items of each list
const PAIRS = 9;
const CATEGORIES = 10;
const TAGS = 11;
const HEADER = 12;
const PORTAL_SIZE = 1 + PORTAL.length;
const PAIR_SIZE = 2 + PAIR.length;
const CATEGORY_SIZE = 1 + CATEGORY.length;
const TAG_SIZE = 1 + TAG.length;

/** Numbers per slab: 4 MB, large enough to be cheap, small enough that the last slab's unused end stays small. */
const SLAB = 1 << 20;

/** The base of every view: a record (or part of one) at offset `o` of slab `s`, strings in `t`. */
class Slot {
  // Declared, not initialised: class-field initialisers (define semantics) made every view's construction the
  // largest cost of an aggregation; plain assignments in the constructor keep it a cheap allocation.
  declare protected readonly s: Uint32Array;
  declare protected readonly o: number;
  declare protected readonly t: readonly string[];
  constructor(s: Uint32Array, o: number, t: readonly string[]) {
    this.s = s;
    this.o = o;
    this.t = t;
  }
}

type SlotClass<T> = new (s: Uint32Array, o: number, t: readonly string[]) => T;

/**
 * A view class whose `keys` are strings at the slot's first positions and whose `fields` are the numbers after
 * them. One getter per name on the prototype keeps each property read monomorphic (see figure-readers.ts).
 */
function slotView<T>(keys: readonly string[], fields: readonly string[], first = 0): SlotClass<T> {
  const View = class extends Slot {};
  keys.forEach((key, j) =>
    Object.defineProperty(View.prototype, key, {
      get(this: { s: Uint32Array; o: number; t: readonly string[] }) {
        return this.t[this.s[this.o + j]!];
      },
    }),
  );
  fields.forEach((field, j) => {
    const at = first + keys.length + j;
    Object.defineProperty(View.prototype, field, {
      get(this: { s: Uint32Array; o: number }) {
        return this.s[this.o + at];
      },
    });
  });
  return View as unknown as SlotClass<T>;
}

const TotalsView = slotView<ReportTotals>([], TOTALS, HEADER);
const PortalView = slotView<ReportPortal>(['portal'], PORTAL);
const PairView = slotView<ReportPair>(['a', 'b'], PAIR);
const CategoryView = slotView<ReportCategory>(['category'], CATEGORY);
const TagView = slotView<ReportTag>(['tag'], TAG);

function listOf<T>(View: SlotClass<T>, s: Uint32Array, start: number, count: number, size: number, t: readonly string[]): T[] {
  const out = new Array<T>(count);
  for (let i = 0; i < count; i++) out[i] = new View(s, start + i * size, t);
  return out;
}

/** One stored report, read from its record. */
class ReportView extends Slot implements WeeklyReport {
  declare readonly reportId: string;
  constructor(reportId: string, s: Uint32Array, o: number, t: readonly string[]) {
    super(s, o, t);
    this.reportId = reportId;
  }
  get week(): string {
    return this.t[this.s[this.o + WEEK]!]!;
  }
  get campaign(): string | undefined {
    const c = this.s[this.o + CAMPAIGN]!;
    return c === 0 ? undefined : this.t[c - 1];
  }
  get app(): ReportApp {
    return { version: this.t[this.s[this.o + VERSION]!]!, schema: REPORT_SCHEMA_ID };
  }
  get profile(): ReportProfile | undefined {
    const { s, o, t } = this;
    if (s[o + PROFILE] === 0) return undefined;
    const profile: ReportProfile = {};
    if (s[o + LEVEL] !== 0) profile.level = t[s[o + LEVEL]! - 1] as Level;
    if (s[o + REGION] !== 0) profile.region = t[s[o + REGION]! - 1];
    if (s[o + DOMAIN] !== 0) profile.domain = t[s[o + DOMAIN]! - 1] as WorkDomain;
    return profile;
  }
  get coverage(): number {
    return this.s[this.o + COVERAGE]!;
  }
  get totals(): ReportTotals {
    return new TotalsView(this.s, this.o, this.t);
  }
  private get portalsAt(): number {
    return this.o + HEADER + TOTALS.length;
  }
  private get pairsAt(): number {
    return this.portalsAt + this.s[this.o + PORTALS]! * PORTAL_SIZE;
  }
  private get categoriesAt(): number {
    return this.pairsAt + this.s[this.o + PAIRS]! * PAIR_SIZE;
  }
  private get tagsAt(): number {
    return this.categoriesAt + this.s[this.o + CATEGORIES]! * CATEGORY_SIZE;
  }
  get portals(): ReportPortal[] {
    return listOf(PortalView, this.s, this.portalsAt, this.s[this.o + PORTALS]!, PORTAL_SIZE, this.t);
  }
  get pairs(): ReportPair[] {
    return listOf(PairView, this.s, this.pairsAt, this.s[this.o + PAIRS]!, PAIR_SIZE, this.t);
  }
  get categories(): ReportCategory[] {
    return listOf(CategoryView, this.s, this.categoriesAt, this.s[this.o + CATEGORIES]!, CATEGORY_SIZE, this.t);
  }
  get tags(): ReportTag[] {
    return listOf(TagView, this.s, this.tagsAt, this.s[this.o + TAGS]!, TAG_SIZE, this.t);
  }
}

function copyFields<T>(record: T, fields: readonly (keyof T)[], out: Record<string, unknown> = {}): Record<string, unknown> {
  for (const f of fields) out[f as string] = record[f];
  return out;
}

export function createCompactReports(options: { slab?: number } = {}) {
  const slab = options.slab ?? SLAB;
  const strings: string[] = [];
  const stringIndex = new Map<string, number>();
  const weekCounts = new Map<string, number>();
  const slabs: Uint32Array[] = [];
  let fill = 0;
  const ids: string[] = [];
  const slabOf: number[] = [];
  const offsetOf: number[] = [];

  const intern = (value: string): number => {
    let i = stringIndex.get(value);
    if (i === undefined) {
      i = strings.length;
      strings.push(value);
      stringIndex.set(value, i);
    }
    return i;
  };
  const optional = (value: string | undefined) => (value === undefined ? 0 : intern(value) + 1);

  function add(report: WeeklyReport): void {
    const size =
      HEADER +
      TOTALS.length +
      report.portals.length * PORTAL_SIZE +
      report.pairs.length * PAIR_SIZE +
      report.categories.length * CATEGORY_SIZE +
      report.tags.length * TAG_SIZE;
    if (slabs.length === 0 || fill + size > slabs[slabs.length - 1]!.length) {
      // A record never spans two slabs; a report larger than a slab (thousands of pairs) gets one of its own.
      slabs.push(new Uint32Array(Math.max(slab, size)));
      fill = 0;
    }
    const s = slabs.at(-1)!;
    const o = fill;
    fill += size;
    s[o + WEEK] = intern(report.week);
    s[o + CAMPAIGN] = optional(report.campaign);
    s[o + VERSION] = intern(report.app.version);
    s[o + PROFILE] = report.profile ? 1 : 0;
    s[o + LEVEL] = optional(report.profile?.level);
    s[o + REGION] = optional(report.profile?.region);
    s[o + DOMAIN] = optional(report.profile?.domain);
    s[o + COVERAGE] = report.coverage;
    s[o + PORTALS] = report.portals.length;
    s[o + PAIRS] = report.pairs.length;
    s[o + CATEGORIES] = report.categories.length;
    s[o + TAGS] = report.tags.length;
    let at = o + HEADER;
    for (const f of TOTALS) s[at++] = report.totals[f];
    for (const p of report.portals) {
      s[at++] = intern(p.portal);
      for (const f of PORTAL) s[at++] = p[f];
    }
    for (const q of report.pairs) {
      s[at++] = intern(q.a);
      s[at++] = intern(q.b);
      for (const f of PAIR) s[at++] = q[f];
    }
    for (const c of report.categories) {
      s[at++] = intern(c.category);
      for (const f of CATEGORY) s[at++] = c[f];
    }
    for (const t of report.tags) {
      s[at++] = intern(t.tag);
      for (const f of TAG) s[at++] = t[f];
    }
    ids.push(report.reportId);
    slabOf.push(slabs.length - 1);
    offsetOf.push(o);
    weekCounts.set(report.week, (weekCounts.get(report.week) ?? 0) + 1);
  }

  const view = (i: number): WeeklyReport => new ReportView(ids[i]!, slabs[slabOf[i]!]!, offsetOf[i]!, strings);

  return {
    add,
    get length() {
      return ids.length;
    },
    /** How many distinct strings the reports hold (weeks, portal ids, levels…), reportIds aside. */
    stringCount: () => strings.length,
    /** Every week that has a report, ascending. */
    weeks: (): string[] => [...weekCounts.keys()].sort(),
    /** Read-only views of every report, in the order added (see the top of this file). */
    views(): WeeklyReport[] {
      const out = new Array<WeeklyReport>(ids.length);
      for (let i = 0; i < ids.length; i++) out[i] = view(i);
      return out;
    },
    /** Report `i` as the plain object that was added. */
    plain(i: number): WeeklyReport {
      const r = view(i);
      const out: WeeklyReport = {
        reportId: r.reportId,
        week: r.week,
        app: r.app,
        coverage: r.coverage,
        totals: copyFields(r.totals, TOTALS) as ReportTotals,
        portals: r.portals.map((p) => copyFields(p, PORTAL, { portal: p.portal }) as ReportPortal),
        pairs: r.pairs.map((q) => copyFields(q, PAIR, { a: q.a, b: q.b }) as ReportPair),
        categories: r.categories.map((c) => copyFields(c, CATEGORY, { category: c.category as EntryCategory }) as ReportCategory),
        tags: r.tags.map((t) => copyFields(t, TAG, { tag: t.tag as PageTagInReport }) as ReportTag),
      };
      if (r.campaign !== undefined) out.campaign = r.campaign;
      if (r.profile !== undefined) out.profile = r.profile;
      return out;
    },
  };
}

export type CompactReports = ReturnType<typeof createCompactReports>;
