import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { BuiltReport, ReportState } from '../../core/contracts/message-replies';
import { LEVELS, WORK_DOMAINS, type ReportProfile } from '../../core/contracts/report-schema';
import { t } from '../shared/i18n';
import { downloadText } from '../shared/download';
import { ReportSubmit } from './report-submit';
import { ReportSummary, isEmptyWeek } from './report-summary';
import { dayRangeLabel } from './week-label';
import { formatMinutes } from '../shared/minutes';
import type { ReportFile } from '../../core/contracts/report-schema';
import { DOMAIN_KEYS, LEVEL_LABEL_KEYS } from './report-labels';
import { rpc } from '../shared/rpc';

const REGION = /^(?:\d{2}){1,3}$/;

/**
 * The report builder: the cadre picks weeks, optional profile fields and which portals to show or leave out,
 * and sees the exact bytes an export saves and a submission sends — nothing is built anywhere else.
 */
export function ReportView() {
  const [state, setState] = useState<ReportState | null>(null);
  const [weeks, setWeeks] = useState<string[]>([]);
  const [profile, setProfile] = useState<ReportProfile>({});
  const [region, setRegion] = useState('');
  const [showHost, setShowHost] = useState<string[]>([]);
  const [drop, setDrop] = useState<string[]>([]);
  const [built, setBuilt] = useState<BuiltReport | null>(null);
  const [buildError, setBuildError] = useState<string | null>(null);
  const [exportConfirm, setExportConfirm] = useState(false);

  const loadState = () =>
    rpc('report.state', {}).then((s) => {
      setState(s);
      setWeeks((w) => (w.length ? w : [s.currentWeek]));
    });
  useEffect(() => {
    void loadState();
    // Office policy can arrive after the page opened (a slow managed-storage read): the endpoint and campaign
    // then appear without a reload. The outbox and the request count change from the worker.
    const onChange = (changes: Record<string, unknown>, area: string) => {
      if (area === 'managed' || 'policyCache' in changes || 'pendingReport' in changes || 'requestsSent' in changes) void loadState();
    };
    browser.storage.onChanged.addListener(onChange);
    return () => browser.storage.onChanged.removeListener(onChange);
  }, []);

  const regionValid = region === '' || REGION.test(region);
  useEffect(() => {
    if (!weeks.length) return setBuilt(null);
    let current = true;
    const chosen: ReportProfile = { ...profile, ...(regionValid && region && { region }) };
    rpc('report.build', { weeks, profile: chosen, showHost, drop }).then(
      (b) => current && (setBuilt(b), setBuildError(null)),
      (e: Error) => current && setBuildError(e.message),
    );
    return () => void (current = false);
  }, [weeks.join(), profile.level, profile.domain, region, regionValid, showHost.join(), drop.join(), state?.campaign]);

  if (!state) return <p>{t('loading')}</p>;
  const emptyWeeks = built?.ok ? (JSON.parse(built.bytes) as ReportFile).reports.filter(isEmptyWeek).length : 0;
  // What leaves is the label (other-1, a catalog id, a host); the cadre's own name is shown beside it, not sent.
  const localName = (portalLabel: string) => {
    const own = built?.portals.find((p) => p.labels.includes(portalLabel))?.name;
    return own && own !== portalLabel ? own : undefined;
  };
  const doExport = () => {
    setExportConfirm(false);
    if (built?.ok) downloadText(fileName, built.bytes, 'application/json');
  };
  const toggle = (list: string[], set: (v: string[]) => void, item: string, on: boolean) => set(on ? [...list, item] : list.filter((x) => x !== item));
  const fileName = weeks.length ? `burden-report-${[...weeks].sort()[0]}${weeks.length > 1 ? `_${[...weeks].sort().at(-1)}` : ''}.json` : '';

  return (
    <div data-testid="report-view">
      <p class="notice" data-testid="report-notice">{t('report_notice')}</p>
      <section>
        <h2>{t('report_weeks')}</h2>
        <ul class="checklist weeks">
          {state.weeks.map((w) => (
            <li key={w.week}>
              <label>
                <input type="checkbox" data-testid={`report-week-${w.week}`} checked={weeks.includes(w.week)} onChange={(e) => toggle(weeks, setWeeks, w.week, e.currentTarget.checked)} />
                {t('report_weekLabel', [dayRangeLabel(w.from, w.to), formatMinutes(w.activeMs)])}
              </label>
            </li>
          ))}
        </ul>
      </section>
      <section>
        <h2>{t('report_profile')}</h2>
        <p class="hint">{t('report_profileHelp')}</p>
        <label>
          {t('report_level')}{' '}
          <select data-testid="report-level" value={profile.level ?? ''} onChange={(e) => setProfile({ ...profile, level: (e.currentTarget.value || undefined) as ReportProfile['level'] })}>
            <option value="">{t('report_notGiven')}</option>
            {LEVELS.map((l) => (
              <option key={l} value={l}>
                {t(LEVEL_LABEL_KEYS[l])}
              </option>
            ))}
          </select>
        </label>{' '}
        <label>
          {t('report_domain')}{' '}
          <select data-testid="report-domain" value={profile.domain ?? ''} onChange={(e) => setProfile({ ...profile, domain: (e.currentTarget.value || undefined) as ReportProfile['domain'] })}>
            <option value="">{t('report_notGiven')}</option>
            {WORK_DOMAINS.map((d) => (
              <option key={d} value={d}>
                {t(DOMAIN_KEYS[d])}
              </option>
            ))}
          </select>
        </label>{' '}
        <label>
          {t('report_region')}{' '}
          <input type="text" inputMode="numeric" data-testid="report-region" value={region} maxLength={6} onInput={(e) => setRegion(e.currentTarget.value.trim())} aria-invalid={!regionValid} />
        </label>
        {!regionValid && (
          <p class="error" role="alert" data-testid="report-region-error">
            {t('report_regionInvalid')}
          </p>
        )}
      </section>
      {built && (
        <section>
          <h2>{t('report_portals')}</h2>
          <p class="hint">{t('report_portalsHelp')}</p>
          <table data-testid="report-portals">
            <thead>
              <tr>
                <th>{t('report_col_portal')}</th>
                <th>{t('report_col_reportedAs')}</th>
                <th>{t('report_col_showHost')}</th>
                <th>{t('report_col_drop')}</th>
              </tr>
            </thead>
            <tbody>
              {built.portals.map((p) => (
                <tr key={p.id} data-testid={`report-portal-${p.id}`}>
                  <td>{p.name}</td>
                  <td data-testid="reported-as">{drop.includes(p.id) ? t('report_dropped') : p.labels.join(', ')}</td>
                  <td>
                    {!p.catalog && p.host && (
                      <label>
                        <input type="checkbox" data-testid={`report-show-host-${p.id}`} checked={showHost.includes(p.id)} onChange={(e) => toggle(showHost, setShowHost, p.id, e.currentTarget.checked)} />
                        <code>{p.host}</code>
                      </label>
                    )}
                  </td>
                  <td>
                    <input type="checkbox" aria-label={t('report_col_drop')} data-testid={`report-drop-${p.id}`} checked={drop.includes(p.id)} onChange={(e) => toggle(drop, setDrop, p.id, e.currentTarget.checked)} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      {buildError && <p class="error" role="alert">{t(`error_${buildError}`)}</p>}
      {built && !built.ok && (
        <section class="error" role="alert" data-testid="report-issues">
          <p>{t('report_invalid')}</p>
          <ul>
            {built.issues.map((i) => (
              <li key={`${i.path}|${i.code}`}>
                <code>{i.path}</code> {i.code}
              </li>
            ))}
          </ul>
        </section>
      )}
      {built?.ok && (
        <section>
          <h2>{t('report_preview')}</h2>
          <p class="hint">{t('report_previewHelp')}</p>
          <ReportSummary bytes={built.bytes} localName={localName} />
          <details data-testid="report-raw">
            <summary data-testid="report-raw-toggle">{t('report_showRaw')}</summary>
            <p class="hint">{t('report_rawHelp')}</p>
            <pre class="report-preview" tabIndex={0} data-testid="report-preview">
              {built.bytes}
            </pre>
          </details>
          <div class="report-actions">
            {emptyWeeks > 0 && !exportConfirm && (
              <p class="notice" data-testid="report-empty-notice">
                {t('report_emptyBeforeSend')}
              </p>
            )}
            {!exportConfirm ? (
              <button type="button" class="primary" data-testid="report-export" onClick={() => (emptyWeeks > 0 ? setExportConfirm(true) : doExport())}>
                {t('report_export')}
              </button>
            ) : (
              <div role="alertdialog" aria-labelledby="report-export-question" class="notice" data-testid="report-export-confirm-box">
                <p id="report-export-question">{t('report_emptyExportQuestion')}</p>
                <button type="button" class="primary" data-testid="report-export-confirm" onClick={doExport}>
                  {t('report_exportAnyway')}
                </button>
                <button type="button" data-testid="report-export-cancel" onClick={() => setExportConfirm(false)}>
                  {t('report_cancel')}
                </button>
              </div>
            )}
            {state.endpoint && <ReportSubmit endpoint={state.endpoint} bytes={built.bytes} emptyWeek={emptyWeeks > 0} onDone={loadState} />}
          </div>
        </section>
      )}
      {state.pending && <ReportSubmit endpoint={state.endpoint} bytes={state.pending.bytes} pendingError={state.pending.error} onDone={loadState} />}
    </div>
  );
}
