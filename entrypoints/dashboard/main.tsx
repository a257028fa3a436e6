import { DashboardPage } from '../../components/dashboard/dashboard-page';
import { startEarlyOverviewRead } from '../../components/dashboard/overview-first-read';
import { mountPage } from '../../components/shared/page-shell';

// Before the first render: asked from the view's effect, the worker would start reading only after a first paint.
startEarlyOverviewRead(location.hash, new Date());
mountPage('dashboard_title', <DashboardPage />);
