import { constants, createHash, verify, type KeyObject } from 'node:crypto';
import type { TokenCrypto } from '../../core/tokens/token-check';
import { TOKEN_PSS_SALT_BYTES } from '../../core/tokens/token-message';

/** core/tokens' verification over Node's crypto: RSASSA-PSS, SHA-384, MGF1-SHA-384, 48-byte salt (RFC 9474). */
export const nodeTokenCrypto: TokenCrypto<KeyObject> = {
  async verifyPss(key, message, signature) {
    try {
      return verify('sha384', message, { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: TOKEN_PSS_SALT_BYTES }, signature);
    } catch {
      return false;
    }
  },
  async sha256(bytes) {
    return new Uint8Array(createHash('sha256').update(bytes).digest());
  },
};
