import { useEffect, useState } from 'preact/hooks';
import { FrictionTable } from './submissions-view';
import { OverviewView } from './overview-view';
import { portalIdFromHash } from './portal-route';
import { LazyView } from '../shared/lazy-view';
import { t } from '../shared/i18n';

export const DASHBOARD_VIEWS = ['overview', 'entries', 'uploads', 'report', 'settings'] as const;
type View = (typeof DASHBOARD_VIEWS)[number];

// Module-level, so each view's chunk is asked for once however often the cadre switches views.
const loadSettings = () => import('../settings/settings-view').then((m) => m.SettingsView);
const loadEntries = () => import('./entries-view').then((m) => m.EntriesView);
const loadReport = () => import('./report-view').then((m) => m.ReportView);
const loadUploads = () => import('./uploads-view').then((m) => m.UploadsView);
const loadPortal = () => import('./portal-view').then((m) => m.PortalView);

interface Route {
  view: View;
  /** `#portal/<id>`: one portal's page, under the overview in the navigation. */
  portal: string | null;
}

const routeFromHash = (): Route => {
  const portal = portalIdFromHash(location.hash);
  if (portal) return { view: 'overview', portal };
  const hash = location.hash.slice(1) as View;
  return { view: DASHBOARD_VIEWS.includes(hash) ? hash : 'overview', portal: null };
};

/** The cadre's own picture. Views that later work fills say so plainly instead of showing made-up figures. */
export function DashboardPage() {
  const [route, setRoute] = useState<Route>(routeFromHash);
  const [figuresShown, setFiguresShown] = useState(false);
  const view = route.view;
  useEffect(() => {
    const onHash = () => setRoute(routeFromHash());
    addEventListener('hashchange', onHash);
    return () => removeEventListener('hashchange', onHash);
  }, []);

  return (
    <div class="dashboard">
      <nav aria-label={t('dashboard_nav')}>
        <strong>{t('extName')}</strong>
        {DASHBOARD_VIEWS.map((v) => (
          <a key={v} href={`#${v}`} data-testid={`nav-${v}`} aria-current={v === view && !route.portal ? 'page' : undefined}>
            {t(`nav_${v}`)}
          </a>
        ))}
      </nav>
      <main class="page">
        <h1 data-testid="view-title">{route.portal ? t('portal_title') : t(`nav_${view}`)}</h1>
        {route.portal ? (
          <LazyView load={loadPortal} props={{ portalId: route.portal }} />
        ) : view === 'settings' ? (
          <LazyView load={loadSettings} />
        ) : view === 'entries' ? (
          <LazyView load={loadEntries} />
        ) : view === 'overview' ? (
          <>
            {/* The friction table asks the worker only once the overview's figures are on screen: asked together,
                the two reads share the worker and both arrive later (npm run bench report). */}
            <OverviewView onFigures={() => setFiguresShown(true)} />
            {figuresShown && <FrictionTable />}
          </>
        ) : view === 'report' ? (
          <LazyView load={loadReport} />
        ) : view === 'uploads' ? (
          <LazyView load={loadUploads} />
        ) : (
          <>
            <p class="empty" data-testid={`view-empty-${view}`}>
              {t(`view_${view}_empty`)}
            </p>
          </>
        )}
      </main>
    </div>
  );
}
