import { describe, expect, it } from 'vitest';
import { chunksToRead } from '../../../../core/uploads/sampling';
import { HASHER_HELLO, isHasherHello, parseHasherReply, parseHasherRequest } from '../../../../core/contracts/hasher-protocol';

const NONCE = 'gF0jYVOxAgXTFZ-esybpgJorzU4PF2Qm';
const DIGEST = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

describe('file-hasher protocol', () => {
  it('takes a hello only with the frame nonce, and no nonce at all when the frame has none', () => {
    expect(isHasherHello({ type: HASHER_HELLO, nonce: NONCE }, NONCE)).toBe(true);
    expect(isHasherHello({ type: HASHER_HELLO, nonce: `${NONCE}x` }, NONCE)).toBe(false);
    expect(isHasherHello({ type: HASHER_HELLO, nonce: '' }, '')).toBe(false);
    expect(isHasherHello({ type: HASHER_HELLO, nonce: 'short' }, 'short')).toBe(false);
    expect(isHasherHello({ type: 'other', nonce: NONCE }, NONCE)).toBe(false);
    expect(isHasherHello(NONCE, NONCE)).toBe(false);
  });

  it.each([
    [{ type: 'hash', id: 1, file: new Blob(['x']) }, true],
    [{ type: 'hash', id: 1, file: 'x' }, false],
    [{ type: 'hash', id: -1, file: new Blob(['x']) }, false],
    [{ type: 'hash', id: 1.5, file: new Blob(['x']) }, false],
    [{ type: 'store', id: 1, file: new Blob(['x']) }, false],
    [null, false],
  ])('a request %o is accepted: %s', (data, ok) => {
    expect(parseHasherRequest(data) !== null).toBe(ok);
  });

  it.each([
    [{ type: 'ready' }, true],
    [{ type: 'progress', id: 0, done: 5, total: 10 }, true],
    [{ type: 'progress', id: 0, done: -5, total: 10 }, false],
    [{ type: 'digest', id: 0, digest: DIGEST, sampled: false, engine: 'wasm' }, true],
    [{ type: 'digest', id: 0, digest: DIGEST.toUpperCase(), sampled: false, engine: 'wasm' }, false],
    [{ type: 'digest', id: 0, digest: DIGEST, sampled: false, engine: 'page' }, false],
    [{ type: 'digest', id: 0, digest: DIGEST, engine: 'subtle' }, false],
    [{ type: 'failed', id: 3 }, true],
    [{ type: 'failed' }, false],
  ])('a reply %o is accepted: %s', (data, ok) => {
    expect(parseHasherReply(data) !== null).toBe(ok);
  });

  it('a reply keeps only the known fields', () => {
    expect(parseHasherReply({ type: 'digest', id: 2, digest: DIGEST, sampled: true, engine: 'subtle', extra: 'x' })).toEqual({ type: 'digest', id: 2, digest: DIGEST, sampled: true, engine: 'subtle' });
  });
});

describe('chunksToRead', () => {
  it('cuts each region into reads in file order', () => {
    expect(chunksToRead([[0, 10], [20, 25]], 4)).toEqual([[0, 4], [4, 8], [8, 10], [20, 24], [24, 25]]);
    expect(chunksToRead([[0, 0]], 4)).toEqual([]);
  });
});
