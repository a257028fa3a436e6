import { describe, expect, it } from 'vitest';
import { createReportSource } from '../../../../storage/report/report-source';
import { BurdenDb, type EntryRow, type SubmissionRow } from '../../../../storage/db/schema';

const T0 = new Date(2026, 10, 25, 10, 0, 0).getTime(); // Wednesday of 2026-W48
let n = 0;

const entry = (over: Partial<EntryRow>): EntryRow => ({
  portalId: 'zwfw', day: '2026-11-25', at: T0, keyId: 'k', valueFp: 'v', formFp: 'f', fieldFp: 'x', category: 'name', length: 4,
  method: 'typed', typingMs: 0, visitKey: 'a', kind: 'none', retypedChars: 0, repeatTypingMs: 0, ...over,
});
const submission = (over: Partial<SubmissionRow>): SubmissionRow => ({
  requestId: String(n++), tabId: 1, portalId: 'zwfw', day: '2026-11-25', at: T0, login: false, captcha: false, oneTimeCode: false,
  status: 'ok', endedAt: T0 + 100, ...over,
});

// The report is built from every store: a row each issue's code keeps must reach the weekly input.
describe('report source', () => {
  it('reads submissions, logins, uploads, transfers and duplicate filings into the week they happened in', async () => {
    const db = new BurdenDb(`report-source-${n++}`);
    await db.entries.bulkAdd([entry({}), entry({ portalId: 'layui', method: 'pasted', transferFrom: 'zwfw' })]);
    await db.submissions.bulkAdd([
      submission({ login: true, captcha: true, accountFp: 'acct', keyId: 'k' }),
      submission({ portalId: 'layui', duplicateOf: 'zwfw' }),
      submission({ portalId: 'layui', status: 'failed', failure: 'http' }),
    ]);
    await db.uploads.add({
      portalId: 'layui', day: '2026-11-25', at: T0, keyId: 'k', contentFp: 'c', sampled: false, kind: 'photo', sizeBucket: 2,
      source: 'input', repeat: 'repeat', otherPortal: 'zwfw',
    } as never);
    const weeks = await createReportSource(db, () => T0 + 3_600_000).byWeek('2026-11-23', '2026-11-29');
    const week = weeks.get('2026-W48')!;
    expect(week.uploads).toEqual([expect.objectContaining({ portalId: 'layui', kind: 'photo', repeat: 'repeat', otherPortal: 'zwfw' })]);
    expect(week.transfers).toEqual([{ day: '2026-11-25', from: 'zwfw', to: 'layui' }]);
    expect(week.duplicateFilings).toEqual([{ day: '2026-11-25', portalId: 'layui', otherPortal: 'zwfw' }]);
    const byPortal = Object.fromEntries(week.friction.map((f) => [f.portalId, f]));
    // A login is counted as a login, not also as a submission (core/submissions/summary.ts).
    expect(byPortal.zwfw).toMatchObject({ submissions: 0, logins: 1, captchas: 1, accountFps: ['acct'] });
    expect(byPortal.layui).toMatchObject({ submissions: 2, failedSubmissions: 1, logins: 0 });
  });
});
