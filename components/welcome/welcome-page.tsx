import { useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { ALL_GOV_CN, PRESET_PORTALS, type PresetPortal } from '../../core/portals/presets';
import { AddPortalForm } from '../shared/add-portal-form';
import { errorText } from '../shared/error-text';
import { t } from '../shared/i18n';
import { grantAndAdd, grantAccess } from '../shared/portal-grant';
import { usePortalState } from '../shared/portal-state';
import { PrivacySummary } from '../shared/privacy-summary';
import { rpc } from '../shared/rpc';

type StepState = 'waiting' | 'busy' | 'done' | 'failed';
interface Progress {
  grant: StepState;
  add: StepState;
  finish: StepState;
  error?: string;
}

/** First run: what is recorded, what never is, and the cadre's own choice of portals. Nothing before that. */
export function WelcomePage() {
  const [state, reload] = usePortalState();
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [progress, setProgress] = useState<Progress | null>(null);
  const listed = new Set(state?.portals.map((p) => p.id));
  const locked = state?.policy.lockPortalList ?? false;
  const catalogMissing = state?.portals.filter((p) => p.source === 'policy' && p.missingOrigins.length) ?? [];
  const finished = progress?.finish === 'done';

  const toggle = (id: string) =>
    setChosen((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const start = () => {
    const picks = [...PRESET_PORTALS, ALL_GOV_CN].filter((p) => chosen.has(p.id) && !listed.has(p.id));
    setProgress({ grant: picks.length ? 'busy' : 'done', add: picks.length ? 'waiting' : 'done', finish: 'waiting' });
    // Straight from the click: the permission prompt needs its gesture.
    const work = picks.length
      ? grantAndAdd(
          picks.map((p: PresetPortal) => ({ id: p.id, name: t(p.nameKey), patterns: p.patterns, source: 'preset' as const })),
          () => setProgress((s) => s && { ...s, grant: 'done', add: 'busy' }),
        )
      : Promise.resolve([]);
    work
      .then(() => (setProgress((s) => s && { ...s, add: 'done', finish: 'busy' }), rpc('settings.completeWelcome', {})))
      .then(
        () => {
          setChosen(new Set());
          setProgress({ grant: 'done', add: 'done', finish: 'done' });
          reload();
        },
        (e: unknown) =>
          setProgress((s) => ({
            grant: s?.grant === 'busy' ? 'failed' : (s?.grant ?? 'failed'),
            add: s?.add === 'busy' ? 'failed' : (s?.add ?? 'waiting'),
            finish: s?.finish === 'busy' ? 'failed' : 'waiting',
            error: errorText(e),
          })),
      );
  };

  const checkbox = (p: PresetPortal, extraClass = '') => (
    <li key={p.id} class={extraClass}>
      <label>
        <input
          type="checkbox"
          data-testid={`preset-${p.id}`}
          checked={listed.has(p.id) || chosen.has(p.id)}
          disabled={listed.has(p.id) || locked}
          onChange={() => toggle(p.id)}
        />{' '}
        {t(p.nameKey)}
        {listed.has(p.id) && <span class="badge">{t('welcome_alreadyTracked')}</span>}
      </label>
    </li>
  );

  const stateWords: Record<StepState, string> = {
    waiting: t('welcome_state_waiting'),
    busy: t('welcome_state_busy'),
    done: t('welcome_state_done'),
    failed: t('welcome_state_failed'),
  };
  const step = (key: string, label: string, s: StepState) => (
    <li data-state={s} data-testid={`welcome-step-${key}`}>
      {label}
      <span class="visually-hidden"> {stateWords[s]}</span>
    </li>
  );

  return (
    <main class="page welcome">
      <h1>{t('welcome_title')}</h1>
      <p class="lead">{t('welcome_lead')}</p>
      <PrivacySummary level={2} />
      {finished && (
        <div class="done-banner" role="status" data-testid="welcome-status" tabIndex={-1} ref={(el) => el?.focus()}>
          <h2>{t('welcome_doneTitle')}</h2>
          <p>{t('welcome_done')}</p>
          <a class="button primary" data-testid="welcome-open-dashboard" href={browser.runtime.getURL('/dashboard.html')}>
            {t('popup_openDashboard')}
          </a>
        </div>
      )}
      <section>
        <h2>{t('welcome_chooseTitle')}</h2>
        {/* Until the configuration is read, the list is not drawn: a locked office catalog must not flash an
            unlocked checklist first (issue #16). */}
        {!state ? (
          <p data-testid="welcome-loading">{t('loading')}</p>
        ) : locked ? (
          <p class="notice" data-testid="welcome-locked">{t('policy_listLocked')}</p>
        ) : (
          <>
            <p>{t('welcome_chooseHelp')}</p>
            <ul class="checklist">{PRESET_PORTALS.map((p) => checkbox(p))}</ul>
            <ul class="checklist">{checkbox(ALL_GOV_CN, 'all-gov')}</ul>
            <p class="hint">{t('welcome_allGovCnWarning')}</p>
            <h3>{t('welcome_customTitle')}</h3>
            <AddPortalForm onAdded={reload} />
          </>
        )}
        {catalogMissing.length > 0 && (
          <p class="notice">
            {t('welcome_catalogNeedsAccess', catalogMissing.length)}{' '}
            <button data-testid="grant-catalog" onClick={() => grantAccess([...new Set(catalogMissing.flatMap((p) => p.missingOrigins))]).then(reload, reload)}>
              {t('portal_grantAccess')}
            </button>
          </p>
        )}
        {state && (
          <button class="primary" data-testid="welcome-start" onClick={start} disabled={progress?.finish === 'busy'}>
            {t('welcome_start')}
          </button>
        )}
        {progress && !finished && (
          <div role="status" data-testid="welcome-progress">
            <ol class="steps">
              {step('grant', t('welcome_step_grant'), progress.grant)}
              {step('add', t('welcome_step_add'), progress.add)}
              {step('finish', t('welcome_step_finish'), progress.finish)}
            </ol>
            {progress.error && (
              <p class="error" role="alert" data-testid="welcome-error">
                {progress.error}
              </p>
            )}
          </div>
        )}
      </section>
    </main>
  );
}
