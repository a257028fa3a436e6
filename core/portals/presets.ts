import type { PortalPattern } from './portal';

/**
 * The welcome page's checklist: common national and provincial portals that grassroots cadres use. Names are
 * locale keys; hosts are the portals' public addresses. "All of gov.cn" is a separate, explicit choice
 * because it hands the extension every government site.
 */
export interface PresetPortal {
  id: string;
  nameKey: string;
  patterns: PortalPattern[];
}

const https = (host: string, pathPrefix?: string): PortalPattern => ({
  scheme: 'https',
  host,
  ...(pathPrefix && { pathPrefix }),
});

export const PRESET_PORTALS: readonly PresetPortal[] = [
  { id: 'gjzwfw', nameKey: 'preset_gjzwfw', patterns: [https('gjzwfw.www.gov.cn')] },
  { id: 'si12333', nameKey: 'preset_si12333', patterns: [https('si.12333.gov.cn')] },
  { id: 'xuexi', nameKey: 'preset_xuexi', patterns: [https('www.xuexi.cn'), https('pc.xuexi.cn')] },
  { id: 'gdzwfw', nameKey: 'preset_gdzwfw', patterns: [https('www.gdzwfw.gov.cn')] },
  { id: 'zjzwfw', nameKey: 'preset_zjzwfw', patterns: [https('www.zjzwfw.gov.cn')] },
  { id: 'jszwfw', nameKey: 'preset_jszwfw', patterns: [https('www.jszwfw.gov.cn')] },
  { id: 'sczwfw', nameKey: 'preset_sczwfw', patterns: [https('www.sczwfw.gov.cn')] },
  { id: 'shyiwang', nameKey: 'preset_shyiwang', patterns: [https('zwdt.sh.gov.cn')] },
  { id: 'bjbanshi', nameKey: 'preset_bjbanshi', patterns: [https('banshi.beijing.gov.cn')] },
];

export const ALL_GOV_CN: PresetPortal = {
  id: 'all-gov-cn',
  nameKey: 'preset_allGovCn',
  patterns: [{ scheme: '*', host: '*.gov.cn', port: '*' }],
};
