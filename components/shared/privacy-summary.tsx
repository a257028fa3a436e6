import { NEVER_RECORDED, RECORDED } from './privacy-facts';
import { t } from './i18n';

export function PrivacySummary() {
  return (
    <div class="privacy-summary" data-testid="privacy-summary">
      <section>
        <h3>{t('privacy_recordedTitle')}</h3>
        <ul>{RECORDED.map((key) => <li key={key}>{t(key)}</li>)}</ul>
      </section>
      <section>
        <h3>{t('privacy_neverTitle')}</h3>
        <ul>{NEVER_RECORDED.map((key) => <li key={key}>{t(key)}</li>)}</ul>
      </section>
    </div>
  );
}
