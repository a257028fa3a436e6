import { mountPage } from '../../components/shared/page-shell';
import { WelcomePage } from '../../components/welcome/welcome-page';

mountPage('welcome_title', <WelcomePage />);
