// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { describe as describeField, editableFrom, fieldKey, focusedEditable, inLoginForm, valueOf } from '../../../../entrypoints/portal-observer/editable-field';
import { $, page } from './dom';

const inputEvent = (el: Element) => {
  const event = new Event('input', { bubbles: true, composed: true });
  el.dispatchEvent(event);
  return event;
};

/** What editableFrom makes of an input event fired at `el`, read inside the dispatch as the observer does. */
function fieldOf(el: Element) {
  let seen: ReturnType<typeof editableFrom> = null;
  const listen = (e: Event) => (seen = editableFrom(e));
  window.addEventListener('input', listen, { capture: true });
  inputEvent(el);
  window.removeEventListener('input', listen, { capture: true });
  return seen as ReturnType<typeof editableFrom>;
}

describe('editableFrom', () => {
  it('finds inputs and textareas, and reads the input type when asked, not when first met', () => {
    page('<input id="pw" type="text"><textarea id="t"></textarea><button id="b">x</button>');
    const field = fieldOf($('#pw'))!;
    expect(field).toMatchObject({ kind: 'input', type: 'text' });
    // "Show password" pages switch the type; a field kept from before must follow.
    $<HTMLInputElement>('#pw').type = 'password';
    expect(fieldOf($('#pw'))!.type).toBe('password');
    expect(fieldOf($('#t'))).toMatchObject({ kind: 'textarea', type: 'textarea' });
    expect(fieldOf($('#b'))).toBeNull();
  });

  it('counts a rich-text editor as one field: its editing host, whichever paragraph was typed in', () => {
    page('<div id="editor" contenteditable="true"><p id="p1">第一段</p><p><b id="deep">第二段</b></p></div>');
    const a = fieldOf($('#p1'))!;
    const b = fieldOf($('#deep'))!;
    expect(a.kind).toBe('contenteditable');
    expect(a.el.id).toBe('editor');
    expect(b.el.id).toBe('editor');
    expect(valueOf(a)).toBe('第一段第二段');
  });

  it('finds an input inside an open shadow root, where the event reaches the page retargeted to the host', () => {
    page('<x-field id="host"></x-field>');
    const host = $('#host');
    const root = host.attachShadow({ mode: 'open' });
    root.innerHTML = '<input id="inner" name="applicant">';
    const inner = $('#inner', root);
    // A listener on window sees the host as the target, as Chromium retargets it (happy-dom does not).
    const retargeted = { target: host, composedPath: () => [inner, root, host, document.body, document, window] } as unknown as Event;
    const field = editableFrom(retargeted)!;
    expect(field.kind).toBe('input');
    expect(field.el).toBe(inner);
  });
});

describe('focusedEditable', () => {
  it('follows the focus through open shadow roots to the field the key went to', () => {
    page('<x-field id="host"></x-field><input id="outside">');
    const root = $('#host').attachShadow({ mode: 'open' });
    root.innerHTML = '<input id="inner">';
    $<HTMLInputElement>('#inner', root).focus();
    expect(focusedEditable()?.el.id).toBe('inner');
    $<HTMLInputElement>('#outside').focus();
    expect(focusedEditable()?.el.id).toBe('outside');
  });
});

describe('describe and fieldKey', () => {
  it('takes the label, else aria-label, else the text of the form row; the key prefers name, then id, then label', () => {
    page(`
      <label for="a">申请人姓名</label><input id="a" name="applicant" placeholder="请输入">
      <input id="b" aria-label="联系电话" autocomplete="tel" inputmode="tel">
      <div class="layui-form-item"><label>家庭住址</label><div><input id="c"></div></div>
      <textarea id="d"></textarea>`);
    const a = fieldOf($('#a'))!;
    const da = describeField(a);
    expect(da).toMatchObject({ label: '申请人姓名', name: 'applicant', id: 'a', placeholder: '请输入', type: 'text', multiline: false });
    expect(fieldKey(a, da)).toBe('applicant');
    const db = describeField(fieldOf($('#b'))!);
    expect(db).toMatchObject({ label: '联系电话', autocomplete: 'tel', inputMode: 'tel' });
    expect(fieldKey(fieldOf($('#b'))!, db)).toBe('b');
    const c = fieldOf($('#c'))!;
    expect(describeField(c).label).toBe('家庭住址');
    const d = fieldOf($('#d'))!;
    const dd = describeField(d);
    expect(dd.multiline).toBe(true);
    expect(fieldKey(d, dd)).toBe('d');
  });
});

describe('inLoginForm', () => {
  it('is true for an account and password, false for a long application that also sets a password', () => {
    page(`
      <form id="login"><input id="user" name="username"><input type="password" name="pw"></form>
      <form id="apply">
        <input id="n" name="name"><input name="id"><input name="phone"><input name="addr">
        <input type="password" name="newpw">
      </form>`);
    expect(inLoginForm(fieldOf($('#user'))!)).toBe(true);
    expect(inLoginForm(fieldOf($('#n'))!)).toBe(false);
  });

  it('is true for a lone field on a page the catalog tags login, and false there without the tag', () => {
    page('<form><input id="phone" name="mobile"></form>');
    expect(inLoginForm(fieldOf($('#phone'))!, true)).toBe(true);
    expect(inLoginForm(fieldOf($('#phone'))!, false)).toBe(false);
  });
});
