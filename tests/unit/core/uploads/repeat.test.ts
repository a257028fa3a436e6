import { describe, expect, it } from 'vitest';
import { NEAR_REPEAT_MAX_DISTANCE } from '../../../../core/uploads/perceptual-hash';
import { classifyUpload } from '../../../../core/uploads/repeat';
import { summariseUploads } from '../../../../core/uploads/summary';
import { regionsToRead, SAMPLE_ABOVE_BYTES, SAMPLE_REGION_BYTES, SAMPLE_REGIONS } from '../../../../core/uploads/sampling';

const flip = (hex: string, bits: number) => {
  let v = BigInt(`0x${hex}`);
  for (let i = 0; i < bits; i++) v ^= 1n << BigInt(i * 3);
  return v.toString(16).padStart(16, '0');
};
const H = 'c3a1f0e07c1e0f87';

describe('repeated and near-repeated uploads', () => {
  it('is a repeat when the same content was uploaded before, preferring another portal for the pair', () => {
    expect(
      classifyUpload({ portalId: 'a' }, [
        { portalId: 'a', at: 3, sameContent: true },
        { portalId: 'b', at: 1, sameContent: true },
      ]),
    ).toEqual({ repeat: 'repeat', otherPortal: 'b' });
    expect(classifyUpload({ portalId: 'a' }, [{ portalId: 'a', at: 1, sameContent: true }])).toEqual({ repeat: 'repeat' });
  });

  it('is a near-repeat within the threshold and not beyond it', () => {
    const near = flip(H, NEAR_REPEAT_MAX_DISTANCE);
    const far = flip(H, NEAR_REPEAT_MAX_DISTANCE + 1);
    expect(classifyUpload({ portalId: 'a', phash: near }, [{ portalId: 'b', at: 1, sameContent: false, phash: H }])).toEqual({ repeat: 'near-repeat', otherPortal: 'b' });
    expect(classifyUpload({ portalId: 'a', phash: far }, [{ portalId: 'b', at: 1, sameContent: false, phash: H }])).toEqual({ repeat: 'none' });
  });

  it('an exact repeat wins over a near one; nothing earlier is none', () => {
    expect(classifyUpload({ portalId: 'a', phash: H }, [{ portalId: 'a', at: 1, sameContent: true, phash: H }]).repeat).toBe('repeat');
    expect(classifyUpload({ portalId: 'a', phash: H }, [])).toEqual({ repeat: 'none' });
  });

  it('summarises per portal, per pair and per day', () => {
    const s = summariseUploads([
      { portalId: 'b', day: '2026-11-27', kind: 'photo', repeat: 'none' },
      { portalId: 'a', day: '2026-11-27', kind: 'photo', repeat: 'repeat', otherPortal: 'b' },
      { portalId: 'a', day: '2026-11-28', kind: 'other-image', repeat: 'near-repeat', otherPortal: 'b' },
      { portalId: 'a', day: '2026-11-28', kind: 'screenshot', repeat: 'repeat' },
    ]);
    expect(s.totals).toEqual({ uploads: 4, repeats: 2, nearRepeats: 1, photos: 2, screenshots: 1 });
    expect(s.pairs).toEqual([{ a: 'a', b: 'b', repeats: 1, nearRepeats: 1 }]);
    expect(s.portals.find((p) => p.portalId === 'a')).toMatchObject({ uploads: 3, repeats: 2, nearRepeats: 1 });
    expect(s.days).toEqual([
      { day: '2026-11-28', portalId: 'a', uploads: 2, photos: 0, screenshots: 1 },
      { day: '2026-11-27', portalId: 'a', uploads: 1, photos: 1, screenshots: 0 },
      { day: '2026-11-27', portalId: 'b', uploads: 1, photos: 1, screenshots: 0 },
    ]);
  });
});

describe('sampled fingerprints above the documented size', () => {
  it('reads small files whole', () => {
    expect(regionsToRead(SAMPLE_ABOVE_BYTES)).toEqual({ sampled: false, regions: [[0, SAMPLE_ABOVE_BYTES]] });
  });
  it('reads evenly spaced regions including the first and last bytes', () => {
    const size = 5 * 1024 ** 3 + 7;
    const { sampled, regions } = regionsToRead(size);
    expect(sampled).toBe(true);
    expect(regions).toHaveLength(SAMPLE_REGIONS);
    expect(regions[0]).toEqual([0, SAMPLE_REGION_BYTES]);
    expect(regions.at(-1)![1]).toBe(size);
  });
});
