import { OfficePage } from '../../components/office-page';
import { mountPage } from '../../components/page-shell';

mountPage('office_title', <OfficePage />);
