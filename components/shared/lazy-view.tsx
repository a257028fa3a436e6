import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { t } from './i18n';

/**
 * A dashboard view loaded when it is first shown. The overview is what opens first and must paint fast with a
 * year of data; settings, entries, uploads and the report builder bring zod, the portal editor and the schema,
 * which would otherwise be parsed before the overview's first figure.
 */
export function LazyView<P extends Record<string, unknown> = Record<string, never>>(props: { load: () => Promise<ComponentType<P>>; props?: P }) {
  const [View, setView] = useState<ComponentType<P> | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    props.load().then(
      (component) => live && setView(() => component),
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, [props.load]);
  if (failed) return <p role="alert">{t('error_view_load')}</p>;
  return View ? <View {...(props.props ?? ({} as P))} /> : <p>{t('loading')}</p>;
}
