import { useCallback, useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { PolicyKey, PolicyProblem } from '../../core/contracts/managed-policy';
import type { Portal } from '../../core/portals/portal';
import { rpc } from './rpc';

export interface PortalState {
  portals: (Portal & { missingOrigins: string[] })[];
  userPortalsSetAside: number;
  policy: {
    presentKeys: PolicyKey[];
    lockPortalList: boolean;
    campaign?: string;
    reportEndpoint?: string;
    problems: PolicyProblem[];
  };
  paused: boolean;
  welcomeDone: boolean;
  grantedOrigins: string[];
}

/** The portal list as the background sees it, refreshed whenever the configuration changes. */
export function usePortalState(): [PortalState | null, () => void] {
  const [state, setState] = useState<PortalState | null>(null);
  const reload = useCallback(() => {
    rpc<PortalState>('portals.state', {}).then(setState, () => setState(null));
  }, []);
  useEffect(() => {
    reload();
    const onChange = () => reload();
    browser.storage.onChanged.addListener(onChange);
    browser.permissions.onAdded.addListener(onChange);
    browser.permissions.onRemoved.addListener(onChange);
    return () => {
      browser.storage.onChanged.removeListener(onChange);
      browser.permissions.onAdded.removeListener(onChange);
      browser.permissions.onRemoved.removeListener(onChange);
    };
  }, [reload]);
  return [state, reload];
}
