import type { KitPolicy } from './kit-policy';
import { LINUX_POLICY_DIR, type PolicyDocument, policyFileName, removalFileName } from './kit-routes';

/**
 * The printable install guide (安装指南) that travels on the USB stick with the kit: A4, Chinese, one sheet per
 * audience where it can. Its first paragraph is the voluntariness notice — 国办函〔2026〕12号 bans counting online
 * time as a mandatory function of government apps, and a cadre who sees the extension appear by policy must learn
 * first that they can pause it and that nothing leaves without their confirmation.
 */
export interface GuideInput {
  version: string;
  officeId: string;
  updateUrl?: string;
  crxUrl?: string;
  storeIds: { chrome?: string; edge?: string };
  policy: KitPolicy;
  documents: PolicyDocument[];
  crxFile: string;
}

export function installGuideHtml(g: GuideInput): string {
  const doc = (route: PolicyDocument['route'], browser: PolicyDocument['browser']) =>
    g.documents.find((d) => d.route === route && d.browser === browser);
  const file = (d: PolicyDocument | undefined) => (d ? code(policyFileName(d)) : '<em>（未生成）</em>');
  const removal = (d: PolicyDocument | undefined) => (d ? code(removalFileName(d)) : '<em>（未生成）</em>');
  const selfHosted = g.updateUrl !== undefined;
  const p = g.policy;

  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>减负晴雨表 安装指南</title>
<style>
  @page { size: A4; margin: 16mm 15mm; }
  * { box-sizing: border-box; }
  html { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", "SimHei", sans-serif;
    font-size: 10.5pt; line-height: 1.55; color: #111; }
  body { margin: 0 auto; max-width: 180mm; padding: 0; }
  @media screen { body { padding: 12mm 0; } }
  h1 { font-size: 17pt; margin: 0 0 2mm; }
  h2 { font-size: 12.5pt; margin: 5mm 0 1.5mm; border-bottom: 0.4mm solid #333; padding-bottom: 0.8mm; break-after: avoid; }
  h3 { font-size: 11pt; margin: 3mm 0 1mm; break-after: avoid; }
  p, li { margin: 0.8mm 0; }
  ol, ul { margin: 0.8mm 0; padding-left: 6mm; }
  .notice { border: 0.5mm solid #0a5; background: #effaf3; padding: 2.5mm 3.5mm; border-radius: 1.5mm; }
  table { border-collapse: collapse; width: 100%; margin: 1.5mm 0; table-layout: fixed; }
  th, td { border: 0.25mm solid #888; padding: 1mm 1.5mm; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
  th { background: #eee; }
  code { font-family: "Noto Sans Mono CJK SC", "Consolas", monospace; font-size: 9pt; overflow-wrap: anywhere; }
  .route { break-inside: avoid; }
  .small { font-size: 9pt; color: #333; }
</style>
</head>
<body>
<h1>减负晴雨表 安装指南（单位用）</h1>
<p class="notice" data-testid="guide-voluntary"><strong>参与是自愿的。</strong>本扩展即使由单位统一安装，也不是强制功能（国办函〔2026〕12号 禁止把在线时长统计作为政务应用的强制功能）：干部可以随时在扩展的“设置”里暂停全部测量；每周报告只有在干部本人预览并点击确认后才会发出，不确认就不发送。报告只统计各政务平台占用的时间，不含姓名、账号、填写内容、文件名或网址，不得用于个人考核。</p>

<h2>一、这个安装包里有什么</h2>
<table>
<colgroup><col style="width:40%"><col></colgroup>
<tr><th>文件</th><th>用途</th></tr>
<tr><td>${code(g.crxFile)}</td><td>用单位自己的密钥签名的扩展安装文件（版本 ${esc(g.version)}）</td></tr>
<tr><td><code>updates.xml</code></td><td>更新清单，和 CRX 一起放在单位内网服务器上${selfHosted ? `，地址 ${code(g.updateUrl!)}` : '（本次未给内网地址，未生成）'}</td></tr>
<tr><td><code>windows/*.reg</code></td><td>Chrome、Edge 的注册表策略（安装 + 平台目录、活动编号、报送地址），以及对应的卸载文件 <code>*-remove.reg</code></td></tr>
<tr><td><code>linux/&lt;浏览器&gt;/burden-barometer.json</code></td><td>Linux 上 Chrome、Chromium、Edge 的策略文件</td></tr>
<tr><td><code>kit.json</code></td><td>本安装包的扩展 ID、版本和各路线对应的文件</td></tr>
<tr><td><code>SHA256SUMS.txt</code></td><td>所有文件的 SHA-256 校验值，拷贝后核对，防止文件被改动</td></tr>
</table>
<p>策略内容：平台目录 ${p.catalog.length} 个平台；${p.lockPortalList ? '锁定平台清单（干部不能自行增删平台，只测量目录里的平台）' : '不锁定平台清单'}；活动编号 ${p.campaign ? code(p.campaign) : '（无）'}；报送地址 ${p.reportEndpoint ? code(p.reportEndpoint) : '（无，干部只能导出文件）'}。</p>

<h2>二、先选路线：每条路线的扩展 ID 不同</h2>
<p>策略文件按扩展 ID 生效，ID 不对就不起作用。Windows 上的 Chrome 和 Edge 只有在<strong>加入域（AD 或 Azure AD，或已注册 Chrome 企业版管理）</strong>的电脑上，才会强制安装商店以外的扩展；大多数乡镇电脑没有加入域，请走商店路线。Linux 没有这个限制。</p>
<table>
<colgroup><col style="width:21%"><col style="width:38%"><col></colgroup>
<tr><th>路线</th><th>扩展 ID</th><th>文件</th></tr>
<tr><td>A. 已加入域的 Windows（自建服务器）</td><td>${code(g.officeId)}<br><span class="small">由单位密钥决定</span></td><td>${file(doc('domain-joined', 'chrome'))}<br>${file(doc('domain-joined', 'edge'))}</td></tr>
<tr><td>B. 未加入域的 Windows（商店）</td><td>Chrome：${g.storeIds.chrome ? code(g.storeIds.chrome) : '（未给）'}<br>Edge：${g.storeIds.edge ? code(g.storeIds.edge) : '（未给）'}<br><span class="small">由商店分配</span></td><td>${file(doc('store', 'chrome'))}<br>${file(doc('store', 'edge'))}</td></tr>
<tr><td>C. Linux（自建服务器）</td><td>${code(g.officeId)}</td><td>${file(doc('linux', 'chrome'))}<br>${file(doc('linux', 'chromium'))}<br>${file(doc('linux', 'edge'))}</td></tr>
<tr><td>D. 单台电脑，干部自己安装</td><td>同路线 B 的商店 ID</td><td>${file(doc('manual', 'chrome'))}<br>${file(doc('manual', 'edge'))}</td></tr>
</table>

<h2>三、单位要做的事</h2>
<div class="route">
<h3>路线 A：已加入域的 Windows</h3>
<ol>
<li>把 ${code(g.crxFile)} 和 <code>updates.xml</code> 放到内网服务器${selfHosted ? `，使 ${code(g.updateUrl!)} 和 ${code(g.crxUrl!)} 能在干部电脑上打开` : '（生成时需给 --update-url）'}。CRX 的类型设为 <code>application/x-chrome-extension</code>。</li>
<li>用组策略把 ${file(doc('domain-joined', 'chrome'))}（Chrome）或 ${file(doc('domain-joined', 'edge'))}（Edge）的内容下发到各电脑；单台电脑也可由管理员双击导入。</li>
<li>如果单位已经用 <code>ExtensionInstallForcelist</code> 强制安装了别的扩展，编号 <code>"1"</code> 会被占用：把文件里的 <code>"1"</code> 改成下一个空着的编号（卸载文件同样改）。</li>
</ol>
</div>
<div class="route">
<h3>路线 B：未加入域的 Windows</h3>
<ol>
<li>以管理员身份双击导入 ${file(doc('store', 'chrome'))} 或 ${file(doc('store', 'edge'))}。浏览器从商店下载扩展并强制安装，平台目录、活动编号、报送地址和路线 A 相同。</li>
<li>电脑要能访问对应的商店。既不能访问商店、又没有加入域的 Windows 电脑，没有不开启开发者模式的安装办法；可考虑把电脑注册到 Chrome 企业版管理（Chrome Enterprise Core）后走路线 A。</li>
</ol>
</div>
<div class="route">
<h3>路线 C：Linux</h3>
<ol>
<li>服务器同路线 A。</li>
<li>以 root 把对应文件复制到策略目录：Chrome ${code(LINUX_POLICY_DIR.chrome)}，Chromium ${code(LINUX_POLICY_DIR.chromium)}，Edge ${code(LINUX_POLICY_DIR.edge)}。如果该目录已有文件列出 <code>ExtensionInstallForcelist</code>，把本文件里的那一行加进原有列表，不要另放一份。</li>
</ol>
</div>
<div class="route">
<h3>路线 D：单台电脑</h3>
<ol>
<li>干部在商店页面自己点“添加”安装扩展。</li>
<li>管理员导入 ${file(doc('manual', 'chrome'))} 或 ${file(doc('manual', 'edge'))}：只写入平台目录等设置，不强制安装，干部可以自己移除。</li>
</ol>
</div>
<p>拷贝后核对校验值：Linux 在安装包目录运行 <code>sha256sum -c SHA256SUMS.txt</code>；Windows 运行 <code>certutil -hashfile 文件名 SHA256</code>，与 <code>SHA256SUMS.txt</code> 中的值逐个对照。</p>

<h2>四、干部会看到什么</h2>
<ul>
<li>重启浏览器后，工具栏出现“减负晴雨表”图标，并打开欢迎页。扩展页面上标有“由您的组织安装/管理”，不能移除（路线 D 除外）。</li>
<li>扩展“设置 → 配置来源”列出单位下发的每一项：平台目录、是否锁定、活动编号、报送地址，都标注“来自单位策略”。</li>
<li>只测量目录中的平台；干部可以随时“暂停全部测量”；周报先预览，确认后才发送。</li>
</ul>

<h2>五、怎样检查装好了</h2>
<ol>
<li>在地址栏打开 <code>chrome://policy</code>（Edge：<code>edge://policy</code>），点“重新加载政策”：应看到 <code>ExtensionInstallForcelist</code>，值以本路线的扩展 ID 开头，状态“正常”。</li>
<li>打开 <code>chrome://extensions</code>（Edge：<code>edge://extensions</code>）：“减负晴雨表”已启用，ID 与上表一致。</li>
<li>打开扩展的“设置 → 配置来源”：平台数为 ${p.catalog.length}${p.campaign ? `，活动编号 ${code(p.campaign)}` : ''}${p.reportEndpoint ? `，报送地址 ${code(p.reportEndpoint)}` : ''}。</li>
</ol>

<h2>六、怎样移除</h2>
<ul>
<li>Windows：以管理员身份导入对应的卸载文件（路线 A ${removal(doc('domain-joined', 'chrome'))} / ${removal(doc('domain-joined', 'edge'))}，路线 B ${removal(doc('store', 'chrome'))} / ${removal(doc('store', 'edge'))}），或在组策略中撤销，然后重启浏览器，扩展即被卸载。</li>
<li>Linux：删除策略目录中的 <code>burden-barometer.json</code>，重启浏览器。</li>
<li>扩展卸载时，本机保存的测量数据随之删除；已经发送的周报不受影响。</li>
</ul>

<h2>七、签名密钥</h2>
<p>自建路线的扩展 ID 由单位的签名密钥决定。密钥保存在生成安装包的电脑上（默认 <code>~/.burden-barometer/office.pem</code>），不在安装包里，请备份到安全的地方、不要外传。密钥丢失后，新签名的扩展 ID 会改变，各电脑上的策略文件都要重新下发，已安装的扩展不能再更新。</p>
</body>
</html>
`;
}

function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function code(text: string): string {
  return `<code>${esc(text)}</code>`;
}
