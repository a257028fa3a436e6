import Dexie, { type Table } from 'dexie';
import { declareVersions, type SchemaVersion } from './schema-versions';
import type { PageTag } from '../../core/portals/portal';
import type { UploadKind } from '../../core/uploads/kind';
import type { UploadRepeat } from '../../core/uploads/repeat';

export interface VisitRow {
  id?: number;
  portalId: string;
  /** Local calendar day, yyyy-MM-dd. */
  day: string;
  startedAt: number;
  tag?: PageTag;
}

/** One portal's totals for one local day. Time is kept in milliseconds and rounded only when shown. */
export interface DailyRow {
  portalId: string;
  day: string;
  activeMs: number;
  offHoursMs: number;
  /** Sum of waiting over top-level navigations, each capped at 120 s. */
  waitMs: number;
  navigations: number;
}

/** Why portal-open time was not counted (DESIGN.md §3 gap log); the dashboard turns it into coverage. */
export interface GapRow {
  id?: number;
  portalId: string;
  day: string;
  start: number;
  end: number;
  /** `upload-unfinished`: a file's fingerprint was begun and never completed (page closed, worker lost). */
  reason: 'idle' | 'unfocused' | 'sleep' | 'locked' | 'worker-restart' | 'upload-unfinished';
}

/**
 * One committed entry (DESIGN.md §3). Everything that came from the page is a keyed fingerprint, a category or
 * a number: never the value, the field's name or label, or the form's path.
 */
export interface EntryRow {
  id?: number;
  portalId: string;
  day: string;
  at: number;
  /** Which key made the fingerprints, so a rotated key's entries can still be matched during the overlap. */
  keyId: string;
  valueFp: string;
  formFp: string;
  fieldFp: string;
  category: 'name' | 'id-number' | 'phone' | 'address' | 'date' | 'number' | 'long-text' | 'other';
  length: number;
  method: 'typed' | 'pasted' | 'autofilled';
  typingMs: number;
  /** Identifies the page visit (tab, frame and load), to tell re-entry within one visit from a repeat. */
  visitKey: string;
  kind: 'none' | 'same-field' | 'cross-portal';
  otherPortal?: string;
  retypedChars: number;
  repeatTypingMs: number;
  /** For a paste: the portal the value was copied on, when that was another portal (a transfer). */
  transferFrom?: string;
  /** The submission this entry went out with (issue 4), for duplicate filing. */
  submissionId?: number;
}

/**
 * A submission or login (DESIGN.md §3): what was asked and how it ended, never what was sent. `requestId` is the
 * browser's id of the POST/PUT, kept so an answer that arrives after a worker restart still settles the row.
 */
export interface SubmissionRow {
  id?: number;
  requestId: string;
  tabId: number;
  /** The portal credited: after a single-sign-on redirect, the portal the login reached. */
  portalId: string;
  day: string;
  at: number;
  login: boolean;
  captcha: boolean;
  oneTimeCode: boolean;
  /** Keyed fingerprint of the account name (never the name), with the key it was made with. */
  accountFp?: string;
  keyId?: string;
  status: 'pending' | 'ok' | 'failed';
  failure?: 'http' | 'network';
  endedAt?: number;
  /** Duplicate filing: the other portal whose earlier submission this one mostly repeated. */
  duplicateOf?: string;
}

/** A run of pages of one portal in one tab, for login-only visits. Times only: no URL, no title. */
export interface StayRow {
  id?: number;
  tabId: number;
  portalId: string;
  day: string;
  startedAt: number;
  lastSeenAt: number;
  endedAt?: number;
}

/** Active time on catalog-tagged pages per tag, portal and local day. */
export interface TagDailyRow {
  tag: PageTag;
  portalId: string;
  day: string;
  activeMs: number;
}

/**
 * One file given to a portal page (DESIGN.md §3): kind, size bucket, a keyed content fingerprint and, for images,
 * a 64-bit perceptual hash. Never the file name or any byte of the content, not even the un-keyed digest.
 */
export interface UploadRow {
  id?: number;
  portalId: string;
  day: string;
  at: number;
  /** Which key made `contentFp`, so a rotated key's uploads can still be matched during the overlap. */
  keyId: string;
  contentFp: string;
  /** The fingerprint covers the size and sampled regions only (files above core/uploads/sampling.ts's limit). */
  sampled: boolean;
  kind: UploadKind;
  /** core/uploads/kind.ts sizeBucket: 0 < 100 KB … 5 ≥ 1 GB. */
  sizeBucket: number;
  /** 16 hex digits, images the browser could decode only. */
  phash?: string;
  source: 'input' | 'drop' | 'paste';
  repeat: UploadRepeat;
  otherPortal?: string;
}

export interface MetaRow {
  key: string;
  value: unknown;
}

/**
 * Every schema the database has ever had, oldest first. A version is never edited once released: a change
 * is a new entry with a pure `upgrade` row transform, tested on a fixture of the version before
 * (tests/unit/storage/db/migrations.test.ts).
 */
export const SCHEMA_VERSIONS: readonly SchemaVersion[] = [
  {
    version: 1,
    stores: { visits: '++id, portalId, day, [portalId+day]', meta: 'key' },
  },
  {
    // Issue 3: daily time totals and the gap log.
    version: 2,
    stores: { daily: '[portalId+day], day, portalId', gaps: '++id, day, portalId' },
  },
  {
    // Issue 5: committed entries, as fingerprints only.
    version: 3,
    stores: { entries: '++id, valueFp, day, portalId, [portalId+day]' },
  },
  {
    // Issue 4: submissions and logins, stays for login-only visits, active time per page tag.
    version: 4,
    stores: {
      submissions: '++id, requestId, day, portalId, [portalId+day]',
      stays: '++id, tabId, day, portalId',
      tagDaily: '[tag+portalId+day], day, portalId',
    },
  },
  {
    // Issue 6: uploads, as keyed fingerprints and perceptual hashes only.
    version: 5,
    stores: { uploads: '++id, contentFp, day, portalId, [portalId+day]' },
  },
];

export const DB_NAME = 'burden-barometer';

export class BurdenDb extends Dexie {
  visits!: Table<VisitRow, number>;
  meta!: Table<MetaRow, string>;
  daily!: Table<DailyRow, [string, string]>;
  gaps!: Table<GapRow, number>;
  entries!: Table<EntryRow, number>;
  submissions!: Table<SubmissionRow, number>;
  stays!: Table<StayRow, number>;
  tagDaily!: Table<TagDailyRow, [string, string, string]>;
  uploads!: Table<UploadRow, number>;

  constructor(name = DB_NAME, upTo = Infinity) {
    super(name);
    declareVersions(this, SCHEMA_VERSIONS, upTo);
  }
}

export function openDb(name = DB_NAME): BurdenDb {
  return new BurdenDb(name);
}
