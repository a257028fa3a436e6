/**
 * Is a clicked control "submit-like" (DESIGN.md §3 "Submission")? Pages submit by native forms, by layui's
 * `lay-submit`, by Element's primary buttons and by any button whose label says 提交 / 保存 / 上报 / 确定 / 登录.
 * A click alone is never a submission: the worker also needs a POST/PUT from the page within 10 s.
 *
 * Decisions:
 * - A negative label wins (重置, 取消, 返回, 关闭, 查询, 搜索, 上传, 删除, reset, cancel, back, search…): those
 *   buttons do not file anything even when they are `type="submit"` in a search form. So does 发送验证码 /
 *   获取验证码: asking for a one-time code is not the login.
 * - `type="submit"` / `type="image"` inputs and buttons, a `<button>` without a type inside a `<form>`, and
 *   `lay-submit` count whatever their label.
 * - Element's `el-button--primary` counts inside a form (`<form>` or `.el-form`); outside it is too often a
 *   dialog's "OK", so it needs a submit-like label like any other control.
 * - Otherwise a positive label on a clickable element (button, link, role=button, layui/Element button classes).
 *   Labels are compared without white space ("登 录"), and only when short: a paragraph is not a label.
 */

export interface ControlShape {
  /** Lower-case tag name of the control (after climbing from the click target to the control). */
  tag: string;
  /** The `type` attribute as written, lower case; '' when absent. */
  type: string;
  /** Visible label: text content, or `value` / `aria-label` / `title` for inputs and icon buttons. */
  label: string;
  className: string;
  laySubmit: boolean;
  role: string;
  /** Inside a `<form>`, `.layui-form` or `.el-form`. */
  inForm: boolean;
  /** Inside a real `<form>` element (a typeless button there submits it). */
  inFormElement: boolean;
}

const NEGATIVE = /验证码|校验码|send\s*code|get\s*code|重置|清空|取消|返回|关闭|查询|搜索|检索|上传|删除|退出|注销|下载|导出|打印|预览|上一步|reset|clear|cancel|back|close|search|query|find|upload|delete|remove|logout|log\s*out|sign\s*out|download|export|print|preview|previous/i;
const POSITIVE = /提交|保存|暂存|上报|报送|申报|填报|确定|确认|登录|登陆|注册|签到|打卡|发送|办理|审核|通过|下一步|完成|submit|save|send|confirm|^ok$|log\s*in|login|sign\s*in|apply|report|check\s*in|next|done|finish/i;
const MAX_LABEL = 20;

export function isSubmitLike(c: ControlShape): boolean {
  const label = c.label.replace(/\s+/g, '');
  const shortLabel = label.length <= MAX_LABEL ? label : '';
  if (shortLabel && NEGATIVE.test(shortLabel)) return false;
  if (c.tag === 'input' && (c.type === 'submit' || c.type === 'image')) return true;
  if (c.tag === 'button' && (c.type === 'submit' || (c.type === '' && c.inFormElement))) return true;
  if (c.type === 'reset') return false;
  if (c.laySubmit) return true;
  if (/\bel-button--primary\b/.test(c.className) && c.inForm) return true;
  const clickable =
    c.tag === 'button' ||
    c.tag === 'a' ||
    (c.tag === 'input' && c.type === 'button') ||
    c.role === 'button' ||
    /\b(layui-btn|el-button|btn|button)\b/.test(c.className);
  return clickable && shortLabel !== '' && POSITIVE.test(shortLabel);
}
