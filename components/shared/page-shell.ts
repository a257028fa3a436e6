import { render, type ComponentChild } from 'preact';
import { t } from './i18n';

/** Every extension page: language and title from the locale, then render. */
export function mountPage(titleKey: string, view: ComponentChild) {
  document.documentElement.lang = t('locale');
  document.title = `${t(titleKey)} · ${t('extName')}`;
  render(view, document.getElementById('app')!);
}
