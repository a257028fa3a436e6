import { useState } from 'preact/hooks';
import { formatPattern } from '../../core/portals/pattern';
import { t } from '../shared/i18n';
import { errorText } from '../shared/error-text';
import { grantAccess } from '../shared/portal-grant';
import type { PortalState } from '../shared/portal-state';
import { rpc } from '../shared/rpc';

/**
 * An address with line-break chances after its dots, slashes and colons: squeezed into its column it wrapped
 * mid-label ("sim.gov.c|n", issue #16); the column's own overflow-wrap stays the fallback for a long label.
 */
const breakableAddress = (address: string) => address.split(/(?<=[./:])/).flatMap((part, i) => (i === 0 ? [part] : [<wbr key={i} />, part]));

/** Rename, merge and remove the cadre's portals; catalog portals are shown but belong to the office. */
export function PortalListEditor({ state, reload }: { state: PortalState; reload: () => void }) {
  const [error, setError] = useState<string | null>(null);
  const [renaming, setRenaming] = useState<{ id: string; name: string } | null>(null);
  const [mergeInto, setMergeInto] = useState<Record<string, string>>({});
  const locked = state.policy.lockPortalList;
  const run = (work: Promise<unknown>) => work.then(() => (setError(null), reload()), (e: unknown) => setError(errorText(e)));
  const mergeTargets = state.portals.filter((p) => p.source !== 'policy');

  return (
    <div>
      {error && <p class="error" role="alert" data-testid="portal-edit-error">{error}</p>}
      <div class="table-wrap">
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
                <td>
                  {p.patterns.map((pattern) => (
                    <code key={formatPattern(pattern)}>{breakableAddress(formatPattern(pattern))} </code>
                  ))}
                </td>
                <td class="nowrap" data-testid={`portal-source-${p.id}`}>{t(`source_${p.source}`)}</td>
                <td class="nowrap">
                  {p.missingOrigins.length === 0 ? (
                    <span data-testid={`portal-access-${p.id}`}>{t('portal_accessGranted')}</span>
                  ) : (
                    <button data-testid={`portal-grant-${p.id}`} aria-label={t('portal_grantLabel', p.name)} onClick={() => run(grantAccess(p.missingOrigins))}>
                      {t('portal_grantAccess')}
                    </button>
                  )}
                </td>
                <td>
                  {editable && (
                    <div class="row-actions">
                      {renaming?.id === p.id ? (
                        <form
                          class="inline-edit"
                          data-testid={`portal-rename-form-${p.id}`}
                          onSubmit={(e) => {
                            e.preventDefault();
                            const name = renaming.name.trim();
                            setRenaming(null);
                            if (name && name !== p.name) run(rpc('portals.rename', { id: p.id, name }));
                          }}
                        >
                          <label>
                            <span class="visually-hidden">{t('portal_renamePrompt')}</span>
                            <input
                              data-testid={`portal-rename-input-${p.id}`}
                              value={renaming.name}
                              maxLength={100}
                              ref={(el) => el?.focus()}
                              onInput={(e) => setRenaming({ id: p.id, name: e.currentTarget.value })}
                              onKeyDown={(e) => e.key === 'Escape' && setRenaming(null)}
                            />
                          </label>
                          <button type="submit" data-testid={`portal-rename-save-${p.id}`}>
                            {t('portal_renameSave')}
                          </button>
                          <button type="button" onClick={() => setRenaming(null)}>
                            {t('report_cancel')}
                          </button>
                        </form>
                      ) : (
                        <button data-testid={`portal-rename-${p.id}`} aria-label={t('portal_renameLabel', p.name)} onClick={() => setRenaming({ id: p.id, name: p.name })}>
                          {t('portal_rename')}
                        </button>
                      )}
                      {mergeTargets.length > 1 && (
                        <span class="merge">
                          <label>
                            <span class="visually-hidden">{t('portal_mergeLabel', p.name)}</span>
                            {/* Choosing only picks the target; the merge waits for the button (arrow keys on a
                                closed select fire change on Windows). */}
                            <select
                              data-testid={`portal-merge-${p.id}`}
                              value={mergeInto[p.id] ?? ''}
                              onChange={(e) => setMergeInto({ ...mergeInto, [p.id]: e.currentTarget.value })}
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
                          </label>
                          <button
                            type="button"
                            data-testid={`portal-merge-go-${p.id}`}
                            disabled={!mergeInto[p.id]}
                            onClick={() => {
                              const into = mergeInto[p.id];
                              if (into && confirm(t('portal_mergeConfirm'))) run(rpc('portals.merge', { from: p.id, into }));
                            }}
                          >
                            {t('portal_mergeGo')}
                          </button>
                        </span>
                      )}
                      <button
                        data-testid={`portal-remove-${p.id}`}
                        aria-label={t('portal_removeLabel', p.name)}
                        onClick={() => confirm(t('portal_removeConfirm', p.name)) && run(rpc('portals.remove', { id: p.id }))}
                      >
                        {t('portal_remove')}
                      </button>
                    </div>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      </div>
      {state.portals.length === 0 && <p class="empty">{t('portal_none')}</p>}
    </div>
  );
}
