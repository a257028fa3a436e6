import { mountPage } from '../../components/shared/page-shell';
import { PopupPage } from '../../components/popup/popup-page';

mountPage('popup_today', <PopupPage />);
