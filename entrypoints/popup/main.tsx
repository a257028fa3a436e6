import { mountPage } from '../../components/page-shell';
import { PopupPage } from '../../components/popup-page';

mountPage('popup_today', <PopupPage />);
