import { type FieldShape, judgeLoginForm, type LoginFormVerdict } from '../../core/submissions/login-form';

/** The form an element belongs to: a real <form>, a layui / Element form container, or else the whole document. */
export function formScopeOf(el: Element): ParentNode {
  return (el as HTMLInputElement).form ?? el.closest('form, .layui-form, .el-form') ?? el.ownerDocument;
}

const FIELD_SELECTOR = 'input:not([type="hidden"]):not([type="checkbox"]):not([type="radio"]):not([type="submit"]):not([type="button"]):not([type="reset"]):not([type="image"]):not([type="file"]), textarea';

function shapeOf(el: HTMLInputElement | HTMLTextAreaElement): FieldShape {
  const label = el.labels?.[0]?.textContent ?? el.getAttribute('aria-label') ?? el.closest('.row, .layui-form-item, .el-form-item')?.querySelector('label')?.textContent ?? undefined;
  return {
    type: el instanceof HTMLTextAreaElement ? 'textarea' : (el.getAttribute('type') ?? 'text').toLowerCase(),
    autocomplete: el.getAttribute('autocomplete') ?? undefined,
    name: el.getAttribute('name') ?? undefined,
    id: el.id || undefined,
    placeholder: el.getAttribute('placeholder') ?? undefined,
    label: label?.trim().slice(0, 100),
  };
}

/**
 * The login verdict (core/submissions/login-form.ts) for the form around `el`, read without touching anything the page can
 * see. `account` is the account field's element, so its value is read only when a login is reported.
 */
export function loginFormAround(el: Element, taggedLogin: boolean): LoginFormVerdict & { account: HTMLInputElement | HTMLTextAreaElement | null } {
  const fields = Array.from(formScopeOf(el).querySelectorAll<HTMLInputElement | HTMLTextAreaElement>(FIELD_SELECTOR));
  const verdict = judgeLoginForm(fields.map(shapeOf), { taggedLogin });
  return { ...verdict, account: verdict.accountIndex === null ? null : (fields[verdict.accountIndex] ?? null) };
}
