import { useState } from 'preact/hooks';
import { formatPattern } from '../../core/portals/pattern';
import { t } from '../shared/i18n';
import { grantAccess } from '../shared/portal-grant';
import type { PortalState } from '../shared/portal-state';
import { rpc } from '../shared/rpc';

/** Rename, merge and remove the cadre's portals; catalog portals are shown but belong to the office. */
export function PortalListEditor({ state, reload }: { state: PortalState; reload: () => void }) {
  const [error, setError] = useState<string | null>(null);
  const locked = state.policy.lockPortalList;
  const run = (work: Promise<unknown>) => work.then(() => (setError(null), reload()), (e: Error) => setError(`error_${e.message}`));
  const mergeTargets = state.portals.filter((p) => p.source !== 'policy');

  return (
    <div>
      {error && <p class="error" role="alert" data-testid="portal-edit-error">{t(error)}</p>}
      <table class="portal-list" data-testid="portal-list">
        <thead>
          <tr>
            <th>{t('col_portal')}</th>
            <th>{t('col_addresses')}</th>
            <th>{t('col_source')}</th>
            <th>{t('col_access')}</th>
            <th>{t('col_actions')}</th>
          </tr>
        </thead>
        <tbody>
          {state.portals.map((p) => {
            const editable = p.source !== 'policy' && !locked;
            return (
              <tr key={p.id} data-testid={`portal-row-${p.id}`}>
                <td>
                  {p.name}
                  {p.department && <div class="hint">{p.department}</div>}
                </td>
                <td>{p.patterns.map((pattern) => <code key={formatPattern(pattern)}>{formatPattern(pattern)} </code>)}</td>
                <td data-testid={`portal-source-${p.id}`}>{t(`source_${p.source}`)}</td>
                <td>
                  {p.missingOrigins.length === 0 ? (
                    <span data-testid={`portal-access-${p.id}`}>{t('portal_accessGranted')}</span>
                  ) : (
                    <button data-testid={`portal-grant-${p.id}`} onClick={() => run(grantAccess(p.missingOrigins))}>
                      {t('portal_grantAccess')}
                    </button>
                  )}
                </td>
                <td>
                  {editable && (
                    <>
                      <button
                        data-testid={`portal-rename-${p.id}`}
                        onClick={() => {
                          const name = prompt(t('portal_renamePrompt'), p.name);
                          if (name !== null) run(rpc('portals.rename', { id: p.id, name }));
                        }}
                      >
                        {t('portal_rename')}
                      </button>
                      {mergeTargets.length > 1 && (
                        <select
                          data-testid={`portal-merge-${p.id}`}
                          value=""
                          onChange={(e) => {
                            const into = e.currentTarget.value;
                            if (into && confirm(t('portal_mergeConfirm'))) run(rpc('portals.merge', { from: p.id, into }));
                          }}
                        >
                          <option value="">{t('portal_mergeInto')}</option>
                          {mergeTargets
                            .filter((o) => o.id !== p.id)
                            .map((o) => (
                              <option key={o.id} value={o.id}>
                                {o.name}
                              </option>
                            ))}
                        </select>
                      )}
                      <button
                        data-testid={`portal-remove-${p.id}`}
                        onClick={() => confirm(t('portal_removeConfirm', p.name)) && run(rpc('portals.remove', { id: p.id }))}
                      >
                        {t('portal_remove')}
                      </button>
                    </>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {state.portals.length === 0 && <p class="empty">{t('portal_none')}</p>}
    </div>
  );
}
