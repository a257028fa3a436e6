import { describe, expect, it } from 'vitest';
import { createPageRateLimit, LIMIT_WINDOW_MS, PAGE_LIMITS_PER_MINUTE } from '../../../../core/page-limits/page-rate-limit';

describe('per-minute bounds on what a page can make the extension do', () => {
  it('lets a cadre-sized minute through and drops the rest, logging the first drop of the minute only', () => {
    let t = 0;
    const limit = createPageRateLimit(() => t);
    const decisions = Array.from({ length: 10_000 }, () => limit.take(1, 'page.uploadBegin'));
    expect(decisions.filter((d) => d.allowed)).toHaveLength(PAGE_LIMITS_PER_MINUTE['page.uploadBegin']);
    expect(decisions.filter((d) => !d.allowed && d.firstDropThisWindow)).toHaveLength(1);
    t += LIMIT_WINDOW_MS;
    expect(limit.take(1, 'page.uploadBegin')).toEqual({ allowed: true });
  });

  it('keeps tabs and kinds apart, and bounds a tab’s messages together', () => {
    const limit = createPageRateLimit(() => 0, { ...PAGE_LIMITS_PER_MINUTE, 'page.entry': 2, all: 5 });
    expect([1, 2, 3].map(() => limit.take(1, 'page.entry').allowed)).toEqual([true, true, false]);
    expect(limit.take(2, 'page.entry').allowed).toBe(true);
    expect([1, 2, 3, 4].map(() => limit.take(1, 'page.activity').allowed)).toEqual([true, true, true, false]);
    expect(limit.take(1, 'page.activity')).toEqual({ allowed: false, kind: 'all', firstDropThisWindow: false });
  });

  it('a clock set back starts a new window instead of blocking', () => {
    let t = 1_000_000;
    const limit = createPageRateLimit(() => t, { ...PAGE_LIMITS_PER_MINUTE, 'page.entry': 1 });
    limit.take(1, 'page.entry');
    t -= 3_600_000;
    expect(limit.take(1, 'page.entry').allowed).toBe(true);
  });
});
