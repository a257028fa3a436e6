import { t } from '../shared/i18n';
import type { PortalState } from '../shared/portal-state';

/** 配置来源: every value the office set through browser policy, so the cadre can see who decided what. */
export function PolicySources({ state }: { state: PortalState }) {
  const { policy } = state;
  const catalog = state.portals.filter((p) => p.source === 'policy');
  if (policy.presentKeys.length === 0) return <p data-testid="policy-none">{t('policy_none')}</p>;
  return (
    <dl class="policy-sources" data-testid="policy-sources">
      {policy.presentKeys.includes('catalog') && (
        <>
          <dt>{t('policy_catalog')}</dt>
          <dd data-testid="policy-catalog">
            {t('policy_catalogCount', catalog.length)} <span class="badge">{t('policy_fromPolicy')}</span>
          </dd>
        </>
      )}
      {policy.presentKeys.includes('lockPortalList') && (
        <>
          <dt>{t('policy_lock')}</dt>
          <dd data-testid="policy-lock">
            {t(policy.lockPortalList ? 'policy_locked' : 'policy_unlocked')} <span class="badge">{t('policy_fromPolicy')}</span>
          </dd>
        </>
      )}
      {policy.campaign && (
        <>
          <dt>{t('policy_campaign')}</dt>
          <dd data-testid="policy-campaign">
            <code>{policy.campaign}</code> <span class="badge">{t('policy_fromPolicy')}</span>
          </dd>
        </>
      )}
      {policy.reportEndpoint && (
        <>
          <dt>{t('policy_endpoint')}</dt>
          <dd data-testid="policy-endpoint">
            <code>{policy.reportEndpoint}</code> <span class="badge">{t('policy_fromPolicy')}</span>
            <div class="hint">{t('policy_endpointHint')}</div>
          </dd>
        </>
      )}
      {policy.presentKeys.includes('enrollmentCode') && (
        <>
          <dt>{t('policy_enrollmentCode')}</dt>
          <dd data-testid="policy-enrollment-code">
            {t('policy_enrollmentCodeHint')} <span class="badge">{t('policy_fromPolicy')}</span>
          </dd>
        </>
      )}
      {policy.problems.length > 0 && (
        <>
          <dt>{t('policy_problems')}</dt>
          <dd data-testid="policy-problems">
            {policy.problems.map((p, i) => (
              <div key={i}>{t(`policy_problem_${p.code.replace(/-/g, '_')}`, [p.key, p.index === undefined ? '' : String(p.index + 1)])}</div>
            ))}
          </dd>
        </>
      )}
    </dl>
  );
}
