import type { Level, PageTagInReport, WorkDomain } from '../../core/contracts/report-schema';

/** Locale keys of the fixed list of work domains a cadre may add to a report. */
export const DOMAIN_KEYS: Record<WorkDomain, string> = {
  'civil-affairs': 'report_domain_civil_affairs',
  'social-security': 'report_domain_social_security',
  health: 'report_domain_health',
  agriculture: 'report_domain_agriculture',
  'natural-resources': 'report_domain_natural_resources',
  emergency: 'report_domain_emergency',
  'party-building': 'report_domain_party_building',
  'comprehensive-governance': 'report_domain_comprehensive_governance',
  statistics: 'report_domain_statistics',
  education: 'report_domain_education',
  other: 'report_domain_other',
};

/**
 * Locale keys of levels and page tags, shared with the office page's catalog entries. Kept here rather than
 * imported from office-labels.ts, which would pull the office tables' chunk into the dashboard's first paint.
 */
export const LEVEL_LABEL_KEYS: Record<Level, string> = {
  village: 'office_level_village',
  community: 'office_level_community',
  township: 'office_level_township',
  street: 'office_level_street',
  county: 'office_level_county',
  other: 'office_level_other',
};

export const TAG_LABEL_KEYS: Record<PageTagInReport, string> = {
  'check-in': 'office_tag_check_in',
  ranking: 'office_tag_ranking',
  learning: 'office_tag_learning',
  'work-order': 'office_tag_work_order',
  login: 'office_tag_login',
};
