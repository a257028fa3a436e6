import { isoWeekOfDay } from '../time/iso-week';
import type { ReportInput } from '../contracts/report-input';
import { PAGE_TAGS_IN_REPORT } from '../contracts/report-schema';

/**
 * The cadre's own picture for the dashboard overview: per portal for the chosen period, per ISO week for the
 * trends, and coverage from the gap log. Same definitions as the weekly report (core/report/build.ts); the
 * overview keeps milliseconds and real portal ids, since it never leaves the machine.
 */
export interface OverviewFigures {
  activeMs: number;
  waitMs: number;
  submissions: number;
  failedSubmissions: number;
  logins: number;
  captchas: number;
  sameFieldRepeats: number;
  crossPortalRepeats: number;
  uploads: number;
  repeatedUploads: number;
}

export interface OverviewSummary {
  portals: (OverviewFigures & { portalId: string })[];
  weeks: (OverviewFigures & { week: string; coverage: number })[];
  tags: { tag: string; visits: number; activeMs: number }[];
  coverage: number;
  gapsByReason: Record<string, number>;
}

const zero = (): OverviewFigures => ({
  activeMs: 0,
  waitMs: 0,
  submissions: 0,
  failedSubmissions: 0,
  logins: 0,
  captchas: 0,
  sameFieldRepeats: 0,
  crossPortalRepeats: 0,
  uploads: 0,
  repeatedUploads: 0,
});

const UNOBSERVED = new Set(['sleep', 'worker-restart']);
const coverageOf = (activeMs: number, gapMs: number, unobservedMs: number) =>
  activeMs + gapMs === 0 ? 100 : Math.round((100 * (activeMs + gapMs - unobservedMs)) / (activeMs + gapMs));

/**
 * `periodFrom` starts the per-portal period (a day, a week, a month); rows before it feed only the weekly trend.
 */
export function summariseOverview(input: ReportInput, periodFrom: string): OverviewSummary {
  const portals = new Map<string, OverviewFigures>();
  const weeks = new Map<string, OverviewFigures & { gapMs: number; unobservedMs: number }>();
  const weekOf = new Map<string, string>();
  const week = (day: string) => {
    let w = weekOf.get(day);
    if (!w) weekOf.set(day, (w = isoWeekOfDay(day)));
    return weeks.get(w) ?? weeks.set(w, { ...zero(), gapMs: 0, unobservedMs: 0 }).get(w)!;
  };
  const add = (portalId: string, day: string, f: (x: OverviewFigures) => void) => {
    f(week(day));
    if (day >= periodFrom) f(portals.get(portalId) ?? portals.set(portalId, zero()).get(portalId)!);
  };
  let gapMs = 0;
  let unobservedMs = 0;
  const gapsByReason: Record<string, number> = {};
  for (const r of input.daily) add(r.portalId, r.day, (x) => ((x.activeMs += r.activeMs), (x.waitMs += r.waitMs)));
  for (const g of input.gaps) {
    const ms = Math.max(0, g.end - g.start);
    const w = week(g.day);
    w.gapMs += ms;
    if (UNOBSERVED.has(g.reason)) w.unobservedMs += ms;
    if (g.day < periodFrom) continue;
    gapMs += ms;
    if (UNOBSERVED.has(g.reason)) unobservedMs += ms;
    gapsByReason[g.reason] = (gapsByReason[g.reason] ?? 0) + ms;
  }
  for (const e of input.entries) {
    if (e.kind === 'none') continue;
    add(e.portalId, e.day, (x) => (e.kind === 'same-field' ? x.sameFieldRepeats++ : x.crossPortalRepeats++));
  }
  for (const f of input.friction) {
    add(f.portalId, f.day, (x) => {
      x.submissions += f.submissions;
      x.failedSubmissions += f.failedSubmissions;
      x.logins += f.logins;
      x.captchas += f.captchas;
    });
  }
  for (const u of input.uploads) add(u.portalId, u.day, (x) => (x.uploads++, u.repeat === 'repeat' && x.repeatedUploads++));
  const tags = new Map<string, { visits: number; activeMs: number }>();
  for (const tg of input.tags) {
    if (tg.day < periodFrom) continue;
    const t = tags.get(tg.tag) ?? tags.set(tg.tag, { visits: 0, activeMs: 0 }).get(tg.tag)!;
    t.visits += tg.visits;
    t.activeMs += tg.activeMs;
  }
  const periodActive = [...portals.values()].reduce((s, p) => s + p.activeMs, 0);
  return {
    portals: [...portals].map(([portalId, f]) => ({ portalId, ...f })).sort((a, b) => b.activeMs - a.activeMs || (a.portalId < b.portalId ? -1 : 1)),
    weeks: [...weeks]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([w, { gapMs: g, unobservedMs: u, ...f }]) => ({ week: w, ...f, coverage: coverageOf(f.activeMs, g, u) })),
    tags: PAGE_TAGS_IN_REPORT.filter((t) => tags.has(t)).map((tag) => ({ tag, ...tags.get(tag)! })),
    coverage: coverageOf(periodActive, gapMs, unobservedMs),
    gapsByReason,
  };
}
