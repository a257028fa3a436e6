import type { KitPolicy } from './kit-policy';
import { type PolicyDocument, REGISTRY_ROOT, type WindowsBrowser } from './kit-routes';

/**
 * .reg files as regedit itself exports them: UTF-16LE with a byte-order mark, the version 5 header, CRLF line
 * ends. regedit reads other encodings too, but with a UTF-8 file it mangles the Chinese portal names.
 */
export const REG_HEADER = 'Windows Registry Editor Version 5.00';

type RegValue = { kind: 'sz'; value: string } | { kind: 'dword'; value: number };

/** The `3rdparty` policy as registry values: arrays as a REG_SZ of JSON (Chrome parses it against the schema). */
export function policyRegistryValues(policy: KitPolicy): [string, RegValue][] {
  const values: [string, RegValue][] = [
    ['catalog', { kind: 'sz', value: JSON.stringify(policy.catalog) }],
    ['lockPortalList', { kind: 'dword', value: policy.lockPortalList ? 1 : 0 }],
  ];
  if (policy.campaign !== undefined) values.push(['campaign', { kind: 'sz', value: policy.campaign }]);
  if (policy.reportEndpoint !== undefined) values.push(['reportEndpoint', { kind: 'sz', value: policy.reportEndpoint }]);
  return values;
}

export function extensionPolicyKey(browser: WindowsBrowser, extensionId: string): string {
  return `${REGISTRY_ROOT[browser]}\\3rdparty\\extensions\\${extensionId}\\policy`;
}

export function forcelistKey(browser: WindowsBrowser): string {
  return `${REGISTRY_ROOT[browser]}\\ExtensionInstallForcelist`;
}

/**
 * Chrome reads a list policy from the registry as values named 1, 2, 3 … and stops at the first gap, so the
 * entry takes the slot the office names (1 by default; the guide says what to do when 1 is taken).
 */
export function regFileText(doc: PolicyDocument, forcelistSlot = 1): string {
  const browser = doc.browser as WindowsBrowser;
  const lines = [REG_HEADER, ''];
  if (doc.forcelistEntry) lines.push(`[${forcelistKey(browser)}]`, `"${forcelistSlot}"=${formatValue({ kind: 'sz', value: doc.forcelistEntry })}`, '');
  lines.push(`[${extensionPolicyKey(browser, doc.extensionId)}]`);
  for (const [name, value] of policyRegistryValues(doc.policy)) lines.push(`"${escape(name)}"=${formatValue(value)}`);
  lines.push('');
  return lines.join('\r\n') + '\r\n';
}

/** Undoes regFileText: the forcelist slot is deleted (not the whole list, which may hold other extensions). */
export function regRemovalText(doc: PolicyDocument, forcelistSlot = 1): string {
  const browser = doc.browser as WindowsBrowser;
  const lines = [REG_HEADER, ''];
  if (doc.forcelistEntry) lines.push(`[${forcelistKey(browser)}]`, `"${forcelistSlot}"=-`, '');
  lines.push(`[-${extensionPolicyKey(browser, doc.extensionId).replace(/\\policy$/, '')}]`, '');
  return lines.join('\r\n') + '\r\n';
}

/** UTF-16LE with BOM, as regedit writes. */
export function regFileBytes(text: string): Uint8Array {
  const bytes = new Uint8Array(2 + text.length * 2);
  bytes[0] = 0xff;
  bytes[1] = 0xfe;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    bytes[2 + i * 2] = unit & 0xff;
    bytes[3 + i * 2] = unit >> 8;
  }
  return bytes;
}

function formatValue(value: RegValue): string {
  if (value.kind === 'dword') return `dword:${value.value.toString(16).padStart(8, '0')}`;
  if (/[\r\n]/.test(value.value)) throw new Error('a REG_SZ value in a .reg file cannot hold a line break');
  return `"${escape(value.value)}"`;
}

function escape(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
}
