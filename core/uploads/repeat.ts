import { hammingDistance, NEAR_REPEAT_MAX_DISTANCE } from './perceptual-hash';

export type UploadRepeat = 'none' | 'repeat' | 'near-repeat';

/** An earlier upload as the verdict needs it: whether its content matches this one, and its perceptual hash. */
export interface EarlierUpload {
  portalId: string;
  at: number;
  sameContent: boolean;
  phash?: string;
}

/**
 * Repeated upload: the same content was uploaded before (DESIGN.md §3). Near-repeat: an image within
 * NEAR_REPEAT_MAX_DISTANCE bits of an earlier one whose content differs (resized, recompressed). When the earlier
 * one was on another portal, that portal is kept for the pair: the systems could have shared the file.
 */
export function classifyUpload(
  current: { portalId: string; phash?: string },
  earlier: readonly EarlierUpload[],
): { repeat: UploadRepeat; otherPortal?: string } {
  const pick = (rows: EarlierUpload[]) => {
    // Another portal is the stronger fact (systems could share); otherwise the latest on this one.
    const other = rows.filter((r) => r.portalId !== current.portalId).sort((a, b) => b.at - a.at)[0];
    return other ? { otherPortal: other.portalId } : {};
  };
  const same = earlier.filter((r) => r.sameContent);
  if (same.length) return { repeat: 'repeat', ...pick(same) };
  if (current.phash) {
    const near = earlier.filter((r) => r.phash && hammingDistance(r.phash, current.phash!) <= NEAR_REPEAT_MAX_DISTANCE);
    if (near.length) return { repeat: 'near-repeat', ...pick(near) };
  }
  return { repeat: 'none' };
}
