import { loginFormAround } from './form-shape';

/**
 * What the entry observer needs to know about an editable element, read without changing anything the page
 * can see. Covers inputs and textareas (also inside open shadow roots, found through composedPath), elements
 * with contenteditable, and whole documents in designMode (frame editors).
 */
export type EditableKind = 'input' | 'textarea' | 'contenteditable';

export interface EditableField {
  el: HTMLElement;
  kind: EditableKind;
  type: string;
}

// Inputs and textareas met before, by element: typing sends an input event per keystroke to the same field, and
// every DOM read from this isolated world is a binding call. (Editors are not kept: contenteditable can change.)
const knownFields = new WeakMap<EventTarget, EditableField>();

export function editableFrom(event: Event): EditableField | null {
  // composedPath allocates; only a shadow host hides the real target.
  const direct = event.target;
  const known = direct && knownFields.get(direct);
  if (known) return known;
  const target = direct instanceof HTMLElement && direct.shadowRoot ? event.composedPath()[0] : direct;
  const field = findEditable(target ?? null);
  if (field && field.kind !== 'contenteditable' && field.el === direct) knownFields.set(direct, field);
  return field;
}

/** The field that has the keyboard focus, through open shadow roots: where a key just pressed went. */
export function focusedEditable(): EditableField | null {
  let el = document.activeElement;
  while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
  return (el && knownFields.get(el)) || findEditable(el);
}

function findEditable(target: EventTarget | null): EditableField | null {
  if (!(target instanceof HTMLElement)) return null;
  if (target instanceof HTMLInputElement) {
    // Read when asked, never kept: pages switch a field between text and password ("show password", or a
    // text field that becomes a password field on focus to dodge autofill).
    return {
      el: target,
      kind: 'input',
      get type() {
        return (target.type || 'text').toLowerCase();
      },
    };
  }
  if (target instanceof HTMLTextAreaElement) return { el: target, kind: 'textarea', type: 'textarea' };
  if (target.isContentEditable) {
    // The editing host, so one rich-text editor is one field however many paragraphs it has.
    let host: HTMLElement = target;
    while (host.parentElement?.isContentEditable) host = host.parentElement;
    return { el: host, kind: 'contenteditable', type: 'contenteditable' };
  }
  if (target.ownerDocument.designMode === 'on') return { el: target.ownerDocument.body, kind: 'contenteditable', type: 'contenteditable' };
  return null;
}

/** The current value; textContent rather than innerText for editors, which would force a layout. */
export function valueOf(field: EditableField): string {
  if (field.kind === 'contenteditable') return field.el.textContent ?? '';
  return (field.el as HTMLInputElement | HTMLTextAreaElement).value;
}

/** The field's describing texts, used here in the page to pick a category; none of them leaves the page. */
export function describe(field: EditableField) {
  const el = field.el;
  const labelled = 'labels' in el ? (el as HTMLInputElement).labels?.[0]?.textContent : undefined;
  const ariaLabel = el.getAttribute('aria-label') ?? undefined;
  const nearby = labelled ?? ariaLabel ?? el.closest('.row, .layui-form-item, .el-form-item, tr, label')?.textContent ?? undefined;
  return {
    label: nearby?.trim().slice(0, 100),
    name: el.getAttribute('name') ?? undefined,
    id: el.id || undefined,
    placeholder: el.getAttribute('placeholder') ?? undefined,
    autocomplete: el.getAttribute('autocomplete') ?? undefined,
    type: field.type,
    inputMode: el.getAttribute('inputmode') ?? undefined,
    multiline: field.kind !== 'input',
  };
}

/** A key for "the same field" across visits: its name or id, else its label; hashed before it is kept. */
export function fieldKey(field: EditableField, described: ReturnType<typeof describe>): string {
  return (described.name || described.id || described.label || described.placeholder || field.type).slice(0, 200);
}

/**
 * A login form's fields are never entries (DESIGN.md §3). The same rule decides what a login is
 * (core/submissions/login-form.ts): a form asking for a secret, or on a page tagged `login`, with at most 3 text fields.
 */
export function inLoginForm(field: EditableField, taggedLogin = false): boolean {
  return loginFormAround(field.el, taggedLogin).login;
}
