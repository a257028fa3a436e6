import { describe, expect, it } from 'vitest';
import { NOT_TEXT_TYPES, shouldCapture, TEXT_LIKE_TYPES, type CaptureCandidate } from '../../../../core/entries/exclusion';

describe('shouldCapture', () => {
  it.each(TEXT_LIKE_TYPES.map((type) => [type]))('captures type %s', (type) => {
    expect(shouldCapture({ type })).toEqual({ capture: true });
  });

  it.each([
    ['no type (HTML default text)', {}],
    ['empty type', { type: '' }],
    ['upper-case TEXT', { type: 'TEXT' }],
    ['unknown type (HTML treats it as text)', { type: 'idcard' }],
    ['ordinary autocomplete', { type: 'text', autocomplete: 'name' }],
    ['autocomplete off', { type: 'text', autocomplete: 'off' }],
    ['a sensitive list that does not name the field', { name: 'xm', sensitiveKeys: ['bankAccount'] }],
    ['not a login form', { name: 'xm', isLoginForm: false }],
  ] as const)('captures: %s', (_name, field: CaptureCandidate) => {
    expect(shouldCapture(field)).toEqual({ capture: true });
  });

  it.each(NOT_TEXT_TYPES.map((type) => [type]))('never type %s (not-text)', (type) => {
    expect(shouldCapture({ type })).toEqual({ capture: false, reason: 'not-text' });
  });

  it.each([
    ['password', { type: 'password' }, 'password'],
    ['PASSWORD upper case', { type: 'PASSWORD' }, 'password'],
    ['shown password (type text, current-password)', { type: 'text', autocomplete: 'current-password' }, 'password'],
    ['new-password', { type: 'text', autocomplete: 'new-password' }, 'password'],
    ['one-time code', { type: 'text', autocomplete: 'one-time-code' }, 'password'],
    ['hidden', { type: 'hidden' }, 'hidden'],
    ['file', { type: 'file' }, 'file'],
    ['card number', { type: 'text', autocomplete: 'cc-number' }, 'payment'],
    ['card name with section and billing', { autocomplete: 'section-pay billing cc-name' }, 'payment'],
    ['card expiry upper case', { autocomplete: 'CC-EXP' }, 'payment'],
    ['office-marked name', { name: 'bankAccount', sensitiveKeys: ['bankAccount'] }, 'office-sensitive'],
    ['office-marked id, case and space differ', { id: 'SFZH', sensitiveKeys: [' sfzh '] }, 'office-sensitive'],
    ['login form field', { type: 'text', name: 'username', isLoginForm: true }, 'login-form'],
    ['password in a login form reports password', { type: 'password', isLoginForm: true }, 'password'],
    ['card number marked sensitive reports payment', { autocomplete: 'cc-number', name: 'k', sensitiveKeys: ['k'] }, 'payment'],
    ['sensitive field in a login form reports office-sensitive', { name: 'k', sensitiveKeys: ['k'], isLoginForm: true }, 'office-sensitive'],
    ['checkbox in a login form reports login-form', { type: 'checkbox', isLoginForm: true }, 'login-form'],
  ] as const)('never: %s', (_name, field: CaptureCandidate, reason) => {
    expect(shouldCapture(field)).toEqual({ capture: false, reason });
  });

  it('an empty sensitive key marks nothing', () => {
    expect(shouldCapture({ name: '', sensitiveKeys: [''] })).toEqual({ capture: true });
  });
});
