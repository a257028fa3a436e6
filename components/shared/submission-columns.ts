import type { FrictionTotals } from '../../core/submissions/totals';
import { t } from './i18n';

export type FrictionColumn = Exclude<keyof FrictionTotals, 'portalId'>;

/** The friction counts in the order the popup and the dashboard show them, each with its header. */
export const FRICTION_COLUMNS: readonly { key: FrictionColumn; header: () => string }[] = [
  { key: 'submissions', header: () => t('col_submissions') },
  { key: 'failedSubmissions', header: () => t('col_failedSubmissions') },
  { key: 'logins', header: () => t('col_logins') },
  { key: 'relogins', header: () => t('col_relogins') },
  { key: 'captchas', header: () => t('col_captchas') },
  { key: 'accounts', header: () => t('col_accounts') },
  { key: 'loginOnlyVisits', header: () => t('col_loginOnlyVisits') },
];
