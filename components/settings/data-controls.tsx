import { format } from 'date-fns';
import { useEffect, useState } from 'preact/hooks';
import { formatNumber, t } from '../shared/i18n';
import { downloadText } from '../shared/download';
import { TABLE_FACTS } from '../shared/privacy-facts';
import { rpc } from '../shared/rpc';

/** Every table but `meta` (keys and internal state), which the worker never exports. */
const EXPORTED_TABLES = Object.keys(TABLE_FACTS).filter((name) => name !== 'meta');
// Read on click, not on opening settings: a year of records is megabytes.
const exportData = () => rpc('data.export', {});

/**
 * Settings → your data: how many requests the extension ever made, export of everything stored (never the keys:
 * the worker leaves out the table that holds them), and delete all, behind a confirmation.
 */
export function DataControls() {
  const [requests, setRequests] = useState<number | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [status, setStatus] = useState<'deleted' | 'error' | null>(null);
  const load = () => {
    void rpc('report.state', {}).then((s) => setRequests(s.requestsSent));
  };
  useEffect(load, []);
  const stamp = format(new Date(), 'yyyy-MM-dd');

  return (
    <div data-testid="data-controls">
      <p data-testid="requests-sent" data-count={requests ?? ''}>
        {requests === null ? t('loading') : t('data_requestsSent', formatNumber(requests))}
      </p>
      <h3>{t('data_exportTitle')}</h3>
      <p class="hint">{t('data_exportHelp')}</p>
      <div class="export-buttons">
        <button
          type="button"
          data-testid="data-export-json"
          onClick={() => void exportData().then((data) => downloadText(`burden-barometer-data-${stamp}.json`, `${JSON.stringify(data, null, 2)}\n`, 'application/json'))}
        >
          {t('data_exportJson')}
        </button>
        {EXPORTED_TABLES.map((name) => (
          <button
            key={name}
            type="button"
            data-testid={`data-export-csv-${name}`}
            onClick={() =>
              // The CSV writer (papaparse) loads on demand: it is not needed to paint the dashboard.
              void Promise.all([exportData(), import('../../core/data/export-csv')]).then(([data, m]) =>
                downloadText(`burden-barometer-${name}-${stamp}.csv`, m.tableToCsv(data.tables[name] ?? [])),
              )
            }
          >
            {t('data_exportCsv', t(TABLE_FACTS[name]!.nameKey))}
          </button>
        ))}
      </div>
      <h3>{t('data_deleteTitle')}</h3>
      {!confirming ? (
        <button type="button" data-testid="data-delete-all" onClick={() => (setStatus(null), setConfirming(true))}>
          {t('data_deleteAll')}
        </button>
      ) : (
        <div role="alertdialog" aria-labelledby="delete-question" class="notice">
          <p id="delete-question">{t('data_deleteConfirmQuestion')}</p>
          <button
            type="button"
            class="primary"
            data-testid="data-delete-confirm"
            onClick={() =>
              rpc('data.deleteAll', { confirm: true }).then(
                () => (setStatus('deleted'), setConfirming(false), load()),
                () => (setStatus('error'), setConfirming(false)),
              )
            }
          >
            {t('data_deleteConfirm')}
          </button>
          <button type="button" data-testid="data-delete-cancel" onClick={() => setConfirming(false)}>
            {t('report_cancel')}
          </button>
        </div>
      )}
      {status && (
        <p role="status" class={status === 'deleted' ? 'ok' : 'error'} data-testid="data-delete-status" data-status={status}>
          {status === 'deleted' ? t('data_deleted') : t('data_deleteFailed')}
        </p>
      )}
    </div>
  );
}
