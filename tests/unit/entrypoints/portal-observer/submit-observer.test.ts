// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPageEvents } from '../../../../entrypoints/portal-observer/page-events';
import { startSubmitObserver } from '../../../../entrypoints/portal-observer/submit-observer';
import { $, click, enter, page, trusted } from './dom';

interface Intent {
  type: string;
  payload: { via: 'click' | 'enter' | 'submit'; login: null | { captcha: boolean; oneTimeCode: boolean; account?: string } };
}

let sent: Intent[];
let stop: AbortController;

function observe(opts: { taggedLogin?: boolean; mainWorldEnter?: boolean } = {}) {
  // The page events the observer hears in a real page: its own, and input when the main-world script is absent.
  const events = createPageEvents(stop.signal, ['click', 'submit', 'keydown', 'focusin', 'focusout'], window);
  startSubmitObserver({
    events,
    // Without the main-world script (a tab open before access was granted) the observer hears Enter itself.
    channel: { onEnter: () => opts.mainWorldEnter ?? false },
    send: async (m) => void sent.push(m as Intent),
    taggedLogin: () => opts.taggedLogin ?? false,
  });
  // The observer's listeners are in place from the start and heard once the page is known to be measured.
  events.enable();
}

beforeEach(() => {
  sent = [];
  stop = new AbortController();
});
afterEach(() => stop.abort());

const vias = () => sent.map((m) => m.payload.via);

describe('the submit observer announces what may submit', () => {
  it('a click on a submit button, and on the text inside a layui lay-submit button', () => {
    page(`
      <form><input name="n"><button id="go" type="submit">提交</button></form>
      <div class="layui-form"><input name="m"><button class="layui-btn" lay-submit><span id="inner">保存</span></button></div>`);
    observe();
    click($('#go'));
    click($('#inner'));
    expect(sent.map((m) => m.type)).toEqual(['page.submitIntent', 'page.submitIntent']);
    expect(vias()).toEqual(['click', 'click']);
    expect(sent.every((m) => m.payload.login === null)).toBe(true);
  });

  it('never a reset, a query, asking for a code, or a click a page script made', () => {
    page(`
      <form>
        <input name="n">
        <button id="reset" type="reset">重置</button>
        <button id="query" type="submit">查 询</button>
        <button id="code" type="button">获取验证码</button>
        <button id="ok" type="submit">提交</button>
      </form>`);
    observe();
    click($('#reset'));
    click($('#query'));
    click($('#code'));
    $('#ok').dispatchEvent(new MouseEvent('click', { bubbles: true })); // untrusted: the page's own script
    expect(sent).toEqual([]);
  });

  it('a click and the submit event it causes are one action', () => {
    page('<form id="f"><input name="n"><button id="go">提交</button></form>');
    observe();
    click($('#go'));
    $('#f').dispatchEvent(trusted(new Event('submit', { bubbles: true })));
    expect(vias()).toEqual(['click']);
  });

  it('a submit event alone (a form submitted some other way) is announced', () => {
    page('<form id="f"><input name="n"></form>');
    observe();
    $('#f').dispatchEvent(trusted(new Event('submit', { bubbles: true })));
    expect(vias()).toEqual(['submit']);
  });

  it('Enter in a form field, not in a field outside any form, and not while an IME is composing', () => {
    page('<form><input id="in"></form><input id="out">');
    observe();
    $<HTMLInputElement>('#in').focus();
    enter($('#in'), { isComposing: true });
    expect(sent).toEqual([]);
    enter($('#in'));
    $<HTMLInputElement>('#out').focus();
    enter($('#out'));
    expect(vias()).toEqual(['enter']);
  });

  it('leaves Enter to the main-world script when it is there', () => {
    page('<form><input id="in"></form>');
    observe({ mainWorldEnter: true });
    $<HTMLInputElement>('#in').focus();
    enter($('#in'));
    expect(sent).toEqual([]);
  });

  it('a login sends its kind and the account name normalised, in memory only; other forms send no value', () => {
    page(`
      <form id="login">
        <input id="user" name="username" value=" ＷangJianguo ">
        <input type="password" name="pw" value="secret">
        <input name="captcha" placeholder="验证码" value="abcd">
        <button id="in" type="submit">登录</button>
      </form>
      <form id="apply"><input name="name" value="欧阳春梅"><button id="save" type="submit">保存</button></form>`);
    observe();
    click($('#in'));
    click($('#save'));
    expect(sent[0]!.payload.login).toEqual({ captcha: true, oneTimeCode: false, account: 'wangjianguo' });
    expect(sent[1]!.payload.login).toBeNull();
    expect(JSON.stringify(sent)).not.toMatch(/secret|abcd|欧阳春梅/);
  });

  it('on a page tagged login, one field and a 确定 button are a login', () => {
    page('<form><input id="phone" name="mobile" value="13912345678"><button id="ok" type="button">确定</button></form>');
    observe({ taggedLogin: true });
    click($('#ok'));
    expect(sent[0]!.payload.login).toEqual({ captcha: false, oneTimeCode: false, account: '13912345678' });
  });

  it('stops announcing once the observer is stopped', () => {
    page('<form><button id="go" type="submit">提交</button></form>');
    observe();
    stop.abort();
    click($('#go'));
    expect(sent).toEqual([]);
  });
});
