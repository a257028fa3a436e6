import { describe, expect, it } from 'vitest';
import { type ControlShape, isSubmitLike } from '../../../../core/submissions/submit-control';

const control = (over: Partial<ControlShape>): ControlShape => ({
  tag: 'button',
  type: 'button',
  label: '',
  className: '',
  laySubmit: false,
  role: '',
  inForm: false,
  inFormElement: false,
  ...over,
});

describe('submit-like controls', () => {
  it.each([
    ['native submit button', { type: 'submit', label: '提交', inForm: true, inFormElement: true }],
    ['native submit input, English', { tag: 'input', type: 'submit', label: 'Submit' }],
    ['image input', { tag: 'input', type: 'image', label: '' }],
    ['typeless button inside a <form>', { type: '', label: '办理', inForm: true, inFormElement: true }],
    ['layui lay-submit whatever its label', { type: '', laySubmit: true, label: '立即提交', className: 'layui-btn', inForm: true }],
    ['Element primary button inside el-form', { className: 'el-button el-button--primary', label: '申请', inForm: true }],
    ['登录 with spaces in the label', { label: '登 录' }],
    ['保存 button', { label: '保存' }],
    ['上报 link styled as a button', { tag: 'a', type: '', label: '上报', className: 'btn' }],
    ['确定 in a role=button div', { tag: 'div', type: '', role: 'button', label: '确定' }],
    ['English sign in', { label: 'Sign in' }],
    ['English save', { tag: 'input', type: 'button', label: 'Save' }],
    ['签到 (check-in)', { label: '签到' }],
  ] as const)('%s counts', (_name, over) => {
    expect(isSubmitLike(control(over))).toBe(true);
  });

  it.each([
    ['reset button', { type: 'reset', label: '重置', inForm: true, inFormElement: true }],
    ['layui reset styled primary', { type: 'reset', className: 'layui-btn layui-btn-primary', label: '重置' }],
    ['取消 link', { tag: 'a', type: '', label: '取消', className: 'layui-btn' }],
    ['查询 submit of a search form', { type: 'submit', label: '查询', inForm: true, inFormElement: true }],
    ['English search submit', { tag: 'input', type: 'submit', label: 'Search' }],
    ['上传附件 button', { label: '上传附件' }],
    ['返回 button', { label: '返回' }],
    ['发送验证码 (asking for a one-time code is not the login)', { label: '发送验证码' }],
    ['English send code', { label: 'Send code' }],
    ['Element primary button outside a form with a neutral label', { className: 'el-button el-button--primary', label: '新建' }],
    ['a plain link', { tag: 'a', type: '', label: '政务公开' }],
    ['typeless button outside a form', { type: '', label: '展开' }],
    ['a paragraph that mentions 提交', { tag: 'div', type: '', role: 'button', label: '请在规定时间内提交材料，逾期将无法办理相关事项。' }],
    ['a span with 提交 that is not clickable', { tag: 'span', type: '', label: '提交' }],
  ] as const)('%s does not', (_name, over) => {
    expect(isSubmitLike(control(over))).toBe(false);
  });
});
