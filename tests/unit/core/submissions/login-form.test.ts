import { describe, expect, it } from 'vitest';
import { type FieldShape, fieldRole, judgeLoginForm, normaliseAccount } from '../../../../core/submissions/login-form';

const text = (over: Partial<FieldShape> = {}): FieldShape => ({ type: 'text', ...over });

describe('field roles', () => {
  it.each([
    [{ type: 'password' }, 'password'],
    [{ type: 'text', autocomplete: 'current-password' }, 'password'],
    [{ type: 'text', autocomplete: 'one-time-code' }, 'one-time-code'],
    [{ type: 'text', label: '短信验证码' }, 'one-time-code'],
    [{ type: 'tel', name: 'smsCode' }, 'one-time-code'],
    [{ type: 'text', label: '验证码', name: 'captcha' }, 'captcha'],
    [{ type: 'text', name: 'yzm' }, 'captcha'],
    [{ type: 'text', placeholder: 'Verification code' }, 'captcha'],
    [{ type: 'text', label: '用户名' }, 'text'],
    [{ type: 'checkbox', label: '验证码' }, 'other'],
  ] as const)('%j is %s', (field, role) => {
    expect(fieldRole(field as FieldShape)).toBe(role);
  });
});

describe('the login-form rule (shared by entries and logins)', () => {
  it('a password form with username and captcha is a login that asked for a captcha', () => {
    const v = judgeLoginForm([text({ name: 'username', label: '用户名' }), { type: 'password', name: 'password' }, text({ name: 'captcha', label: '验证码' })]);
    expect(v).toEqual({ login: true, captcha: true, oneTimeCode: false, accountIndex: 0 });
  });

  it('a one-time-code form without a password field is a login, the phone is the account', () => {
    const v = judgeLoginForm([text({ type: 'tel', name: 'phone', label: '手机号' }), text({ name: 'otp', autocomplete: 'one-time-code', label: '短信验证码' })]);
    expect(v).toEqual({ login: true, captcha: false, oneTimeCode: true, accountIndex: 0 });
  });

  it('a page the catalog tags `login` is a login form even with no secret field', () => {
    expect(judgeLoginForm([text({ name: 'account' })], { taggedLogin: true }).login).toBe(true);
    expect(judgeLoginForm([text({ name: 'account' })]).login).toBe(false);
  });

  it('a long application form that sets a password is data entry, not a login', () => {
    const fields = [text({ name: 'name' }), text({ name: 'id' }), text({ name: 'phone' }), text({ name: 'address' }), { type: 'password', name: 'pwd' }];
    expect(judgeLoginForm(fields).login).toBe(false);
    expect(judgeLoginForm(fields, { taggedLogin: true }).login).toBe(false);
  });

  it('a captcha plus three text fields is the most a login form may have', () => {
    expect(judgeLoginForm([text(), text(), text({ name: 'captcha' })]).login).toBe(true);
    expect(judgeLoginForm([text(), text(), text(), text({ name: 'captcha' })]).login).toBe(false);
  });

  it('a form with neither secret nor tag is not a login', () => {
    expect(judgeLoginForm([text({ name: 'keyword' })])).toEqual({ login: false, captcha: false, oneTimeCode: false, accountIndex: null });
  });

  it('account names are compared full-width-insensitively and case-insensitively', () => {
    expect(normaliseAccount(' ＺｈａｎｇＳａｎ０１ ')).toBe('zhangsan01');
    expect(normaliseAccount('张 三')).toBe('张三');
  });
});
