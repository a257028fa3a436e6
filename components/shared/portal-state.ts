import { useCallback, useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { PortalsState } from '../../core/contracts/message-replies';
import { rpc } from './rpc';

/** The portal list, policy and switches as the worker answers `portals.state`. */
export type PortalState = PortalsState;

/** The portal list as the background sees it, refreshed whenever the configuration changes. */
export function usePortalState(): [PortalState | null, () => void] {
  const [state, setState] = useState<PortalState | null>(null);
  const reload = useCallback(() => {
    rpc('portals.state', {}).then(setState, () => setState(null));
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
