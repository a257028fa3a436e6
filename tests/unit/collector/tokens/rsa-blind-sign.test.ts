import { RSABSSA } from '@cloudflare/blindrsa-ts';
import { createPrivateKey, createPublicKey, webcrypto } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { blindSign } from '../../../../collector/tokens/rsa-blind-sign';
import { nodeTokenCrypto } from '../../../../collector/tokens/node-token-crypto';
import { tokenMessage } from '../../../../core/tokens/token-message';
import { blindToken, finalizeToken } from '../../../../entrypoints/background/tokens/blind-token';

const random = (n: number) => webcrypto.getRandomValues(new Uint8Array(n));
const suite = RSABSSA.SHA384.PSS.Deterministic();

// Two 2048-bit key pairs made once for the file (each costs up to a second of prime search), not one per test:
// no test changes a key, and the third needs two distinct ones.
const newPair = () => suite.generateKey({ modulusLength: 2048, publicExponent: Uint8Array.from([1, 0, 1]) }) as Promise<CryptoKeyPair>;
let pairs: Promise<[CryptoKeyPair, CryptoKeyPair]> | undefined;
const keyPairs = () => (pairs ??= Promise.all([newPair(), newPair()]));

describe('blind signing with Node crypto', () => {
  it('gives the same bytes as blindrsa-ts, and the token verifies under WebCrypto and Node alike', async () => {
    const [pair] = await keyPairs();
    const pkcs8 = new Uint8Array(await webcrypto.subtle.exportKey('pkcs8', pair.privateKey as never));
    const spki = new Uint8Array(await webcrypto.subtle.exportKey('spki', pair.publicKey as never));
    const privateKey = createPrivateKey({ key: Buffer.from(pkcs8), format: 'der', type: 'pkcs8' });
    const publicKey = createPublicKey({ key: Buffer.from(spki), format: 'der', type: 'spki' });

    for (let i = 0; i < 3; i++) {
      const pending = await blindToken(pair.publicKey, '2026-W49', random);
      const reference = await suite.blindSign(pair.privateKey, pending.blindedMessage);
      const node = blindSign(privateKey, publicKey, pending.blindedMessage);
      expect(node.ok).toBe(true);
      if (!node.ok) return;
      expect(Buffer.from(node.blindSignature).equals(Buffer.from(reference))).toBe(true);
      const token = await finalizeToken(pair.publicKey, pending, node.blindSignature);
      expect(await suite.verify(pair.publicKey, token.signature, tokenMessage('2026-W49', token.nonce))).toBe(true);
      expect(await nodeTokenCrypto.verifyPss(publicKey, tokenMessage('2026-W49', token.nonce), token.signature)).toBe(true);
      // The signature is for this message only: another week or nonce does not verify.
      expect(await nodeTokenCrypto.verifyPss(publicKey, tokenMessage('2026-W50', token.nonce), token.signature)).toBe(false);
    }
  }, 30_000);

  it('refuses a blinded message of the wrong length or not below the modulus', async () => {
    const [pair] = await keyPairs();
    const privateKey = createPrivateKey({ key: Buffer.from(await webcrypto.subtle.exportKey('pkcs8', pair.privateKey as never)), format: 'der', type: 'pkcs8' });
    const publicKey = createPublicKey(privateKey);
    expect(blindSign(privateKey, publicKey, new Uint8Array(255)).ok).toBe(false);
    expect(blindSign(privateKey, publicKey, new Uint8Array(256).fill(0xff)).ok).toBe(false);
  });

  it('an issuer that signs with another key than the published one is caught by the extension', async () => {
    const [published, tagging] = await keyPairs();
    const pending = await blindToken(published.publicKey, '2026-W49', random);
    const wrong = await suite.blindSign(tagging.privateKey, pending.blindedMessage).catch(() => new Uint8Array(256));
    await expect(finalizeToken(published.publicKey, pending, wrong)).rejects.toThrow();
  }, 30_000);
});
