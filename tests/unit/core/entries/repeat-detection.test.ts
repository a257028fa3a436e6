import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectDuplicateFiling, groupSubmissions, type EarlierSubmission, type SubmissionEntry } from '../../../../core/entries/duplicate-filing';
import { FINGERPRINT_RETENTION_MS, type EntryRecord } from '../../../../core/entries/record';
import { pairKey } from '../../../../core/portals/pair';
import { classifyEntry, MemoryEntryStore, recordEntry } from '../../../../core/entries/repeat-detection';
import { findTransfer, matchTransfer, TRANSFER_WINDOW_MS } from '../../../../core/entries/value-transfer';

/*
 * "Earlier day" is the local calendar day, as in time accounting (core/time/day-split.ts). The zone is pinned to China
 * (no DST) for this file and instants are written with explicit +08:00 offsets; the first test proves the pin.
 */
const previousTz = process.env.TZ;
beforeAll(() => {
  process.env.TZ = 'Asia/Shanghai';
});
afterAll(() => {
  process.env.TZ = previousTz;
});

const at = (local: string) => new Date(`${local}+08:00`).getTime();
const MIN = 60_000;
const DAY = 86_400_000;

it('runs in the pinned zone', () => {
  expect(new Date(at('2026-11-27T00:00:00')).getHours()).toBe(0);
});

function entry(overrides: Partial<EntryRecord> = {}): EntryRecord {
  return {
    portalId: 'mz',
    formKey: 'form-1',
    fieldKey: 'field-1',
    valueFp: 'fp-v',
    category: 'id-number',
    length: 18,
    method: 'typed',
    typingMs: 9_000,
    at: at('2026-11-27T10:00:00'),
    visitId: 'visit-2',
    ...overrides,
  };
}

const NOW = at('2026-11-27T10:00:00');
const classify = (e: EntryRecord, earlier: EntryRecord[], retentionMs?: number) =>
  classifyEntry(e, earlier, { now: NOW, retentionMs });

describe('classifyEntry: kinds', () => {
  const current = entry();
  it.each([
    ['no earlier entry', [], 'none', undefined],
    ['another value earlier', [entry({ valueFp: 'fp-other', at: at('2026-11-20T10:00:00'), visitId: 'v1' })], 'none', undefined],
    [
      'same field on an earlier day, another visit',
      [entry({ at: at('2026-11-26T15:00:00'), visitId: 'v1' })],
      'same-field',
      undefined,
    ],
    [
      'same field a month earlier',
      [entry({ at: at('2026-10-27T10:00:00'), visitId: 'v1' })],
      'same-field',
      undefined,
    ],
    ['same field during the same visit', [entry({ at: at('2026-11-27T09:58:00') })], 'none', undefined],
    ['same field, same day, another visit', [entry({ at: at('2026-11-27T08:00:00'), visitId: 'v1' })], 'none', undefined],
    [
      'same portal, another field, earlier day',
      [entry({ fieldKey: 'field-2', at: at('2026-11-20T10:00:00'), visitId: 'v1' })],
      'none',
      undefined,
    ],
    [
      'same portal and field key in another form, earlier day',
      [entry({ formKey: 'form-2', at: at('2026-11-20T10:00:00'), visitId: 'v1' })],
      'none',
      undefined,
    ],
    ['another portal, same day', [entry({ portalId: 'rs', at: at('2026-11-27T09:00:00'), visitId: 'v9' })], 'cross-portal', 'rs'],
    [
      'another portal, earlier day, other form and field',
      [entry({ portalId: 'rs', formKey: 'x', fieldKey: 'y', at: at('2026-11-01T09:00:00'), visitId: 'v9' })],
      'cross-portal',
      'rs',
    ],
    [
      'cross-portal takes precedence over same-field',
      [entry({ at: at('2026-11-20T10:00:00'), visitId: 'v1' }), entry({ portalId: 'rs', at: at('2026-11-10T10:00:00'), visitId: 'v9' })],
      'cross-portal',
      'rs',
    ],
    [
      'a re-entry in the visit is none even when another portal had the value',
      [entry({ portalId: 'rs', at: at('2026-11-27T09:00:00'), visitId: 'v9' }), entry({ at: at('2026-11-27T09:59:00') })],
      'none',
      undefined,
    ],
    [
      'the most recent other portal is named',
      [
        entry({ portalId: 'aa', at: at('2026-11-20T10:00:00'), visitId: 'v7' }),
        entry({ portalId: 'zz', at: at('2026-11-25T10:00:00'), visitId: 'v8' }),
        entry({ portalId: 'rs', at: at('2026-11-22T10:00:00'), visitId: 'v9' }),
      ],
      'cross-portal',
      'zz',
    ],
    [
      'ties are broken by the smaller portal id',
      [
        entry({ portalId: 'zz', at: at('2026-11-25T10:00:00'), visitId: 'v8' }),
        entry({ portalId: 'aa', at: at('2026-11-25T10:00:00'), visitId: 'v7' }),
      ],
      'cross-portal',
      'aa',
    ],
    [
      'records after the entry are not earlier',
      [entry({ portalId: 'rs', at: at('2026-11-27T10:00:01'), visitId: 'v9' })],
      'none',
      undefined,
    ],
    ['the entry itself (queried after the add) is skipped', [current], 'none', undefined],
  ] as const)('%s → %s', (_name, earlier, kind, otherPortal) => {
    const result = classify(current, [...earlier]);
    expect(result.kind).toBe(kind);
    expect(result.otherPortal).toBe(otherPortal);
  });
});

describe('classifyEntry: local day boundaries', () => {
  it.each([
    ['23:59 and 00:01 in two visits are two days', '2026-11-26T23:59:00', 'v1', '2026-11-27T00:01:00', 'v2', 'same-field'],
    ['one visit across midnight is a re-entry', '2026-11-26T23:59:00', 'v1', '2026-11-27T00:01:00', 'v1', 'none'],
    // 09:00 and 07:00 Beijing the next day are the same UTC day (01:00Z and 23:00Z): the local day counts.
    ['same UTC day, different local days', '2026-11-26T09:00:00', 'v1', '2026-11-27T07:00:00', 'v2', 'same-field'],
    // 01:00 and 20:00 Beijing are different UTC days (17:00Z the day before and 12:00Z): still one local day.
    ['different UTC days, same local day', '2026-11-27T01:00:00', 'v1', '2026-11-27T20:00:00', 'v2', 'none'],
  ] as const)('%s', (_name, first, firstVisit, second, secondVisit, kind) => {
    const later = entry({ at: at(second), visitId: secondVisit });
    const result = classifyEntry(later, [entry({ at: at(first), visitId: firstVisit })], { now: at(second) });
    expect(result.kind).toBe(kind);
  });
});

describe('classifyEntry: retention window', () => {
  const current = entry();
  it.each([
    ['exactly 90 days before now is kept', NOW - FINGERPRINT_RETENTION_MS, undefined, 'same-field'],
    ['90 days and 1 ms before now has expired', NOW - FINGERPRINT_RETENTION_MS - 1, undefined, 'none'],
    ['89 days is inside', NOW - 89 * DAY, undefined, 'same-field'],
    ['injected 7-day window: 6 days inside', NOW - 6 * DAY, 7 * DAY, 'same-field'],
    ['injected 7-day window: 8 days expired', NOW - 8 * DAY, 7 * DAY, 'none'],
  ] as const)('%s', (_name, earlierAt, retentionMs, kind) => {
    expect(classify(current, [entry({ at: earlierAt, visitId: 'v1' })], retentionMs).kind).toBe(kind);
    const cross = classify(current, [entry({ portalId: 'rs', at: earlierAt, visitId: 'v1' })], retentionMs).kind;
    expect(cross).toBe(kind === 'none' ? 'none' : 'cross-portal');
  });

  it('expiry is measured from the injected now, not from the entry', () => {
    const old = entry({ at: at('2026-01-10T10:00:00'), visitId: 'v1' });
    const replayed = entry({ at: at('2026-01-20T10:00:00') });
    expect(classifyEntry(replayed, [old], { now: at('2026-01-20T10:00:00') }).kind).toBe('same-field');
    expect(classifyEntry(replayed, [old], { now: at('2026-06-01T10:00:00') }).kind).toBe('none');
  });
});

describe('classifyEntry: re-typed characters and typing time', () => {
  const earlierOther = [entry({ portalId: 'rs', at: at('2026-11-26T10:00:00'), visitId: 'v9' })];
  it.each([
    ['typed repeat', 'typed', earlierOther, 18, 9_000],
    ['pasted repeat', 'pasted', earlierOther, 0, 0],
    ['autofilled repeat', 'autofilled', earlierOther, 0, 0],
    ['typed, not a repeat', 'typed', [], 0, 0],
  ] as const)('%s', (_name, method, earlier, retypedChars, repeatTypingMs) => {
    expect(classify(entry({ method }), [...earlier])).toMatchObject({ retypedChars, repeatTypingMs });
  });

  it('a negative or non-finite typing time counts as 0', () => {
    expect(classify(entry({ typingMs: -5 }), earlierOther).repeatTypingMs).toBe(0);
    expect(classify(entry({ typingMs: Number.NaN }), earlierOther).repeatTypingMs).toBe(0);
  });
});

describe('recordEntry with the in-memory store', () => {
  it('follows a cadre through two days and two portals', async () => {
    const store = new MemoryEntryStore();
    const steps: Array<[Partial<EntryRecord>, string, string | undefined, number]> = [
      [{ portalId: 'mz', at: at('2026-11-26T09:00:00'), visitId: 'd1-mz' }, 'none', undefined, 0],
      // corrected in the same visit
      [{ portalId: 'mz', at: at('2026-11-26T09:01:00'), visitId: 'd1-mz' }, 'none', undefined, 0],
      // same portal, same day, a second visit
      [{ portalId: 'mz', at: at('2026-11-26T15:00:00'), visitId: 'd1-mz-2' }, 'none', undefined, 0],
      // next day, same portal and field
      [{ portalId: 'mz', at: at('2026-11-27T09:00:00'), visitId: 'd2-mz' }, 'same-field', undefined, 18],
      // pasted into another portal
      [{ portalId: 'rs', method: 'pasted', fieldKey: 'sfz', at: at('2026-11-27T09:30:00'), visitId: 'd2-rs' }, 'cross-portal', 'mz', 0],
      // back on the first portal, a third day: the other portal is now the sharing signal
      [{ portalId: 'mz', at: at('2026-11-28T09:00:00'), visitId: 'd3-mz' }, 'cross-portal', 'rs', 18],
    ];
    for (const [overrides, kind, otherPortal, retypedChars] of steps) {
      const e = entry(overrides);
      const result = await recordEntry(store, e, { now: e.at });
      const { kind: k, otherPortal: o, retypedChars: r } = result;
      expect({ step: overrides.visitId, kind: k, otherPortal: o, retypedChars: r }).toEqual({
        step: overrides.visitId,
        kind,
        otherPortal,
        retypedChars,
      });
    }
    expect(store.all()).toHaveLength(steps.length);
  });

  it('forgets values after the retention window, and deletes old records', async () => {
    const store = new MemoryEntryStore();
    const first = entry({ at: at('2026-01-01T10:00:00'), visitId: 'v1' });
    await recordEntry(store, first, { now: first.at });
    const late = entry({ at: first.at + FINGERPRINT_RETENTION_MS + DAY, visitId: 'v2' });
    expect((await recordEntry(store, late, { now: late.at })).kind).toBe('none');
    expect(await store.deleteBefore(late.at - FINGERPRINT_RETENTION_MS)).toBe(1);
    expect(store.all()).toEqual([late]);
  });

  it('does not keep a reference to the caller object', async () => {
    const store = new MemoryEntryStore();
    const e = entry();
    await store.add(e);
    e.valueFp = 'changed';
    expect(await store.findByValue('fp-v', 0)).toHaveLength(1);
  });
});

describe('pairKey', () => {
  it.each([
    ['a', 'b', { a: 'a', b: 'b' }],
    ['b', 'a', { a: 'a', b: 'b' }],
    ['other-2', 'other-10', { a: 'other-10', b: 'other-2' }],
    ['Z', 'a', { a: 'Z', b: 'a' }],
  ])('(%s, %s)', (x, y, pair) => {
    expect(pairKey(x, y)).toEqual(pair);
  });

  it('refuses a portal paired with itself', () => {
    expect(() => pairKey('mz', 'mz')).toThrow(RangeError);
  });
});

describe('detectDuplicateFiling', () => {
  const T = at('2026-11-27T10:00:00');
  const submission = (portalId: string, values: string[]): SubmissionEntry[] =>
    values.map((valueFp, i) => ({ portalId, formKey: 'f', fieldKey: `field-${i}`, valueFp, at: T + i * MIN }));
  const earlier = (submissionId: string, portalId: string, valueFps: string[], when = T - DAY): EarlierSubmission => ({
    submissionId,
    portalId,
    at: when,
    valueFps,
  });
  const onA = earlier('s-a', 'mz', ['v1', 'v2', 'v3', 'v4', 'v5']);

  it.each([
    ['2 of 3 (fewer than 3)', ['v1', 'v2', 'x1'], false],
    ['3 of 7 (fewer than half)', ['v1', 'v2', 'v3', 'x1', 'x2', 'x3', 'x4'], false],
    ['3 of 5', ['v1', 'v2', 'v3', 'x1', 'x2'], true],
    ['3 of 6 (exactly half)', ['v1', 'v2', 'v3', 'x1', 'x2', 'x3'], true],
    ['3 of 3', ['v1', 'v2', 'v3'], true],
    ['5 of 5', ['v1', 'v2', 'v3', 'v4', 'v5'], true],
    ['2 of 2', ['v1', 'v2'], false],
  ] as const)('%s → %s', (_name, values, duplicate) => {
    const result = detectDuplicateFiling(submission('rs', [...values]), [onA], { now: T });
    expect(result !== null).toBe(duplicate);
    if (duplicate) {
      expect(result).toMatchObject({ a: 'mz', b: 'rs', portalId: 'rs', otherPortal: 'mz', earlierSubmissionId: 's-a', total: values.length });
    }
  });

  it('an earlier submission on the same portal is not a duplicate filing', () => {
    expect(detectDuplicateFiling(submission('mz', ['v1', 'v2', 'v3']), [onA], { now: T })).toBeNull();
  });

  it('matches must come from one earlier submission', () => {
    const split = [earlier('s-1', 'mz', ['v1', 'v2']), earlier('s-2', 'mz', ['v3', 'v4'])];
    expect(detectDuplicateFiling(submission('rs', ['v1', 'v2', 'v3', 'v4']), split, { now: T })).toBeNull();
  });

  it('a field corrected before submitting counts once, with its last value', () => {
    const entries: SubmissionEntry[] = [
      ...submission('rs', ['v1', 'v2', 'x1']),
      { portalId: 'rs', formKey: 'f', fieldKey: 'field-2', valueFp: 'v3', at: T + 10 * MIN },
    ];
    expect(detectDuplicateFiling(entries, [onA], { now: T })).toMatchObject({ matched: 3, total: 3 });
    const wrongWayRound: SubmissionEntry[] = [
      ...submission('rs', ['v1', 'v2', 'v3']),
      { portalId: 'rs', formKey: 'f', fieldKey: 'field-2', valueFp: 'x1', at: T + 10 * MIN },
    ];
    expect(detectDuplicateFiling(wrongWayRound, [onA], { now: T })).toBeNull();
  });

  it('an expired earlier submission does not count', () => {
    const old = earlier('s-old', 'mz', ['v1', 'v2', 'v3'], T - FINGERPRINT_RETENTION_MS - 1);
    expect(detectDuplicateFiling(submission('rs', ['v1', 'v2', 'v3']), [old], { now: T })).toBeNull();
    expect(detectDuplicateFiling(submission('rs', ['v1', 'v2', 'v3']), [old], { now: T, retentionMs: 2 * FINGERPRINT_RETENTION_MS })).not.toBeNull();
  });

  it('picks the earlier submission with the most matches, then the most recent, then the smaller id', () => {
    const values = ['v1', 'v2', 'v3', 'v4'];
    const three = earlier('s-three', 'zj', ['v1', 'v2', 'v3'], T - DAY);
    const four = earlier('s-four', 'aa', ['v1', 'v2', 'v3', 'v4'], T - 2 * DAY);
    expect(detectDuplicateFiling(submission('rs', values), [three, four], { now: T })).toMatchObject({
      earlierSubmissionId: 's-four',
      a: 'aa',
      b: 'rs',
      matched: 4,
    });
    const older = earlier('s-older', 'aa', values, T - 3 * DAY);
    const newer = earlier('s-newer', 'zj', values, T - DAY);
    expect(detectDuplicateFiling(submission('rs', values), [older, newer], { now: T })?.earlierSubmissionId).toBe('s-newer');
    const x = earlier('s-x', 'zj', values, T - DAY);
    const b = earlier('s-b', 'aa', values, T - DAY);
    expect(detectDuplicateFiling(submission('rs', values), [x, b], { now: T })?.earlierSubmissionId).toBe('s-b');
  });

  it('groups stored records into submissions', () => {
    const records = [
      entry({ portalId: 'mz', submissionId: 's1', valueFp: 'v1', at: T }),
      entry({ portalId: 'mz', submissionId: 's1', valueFp: 'v2', at: T + MIN }),
      entry({ portalId: 'mz', submissionId: 's1', valueFp: 'v2', at: T + 2 * MIN }),
      entry({ portalId: 'rs', submissionId: 's2', valueFp: 'v1', at: T }),
      entry({ portalId: 'rs', valueFp: 'v9', at: T }),
    ];
    expect(groupSubmissions(records)).toEqual([
      { submissionId: 's1', portalId: 'mz', at: T + 2 * MIN, valueFps: ['v1', 'v2'] },
      { submissionId: 's2', portalId: 'rs', at: T, valueFps: ['v1'] },
    ]);
  });
});

describe('transfers', () => {
  const T = at('2026-11-27T10:00:00');
  const copy = { portalId: 'mz', valueFp: 'v', at: T };

  it.each([
    ['pasted on another portal 10 minutes later', { portalId: 'rs', valueFp: 'v', at: T + 10 * MIN }, true],
    ['at the same instant', { portalId: 'rs', valueFp: 'v', at: T }, true],
    ['exactly at the end of the window', { portalId: 'rs', valueFp: 'v', at: T + TRANSFER_WINDOW_MS }, true],
    ['1 ms after the window', { portalId: 'rs', valueFp: 'v', at: T + TRANSFER_WINDOW_MS + 1 }, false],
    ['pasted before it was copied', { portalId: 'rs', valueFp: 'v', at: T - 1 }, false],
    ['pasted on the same portal', { portalId: 'mz', valueFp: 'v', at: T + MIN }, false],
    ['another value', { portalId: 'rs', valueFp: 'w', at: T + MIN }, false],
  ] as const)('%s → %s', (_name, paste, transfer) => {
    const result = matchTransfer(copy, paste);
    expect(result !== null).toBe(transfer);
    if (transfer) expect(result).toEqual({ a: 'mz', b: 'rs', from: 'mz', to: 'rs' });
  });

  it('orders the pair whichever way the value went', () => {
    expect(matchTransfer({ portalId: 'rs', valueFp: 'v', at: T }, { portalId: 'mz', valueFp: 'v', at: T + MIN })).toEqual({
      a: 'mz',
      b: 'rs',
      from: 'rs',
      to: 'mz',
    });
  });

  it('takes an injected window', () => {
    const paste = { portalId: 'rs', valueFp: 'v', at: T + 10 * MIN };
    expect(matchTransfer(copy, paste, 5 * MIN)).toBeNull();
    expect(matchTransfer(copy, paste, 10 * MIN)).not.toBeNull();
  });

  describe('findTransfer: the most recent copy is where the clipboard came from', () => {
    const paste = { portalId: 'rs', valueFp: 'v', at: T + 20 * MIN };
    it.each([
      ['one copy on another portal', [copy], 'mz'],
      ['no copy', [], null],
      ['only a copy of another value', [{ ...copy, valueFp: 'w' }], null],
      ['the latest copy was on the paste portal', [copy, { portalId: 'rs', valueFp: 'v', at: T + 5 * MIN }], null],
      ['the latest copy was on a third portal', [{ portalId: 'rs', valueFp: 'v', at: T }, { portalId: 'zj', valueFp: 'v', at: T + 5 * MIN }], 'zj'],
      ['a copy after the paste is ignored', [copy, { portalId: 'rs', valueFp: 'v', at: T + 25 * MIN }], 'mz'],
      ['a copy outside the window is ignored', [{ ...copy, at: paste.at - TRANSFER_WINDOW_MS - 1 }], null],
      ['same instant: own portal wins', [{ ...copy, at: T + 5 * MIN }, { portalId: 'rs', valueFp: 'v', at: T + 5 * MIN }], null],
      ['same instant: smaller portal id', [{ portalId: 'zj', valueFp: 'v', at: T }, { portalId: 'aa', valueFp: 'v', at: T }], 'aa'],
    ] as const)('%s', (_name, copies, from) => {
      expect(findTransfer(paste, [...copies])?.from ?? null).toBe(from);
    });
  });
});
