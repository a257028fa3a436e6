import { describe, expect, it } from 'vitest';
import { type EntryFact, type StayFact, type SubmissionFact, summariseFriction } from '../../../../core/submissions/summary';

const DAY = '2026-11-27';
const T0 = Date.UTC(2026, 10, 27, 2, 0, 0);
const sub = (over: Partial<SubmissionFact>): SubmissionFact => ({
  portalId: 'zwfw',
  day: DAY,
  at: T0,
  tabId: 1,
  login: false,
  captcha: false,
  oneTimeCode: false,
  status: 'ok',
  endedAt: T0 + 200,
  ...over,
});
const login = (over: Partial<SubmissionFact>) => sub({ login: true, captcha: true, accountFp: 'fpA', ...over });
const stay = (over: Partial<StayFact>): StayFact => ({ tabId: 1, portalId: 'zwfw', day: DAY, startedAt: T0 + 500, lastSeenAt: T0 + 30_000, endedAt: T0 + 31_000, ...over });
const run = (submissions: SubmissionFact[], stays: StayFact[] = [], entries: EntryFact[] = [], now = T0 + 3_600_000) =>
  summariseFriction({ submissions, stays, entries, now });

describe('submissions and failures', () => {
  it('counts every non-login submission and the failed ones: non-2xx, network error, late or no answer', () => {
    const [day] = run([
      sub({}),
      sub({ status: 'failed', at: T0 + 1 }),
      sub({ status: 'ok', at: T0 + 2, endedAt: T0 + 2 + 61_000 }), // answered, but after 60 s
      sub({ status: 'pending', at: T0 + 3, endedAt: undefined }), // never answered
    ]);
    expect(day).toMatchObject({ portalId: 'zwfw', day: DAY, submissions: 4, failedSubmissions: 3, logins: 0 });
  });

  it('an unanswered submission is not failed before its 60 s are up', () => {
    const pending = sub({ status: 'pending', endedAt: undefined });
    expect(run([pending], [], [], T0 + 59_000)[0]).toMatchObject({ submissions: 1, failedSubmissions: 0 });
    expect(run([pending], [], [], T0 + 60_000)[0]).toMatchObject({ submissions: 1, failedSubmissions: 1 });
  });
});

describe('logins', () => {
  it('the second successful login of a portal on one day is a re-login; another day starts again', () => {
    const days = run([
      login({ at: T0 }),
      login({ at: T0 + 1000, accountFp: 'fpB' }),
      login({ at: T0 + 86_400_000, day: '2026-11-28' }),
    ]);
    expect(days.map((d) => [d.day, d.logins, d.relogins, d.accountFps])).toEqual([
      [DAY, 2, 1, ['fpA', 'fpB']],
      ['2026-11-28', 1, 0, ['fpA']],
    ]);
  });

  it('a rejected login is a failed submission with its captcha, not a login and not an account', () => {
    const [day] = run([login({ status: 'failed', accountFp: 'typo' }), login({ at: T0 + 5000 })]);
    expect(day).toMatchObject({ submissions: 0, failedSubmissions: 1, logins: 1, relogins: 0, captchas: 2, accountFps: ['fpA'] });
  });

  it('logins on different portals are not re-logins of each other', () => {
    const days = run([login({ portalId: 'a' }), login({ portalId: 'b', at: T0 + 10 })]);
    expect(days.map((d) => d.relogins)).toEqual([0, 0]);
  });
});

describe('login-only visits', () => {
  it('a short, finished stay after a login with nothing else done is login-only', () => {
    expect(run([login({})], [stay({})])[0]!.loginOnlyVisits).toBe(1);
  });

  it('not when the stay lasted 2 minutes or more', () => {
    expect(run([login({})], [stay({ lastSeenAt: T0 + 500 + 120_000, endedAt: T0 + 200_000 })])[0]!.loginOnlyVisits).toBe(0);
  });

  it('not while the stay may still go on, and yes once nothing has happened in it for 2 minutes', () => {
    const open = stay({ endedAt: undefined });
    expect(run([login({})], [open], [], T0 + 60_000)[0]!.loginOnlyVisits).toBe(0);
    expect(run([login({})], [open], [], T0 + 30_000 + 120_000)[0]!.loginOnlyVisits).toBe(1);
  });

  it('not when the stay had an entry or another submission in that tab', () => {
    const entry: EntryFact = { portalId: 'zwfw', at: T0 + 10_000, visitKey: '1:0:doc' };
    expect(run([login({})], [stay({})], [entry])[0]!.loginOnlyVisits).toBe(0);
    expect(run([login({}), sub({ at: T0 + 20_000 })], [stay({})])[0]!.loginOnlyVisits).toBe(0);
    // Work in another tab does not make this visit less empty.
    expect(run([login({})], [stay({})], [{ ...entry, visitKey: '2:0:doc' }])[0]!.loginOnlyVisits).toBe(1);
  });

  it('not when the login failed', () => {
    expect(run([login({ status: 'failed' })], [stay({})])[0]!.loginOnlyVisits).toBe(0);
  });

  it('a stay in the same tab that began long after the login is not that login’s visit', () => {
    expect(run([login({})], [stay({ startedAt: T0 + 300_000, lastSeenAt: T0 + 310_000, endedAt: T0 + 311_000 })])[0]!.loginOnlyVisits).toBe(0);
  });
});

describe('the shape the weekly report builder reads', () => {
  it('has exactly the agreed fields per portal per day', () => {
    const [day] = run([login({})]);
    expect(Object.keys(day!).sort()).toEqual(
      ['portalId', 'day', 'submissions', 'failedSubmissions', 'logins', 'relogins', 'captchas', 'loginOnlyVisits', 'accountFps'].sort(),
    );
  });
});

