import { useState } from 'preact/hooks';
import type { MatchResult } from '../../core/portals/match';
import { formatPattern } from '../../core/portals/pattern';
import { t } from '../shared/i18n';
import { rpc } from '../shared/rpc';

/** "Is this address tracked, as which portal, and why?" — the same matcher the page observer runs. */
export function MatcherTester({ portalName }: { portalName: (id: string) => string }) {
  const [url, setUrl] = useState('');
  const [result, setResult] = useState<MatchResult | null>(null);

  const test = (event: Event) => {
    event.preventDefault();
    rpc('matcher.test', { url }).then(setResult, () => setResult(null));
  };

  return (
    <form class="matcher-tester" onSubmit={test}>
      <input data-testid="matcher-url" value={url} placeholder="https://zwfw.example.gov.cn/app/" onInput={(e) => setUrl(e.currentTarget.value)} />
      <button type="submit" data-testid="matcher-test">
        {t('matcher_test')}
      </button>
      {result && (
        <p data-testid="matcher-result" data-tracked={String(result.tracked)} class={result.tracked ? 'ok' : 'no'}>
          {result.tracked
            ? t('matcher_tracked', [portalName(result.portalId), formatPattern(result.pattern)])
            : t(`matcher_why_${result.why.replace(/-/g, '_')}`, result.portalId ? portalName(result.portalId) : '')}
        </p>
      )}
    </form>
  );
}
