import { browser } from 'wxt/browser';

/**
 * UI strings come from public/_locales (zh_CN first, en complete). The browser picks the catalog by its UI
 * language; numbers and dates follow the same language so a Chinese UI never shows English digits grouping.
 */
export function t(key: string, substitutions?: string | number | (string | number)[]): string {
  const subs = substitutions === undefined ? undefined : [substitutions].flat().map(String);
  // Chrome message names allow only [A-Za-z0-9_]; our error and reason codes are kebab-case.
  return browser.i18n.getMessage(key.replace(/-/g, '_') as never, subs as never) || key;
}

/** The language of the catalog actually shown (a French browser gets the English catalog, and English digits). */
export function uiLanguage(): string {
  return browser.i18n.getMessage('locale' as never) || 'en';
}

// A formatter is costly to make (the locale's data is looked up each time) and the dashboard formats hundreds of
// figures in its first render: one per set of options, made when first needed.
const numberFormats = new Map<string, Intl.NumberFormat>();
export function formatNumber(n: number, opts?: Intl.NumberFormatOptions): string {
  const key = opts ? JSON.stringify(opts) : '';
  let format = numberFormats.get(key);
  if (!format) numberFormats.set(key, (format = new Intl.NumberFormat(uiLanguage(), opts)));
  return format.format(n);
}
export const formatDate = (d: Date | number, opts?: Intl.DateTimeFormatOptions) =>
  new Intl.DateTimeFormat(uiLanguage(), opts ?? { dateStyle: 'medium' }).format(d);

let pluralRules: Intl.PluralRules | undefined;
/**
 * Whether `n` takes the singular form in the UI language ("1 portal"), through Intl.PluralRules. Call sites
 * write both keys, `t(isOne(n) ? 'x_one' : 'x_other', …)`; Chinese has no plural, so its two messages agree.
 */
export function isOne(n: number): boolean {
  pluralRules ??= new Intl.PluralRules(uiLanguage());
  return pluralRules.select(n) === 'one';
}
