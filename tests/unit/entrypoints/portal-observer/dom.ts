/** Page-side test helpers for the happy-dom unit tests: a page built from HTML, and events as a user makes them. */

export function page(html: string): Document {
  document.body.innerHTML = html;
  return document;
}

export const $ = <T extends Element = HTMLElement>(selector: string, root: ParentNode = document): T => {
  const el = root.querySelector<T>(selector);
  if (!el) throw new Error(`no ${selector} on the test page`);
  return el;
};

/** happy-dom has no isTrusted; the observers ignore events a page script made, so mark ours as the user's. */
export function trusted<E extends Event>(event: E): E {
  Object.defineProperty(event, 'isTrusted', { value: true });
  return event;
}

export const click = (el: Element) => el.dispatchEvent(trusted(new MouseEvent('click', { bubbles: true, composed: true })));
export const enter = (el: Element, init: KeyboardEventInit = {}) =>
  el.dispatchEvent(trusted(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true, ...init })));
