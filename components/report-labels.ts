import type { WorkDomain } from '../core/report-schema';

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
