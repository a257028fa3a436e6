import { useEffect, useState } from 'preact/hooks';
import { formatNumber, t } from '../shared/i18n';
import { COLLECTOR_READ_ERRORS, fetchCollectorTables, type CollectorConnection, type CollectorTablesResult } from './collector-fetch';
import type { OfficeSettings } from './settings';

/** When the office has not chosen weeks, a collector is asked for every week it could hold. */
const ALL_WEEKS = { from: '2000-W01', to: '2099-W52' };

interface Props {
  settings: OfficeSettings;
  onTables(result: (CollectorTablesResult & { ok: true }) | null): void;
}

const errorText = (code: string) =>
  t(`office_collector_error_${((COLLECTOR_READ_ERRORS as readonly string[]).includes(code) ? code : 'bad-answer').replace(/-/g, '_')}`);

/**
 * The second source of the office page (issue #14): a collector's address and the office credential. The tables
 * come back already suppressed; the credential stays in this page's memory only, never stored.
 */
export function CollectorPanel({ settings, onTables }: Props) {
  const [address, setAddress] = useState('');
  const [token, setToken] = useState('');
  const [connection, setConnection] = useState<CollectorConnection | null>(null);
  const [status, setStatus] = useState<{ busy: boolean; error: string | null; outliers: number | null }>({ busy: false, error: null, outliers: null });

  useEffect(() => {
    if (!connection) return;
    let current = true;
    setStatus((s) => ({ ...s, busy: true, error: null }));
    const query = { from: settings.from ?? ALL_WEEKS.from, to: settings.to ?? ALL_WEEKS.to, k: settings.k, headcount: settings.headcount };
    fetchCollectorTables(connection, query).then((result) => {
      if (!current) return;
      setStatus({ busy: false, error: result.ok ? null : result.error, outliers: result.ok ? result.outlierCount : null });
      onTables(result.ok ? result : null);
    });
    return () => {
      current = false;
    };
  }, [connection, settings.from, settings.to, settings.k, settings.headcount]);

  const disconnect = () => {
    setConnection(null);
    setStatus({ busy: false, error: null, outliers: null });
    onTables(null);
  };

  return (
    <section class="office-collector" aria-labelledby="office-collector-title" data-testid="office-collector">
      <h2 id="office-collector-title">{t('office_collector_title')}</h2>
      <p>{t('office_collector_lead')}</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setConnection({ address, token });
        }}
      >
        <label>
          {t('office_collector_address')}
          <input type="url" required placeholder="https://collector.example.gov.cn" value={address} onInput={(e) => setAddress(e.currentTarget.value)} data-testid="office-collector-address" />
        </label>
        <label>
          {t('office_collector_token')}
          <input type="password" required autocomplete="off" value={token} onInput={(e) => setToken(e.currentTarget.value)} data-testid="office-collector-token" />
        </label>
        <button type="submit" class="primary" disabled={status.busy} data-testid="office-collector-connect">
          {t('office_collector_connect')}
        </button>
        {connection && (
          <button type="button" onClick={disconnect} data-testid="office-collector-disconnect">
            {t('office_collector_disconnect')}
          </button>
        )}
      </form>
      {status.busy && <p role="status">{t('loading')}</p>}
      {status.error && (
        <p class="error" role="alert" data-testid="office-collector-error" data-code={status.error}>
          {errorText(status.error)}
        </p>
      )}
      {connection && !status.busy && !status.error && (
        <p role="status" data-testid="office-collector-connected">
          {t('office_collector_connected', connection.address)}
          {status.outliers ? ` ${t('office_collector_outliers', formatNumber(status.outliers))}` : ''}
        </p>
      )}
    </section>
  );
}
