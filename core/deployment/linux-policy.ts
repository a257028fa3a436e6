import type { PolicyDocument } from './kit-routes';

/**
 * One JSON file for a browser's managed policy folder. ExtensionInstallForcelist from several files of one folder
 * is not merged (one file's list wins), so an office that already forces other extensions adds our entry to its
 * own list instead; the guide says so.
 */
export function linuxPolicyJson(doc: PolicyDocument): Record<string, unknown> {
  return {
    ...(doc.forcelistEntry && { ExtensionInstallForcelist: [doc.forcelistEntry] }),
    '3rdparty': { extensions: { [doc.extensionId]: { ...doc.policy } } },
  };
}
