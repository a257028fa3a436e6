import { browser } from 'wxt/browser';
import { t } from './i18n';

// The browser's own refusals arrive as English sentences (Chromium's extension API errors), never as our codes.
const BROWSER_ERRORS: [RegExp, string][] = [
  [/only permissions specified in the manifest/i, 'error_browser_not_in_manifest'],
  [/user gesture/i, 'error_browser_needs_click'],
  [/invalid url pattern|invalid match pattern/i, 'error_browser_bad_pattern'],
];

/** Every key errorText can show besides `error_<code>` (the locale test checks they exist). */
export const BROWSER_ERROR_KEYS = [...BROWSER_ERRORS.map(([, key]) => key), 'error_browser_other'];

/**
 * Any failure as a sentence in the UI language: our own codes through their `error_<code>` key, the browser's
 * refusals through the table above, anything else as a general failure. A raw browser message is never shown.
 */
export function errorText(error: unknown): string {
  const code = error instanceof Error ? error.message : String(error);
  if (/^[a-z0-9-]+$/.test(code)) {
    const own = browser.i18n.getMessage(`error_${code}`.replace(/-/g, '_') as never);
    if (own) return own;
  }
  const known = BROWSER_ERRORS.find(([pattern]) => pattern.test(code));
  return t(known ? known[1] : 'error_browser_other');
}
