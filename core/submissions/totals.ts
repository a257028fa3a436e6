import type { FrictionDay } from './summary';

export interface FrictionTotals {
  portalId: string;
  submissions: number;
  failedSubmissions: number;
  logins: number;
  relogins: number;
  captchas: number;
  loginOnlyVisits: number;
  /** Distinct account fingerprints over the whole range, as a count: the fingerprints stay in the worker. */
  accounts: number;
}

/** Sums day rows per portal for a range; accounts are distinct across the days, not summed. */
export function frictionTotals(days: readonly FrictionDay[]): FrictionTotals[] {
  const out = new Map<string, FrictionTotals & { fps: Set<string> }>();
  for (const d of days) {
    let t = out.get(d.portalId);
    if (!t) {
      t = { portalId: d.portalId, submissions: 0, failedSubmissions: 0, logins: 0, relogins: 0, captchas: 0, loginOnlyVisits: 0, accounts: 0, fps: new Set() };
      out.set(d.portalId, t);
    }
    t.submissions += d.submissions;
    t.failedSubmissions += d.failedSubmissions;
    t.logins += d.logins;
    t.relogins += d.relogins;
    t.captchas += d.captchas;
    t.loginOnlyVisits += d.loginOnlyVisits;
    d.accountFps.forEach((fp) => t.fps.add(fp));
  }
  return [...out.values()].map(({ fps, ...t }) => ({ ...t, accounts: fps.size }));
}
