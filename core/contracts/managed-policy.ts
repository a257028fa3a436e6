import { z } from 'zod';
import { PAGE_TAGS, type Portal, portalSchema } from '../portals/portal';
import { parsePatternInput } from '../portals/pattern';
import { parseEnrollmentCode } from '../tokens/enrollment-code';

/**
 * What an office can set through browser policy (storage.managed). Chromium drops values that do not match
 * public/managed_schema.json before we see them, but we still validate: policy can only ever narrow what is
 * collected, so anything we do not understand is ignored and reported, never guessed at.
 */
export interface ManagedPolicy {
  catalog: Portal[];
  lockPortalList: boolean;
  campaign?: string;
  reportEndpoint?: string;
  /** The cadre's enrollment code for blind tokens (issue #17), when the office pushes one per machine. */
  enrollmentCode?: string;
  /** Which top-level policy keys were present, for the settings page's 配置来源 panel. */
  presentKeys: PolicyKey[];
  /** Entries that were dropped, with a language-neutral reason the UI translates. */
  problems: PolicyProblem[];
}

export const POLICY_KEYS = ['catalog', 'lockPortalList', 'campaign', 'reportEndpoint', 'enrollmentCode'] as const;
export type PolicyKey = (typeof POLICY_KEYS)[number];

export interface PolicyProblem {
  key: PolicyKey;
  index?: number;
  code: 'invalid-entry' | 'invalid-pattern' | 'duplicate-id' | 'invalid-value';
}

const rawCatalogEntry = z.object({
  id: z.string(),
  name: z.string(),
  department: z.string().optional(),
  patterns: z.array(z.string()).min(1),
  tags: z.array(z.object({ pathPrefix: z.string(), tag: z.enum(PAGE_TAGS) })).optional(),
});

const campaignSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/);
// Reports leave the machine only over HTTPS; a plain-http endpoint would expose them on the wire.
const endpointSchema = z.url({ protocol: /^https$/ });

// A code with a typo is dropped and reported (配置来源), like any invalid value; it is kept in its canonical form.
const enrollmentCodeSchema = z.string().max(64).transform((s, ctx) => {
  const parsed = parseEnrollmentCode(s);
  if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.problem });
  return parsed.ok ? parsed.code : z.NEVER;
});

export function readManagedPolicy(raw: Record<string, unknown>): ManagedPolicy {
  const problems: PolicyProblem[] = [];
  const presentKeys = POLICY_KEYS.filter((key) => raw[key] !== undefined);
  const catalog: Portal[] = [];
  const seen = new Set<string>();
  const entries = Array.isArray(raw.catalog) ? raw.catalog : [];
  if (raw.catalog !== undefined && !Array.isArray(raw.catalog)) problems.push({ key: 'catalog', code: 'invalid-value' });
  entries.forEach((entry, index) => {
    const parsed = rawCatalogEntry.safeParse(entry);
    if (!parsed.success) return problems.push({ key: 'catalog', index, code: 'invalid-entry' });
    const patterns = parsed.data.patterns.map(parsePatternInput);
    if (patterns.some((p) => !p.ok)) return problems.push({ key: 'catalog', index, code: 'invalid-pattern' });
    const portal = portalSchema.safeParse({
      id: parsed.data.id,
      name: parsed.data.name,
      department: parsed.data.department,
      patterns: patterns.map((p) => (p.ok ? p.pattern : null)),
      tags: parsed.data.tags,
      source: 'policy',
    });
    if (!portal.success) return problems.push({ key: 'catalog', index, code: 'invalid-entry' });
    if (seen.has(portal.data.id)) return problems.push({ key: 'catalog', index, code: 'duplicate-id' });
    seen.add(portal.data.id);
    catalog.push(stripUndefined(portal.data));
  });

  const lock = raw.lockPortalList;
  if (lock !== undefined && typeof lock !== 'boolean') problems.push({ key: 'lockPortalList', code: 'invalid-value' });
  const campaign = optional(campaignSchema, raw.campaign, 'campaign', problems);
  const reportEndpoint = optional(endpointSchema, raw.reportEndpoint, 'reportEndpoint', problems);
  const enrollmentCode = optional(enrollmentCodeSchema, raw.enrollmentCode, 'enrollmentCode', problems);
  return {
    catalog,
    lockPortalList: lock === true,
    ...(campaign !== undefined && { campaign }),
    ...(reportEndpoint !== undefined && { reportEndpoint }),
    ...(enrollmentCode !== undefined && { enrollmentCode }),
    presentKeys,
    problems,
  };
}

function optional<T>(schema: z.ZodType<T>, value: unknown, key: PolicyKey, problems: PolicyProblem[]): T | undefined {
  if (value === undefined) return undefined;
  const parsed = schema.safeParse(value);
  if (!parsed.success) problems.push({ key, code: 'invalid-value' });
  return parsed.success ? parsed.data : undefined;
}

function stripUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

export const EMPTY_POLICY: ManagedPolicy = { catalog: [], lockPortalList: false, presentKeys: [], problems: [] };
