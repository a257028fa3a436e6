import type { KitPolicy } from './kit-policy';

/**
 * The ways an office gets the extension onto a PC, and which extension id each gives. The id matters because
 * both ExtensionInstallForcelist and the `3rdparty` policy name it: a policy file for the wrong id does nothing.
 *
 * - domain-joined: Windows joined to AD / Azure AD (or enrolled in Chrome Enterprise Core). Chrome and Edge
 *   force-install from the office's own server only there; the id is the office key's.
 * - store: Windows not joined to a domain. Only a store listing can be force-installed there, so the id is the
 *   one the store assigned; the same `3rdparty` policy still carries catalog and campaign.
 * - manual: one PC whose cadre installs the store listing by hand; the settings alone are imported, so the
 *   cadre can still remove it.
 * - linux: no domain rule; self-hosted like domain-joined, from JSON files.
 */
export type RouteName = 'domain-joined' | 'store' | 'manual' | 'linux';
export type WindowsBrowser = 'chrome' | 'edge';
export type LinuxBrowser = 'chrome' | 'chromium' | 'edge';

export interface PolicyDocument {
  route: RouteName;
  browser: WindowsBrowser | LinuxBrowser;
  extensionId: string;
  /** `id;update-url`, absent for the manual route (nothing is forced). */
  forcelistEntry?: string;
  policy: KitPolicy;
}

// The stores' own update services: force-installing a listing names them as the update URL.
export const STORE_UPDATE_URL: Record<WindowsBrowser, string> = {
  chrome: 'https://clients2.google.com/service/update2/crx',
  edge: 'https://edge.microsoft.com/extensionwebstorebase/v1/crx',
};

export const REGISTRY_ROOT: Record<WindowsBrowser, string> = {
  chrome: 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Google\\Chrome',
  edge: 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Edge',
};

export const LINUX_POLICY_DIR: Record<LinuxBrowser, string> = {
  chrome: '/etc/opt/chrome/policies/managed',
  chromium: '/etc/chromium/policies/managed',
  edge: '/etc/opt/edge/policies/managed',
};

export interface RouteInput {
  policy: KitPolicy;
  /** The id the office key gives (self-hosted CRX). */
  officeId: string;
  /** Where the office's intranet server serves updates.xml; without it there is no self-hosted route. */
  updateUrl?: string;
  /** Store listing ids, known once the extension is published there (each store assigns its own). */
  storeIds: Partial<Record<WindowsBrowser, string>>;
}

export function policyDocuments(input: RouteInput): PolicyDocument[] {
  const docs: PolicyDocument[] = [];
  const { policy, officeId, updateUrl, storeIds } = input;
  if (updateUrl) {
    for (const browser of ['chrome', 'edge'] as const) {
      docs.push({ route: 'domain-joined', browser, extensionId: officeId, forcelistEntry: `${officeId};${updateUrl}`, policy });
    }
    for (const browser of ['chrome', 'chromium', 'edge'] as const) {
      docs.push({ route: 'linux', browser, extensionId: officeId, forcelistEntry: `${officeId};${updateUrl}`, policy });
    }
  }
  for (const browser of ['chrome', 'edge'] as const) {
    const id = storeIds[browser];
    if (!id) continue;
    docs.push({ route: 'store', browser, extensionId: id, forcelistEntry: `${id};${STORE_UPDATE_URL[browser]}`, policy });
    docs.push({ route: 'manual', browser, extensionId: id, policy });
  }
  return docs;
}

/** The file a document is written to, relative to the kit folder. */
export function policyFileName(doc: PolicyDocument): string {
  if (doc.route === 'linux') return `linux/${doc.browser}/burden-barometer.json`;
  return `windows/${doc.browser}-${doc.route}.reg`;
}

export function removalFileName(doc: PolicyDocument): string {
  return `windows/${doc.browser}-${doc.route}-remove.reg`;
}
