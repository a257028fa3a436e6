import type { UploadKind } from '../../core/uploads/kind';
import type { UploadRepeat } from '../../core/uploads/repeat';
import type { BurdenDb, UploadRow } from '../db/schema';

/** One upload as the weekly report builder and the dashboard read it: no fingerprint, no hash. */
export interface UploadDayRow {
  portalId: string;
  day: string;
  kind: UploadKind;
  repeat: UploadRepeat;
  otherPortal?: string;
}

export function createUploadsRepo(db: BurdenDb) {
  return {
    add: (row: Omit<UploadRow, 'id'>) => db.uploads.add(row),
    /** Earlier uploads with any of these content fingerprints (one per live key). */
    withContent: (contentFps: string[]) => db.uploads.where('contentFp').anyOf(contentFps).toArray(),
    /** Earlier images with a perceptual hash since `fromDay`, for near-repeats. */
    imagesSince: (fromDay: string) =>
      db.uploads
        .where('day')
        .aboveOrEqual(fromDay)
        .filter((u) => !!u.phash)
        .toArray(),
    /** Every upload from `fromDay` to `toDay` (inclusive), one row each, oldest first. */
    uploadsByDay: async (fromDay: string, toDay: string): Promise<UploadDayRow[]> =>
      (await db.uploads.where('day').between(fromDay, toDay, true, true).sortBy('at')).map((u) => ({
        portalId: u.portalId,
        day: u.day,
        kind: u.kind,
        repeat: u.repeat,
        ...(u.otherPortal !== undefined && { otherPortal: u.otherPortal }),
      })),
    reassignPortal: async (from: string, to: string) => {
      await db.uploads.where('portalId').equals(from).modify({ portalId: to });
      await db.uploads.filter((u) => u.otherPortal === from).modify({ otherPortal: to });
    },
  };
}

export type UploadsRepo = ReturnType<typeof createUploadsRepo>;
