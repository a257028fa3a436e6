import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { matchUrl } from '../../core/portals/match';
import { parsePatternInput } from '../../core/portals/pattern';
import type { TodayRow } from '../../core/contracts/message-replies';
import { FRICTION_COLUMNS } from '../shared/submission-columns';
import { formatNumber, t } from '../shared/i18n';
import { grantAndAdd } from '../shared/portal-grant';
import { usePortalState } from '../shared/portal-state';
import { rpc } from '../shared/rpc';

/** Minutes with one decimal: a cadre checking "did that count?" should see the figure move. */
const minutes = (ms: number) => formatNumber(ms / 60_000, { maximumFractionDigits: 1, minimumFractionDigits: 1 });

/** Today at a glance. Kept light: no chart library here, the popup opens on every click. */
export function PopupPage() {
  const [state, reload] = usePortalState();
  const [today, setToday] = useState<TodayRow[]>([]);
  const [tabUrl, setTabUrl] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const load = () => rpc('stats.today', {}).then(setToday, () => setToday([]));
    load();
    const timer = setInterval(load, 1000);
    // activeTab lets us read the current tab's address only because the cadre opened the popup on it.
    browser.tabs.query({ active: true, currentWindow: true }).then(([tab]) => setTabUrl(tab?.url ?? null), () => undefined);
    return () => clearInterval(timer);
  }, []);

  const origin = tabUrl && /^https?:/.test(tabUrl) ? new URL(tabUrl).origin : null;
  const tracked = tabUrl && state ? matchUrl(tabUrl, state.portals).tracked : false;

  const trackThisSite = () => {
    const parsed = origin ? parsePatternInput(origin) : null;
    if (!parsed?.ok) return;
    grantAndAdd([{ name: parsed.pattern.host, patterns: [parsed.pattern], source: 'user' }]).then(reload, (e: Error) =>
      setError(`error_${e.message}`),
    );
  };

  return (
    <main class="popup">
      <header>
        <h1>{t('extName')}</h1>
        <label class="switch">
          <input
            type="checkbox"
            data-testid="pause-toggle"
            checked={state?.paused ?? false}
            onChange={(e) => rpc('tracking.setPaused', { paused: e.currentTarget.checked }).then(reload)}
          />
          {t('popup_pauseAll')}
        </label>
      </header>
      {state?.paused && <p class="notice" data-testid="paused-notice">{t('popup_paused')}</p>}
      <section>
        <h2>{t('popup_today')}</h2>
        {today.length > 0 && (
          <p class="total" data-testid="today-total" data-active-ms={today.reduce((n, r) => n + r.activeMs, 0)}>
            {t('popup_totalActive', minutes(today.reduce((n, r) => n + r.activeMs, 0)))}
          </p>
        )}
        {today.length === 0 ? (
          <p class="empty" data-testid="today-empty">{t('popup_nothingToday')}</p>
        ) : (
          <table data-testid="today-table">
            <thead>
              <tr>
                <th>{t('col_portal')}</th>
                <th>{t('col_activeMinutes')}</th>
                <th>{t('col_waitSeconds')}</th>
                <th>{t('col_visits')}</th>
                {FRICTION_COLUMNS.map((c) => <th key={c.key}>{c.header()}</th>)}
              </tr>
            </thead>
            <tbody>
              {today.map((row) => (
                <tr key={row.portalId} data-testid={`today-row-${row.portalId}`} data-active-ms={row.activeMs} data-wait-ms={row.waitMs}>
                  <td>{row.name}</td>
                  <td>{minutes(row.activeMs)}</td>
                  <td>{formatNumber(Math.round(row.waitMs / 1000))}</td>
                  <td data-testid="visits">{formatNumber(row.visits)}</td>
                  {FRICTION_COLUMNS.map((c) => (
                    <td key={c.key} data-testid={c.key} data-value={row[c.key]}>{formatNumber(row[c.key])}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      {origin && !tracked && !state?.policy.lockPortalList && (
        <button data-testid="track-this-site" onClick={trackThisSite}>
          {t('popup_trackThisSite', new URL(origin).host)}
        </button>
      )}
      {error && <p class="error" role="alert">{t(error)}</p>}
      <a data-testid="open-dashboard" href={browser.runtime.getURL('/dashboard.html')} target="_blank" rel="noreferrer">
        {t('popup_openDashboard')}
      </a>
    </main>
  );
}
