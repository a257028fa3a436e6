import { DashboardPage } from '../../components/dashboard-page';
import { mountPage } from '../../components/page-shell';

mountPage('dashboard_title', <DashboardPage />);
