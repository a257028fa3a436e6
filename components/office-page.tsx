import { t } from './i18n';

export function OfficePage() {
  return (
    <main class="page office">
      <h1>{t('office_title')}</h1>
      <p class="empty" data-testid="office-empty">{t('office_empty')}</p>
    </main>
  );
}
