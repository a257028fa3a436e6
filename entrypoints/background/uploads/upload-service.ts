import { subDays } from 'date-fns';
import { dayKey } from '../../../core/time/day-split';
import { classifyUpload, type EarlierUpload } from '../../../core/uploads/repeat';
import { summariseUploads } from '../../../core/uploads/summary';
import type { ActivityRepo } from '../../../storage/time/activity-repo';
import { fingerprint, type KeyStore } from '../../../storage/config/key-store';
import type { LocalConfigStore } from '../../../storage/config/local-config';
import { RETENTION } from '../../../storage/db/retention';
import type { UploadRow } from '../../../storage/db/schema';
import type { UploadsRepo } from '../../../storage/uploads/uploads-repo';
import type { MessageRouter } from '../messaging/message-router';
import { createSerialQueue } from '../portals/sender-portal';

type MessageSender = Browser.runtime.MessageSender;

export interface UploadServiceDeps {
  config: LocalConfigStore;
  uploads: UploadsRepo;
  activity: Pick<ActivityRepo, 'addGap' | 'removeGap'>;
  keys: KeyStore;
  subtle: SubtleCrypto;
  now: () => number;
  badge: { setBadgeText(details: { tabId?: number; text: string }): Promise<void> };
  session: { get(key: string): Promise<Record<string, unknown>>; set(items: Record<string, unknown>): Promise<void>; remove(key: string): Promise<void> };
}

const pendingKey = (sender: MessageSender, token: string) => `uploadPending:${sender.tab?.id ?? ''}:${token}`;
/**
 * How many digests of this browser session were computed where (`HASHED_BY`): session storage, gone when the
 * browser closes. Tells the benchmarks and tests which path really ran; says nothing about any file.
 */
export const HASHED_BY_KEY = 'uploadsHashedBy';

/**
 * Keys each uploaded file's digest with the install key and decides repeat / near-repeat. The un-keyed digest
 * arrives in memory and is dropped: only the keyed fingerprint, kind, size bucket and perceptual hash are kept.
 */
export function createUploadService(deps: UploadServiceDeps) {
  const serial = createSerialQueue();
  const clearBadge = (sender: MessageSender) =>
    sender.tab?.id === undefined ? undefined : deps.badge.setBadgeText({ tabId: sender.tab.id, text: '' }).catch(() => undefined);

  return {
    register(router: MessageRouter) {
      router.on('page.uploadBegin', async ({ token }, { sender, portalId }) => {
        if (!portalId) return { recorded: false };
        const now = deps.now();
        // Written ahead: if the page or this worker dies before the fingerprint is done, the gap stays.
        const gapId = await deps.activity.addGap({ portalId, day: dayKey(now), start: now, end: now, reason: 'upload-unfinished' });
        await deps.session.set({ [pendingKey(sender, token)]: gapId });
        return { recorded: true };
      });

      router.on('page.uploadProgress', async ({ percent }, { sender }) => {
        if (sender.tab?.id === undefined) return { shown: false };
        await deps.badge.setBadgeText({ tabId: sender.tab.id, text: `${percent}%` }).catch(() => undefined);
        return { shown: true };
      });

      router.on('page.upload', (payload, { sender, portalId }) =>
        serial(async () => {
          await clearBadge(sender);
          if (!portalId) return { recorded: false };
          const now = deps.now();
          const day = dayKey(now);
          const keys = await deps.keys.keys();
          // Whole and sampled digests are domain-separated, as are uploads from entries.
          const input = `upload\u0000${payload.sampled ? 'sampled' : 'whole'}\u0000${payload.digest}`;
          const fps = new Map(await Promise.all(keys.map(async (k) => [k.id, await fingerprint(deps.subtle, k.key, input)] as const)));
          const sameContent = (row: UploadRow) => fps.get(row.keyId) === row.contentFp;
          const byId = new Map<number, UploadRow>();
          for (const row of await deps.uploads.withContent([...fps.values()])) byId.set(row.id!, row);
          if (payload.phash) {
            const since = dayKey(subDays(now, RETENTION.fingerprintDays).getTime());
            for (const row of await deps.uploads.imagesSince(since)) byId.set(row.id!, row);
          }
          const earlier: EarlierUpload[] = [...byId.values()].map((row) => ({
            portalId: row.portalId,
            at: row.at,
            sameContent: sameContent(row),
            ...(row.phash && { phash: row.phash }),
          }));
          const verdict = classifyUpload({ portalId, ...(payload.phash && { phash: payload.phash }) }, earlier);
          await deps.uploads.add({
            portalId,
            day,
            at: now,
            keyId: keys[0]!.id,
            contentFp: fps.get(keys[0]!.id)!,
            sampled: payload.sampled,
            kind: payload.kind,
            sizeBucket: payload.sizeBucket,
            ...(payload.phash && { phash: payload.phash }),
            source: payload.source,
            ...verdict,
          });
          const key = pendingKey(sender, payload.token);
          const gapId = (await deps.session.get(key))[key];
          if (typeof gapId === 'number') await deps.activity.removeGap(gapId);
          await deps.session.remove(key);
          const tally = (await deps.session.get(HASHED_BY_KEY))[HASHED_BY_KEY] as Record<string, number> | undefined;
          await deps.session.set({ [HASHED_BY_KEY]: { ...tally, [payload.hashedBy]: (tally?.[payload.hashedBy] ?? 0) + 1 } });
          return { recorded: true, repeat: verdict.repeat };
        }),
      );

      router.on('stats.uploads', async ({ fromDay, toDay }) => {
        const [{ portalSnapshot }, rows] = await Promise.all([deps.config.read(), deps.uploads.uploadsByDay(fromDay, toDay)]);
        return { ...summariseUploads(rows), names: Object.fromEntries(portalSnapshot.map((p) => [p.id, p.name])) };
      });
    },
  };
}
