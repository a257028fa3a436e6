import { useState } from 'preact/hooks';
import { parsePatternInput } from '../../core/portals/pattern';
import { t } from './i18n';
import { grantAndAdd } from './portal-grant';

/** Scheme, host (IPs and ports welcome: intranet systems live at http://10.x.x.x:8080), optional path prefix. */
export function AddPortalForm({ disabled, onAdded }: { disabled?: boolean; onAdded?: () => void }) {
  const [address, setAddress] = useState('');
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const parsed = address.trim() ? parsePatternInput(address) : null;

  const submit = (event: Event) => {
    event.preventDefault();
    if (!parsed?.ok) return setError(`error_pattern_${parsed?.error ?? 'empty'}`);
    const displayName = name.trim() || parsed.pattern.host;
    setError(null);
    // No await before grantAndAdd: the permission prompt needs this click's gesture.
    grantAndAdd([{ name: displayName, patterns: [parsed.pattern], source: 'user' }]).then(
      () => {
        setAddress('');
        setName('');
        onAdded?.();
      },
      (e: Error) => setError(`error_${e.message}`),
    );
  };

  return (
    <form class="add-portal" onSubmit={submit} data-testid="add-portal-form">
      <label>
        {t('addPortal_address')}
        <input
          data-testid="add-portal-address"
          value={address}
          placeholder="http://10.1.2.3:8080/app/"
          onInput={(e) => setAddress(e.currentTarget.value)}
          disabled={disabled}
        />
      </label>
      <label>
        {t('addPortal_name')}
        <input data-testid="add-portal-name" value={name} maxLength={100} onInput={(e) => setName(e.currentTarget.value)} disabled={disabled} />
      </label>
      <button type="submit" data-testid="add-portal-submit" disabled={disabled}>
        {t('addPortal_submit')}
      </button>
      {parsed && !parsed.ok && <p class="hint">{t(`error_pattern_${parsed.error}`)}</p>}
      {error && <p class="error" role="alert" data-testid="add-portal-error">{t(error)}</p>}
    </form>
  );
}
