import { browser } from 'wxt/browser';
import { AddPortalForm } from '../shared/add-portal-form';
import { t } from '../shared/i18n';
import { MatcherTester } from './matcher-tester';
import { PolicySources } from './policy-sources';
import { PortalListEditor } from './portal-list-editor';
import { usePortalState } from '../shared/portal-state';
import { DataControls } from './data-controls';
import { EnrollmentCode } from './enrollment-code';
import { PrivacyPanel } from './privacy-panel';
import { rpc } from '../shared/rpc';
import { TimeSettings } from './time-settings';

export function SettingsView() {
  const [state, reload] = usePortalState();
  if (!state) return <p>{t('loading')}</p>;
  const locked = state.policy.lockPortalList;
  const nameOf = (id: string) => state.portals.find((p) => p.id === id)?.name ?? id;
  return (
    <div class="settings" data-testid="settings-view">
      <section>
        <h2>{t('settings_portals')}</h2>
        {locked && <p class="notice" data-testid="list-locked">{t('policy_listLocked')}</p>}
        {state.userPortalsSetAside > 0 && <p class="hint">{t('policy_userPortalsSetAside', state.userPortalsSetAside)}</p>}
        <label class="switch">
          <input
            type="checkbox"
            data-testid="settings-pause"
            checked={state.paused}
            onChange={(e) => rpc('tracking.setPaused', { paused: e.currentTarget.checked }).then(reload)}
          />
          {t('popup_pauseAll')}
        </label>
        <PortalListEditor state={state} reload={reload} />
        {!locked && <AddPortalForm onAdded={reload} />}
      </section>
      <section>
        <h2>{t('settings_time')}</h2>
        <TimeSettings />
      </section>
      <section>
        <h2>{t('settings_tester')}</h2>
        <p class="hint">{t('settings_testerHelp')}</p>
        <MatcherTester portalName={nameOf} />
      </section>
      <section>
        <h2>{t('settings_policy')}</h2>
        <PolicySources state={state} />
      </section>
      <section>
        <h2>{t('settings_enrollment')}</h2>
        <EnrollmentCode />
      </section>
      <section>
        <h2>{t('settings_privacy')}</h2>
        <PrivacyPanel />
      </section>
      <section>
        <h2>{t('settings_data')}</h2>
        <DataControls />
      </section>
      <section>
        <h2>{t('settings_office')}</h2>
        <a data-testid="open-office" href={browser.runtime.getURL('/office.html')}>
          {t('settings_openOffice')}
        </a>
      </section>
    </div>
  );
}
