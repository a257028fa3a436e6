/**
 * A folder of report files for the office browser test: 24 cadres over three weeks (one file per cadre, half of
 * them in a subfolder), a portal used by only 9 cadres, an outlier, and every kind of file the import must refuse.
 * The valid reports are returned too, so the test can compute the expected figures on its own.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Level, ReportCategory, ReportTag, WeeklyReport } from '../../core/contracts/report-schema';
import { cadreWeek, type PairUse, type PortalUse } from '../unit/core/office/generated-reports';
import { looseCopy, makeValidFile } from '../unit/core/report/fixtures';

export const WEEKS = ['2026-W10', '2026-W11', '2026-W12'] as const;
export const CADRES = 24;
/** Used by cadres 15–23 (9 a week), and by only 7 of them in the middle week. */
export const SMALL_PORTAL = 'xiao-xt';
export const HTML_PAYLOAD = '<img src=x onerror="window.__pwned=1">';
export const FORMULA_PAYLOAD = "=cmd|' /C calc'!A0";
export const HUGE_FILE_BYTES = 50 * 1024 * 1024;

const usesSmall = (c: number, w: number) => c >= 15 && (w !== 1 || c <= 21);

function portal(name: string, c: number, w: number, activeMinutes: number): PortalUse {
  return {
    portal: name,
    activeMinutes,
    waitMinutes: 3 + ((c + w) % 5),
    daysActive: 1 + ((c + w) % 5),
    logins: 3,
    relogins: 1,
    captchas: (c + w) % 2,
    loginOnlyVisits: c % 2,
    submissions: 10,
    failedSubmissions: (c + w) % 3,
    entries: 50 + c,
    sameFieldRepeats: c % 4,
    crossPortalRepeats: 3,
    uploads: 4,
    repeatedUploads: 1,
    photoUploads: 1,
    screenshotUploads: 1,
  };
}

/** One cadre's week. Minutes vary by cadre and week so that medians and sums mean something. */
export function cadreReport(c: number, w: number): WeeklyReport {
  const portals: PortalUse[] = [portal('zj-mzxt', c, w, 60 + ((c * 37 + w * 53) % 240))];
  const pairs: PairUse[] = [];
  if (c < 20) {
    portals.push(portal('zj-sbxt', c, w, 30 + ((c * 29 + w * 17) % 150)));
    pairs.push({ a: 'zj-mzxt', b: 'zj-sbxt', crossPortalRepeats: 5 + (c % 7), duplicateFilings: c % 3, transfers: 2, repeatedUploads: 1 });
  }
  if (c < 12) {
    portals.push(portal('jcb-ybt', c, w, 20 + ((c * 13 + w * 7) % 90)));
    pairs.push({ a: 'jcb-ybt', b: 'zj-mzxt', crossPortalRepeats: 3 + (c % 5), duplicateFilings: 1 });
  }
  if (usesSmall(c, w)) {
    portals.push(portal(SMALL_PORTAL, c, w, 10 + ((c * 11 + w * 5) % 60)));
    // Far more duplicated work than any other pair: it would top the ranking if it were shown.
    pairs.push({ a: SMALL_PORTAL, b: 'zj-mzxt', crossPortalRepeats: 40, duplicateFilings: 4 });
  }
  if (c < 5) {
    portals.push(portal('other-1', c, w, 15));
    pairs.push({ a: 'other-1', b: 'zj-sbxt', crossPortalRepeats: 2 });
  }
  const categories: ReportCategory[] = [
    { category: 'name', entries: 40, sameFieldRepeats: 5, crossPortalRepeats: 6, portals: 2 },
    { category: 'id-number', entries: 20, sameFieldRepeats: 2, crossPortalRepeats: 4, portals: 2 },
  ];
  if (c < 12) categories.push({ category: 'phone', entries: 10, sameFieldRepeats: 1, crossPortalRepeats: 1, portals: 1 });
  const tags: ReportTag[] = [{ tag: 'learning', visits: 3, activeMinutes: 20 }];
  if (c < 10) tags.push({ tag: 'check-in', visits: 5, activeMinutes: 2 });
  if (usesSmall(c, w)) tags.push({ tag: 'ranking', visits: 1, activeMinutes: 3 });
  const level: Level = c < 12 ? 'township' : 'village';
  return cadreWeek({
    id: `e2e-cadre-${c}-${w}`,
    week: WEEKS[w],
    level,
    region: c % 2 === 0 ? '330106' : '330108',
    portals,
    pairs,
    categories,
    tags,
  });
}

/** 80 hours in one portal: valid by the schema, an outlier for the office. */
export function outlierReport(): WeeklyReport {
  return cadreWeek({ id: 'e2e-outlier', week: WEEKS[2], level: 'township', region: '330106', portals: [portal('zj-mzxt', 0, 2, 5000)] });
}

export interface OfficeFolder {
  dir: string;
  /** Every valid report in the folder, the outlier included, once. */
  reports: WeeklyReport[];
  outlier: WeeklyReport;
  /** File path (relative to `dir`) → reject reason, for every file the import must refuse. */
  rejects: Record<string, string>;
  /** Files whose reports are all kept, and the copy whose reports are all duplicates. */
  acceptedFiles: number;
  duplicateReports: number;
  totalFiles: number;
  cadreFile(c: number): string;
}

const json = (value: unknown) => JSON.stringify(value, null, 1);

export function writeOfficeFolder(root: string): OfficeFolder {
  const dir = path.join(root, 'reports');
  const sub = path.join(dir, 'sub');
  fs.mkdirSync(sub, { recursive: true });
  const reports: WeeklyReport[] = [];
  const cadreFile = (c: number) => (c < 12 ? '' : 'sub/') + `cadre-${String(c).padStart(2, '0')}.json`;
  for (let c = 0; c < CADRES; c++) {
    const mine = WEEKS.map((_, w) => cadreReport(c, w));
    reports.push(...mine);
    fs.writeFileSync(path.join(dir, cadreFile(c)), json(makeValidFile(mine)));
  }
  const outlier = outlierReport();
  reports.push(outlier);
  fs.writeFileSync(path.join(sub, 'outlier.json'), json(makeValidFile([outlier])));
  // The same reports again under another name: accepted as a file, every report dropped as a duplicate.
  fs.copyFileSync(path.join(dir, cadreFile(0)), path.join(dir, 'copy-of-cadre-00.json'));

  const broken = (mutate: (file: ReturnType<typeof looseCopy>) => void) => {
    const file = looseCopy(makeValidFile([cadreReport(0, 0)]));
    mutate(file);
    return json(file);
  };
  const rejects: Record<string, string> = {};
  const reject = (name: string, reason: string, content: string | Buffer) => {
    fs.writeFileSync(path.join(dir, name), content);
    rejects[name] = reason;
  };
  reject('bad-json.json', 'bad-json', '{"schema": "burden-report/1", "reports": [');
  reject('wrong-schema.json', 'wrong-schema', broken((f) => (f.schema = 'burden-report/0')));
  reject(
    'unknown-keys.json',
    'invalid',
    broken((f) => {
      f.reports[0].cadreName = '张三';
      f.exportedFrom = 'C:\\Users\\zhangsan\\Desktop';
    }),
  );
  reject('impossible.json', 'implausible', json(makeValidFile([cadreWeek({ id: 'e2e-impossible', week: WEEKS[0], portals: [{ portal: 'zj-mzxt', activeMinutes: 100 }], totals: { activeMinutes: 20_000 } })])));
  reject('empty.json', 'empty', '');
  reject('sub/huge.json', 'too-large', Buffer.alloc(HUGE_FILE_BYTES, 0x20));
  reject('html-portal.json', 'invalid', broken((f) => (f.reports[0].portals[0].portal = HTML_PAYLOAD)));
  reject('formula-portal.json', 'invalid', broken((f) => (f.reports[0].portals[0].portal = FORMULA_PAYLOAD)));
  // A hostile file name: listed back as text.
  reject('<img src=x onerror="window.__pwned=2">.json', 'bad-json', 'not json');

  return {
    dir,
    reports,
    outlier,
    rejects,
    acceptedFiles: CADRES + 2,
    duplicateReports: WEEKS.length,
    totalFiles: CADRES + 2 + Object.keys(rejects).length,
    cadreFile,
  };
}

/** The office catalog: names and departments, two of them hostile. */
export const CATALOG = [
  { id: 'zj-mzxt', name: `民政业务系统${HTML_PAYLOAD}`, department: '民政局' },
  { id: 'zj-sbxt', name: FORMULA_PAYLOAD, department: '<script>window.__pwned=3</script>人社局' },
  { id: 'jcb-ybt', name: '基层报表通', department: '+SUM(1,2)' },
  { id: SMALL_PORTAL, name: '小型试点系统', department: '试点办' },
];
