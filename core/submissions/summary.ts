/**
 * Submissions, logins and login-only visits per portal per local day (DESIGN.md §3), computed from stored
 * records at read time, so a worker that slept through a request's 60 s deadline still counts it as failed.
 *
 * Decisions:
 * - `submissions` counts every submission that is not a login, whatever its outcome; `failedSubmissions` counts
 *   failed ones of both kinds (a rejected login is a failed submission too).
 * - A submission fails on a non-2xx final status, a network error, an answer after more than 60 s, or no answer
 *   60 s after it started.
 * - `logins` counts logins that did not fail; of one portal's logins on one day, all but the first are
 *   `relogins`. `captchas` counts login attempts (failed ones too: the cadre typed the captcha) that asked for a
 *   captcha or a one-time code. `accountFps` are the distinct account fingerprints of logins that did not fail.
 * - A stay is a run of pages of one portal in one tab. Its login is one credited to that portal from that tab
 *   while the stay was open (after a single-sign-on redirect the stay begins just after the login). A stay is a
 *   login-only visit when it had such a login, lasted under 2 minutes, is over (tab closed or left, or nothing
 *   counted in it for 2 minutes), and saw no entry and no other submission. Counted on the stay's first day.
 */

export const ANSWER_DEADLINE_MS = 60_000;
export const LOGIN_ONLY_MAX_MS = 2 * 60_000;

export interface SubmissionFact {
  portalId: string;
  day: string;
  at: number;
  tabId: number;
  login: boolean;
  captcha: boolean;
  oneTimeCode: boolean;
  accountFp?: string;
  status: 'pending' | 'ok' | 'failed';
  endedAt?: number;
}

export interface StayFact {
  tabId: number;
  portalId: string;
  day: string;
  startedAt: number;
  lastSeenAt: number;
  endedAt?: number;
}

export interface EntryFact {
  portalId: string;
  at: number;
  /** `tab:frame:document` of the page the entry was made in. */
  visitKey: string;
}

export interface FrictionDay {
  portalId: string;
  day: string;
  submissions: number;
  failedSubmissions: number;
  logins: number;
  relogins: number;
  captchas: number;
  loginOnlyVisits: number;
  accountFps: string[];
}

export function hasFailed(s: Pick<SubmissionFact, 'at' | 'status' | 'endedAt'>, now: number): boolean {
  if (s.status === 'failed') return true;
  if (s.status === 'ok') return s.endedAt !== undefined && s.endedAt - s.at > ANSWER_DEADLINE_MS;
  return now - s.at >= ANSWER_DEADLINE_MS;
}

function stayOfLogin(login: SubmissionFact, stays: readonly StayFact[]): StayFact | undefined {
  return stays
    .filter((s) => s.tabId === login.tabId && s.portalId === login.portalId)
    .sort((a, b) => a.startedAt - b.startedAt)
    .find((s) => (s.endedAt ?? s.lastSeenAt) >= login.at - 1_000 && s.startedAt <= login.at + ANSWER_DEADLINE_MS);
}

export function isLoginOnly(stay: StayFact, logins: readonly SubmissionFact[], others: readonly SubmissionFact[], entries: readonly EntryFact[], now: number): boolean {
  if (!logins.length) return false;
  const end = stay.endedAt ?? stay.lastSeenAt;
  const over = stay.endedAt !== undefined || now - stay.lastSeenAt >= LOGIN_ONLY_MAX_MS;
  if (!over || stay.lastSeenAt - stay.startedAt >= LOGIN_ONLY_MAX_MS) return false;
  const inside = (portalId: string, at: number) => portalId === stay.portalId && at >= stay.startedAt - 1_000 && at <= end + 10_000;
  if (others.some((s) => s.tabId === stay.tabId && inside(s.portalId, s.at))) return false;
  return !entries.some((e) => e.visitKey.startsWith(`${stay.tabId}:`) && inside(e.portalId, e.at));
}

export function summariseFriction(input: {
  submissions: readonly SubmissionFact[];
  stays: readonly StayFact[];
  entries: readonly EntryFact[];
  now: number;
}): FrictionDay[] {
  const { now } = input;
  const days = new Map<string, FrictionDay & { fps: Set<string> }>();
  const cell = (portalId: string, day: string) => {
    const key = `${portalId}\u0000${day}`;
    let c = days.get(key);
    if (!c) {
      c = { portalId, day, submissions: 0, failedSubmissions: 0, logins: 0, relogins: 0, captchas: 0, loginOnlyVisits: 0, accountFps: [], fps: new Set() };
      days.set(key, c);
    }
    return c;
  };

  const ordered = [...input.submissions].sort((a, b) => a.at - b.at);
  const goodLogins: SubmissionFact[] = [];
  const others: SubmissionFact[] = [];
  for (const s of ordered) {
    const c = cell(s.portalId, s.day);
    const failed = hasFailed(s, now);
    if (failed) c.failedSubmissions++;
    if (!s.login) {
      c.submissions++;
      others.push(s);
      continue;
    }
    if (s.captcha || s.oneTimeCode) c.captchas++;
    if (failed) continue;
    if (c.logins > 0) c.relogins++;
    c.logins++;
    if (s.accountFp) c.fps.add(s.accountFp);
    goodLogins.push(s);
  }

  const loginsByStay = new Map<StayFact, SubmissionFact[]>();
  for (const login of goodLogins) {
    const stay = stayOfLogin(login, input.stays);
    if (stay) loginsByStay.set(stay, [...(loginsByStay.get(stay) ?? []), login]);
  }
  for (const [stay, logins] of loginsByStay) {
    if (isLoginOnly(stay, logins, others, input.entries, now)) cell(stay.portalId, stay.day).loginOnlyVisits++;
  }

  return [...days.values()]
    .map(({ fps, ...day }) => ({ ...day, accountFps: [...fps].sort() }))
    .sort((a, b) => a.day.localeCompare(b.day) || a.portalId.localeCompare(b.portalId));
}
