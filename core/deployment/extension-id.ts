/**
 * Chromium's extension id: the first 128 bits of SHA-256 over the public key (DER SubjectPublicKeyInfo), each
 * hex digit written as a letter a–p. The hash is the caller's (node:crypto in the kit) to keep core free of it.
 */
export function extensionIdFromSha256Hex(sha256Hex: string): string {
  if (!/^[0-9a-f]{64}$/i.test(sha256Hex)) throw new Error('expected a SHA-256 digest in hex');
  return [...sha256Hex.slice(0, 32).toLowerCase()].map((c) => String.fromCharCode(97 + parseInt(c, 16))).join('');
}

export function isExtensionId(value: string): boolean {
  return /^[a-p]{32}$/.test(value);
}
