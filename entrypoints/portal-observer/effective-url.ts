/**
 * The URL the matcher should judge for this document. about:blank and srcdoc frames have no URL of their own;
 * they belong to the same-origin document that made them, so we walk up to it.
 */
export function effectiveUrl(win: Window): string {
  let current: Window = win;
  for (let depth = 0; depth < 10; depth++) {
    const href = safeHref(current);
    if (href && /^https?:/.test(href)) return href;
    if (current.parent === current) break;
    current = current.parent;
  }
  return safeHref(win) ?? '';
}

function safeHref(win: Window): string | null {
  try {
    return win.location.href;
  } catch {
    return null; // a cross-origin ancestor: not ours to read
  }
}
