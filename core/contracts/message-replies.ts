/**
 * What the worker answers to each message of core/contracts/messages.ts. Handlers are typed to return exactly
 * these and the pages' `rpc()` reads them back, so a change of a reply breaks the build on both sides at once.
 */
import type { PageTag, Portal } from '../portals/portal';
import type { FrictionTotals } from '../submissions/totals';
import type { PolicyKey, PolicyProblem } from './managed-policy';
import type { ReportIssue } from './report-schema';
import type { EnrollmentCodeProblem } from '../tokens/enrollment-code';

/** Portal ids to the names on the cadre's list, for the dashboard tables. */
export type PortalNames = Record<string, string>;

export interface PortalsState {
  portals: (Portal & { missingOrigins: string[] })[];
  userPortalsSetAside: number;
  policy: {
    presentKeys: PolicyKey[];
    lockPortalList: boolean;
    campaign?: string;
    reportEndpoint?: string;
    problems: PolicyProblem[];
  };
  paused: boolean;
  welcomeDone: boolean;
  grantedOrigins: string[];
}

/** Today on one portal, for the popup. */
export interface TodayRow extends Omit<FrictionTotals, 'portalId'> {
  portalId: string;
  name: string;
  visits: number;
  activeMs: number;
  offHoursMs: number;
  waitMs: number;
  navigations: number;
}

export interface TagDay {
  tag: PageTag;
  portalId: string;
  day: string;
  visits: number;
  activeMs: number;
}

export interface FrictionStats {
  portals: FrictionTotals[];
  tags: TagDay[];
  names: PortalNames;
}

export interface ReportState {
  weeks: { week: string; activeMs: number; from: string; to: string }[];
  currentWeek: string;
  campaign: string | null;
  endpoint: string | null;
  pending: { bytes: string; error: string } | null;
  requestsSent: number;
}

/** A portal of the weeks being built, as the preview lists it. */
export interface PreviewPortal {
  id: string;
  name: string;
  catalog: boolean;
  host: string | null;
  labels: string[];
}

export type BuiltReport = ({ ok: true; bytes: string } | { ok: false; issues: ReportIssue[] }) & { portals: PreviewPortal[] };

/** `replaced`: how many of the sent weeks replaced an earlier copy (the collector counts a cadre-week once). */
export type SubmitResult = { sent: true; status: number; replaced?: number } | { sent: false; error: string };

/** Active and waiting time per portal and day, for the calendar heatmap and the per-portal page. */
export interface DailyStats {
  days: { day: string; portalId: string; activeMs: number; waitMs: number }[];
  names: PortalNames;
}

/** Blind tokens (issue #17) as settings shows them: where the enrollment code came from and which weeks hold a token. */
export interface TokenState {
  source: 'policy' | 'settings' | null;
  codeHint: string | null;
  collector: string | null;
  weeks: string[];
  currentWeek: string;
  nextDrawAt: number | null;
  lastError: string | null;
}

export type EnrollReply = { ok: true; state: TokenState } | { ok: false; problem: EnrollmentCodeProblem };

export interface ExportedData {
  tables: Record<string, Record<string, unknown>[]>;
  settings: Record<string, unknown>;
}
