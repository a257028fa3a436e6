import { mountPage } from '../../components/page-shell';
import { WelcomePage } from '../../components/welcome-page';

mountPage('welcome_title', <WelcomePage />);
