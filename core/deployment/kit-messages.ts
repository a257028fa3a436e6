import type { PatternInputError } from '../portals/pattern';
import type { KitProblem } from './kit-policy';

/**
 * What `npm run kit` says to the office, zh-CN first and en complete. Kept apart from public/_locales because the
 * kit runs on the office's computer, not in the extension, and must not grow the extension's download.
 */
export type KitLang = 'zh-CN' | 'en';

const PATTERN_REASON: Record<KitLang, Record<PatternInputError, string>> = {
  'zh-CN': {
    empty: '地址为空',
    'bad-scheme': '只能是 http 或 https',
    'bad-host': '主机名不合规（应为域名、IP 地址或 *.后缀）',
    'bad-port': '端口不合规（1–65535 或 *）',
    'bad-path': '路径不合规（不能含 ? 或 #）',
  },
  en: {
    empty: 'the address is empty',
    'bad-scheme': 'only http or https',
    'bad-host': 'not a valid host (a domain name, an IP address or *.suffix)',
    'bad-port': 'not a valid port (1–65535 or *)',
    'bad-path': 'not a valid path (no ? or #)',
  },
};

const TEXT = {
  'zh-CN': {
    refused: '目录未通过检查，没有写出任何文件：',
    sep: '：',
    entry: (index: number, id?: string, name?: string) =>
      `目录第 ${index + 1} 项${id !== undefined ? `（id “${id}”${name !== undefined ? `，名称 “${name}”` : ''}）` : name !== undefined ? `（名称 “${name}”）` : ''}`,
    'catalog-shape': '目录文件应当是平台条目的数组，或带 “catalog” 数组的对象。',
    'catalog-empty': '目录是空的：至少需要一个平台。',
    'entry-not-object': '不是对象。',
    'entry-unknown-key': (key: string) => `有扩展不认识的字段 “${key}”（可用：id、name、department、patterns、tags）。`,
    'entry-invalid': {
      id: 'id 只能用小写字母、数字和连字符，以字母或数字开头，最多 64 个字符。',
      name: '名称（name）必须有，最多 100 个字。',
      department: '部门（department）最多 100 个字。',
      patterns: 'patterns 必须是至少包含一个地址的列表。',
      tags: 'tags 每项须有以 / 开头的 pathPrefix，tag 只能是 check-in、ranking、learning、work-order、login。',
    },
    'entry-pattern': (pattern: string, reason: string) => `地址 “${pattern}” 无效：${reason}。`,
    'entry-duplicate-id': 'id 与前面的条目重复。',
    'setting-invalid': {
      campaign: '活动编号（--campaign）只能用字母、数字和 . _ -，最多 64 个字符。',
      reportEndpoint: '报送地址（--endpoint）必须是 https:// 开头的完整网址。',
      lockPortalList: 'lockPortalList 必须是 true 或 false。',
      enrollmentCode: '注册码（enrollmentCode）格式不对；注册码每位干部一个，不要写进全体共用的安装包。',
    },
    'file-unknown-key': (key: string) => `目录文件里有不认识的字段 “${key}”（可用：catalog、lockPortalList、campaign、reportEndpoint）。`,
    badJson: (file: string, reason: string) => `无法读取目录文件 ${file}：${reason}`,
    noCatalog: '请用 --catalog 指定目录文件（JSON）。',
    noBuild: (dir: string) => `找不到已构建的扩展（${dir}/manifest.json）。请先运行 npm run build。`,
    keyInRepo: (file: string) => `密钥 ${file} 在项目文件夹里，可能被提交或随项目拷走。请放在项目之外（默认 ~/.burden-barometer/office.pem）。`,
    keyUnreadable: (file: string) => `密钥文件 ${file} 无法读取（不是 PEM 格式的 RSA 私钥）。`,
    keyCreated: (file: string) => `已生成单位签名密钥：${file}。请妥善备份、勿外传；丢失后扩展 ID 会改变，所有策略文件都要重做。`,
    keyUsed: (file: string) => `使用单位签名密钥：${file}`,
    badUpdateUrl: '--update-url 必须是 http:// 或 https:// 开头的完整网址（内网服务器上 updates.xml 的地址）。',
    badStoreId: (flag: string) => `${flag} 必须是 32 个 a–p 小写字母组成的扩展 ID。`,
    unknownOption: (reason: string) => `参数有误：${reason}`,
    noUpdateUrl: '未给 --update-url：不生成自建服务器路线（域内 Windows、Linux）的策略文件。',
    noStoreId: (browser: string) => `未给 ${browser} 商店 ID：不生成该浏览器的商店路线文件。`,
    written: (dir: string) => `安装包已写入 ${dir}`,
    officeId: (id: string) => `自建 CRX 的扩展 ID（由单位密钥决定）：${id}`,
    storeId: (browser: string, id: string) => `${browser} 商店路线的扩展 ID：${id}`,
  },
  en: {
    refused: 'The catalog was refused; nothing was written:',
    sep: ': ',
    entry: (index: number, id?: string, name?: string) =>
      `catalog entry ${index + 1}${id !== undefined ? ` (id "${id}"${name !== undefined ? `, name "${name}"` : ''})` : name !== undefined ? ` (name "${name}")` : ''}`,
    'catalog-shape': 'the catalog file must be an array of portal entries, or an object with a "catalog" array.',
    'catalog-empty': 'the catalog is empty: at least one portal is needed.',
    'entry-not-object': 'not an object.',
    'entry-unknown-key': (key: string) => `a key the extension does not read, "${key}" (known: id, name, department, patterns, tags).`,
    'entry-invalid': {
      id: 'the id may use lowercase letters, digits and hyphens, starting with a letter or digit, at most 64 characters.',
      name: 'a name is required, at most 100 characters.',
      department: 'the department may have at most 100 characters.',
      patterns: 'patterns must be a list with at least one address.',
      tags: 'each tag needs a pathPrefix starting with / and a tag of check-in, ranking, learning, work-order or login.',
    },
    'entry-pattern': (pattern: string, reason: string) => `address "${pattern}" is invalid: ${reason}.`,
    'entry-duplicate-id': 'the same id as an earlier entry.',
    'setting-invalid': {
      campaign: 'the campaign id (--campaign) may use letters, digits and . _ -, at most 64 characters.',
      reportEndpoint: 'the report endpoint (--endpoint) must be a full https:// address.',
      lockPortalList: 'lockPortalList must be true or false.',
      enrollmentCode: 'the enrollment code (enrollmentCode) is malformed; codes are one per cadre and do not belong in a kit shared by all.',
    },
    'file-unknown-key': (key: string) => `the catalog file has an unknown key "${key}" (known: catalog, lockPortalList, campaign, reportEndpoint).`,
    badJson: (file: string, reason: string) => `cannot read the catalog file ${file}: ${reason}`,
    noCatalog: 'give the catalog file (JSON) with --catalog.',
    noBuild: (dir: string) => `no built extension at ${dir}/manifest.json. Run npm run build first.`,
    keyInRepo: (file: string) => `the key ${file} is inside the project folder, where it could be committed or copied away. Keep it outside (default ~/.burden-barometer/office.pem).`,
    keyUnreadable: (file: string) => `the key file ${file} cannot be read (not an RSA private key in PEM).`,
    keyCreated: (file: string) => `Created the office signing key: ${file}. Back it up and keep it private; losing it changes the extension id and every policy file must be redone.`,
    keyUsed: (file: string) => `Using the office signing key: ${file}`,
    badUpdateUrl: '--update-url must be a full http:// or https:// address (where the intranet server serves updates.xml).',
    badStoreId: (flag: string) => `${flag} must be an extension id of 32 lowercase letters a–p.`,
    unknownOption: (reason: string) => `bad arguments: ${reason}`,
    noUpdateUrl: 'no --update-url: the self-hosted route (domain-joined Windows, Linux) is not written.',
    noStoreId: (browser: string) => `no ${browser} store id: the store route files for that browser are not written.`,
    written: (dir: string) => `Kit written to ${dir}`,
    officeId: (id: string) => `Extension id of the self-hosted CRX (from the office key): ${id}`,
    storeId: (browser: string, id: string) => `Extension id of the ${browser} store route: ${id}`,
  },
};

export type KitText = (typeof TEXT)['zh-CN'];

export function kitText(lang: KitLang): KitText {
  return TEXT[lang];
}

export function pickKitLang(locale: string | undefined): KitLang {
  return locale && /^en/i.test(locale) ? 'en' : 'zh-CN';
}

/** One line per problem, each naming the entry it is about. */
export function formatKitProblems(problems: KitProblem[], lang: KitLang): string {
  const t = TEXT[lang];
  const lines = problems.map((p) => {
    switch (p.code) {
      case 'catalog-shape':
      case 'catalog-empty':
        return t[p.code];
      case 'file-unknown-key':
        return t[p.code](p.key);
      case 'setting-invalid':
        return t[p.code][p.key];
      case 'entry-not-object':
        return `${t.entry(p.index)}${t.sep}${t[p.code]}`;
      case 'entry-unknown-key':
        return `${t.entry(p.index, p.id, p.name)}${t.sep}${t[p.code](p.key)}`;
      case 'entry-pattern':
        return `${t.entry(p.index, p.id, p.name)}${t.sep}${t[p.code](p.pattern, PATTERN_REASON[lang][p.reason])}`;
      case 'entry-invalid':
        return `${t.entry(p.index, p.id, p.name)}${t.sep}${t[p.code][p.field]}`;
      case 'entry-duplicate-id':
        return `${t.entry(p.index, p.id, p.name)}${t.sep}${t[p.code]}`;
    }
  });
  return [t.refused, ...lines.map((l) => `  - ${l}`)].join('\n');
}
