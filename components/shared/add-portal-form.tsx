import { useState } from 'preact/hooks';
import { parsePatternInput } from '../../core/portals/pattern';
import type { PortalPattern } from '../../core/portals/portal';
import { errorText } from './error-text';
import { t } from './i18n';
import { grantAndAdd } from './portal-grant';

type Step = 'asking' | 'adding' | 'added' | null;

/** What a pattern will measure, in words: "http 和 https · zwfw.example.gov.cn，端口 8080，路径 /app 之下". */
export function describePattern(p: PortalPattern): string {
  const scheme = p.scheme === '*' ? t('addPortal_bothSchemes') : p.scheme;
  const port = p.port === undefined ? '' : p.port === '*' ? t('addPortal_anyPort') : t('addPortal_port', String(p.port));
  const path = p.pathPrefix ? t('addPortal_path', p.pathPrefix) : '';
  return t('addPortal_willMeasure', [scheme, p.host + port + path]);
}

/**
 * Scheme, host (IPs and ports welcome: intranet systems live at http://10.x.x.x:8080), optional path prefix.
 * The address is read as it is typed (no scheme means http and https), and what it will measure is shown
 * before the click, so `zwfw.example.gov.cn` is as good as a full address.
 */
export function AddPortalForm({ disabled, onAdded }: { disabled?: boolean; onAdded?: () => void }) {
  const [address, setAddress] = useState('');
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [step, setStep] = useState<Step>(null);
  const [addedName, setAddedName] = useState('');
  const parsed = address.trim() ? parsePatternInput(address) : null;

  const submit = (event: Event) => {
    event.preventDefault();
    if (!parsed?.ok) return setError(t(`error_pattern_${parsed?.error ?? 'empty'}`));
    const displayName = name.trim() || parsed.pattern.host;
    setError(null);
    setStep('asking');
    // No await before grantAndAdd: the permission prompt needs this click's gesture.
    grantAndAdd([{ name: displayName, patterns: [parsed.pattern], source: 'user' }], () => setStep('adding')).then(
      () => {
        setAddress('');
        setName('');
        setAddedName(displayName);
        setStep('added');
        onAdded?.();
      },
      (e: unknown) => {
        setStep(null);
        setError(errorText(e));
      },
    );
  };

  return (
    <form class="add-portal" onSubmit={submit} data-testid="add-portal-form">
      <div class="field-row">
        <label>
          {t('addPortal_address')}
          <input
            data-testid="add-portal-address"
            value={address}
            placeholder="zwfw.example.gov.cn"
            autoComplete="off"
            spellcheck={false}
            aria-describedby="add-portal-reading"
            onInput={(e) => (setAddress(e.currentTarget.value), setStep(null))}
            disabled={disabled}
          />
        </label>
        <label>
          {t('addPortal_name')}
          <input data-testid="add-portal-name" value={name} maxLength={100} onInput={(e) => setName(e.currentTarget.value)} disabled={disabled} />
        </label>
        <button type="submit" data-testid="add-portal-submit" disabled={disabled || step === 'asking' || step === 'adding'}>
          {t('addPortal_submit')}
        </button>
      </div>
      <p class="hint" id="add-portal-reading" data-testid="add-portal-reading" aria-live="polite">
        {!parsed ? t('addPortal_examples') : parsed.ok ? describePattern(parsed.pattern) : t(`error_pattern_${parsed.error}`)}
      </p>
      {step && (
        <p role="status" class={step === 'added' ? 'ok' : ''} data-testid="add-portal-status" data-step={step}>
          {step === 'asking' ? t('addPortal_asking') : step === 'adding' ? t('addPortal_adding') : t('addPortal_added', addedName)}
        </p>
      )}
      {error && <p class="error" role="alert" data-testid="add-portal-error">{error}</p>}
    </form>
  );
}
