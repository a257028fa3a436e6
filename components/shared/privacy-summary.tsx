import { NEVER_RECORDED, RECORDED } from './privacy-facts';
import { t } from './i18n';

/** What is and is never recorded. `level` keeps the outline in order: h2 on the welcome page, h3 in settings. */
export function PrivacySummary({ level = 3 }: { level?: 2 | 3 }) {
  const Heading = level === 2 ? 'h2' : 'h3';
  return (
    <div class="privacy-summary" data-testid="privacy-summary">
      <section>
        <Heading>{t('privacy_recordedTitle')}</Heading>
        <ul>{RECORDED.map((key) => <li key={key}>{t(key)}</li>)}</ul>
      </section>
      <section>
        <Heading>{t('privacy_neverTitle')}</Heading>
        <ul>{NEVER_RECORDED.map((key) => <li key={key}>{t(key)}</li>)}</ul>
      </section>
    </div>
  );
}
