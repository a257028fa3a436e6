import { describe, expect, it } from 'vitest';
import { summariseOverview } from '../../../../core/overview/summary';
import { EMPTY_REPORT_INPUT, type ReportInput } from '../../../../core/contracts/report-input';

const MIN = 60_000;

describe('the dashboard overview', () => {
  const input: ReportInput = {
    ...EMPTY_REPORT_INPUT,
    daily: [
      { portalId: 'a', day: '2026-11-16', activeMs: 50 * MIN, offHoursMs: 0, waitMs: MIN },
      { portalId: 'a', day: '2026-11-24', activeMs: 20 * MIN, offHoursMs: 0, waitMs: 2 * MIN },
      { portalId: 'b', day: '2026-11-25', activeMs: 30 * MIN, offHoursMs: 0, waitMs: 0 },
    ],
    gaps: [
      { portalId: 'a', day: '2026-11-24', start: 0, end: 10 * MIN, reason: 'sleep' },
      { portalId: 'a', day: '2026-11-24', start: 0, end: 5 * MIN, reason: 'idle' },
      { portalId: 'a', day: '2026-11-16', start: 0, end: 50 * MIN, reason: 'worker-restart' },
    ],
    entries: [
      { portalId: 'b', day: '2026-11-25', kind: 'cross-portal', otherPortal: 'a', retypedChars: 3, repeatTypingMs: 0, category: 'name' },
      { portalId: 'b', day: '2026-11-25', kind: 'none', retypedChars: 0, repeatTypingMs: 0, category: 'name' },
      { portalId: 'a', day: '2026-11-17', kind: 'same-field', retypedChars: 3, repeatTypingMs: 0, category: 'name' },
    ],
    friction: [{ portalId: 'a', day: '2026-11-24', submissions: 3, failedSubmissions: 1, logins: 2, relogins: 0, captchas: 1, loginOnlyVisits: 0, accountFps: [] }],
    tags: [{ tag: 'check-in', portalId: 'a', day: '2026-11-24', visits: 2, activeMs: 4 * MIN }],
    uploads: [{ portalId: 'b', day: '2026-11-25', kind: 'photo', repeat: 'repeat' }],
  };

  it('gives the period per portal, busiest first, and every week for the trend', () => {
    const s = summariseOverview(input, '2026-11-23');
    expect(s.portals.map((p) => [p.portalId, p.activeMs, p.crossPortalRepeats, p.submissions, p.repeatedUploads])).toEqual([
      ['b', 30 * MIN, 1, 0, 1],
      ['a', 20 * MIN, 0, 3, 0],
    ]);
    expect(s.weeks.map((w) => [w.week, w.activeMs, w.sameFieldRepeats, w.crossPortalRepeats, w.coverage])).toEqual([
      ['2026-W47', 50 * MIN, 1, 0, 50],
      ['2026-W48', 50 * MIN, 0, 1, Math.round((100 * 55) / 65)],
    ]);
    expect(s.tags).toEqual([{ tag: 'check-in', visits: 2, activeMs: 4 * MIN }]);
    expect(s.gapsByReason).toEqual({ sleep: 10 * MIN, idle: 5 * MIN });
    expect(s.coverage).toBe(Math.round((100 * 55) / 65));
  });

  it('is empty but whole when nothing was recorded', () => {
    expect(summariseOverview(EMPTY_REPORT_INPUT, '2026-11-23')).toEqual({ portals: [], weeks: [], tags: [], coverage: 100, gapsByReason: {} });
  });
});
