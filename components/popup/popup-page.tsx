import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { matchUrl } from '../../core/portals/match';
import { parsePatternInput } from '../../core/portals/pattern';
import type { TodayRow } from '../../core/contracts/message-replies';
import { FRICTION_COLUMNS } from '../shared/submission-columns';
import { errorText } from '../shared/error-text';
import { formatNumber, t } from '../shared/i18n';
import { formatMinutes } from '../shared/minutes';
import { grantAndAdd } from '../shared/portal-grant';
import { usePortalState } from '../shared/portal-state';
import { rpc } from '../shared/rpc';

/** Portals shown at a glance; the rest fold under "all portals". */
const TOP = 5;

/**
 * Today at a glance, 360 px wide: the day's minutes large, the top portals as a short list, three burden counts
 * and the way to the dashboard. Each portal's full figures fold out under its name. Kept light: no chart
 * library here, the popup opens on every click.
 */
export function PopupPage() {
  const [state, reload] = usePortalState();
  const [today, setToday] = useState<TodayRow[] | null>(null);
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
    grantAndAdd([{ name: parsed.pattern.host, patterns: [parsed.pattern], source: 'user' }]).then(reload, (e: unknown) => setError(errorText(e)));
  };

  const rows = [...(today ?? [])].sort((a, b) => b.activeMs - a.activeMs || b.visits - a.visits);
  const sum = (pick: (r: TodayRow) => number) => rows.reduce((n, r) => n + pick(r), 0);
  const activeMs = sum((r) => r.activeMs);
  const row = (r: TodayRow) => (
    <li key={r.portalId} data-testid={`today-row-${r.portalId}`} data-active-ms={r.activeMs} data-wait-ms={r.waitMs}>
      <details>
        <summary>
          <span class="name">{r.name}</span>
          <span class="num">{t('popup_minutes', formatMinutes(r.activeMs))}</span>
        </summary>
        <dl class="portal-figures">
          <dt>{t('col_visits')}</dt>
          <dd data-testid="visits">{formatNumber(r.visits)}</dd>
          <dt>{t('col_waitSeconds')}</dt>
          <dd>{formatNumber(Math.round(r.waitMs / 1000))}</dd>
          {FRICTION_COLUMNS.map((c) => [
            <dt key={`${c.key}-t`}>{c.header()}</dt>,
            <dd key={c.key} data-testid={c.key} data-value={r[c.key]}>
              {formatNumber(r[c.key])}
            </dd>,
          ])}
        </dl>
      </details>
    </li>
  );

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
          />{' '}
          {t('popup_pauseAll')}
        </label>
      </header>
      {state?.paused && <p class="notice" data-testid="paused-notice">{t('popup_paused')}</p>}
      <section aria-labelledby="popup-today">
        <h2 id="popup-today">{t('popup_today')}</h2>
        {today === null ? (
          <p>{t('loading')}</p>
        ) : rows.length === 0 ? (
          <p class="empty" data-testid="today-empty">
            {t('popup_nothingToday')} {state && state.portals.length === 0 ? t('popup_nothingNext_noPortals') : t('popup_nothingNext')}
          </p>
        ) : (
          <>
            <p class="big" data-testid="today-total" data-active-ms={activeMs}>
              {formatMinutes(activeMs)}
              <small>{t('popup_minutesActive')}</small>
            </p>
            <dl class="counts" data-testid="today-counts">
              <div>
                <dt>{t('col_logins')}</dt>
                <dd data-testid="today-count-logins">{formatNumber(sum((r) => r.logins))}</dd>
              </div>
              <div>
                <dt>{t('col_submissions')}</dt>
                <dd data-testid="today-count-submissions">{formatNumber(sum((r) => r.submissions))}</dd>
              </div>
              <div>
                <dt>{t('popup_waitMinutes')}</dt>
                <dd data-testid="today-count-wait">{formatMinutes(sum((r) => r.waitMs))}</dd>
              </div>
            </dl>
            <ul class="today-list" data-testid="today-table">
              {rows.slice(0, TOP).map(row)}
            </ul>
            {rows.length > TOP && (
              <details class="details">
                <summary>{t('popup_morePortals', formatNumber(rows.length - TOP))}</summary>
                <ul class="today-list">{rows.slice(TOP).map(row)}</ul>
              </details>
            )}
            <p class="hint">{t('popup_tapForDetails')}</p>
          </>
        )}
      </section>
      <div class="actions">
        {origin && !tracked && !state?.policy.lockPortalList && (
          <button data-testid="track-this-site" onClick={trackThisSite}>
            {t('popup_trackThisSite', new URL(origin).host)}
          </button>
        )}
        {error && <p class="error" role="alert">{error}</p>}
        <a class="button primary" data-testid="open-dashboard" href={browser.runtime.getURL('/dashboard.html')} target="_blank" rel="noreferrer">
          {t('popup_openDashboard')}
        </a>
      </div>
    </main>
  );
}
