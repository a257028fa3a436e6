import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { extensionIdFromSha256Hex } from '../../core/deployment/extension-id';

export const DEFAULT_KEY_PATH = path.join(os.homedir(), '.burden-barometer', 'office.pem');

export interface OfficeKey {
  file: string;
  created: boolean;
  /** base64 DER SubjectPublicKeyInfo, the manifest `key` form. */
  publicKeyBase64: string;
  extensionId: string;
}

export type OfficeKeyError = { code: 'key-in-repo' | 'key-unreadable'; file: string };

/**
 * Loads the office's signing key, or makes one on first use. The key decides the extension id every policy file
 * names, so it must outlive any checkout: it may not sit inside the project, and a new one is readable by its
 * owner only.
 */
export function loadOrCreateOfficeKey(file: string, projectRoot: string): OfficeKey | OfficeKeyError {
  const resolved = path.resolve(file);
  const relative = path.relative(path.resolve(projectRoot), resolved);
  if (!relative.startsWith('..') && !path.isAbsolute(relative)) return { code: 'key-in-repo', file: resolved };
  let privateKey: KeyObject;
  let created = false;
  if (fs.existsSync(resolved)) {
    try {
      privateKey = createPrivateKey(fs.readFileSync(resolved));
      if (privateKey.asymmetricKeyType !== 'rsa') return { code: 'key-unreadable', file: resolved };
    } catch {
      return { code: 'key-unreadable', file: resolved };
    }
  } else {
    // 2048-bit RSA, what Chromium's own packer makes.
    privateKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    fs.mkdirSync(path.dirname(resolved), { recursive: true, mode: 0o700 });
    fs.writeFileSync(resolved, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
    created = true;
  }
  const der = createPublicKey(privateKey).export({ type: 'spki', format: 'der' });
  return {
    file: resolved,
    created,
    publicKeyBase64: der.toString('base64'),
    extensionId: extensionIdFromSha256Hex(createHash('sha256').update(der).digest('hex')),
  };
}
