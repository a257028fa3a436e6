import { OfficePage } from '../../components/office/office-page';
import { mountPage } from '../../components/shared/page-shell';

mountPage('office_title', <OfficePage />);
