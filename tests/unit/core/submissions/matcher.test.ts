import { describe, expect, it } from 'vitest';
import { createSubmissionMatcher, type ObservedRequest } from '../../../../core/submissions/matcher';

const req = (over: Partial<ObservedRequest>): ObservedRequest => ({ requestId: 'r', tabId: 1, frameId: 0, kind: 'xmlhttprequest', at: 0, ...over });
const intent = (at: number, data = 'a', frameId = 0, tabId = 1, follows = false) => ({ tabId, frameId, at, data, follows });

describe('pairing actions with requests', () => {
  it('a request within 10 s after a trusted action is its submission; later than that is not', () => {
    const m = createSubmissionMatcher<string>();
    m.intent(intent(1_000));
    expect(m.request(req({ at: 10_999 }))?.data).toBe('a');
    m.intent(intent(20_000));
    expect(m.request(req({ at: 30_001 }))).toBeNull();
  });

  it('a request with no action before it is not a submission', () => {
    const m = createSubmissionMatcher<string>();
    expect(m.request(req({ at: 5_000 }))).toBeNull();
  });

  it('one action makes one submission even when the page sends two requests', () => {
    const m = createSubmissionMatcher<string>();
    m.intent(intent(0));
    expect(m.request(req({ requestId: '1', at: 100 }))).not.toBeNull();
    expect(m.request(req({ requestId: '2', at: 200 }))).toBeNull();
  });

  it('a native navigation request that arrives before the page message is matched when the message comes', () => {
    const m = createSubmissionMatcher<string>();
    expect(m.request(req({ requestId: 'nav', kind: 'main_frame', at: 1_000 }))).toBeNull();
    expect(m.intent(intent(1_050))?.requestId).toBe('nav');
  });

  it('a script request a moment before the click belongs to something else (a "send code" button)', () => {
    const m = createSubmissionMatcher<string>();
    expect(m.request(req({ requestId: 'send-code', at: 1_000 }))).toBeNull();
    expect(m.intent(intent(1_600, 'login'))).toBeNull();
    expect(m.request(req({ requestId: 'login', kind: 'main_frame', at: 1_650 }))?.data).toBe('login');
    // …while one a few milliseconds ahead of its click message is the click's own.
    expect(m.request(req({ requestId: 'save', at: 5_000 }))).toBeNull();
    expect(m.intent(intent(5_040, 'save'))?.requestId).toBe('save');
  });

  it('a click and the form submit event it causes are one action', () => {
    const m = createSubmissionMatcher<string>({ merge: (a, b) => a + b });
    m.intent(intent(0, 'click'));
    m.intent(intent(20, '+submit', 0, 1, true));
    expect(m.request(req({ at: 50 }))?.data).toBe('click+submit');
    // The submit event of a consumed click does not linger to claim an unrelated request.
    m.intent(intent(60, 'late twin', 0, 1, true));
    expect(m.request(req({ requestId: 'beacon', at: 3_000 }))).toBeNull();
  });

  it('two clicks a moment apart are two actions (save a draft, then submit)', () => {
    const m = createSubmissionMatcher<string>();
    m.intent(intent(0, 'draft'));
    expect(m.request(req({ requestId: 'draft', at: 30 }))?.data).toBe('draft');
    m.intent(intent(80, 'submit'));
    expect(m.request(req({ requestId: 'submit', kind: 'main_frame', at: 90 }))?.data).toBe('submit');
  });

  it('a click that failed the page validation does not pair with a later unrelated request after the real submit', () => {
    const m = createSubmissionMatcher<string>();
    m.intent(intent(0, 'invalid'));
    m.intent(intent(4_000, 'valid'));
    expect(m.request(req({ requestId: 'save', at: 4_100 }))?.data).toBe('valid');
    expect(m.request(req({ requestId: 'autosave', at: 6_000 }))).toBeNull();
  });

  it('frames and tabs are kept apart, but a navigation of the top frame answers any frame of its tab', () => {
    const m = createSubmissionMatcher<string>();
    m.intent(intent(0, 'frame', 5));
    expect(m.request(req({ frameId: 0, at: 10 }))).toBeNull();
    expect(m.request(req({ tabId: 2, frameId: 5, at: 10 }))).toBeNull();
    expect(m.request(req({ frameId: 5, at: 20 }))?.data).toBe('frame');
    m.intent(intent(2_000, 'frame-to-top', 5));
    expect(m.request(req({ kind: 'main_frame', frameId: 0, at: 2_050 }))?.data).toBe('frame-to-top');
  });

  it('a closed tab forgets its pending actions', () => {
    const m = createSubmissionMatcher<string>();
    m.intent(intent(0));
    m.forgetTab(1);
    expect(m.request(req({ at: 10 }))).toBeNull();
  });
});
