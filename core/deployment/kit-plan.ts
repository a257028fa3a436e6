import { checksumsText } from './checksums';
import { installGuideHtml } from './install-guide';
import type { KitPolicy } from './kit-policy';
import { policyDocuments, policyFileName, removalFileName, type WindowsBrowser } from './kit-routes';
import { linuxPolicyJson } from './linux-policy';
import { regFileBytes, regFileText, regRemovalText } from './reg-file';
import { crxUrlBeside, updateManifestXml } from './update-manifest';

export const CRX_FILE = 'burden-barometer.crx';

export interface KitPlanInput {
  policy: KitPolicy;
  officeId: string;
  version: string;
  minimumChromeVersion?: string;
  updateUrl?: string;
  storeIds: Partial<Record<WindowsBrowser, string>>;
}

export interface KitFile {
  path: string;
  bytes: Uint8Array;
}

/**
 * Every file of the kit except the CRX (signed by the caller) and the checksums (which need the CRX): all text
 * derives from the one validated policy, so the .reg files, the Linux JSON and the guide cannot disagree.
 */
export function planKit(input: KitPlanInput): KitFile[] {
  const utf8 = (text: string) => new TextEncoder().encode(text);
  const documents = policyDocuments(input);
  const crxUrl = input.updateUrl ? crxUrlBeside(input.updateUrl, CRX_FILE) : undefined;
  const files: KitFile[] = [];
  for (const doc of documents) {
    if (doc.route === 'linux') {
      files.push({ path: policyFileName(doc), bytes: utf8(JSON.stringify(linuxPolicyJson(doc), null, 2) + '\n') });
    } else {
      files.push({ path: policyFileName(doc), bytes: regFileBytes(regFileText(doc)) });
      files.push({ path: removalFileName(doc), bytes: regFileBytes(regRemovalText(doc)) });
    }
  }
  if (input.updateUrl && crxUrl) {
    const xml = updateManifestXml({ extensionId: input.officeId, version: input.version, crxUrl, minimumChromeVersion: input.minimumChromeVersion });
    files.push({ path: 'updates.xml', bytes: utf8(xml) });
  }
  const summary = {
    version: input.version,
    extensionIds: { selfHosted: input.officeId, ...(input.storeIds.chrome && { chromeStore: input.storeIds.chrome }), ...(input.storeIds.edge && { edgeStore: input.storeIds.edge }) },
    ...(input.updateUrl && { updateUrl: input.updateUrl, crxUrl }),
    routes: documents.map((d) => ({ route: d.route, browser: d.browser, extensionId: d.extensionId, file: policyFileName(d) })),
    policy: input.policy,
  };
  files.push({ path: 'kit.json', bytes: utf8(JSON.stringify(summary, null, 2) + '\n') });
  files.push({
    path: 'install-guide.html',
    bytes: utf8(
      installGuideHtml({ version: input.version, officeId: input.officeId, updateUrl: input.updateUrl, crxUrl, storeIds: input.storeIds, policy: input.policy, documents, crxFile: CRX_FILE }),
    ),
  });
  return files;
}

export const CHECKSUM_FILE = 'SHA256SUMS.txt';

export function checksumFile(files: { path: string; sha256: string }[]): KitFile {
  return { path: CHECKSUM_FILE, bytes: new TextEncoder().encode(checksumsText(files)) };
}
