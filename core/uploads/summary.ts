import type { UploadKind } from './kind';
import type { UploadRepeat } from './repeat';

export interface UploadVerdict {
  portalId: string;
  day: string;
  kind: UploadKind;
  repeat: UploadRepeat;
  otherPortal?: string;
}

export interface UploadCounts {
  uploads: number;
  repeats: number;
  nearRepeats: number;
  photos: number;
  screenshots: number;
}

const zero = (): UploadCounts => ({ uploads: 0, repeats: 0, nearRepeats: 0, photos: 0, screenshots: 0 });

function add(c: UploadCounts, r: UploadVerdict) {
  c.uploads++;
  if (r.repeat === 'repeat') c.repeats++;
  if (r.repeat === 'near-repeat') c.nearRepeats++;
  if (r.kind === 'photo') c.photos++;
  if (r.kind === 'screenshot') c.screenshots++;
}

/**
 * The 重复上传 view: repeats and near-repeats per portal and per portal pair (a < b), and evidence photos and
 * screenshots per portal per day (过度留痕).
 */
export function summariseUploads(rows: readonly UploadVerdict[]) {
  const totals = zero();
  const portals = new Map<string, UploadCounts & { portalId: string }>();
  const pairs = new Map<string, { a: string; b: string; repeats: number; nearRepeats: number }>();
  const days = new Map<string, { day: string; portalId: string; photos: number; screenshots: number; uploads: number }>();
  for (const r of rows) {
    add(totals, r);
    const p = portals.get(r.portalId) ?? { portalId: r.portalId, ...zero() };
    add(p, r);
    portals.set(r.portalId, p);
    if (r.repeat !== 'none' && r.otherPortal && r.otherPortal !== r.portalId) {
      const [a, b] = [r.portalId, r.otherPortal].sort() as [string, string];
      const pair = pairs.get(`${a}\u0000${b}`) ?? { a, b, repeats: 0, nearRepeats: 0 };
      if (r.repeat === 'repeat') pair.repeats++;
      else pair.nearRepeats++;
      pairs.set(`${a}\u0000${b}`, pair);
    }
    const d = days.get(`${r.day}\u0000${r.portalId}`) ?? { day: r.day, portalId: r.portalId, photos: 0, screenshots: 0, uploads: 0 };
    d.uploads++;
    if (r.kind === 'photo') d.photos++;
    if (r.kind === 'screenshot') d.screenshots++;
    days.set(`${r.day}\u0000${r.portalId}`, d);
  }
  return {
    totals,
    portals: [...portals.values()].sort((x, y) => y.repeats + y.nearRepeats - (x.repeats + x.nearRepeats) || x.portalId.localeCompare(y.portalId)),
    pairs: [...pairs.values()].sort((x, y) => y.repeats + y.nearRepeats - (x.repeats + x.nearRepeats) || x.a.localeCompare(y.a)),
    days: [...days.values()].sort((x, y) => y.day.localeCompare(x.day) || x.portalId.localeCompare(y.portalId)),
  };
}

export type UploadSummary = ReturnType<typeof summariseUploads>;
