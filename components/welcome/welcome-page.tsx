import { useState } from 'preact/hooks';
import { ALL_GOV_CN, PRESET_PORTALS, type PresetPortal } from '../../core/portals/presets';
import { AddPortalForm } from '../shared/add-portal-form';
import { t } from '../shared/i18n';
import { grantAndAdd, grantAccess } from '../shared/portal-grant';
import { usePortalState } from '../shared/portal-state';
import { PrivacySummary } from '../shared/privacy-summary';
import { rpc } from '../shared/rpc';

/** First run: what is recorded, what never is, and the cadre's own choice of portals. Nothing before that. */
export function WelcomePage() {
  const [state, reload] = usePortalState();
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [status, setStatus] = useState<{ kind: 'done' | 'error'; key: string } | null>(null);
  const listed = new Set(state?.portals.map((p) => p.id));
  const locked = state?.policy.lockPortalList ?? false;
  const catalogMissing = state?.portals.filter((p) => p.source === 'policy' && p.missingOrigins.length) ?? [];

  const toggle = (id: string) =>
    setChosen((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const start = () => {
    const picks = [...PRESET_PORTALS, ALL_GOV_CN].filter((p) => chosen.has(p.id) && !listed.has(p.id));
    const work = picks.length
      ? grantAndAdd(picks.map((p: PresetPortal) => ({ id: p.id, name: t(p.nameKey), patterns: p.patterns, source: 'preset' as const })))
      : Promise.resolve([]);
    work
      .then(() => rpc('settings.completeWelcome', {}))
      .then(
        () => {
          setChosen(new Set());
          setStatus({ kind: 'done', key: 'welcome_done' });
          reload();
        },
        (e: Error) => setStatus({ kind: 'error', key: `error_${e.message}` }),
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
        />
        {t(p.nameKey)}
        {listed.has(p.id) && <span class="badge">{t('welcome_alreadyTracked')}</span>}
      </label>
    </li>
  );

  return (
    <main class="page welcome">
      <h1>{t('welcome_title')}</h1>
      <p class="lead">{t('welcome_lead')}</p>
      <PrivacySummary />
      <section>
        <h2>{t('welcome_chooseTitle')}</h2>
        <p>{t('welcome_chooseHelp')}</p>
        {locked && <p class="notice" data-testid="welcome-locked">{t('policy_listLocked')}</p>}
        {catalogMissing.length > 0 && (
          <p class="notice">
            {t('welcome_catalogNeedsAccess', catalogMissing.length)}{' '}
            <button data-testid="grant-catalog" onClick={() => grantAccess([...new Set(catalogMissing.flatMap((p) => p.missingOrigins))]).then(reload, reload)}>
              {t('portal_grantAccess')}
            </button>
          </p>
        )}
        <ul class="checklist">{PRESET_PORTALS.map((p) => checkbox(p))}</ul>
        <ul class="checklist">{checkbox(ALL_GOV_CN, 'all-gov')}</ul>
        <p class="hint">{t('welcome_allGovCnWarning')}</p>
        <h3>{t('welcome_customTitle')}</h3>
        <AddPortalForm disabled={locked} onAdded={reload} />
        <button class="primary" data-testid="welcome-start" onClick={start}>
          {t('welcome_start')}
        </button>
        {status && (
          <p class={status.kind} role="status" data-testid="welcome-status">
            {t(status.key)}
          </p>
        )}
      </section>
    </main>
  );
}
