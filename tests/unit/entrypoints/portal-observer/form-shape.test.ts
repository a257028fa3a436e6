// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { formScopeOf, loginFormAround } from '../../../../entrypoints/portal-observer/form-shape';
import { $, page } from './dom';

describe('formScopeOf', () => {
  it('is the <form>, else the layui or Element form container, else the whole document', () => {
    page(`
      <form id="f"><input id="in-form"></form>
      <input id="owner-attr" form="f">
      <div class="layui-form" id="lay"><div><input id="in-layui"></div></div>
      <div class="el-form" id="el"><input id="in-element"></div>
      <input id="loose">`);
    expect((formScopeOf($('#in-form')) as Element).id).toBe('f');
    expect((formScopeOf($('#owner-attr')) as Element).id).toBe('f'); // form= attribute, outside the element
    expect((formScopeOf($('#in-layui')) as Element).id).toBe('lay');
    expect((formScopeOf($('#in-element')) as Element).id).toBe('el');
    expect(formScopeOf($('#loose'))).toBe(document);
  });
});

describe('loginFormAround', () => {
  it('a layui login with a captcha: login, captcha asked, the account is the user-name field', () => {
    page(`
      <div class="layui-form">
        <div class="layui-form-item"><label>用户名</label><input id="user" name="account"></div>
        <div class="layui-form-item"><label>密码</label><input type="password" name="pwd"></div>
        <div class="layui-form-item"><label>验证码</label><input id="cap" name="yzm"></div>
        <input type="hidden" name="csrf"><input type="checkbox" name="remember">
        <button lay-submit>登 录</button>
      </div>`);
    const verdict = loginFormAround($('#cap'), false);
    expect(verdict).toMatchObject({ login: true, captcha: true, oneTimeCode: false });
    expect(verdict.account?.id).toBe('user');
  });

  it('an SMS login: a one-time code by autocomplete, not a captcha, though its label says 验证码', () => {
    page(`
      <form>
        <input id="phone" type="tel" name="mobile" placeholder="手机号">
        <input id="code" autocomplete="one-time-code" placeholder="短信验证码">
      </form>`);
    const verdict = loginFormAround($('#code'), false);
    expect(verdict).toMatchObject({ login: true, captcha: false, oneTimeCode: true });
    expect(verdict.account?.id).toBe('phone');
  });

  it('hidden, checkbox, radio and button inputs are not fields: a search box with them stays no login', () => {
    page(`
      <form>
        <input id="q" name="q"><input type="hidden" name="a"><input type="radio" name="r"><input type="submit" value="查询">
      </form>`);
    expect(loginFormAround($('#q'), false)).toMatchObject({ login: false, account: null });
  });

  it('four text fields and a password are an application form, not a login', () => {
    page(`<form><input id="a"><input><input><input><input type="password"></form>`);
    expect(loginFormAround($('#a'), false)).toMatchObject({ login: false, account: null });
  });
});
