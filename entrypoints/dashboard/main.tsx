import { DashboardPage } from '../../components/dashboard-page';
import { startEarlyOverviewRead } from '../../components/overview-first-read';
import { mountPage } from '../../components/page-shell';

// Before the first render: asked from the view's effect, the worker would start reading only after a first paint.
startEarlyOverviewRead(location.hash, new Date());
mountPage('dashboard_title', <DashboardPage />);
