import { KEY_ROTATION_MS } from '../../storage/config/key-store';
import { RETENTION } from '../../storage/db/retention';
import { reportTotalsSchema } from '../../core/contracts/report-schema';
import { formatNumber, t } from '../shared/i18n';
import { TABLE_FACTS } from '../shared/privacy-facts';
import { PrivacySummary } from '../shared/privacy-summary';
import { REPORT_FIELD_KEYS } from '../shared/report-field-labels';

const DAY_MS = 24 * 3600 * 1000;

/**
 * The settings privacy panel. Retention periods, key rotation, the tables and the report's figures (in plain words) are read from
 * the constants the code runs on (storage/db/retention.ts, storage/config/key-store.ts, core/contracts/report-schema.ts), so the panel
 * says what the extension does rather than what someone once wrote about it.
 */
export function PrivacyPanel() {
  const retention = (r: (typeof TABLE_FACTS)[string]['retention']) =>
    r === 'keys'
      ? t('privacy_retention_keys', formatNumber(KEY_ROTATION_MS / DAY_MS))
      : r === 'dailyMonths'
        ? t('privacy_retention_months', formatNumber(RETENTION.dailyMonths))
        : t('privacy_retention_days', formatNumber(RETENTION[r]));
  return (
    <div data-testid="privacy-panel">
      <PrivacySummary />
      <h3>{t('privacy_tablesTitle')}</h3>
      <table data-testid="privacy-tables">
        <thead>
          <tr>
            <th>{t('privacy_col_table')}</th>
            <th>{t('privacy_col_holds')}</th>
            <th>{t('privacy_col_kept')}</th>
          </tr>
        </thead>
        <tbody>
          {Object.entries(TABLE_FACTS).map(([name, fact]) => (
            <tr key={name} data-testid={`privacy-table-${name}`}>
              <th scope="row">{t(fact.nameKey)}</th>
              <td>{t(fact.key)}</td>
              <td>{retention(fact.retention)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>{t('privacy_reportTitle')}</h3>
      <p>{t('privacy_reportHolds')}</p>
      <ul class="field-list" data-testid="privacy-report-fields">
        {Object.keys(reportTotalsSchema.shape).map((f) => (
          <li key={f}>{t(REPORT_FIELD_KEYS[f as keyof typeof REPORT_FIELD_KEYS])}</li>
        ))}
      </ul>
      <p class="notice" data-testid="privacy-shared-computer">
        {t('privacy_sharedComputer')}
      </p>
      <h3>{t('privacy_tokensTitle')}</h3>
      <div data-testid="privacy-tokens">
        <p>{t('privacy_tokensIssuer')}</p>
        <p>{t('privacy_tokensCannot')}</p>
        <p class="notice">{t('privacy_tokensResidual')}</p>
      </div>
    </div>
  );
}
