import { readManagedPolicy, type PolicyProblem } from '../contracts/managed-policy';
import { pageTagRuleSchema, portalSchema } from '../portals/portal';
import { parsePatternInput, type PatternInputError } from '../portals/pattern';

/**
 * The extension policy (storage.managed) a kit writes into every policy file. The catalog is kept as the office
 * wrote it — string patterns, the form public/managed_schema.json declares — once the extension's own reader
 * (core/contracts/managed-policy.ts) accepts every entry of it.
 */
export interface KitPolicy {
  catalog: RawCatalogEntry[];
  lockPortalList: boolean;
  campaign?: string;
  reportEndpoint?: string;
}

export interface RawCatalogEntry {
  id: string;
  name: string;
  department?: string;
  patterns: string[];
  tags?: { pathPrefix: string; tag: string }[];
}

export interface KitPolicyInput {
  /** The parsed catalog file: an array of entries, or a policy object with `catalog` and optional settings. */
  file: unknown;
  campaign?: string;
  reportEndpoint?: string;
  lockPortalList?: boolean;
}

export type KitProblem =
  | { code: 'catalog-shape' }
  | { code: 'catalog-empty' }
  | { code: 'entry-not-object'; index: number }
  | { code: 'entry-unknown-key'; index: number; id?: string; name?: string; key: string }
  | { code: 'entry-invalid'; index: number; id?: string; name?: string; field: EntryField }
  | { code: 'entry-pattern'; index: number; id?: string; name?: string; pattern: string; reason: PatternInputError }
  | { code: 'entry-duplicate-id'; index: number; id?: string; name?: string }
  | { code: 'setting-invalid'; key: 'campaign' | 'reportEndpoint' | 'lockPortalList' | 'enrollmentCode' }
  | { code: 'file-unknown-key'; key: string };

export type EntryField = 'id' | 'name' | 'department' | 'patterns' | 'tags';

export type KitPolicyResult = { ok: true; policy: KitPolicy } | { ok: false; problems: KitProblem[] };

const ENTRY_KEYS = new Set(['id', 'name', 'department', 'patterns', 'tags']);
const FILE_KEYS = new Set(['catalog', 'lockPortalList', 'campaign', 'reportEndpoint']);

/**
 * Accepts the catalog only if the extension would take every entry of it: a policy the browser applies with
 * entries silently dropped would measure less than the office thinks, and nobody would notice until reports came
 * back. Unknown keys are refused for the same reason (a typo like `pattern` would otherwise vanish).
 */
export function checkKitPolicy(input: KitPolicyInput): KitPolicyResult {
  const problems: KitProblem[] = [];
  const file = input.file;
  const fromFile: Record<string, unknown> = Array.isArray(file)
    ? { catalog: file }
    : isObject(file) && Array.isArray(file.catalog)
      ? file
      : {};
  if (!Array.isArray(fromFile.catalog)) return { ok: false, problems: [{ code: 'catalog-shape' }] };
  for (const key of Object.keys(fromFile)) if (!FILE_KEYS.has(key)) problems.push({ code: 'file-unknown-key', key });

  const catalog = fromFile.catalog as unknown[];
  if (catalog.length === 0) problems.push({ code: 'catalog-empty' });
  catalog.forEach((entry, index) => {
    if (!isObject(entry)) return problems.push({ code: 'entry-not-object', index });
    for (const key of Object.keys(entry)) {
      if (!ENTRY_KEYS.has(key)) problems.push({ code: 'entry-unknown-key', index, ...label(entry), key });
    }
  });

  const raw = {
    catalog,
    lockPortalList: input.lockPortalList ?? fromFile.lockPortalList ?? true,
    ...defined('campaign', input.campaign ?? fromFile.campaign),
    ...defined('reportEndpoint', input.reportEndpoint ?? fromFile.reportEndpoint),
  };
  const read = readManagedPolicy(raw);
  for (const problem of read.problems) problems.push(...describe(problem, catalog));
  if (problems.length) return { ok: false, problems: dedupe(problems).sort(byEntry) };
  return {
    ok: true,
    policy: {
      catalog: catalog as RawCatalogEntry[],
      lockPortalList: read.lockPortalList,
      ...(read.campaign !== undefined && { campaign: read.campaign }),
      ...(read.reportEndpoint !== undefined && { reportEndpoint: read.reportEndpoint }),
    },
  };
}

function describe(problem: PolicyProblem, catalog: unknown[]): KitProblem[] {
  if (problem.key !== 'catalog') return [{ code: 'setting-invalid', key: problem.key }];
  if (problem.index === undefined) return [{ code: 'catalog-shape' }];
  const index = problem.index;
  const entry = catalog[index];
  if (!isObject(entry)) return [{ code: 'entry-not-object', index }];
  const names = label(entry);
  if (problem.code === 'duplicate-id') return [{ code: 'entry-duplicate-id', index, ...names }];
  if (problem.code === 'invalid-pattern' && Array.isArray(entry.patterns)) {
    // The reader says only that some pattern failed; name the first one so the office knows what to fix.
    for (const pattern of entry.patterns) {
      const parsed = parsePatternInput(String(pattern));
      if (!parsed.ok) return [{ code: 'entry-pattern', index, ...names, pattern: String(pattern), reason: parsed.error }];
    }
  }
  return [{ code: 'entry-invalid', index, ...names, field: invalidField(entry) }];
}

/** Which field made the extension's reader drop the entry, checked with the reader's own schemas. */
function invalidField(entry: Record<string, unknown>): EntryField {
  const { shape } = portalSchema;
  if (!shape.id.safeParse(entry.id).success) return 'id';
  if (!shape.name.safeParse(entry.name).success) return 'name';
  if (!shape.department.safeParse(entry.department).success) return 'department';
  if (entry.tags !== undefined && !(Array.isArray(entry.tags) && entry.tags.every((tag) => pageTagRuleSchema.safeParse(tag).success))) return 'tags';
  return 'patterns';
}

function label(entry: Record<string, unknown>): { id?: string; name?: string } {
  return {
    ...(typeof entry.id === 'string' && { id: entry.id }),
    ...(typeof entry.name === 'string' && { name: entry.name }),
  };
}

function defined<K extends string>(key: K, value: unknown): Partial<Record<K, unknown>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, unknown>);
}

function byEntry(a: KitProblem, b: KitProblem): number {
  return ('index' in a ? a.index : -1) - ('index' in b ? b.index : -1);
}

function dedupe(problems: KitProblem[]): KitProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = JSON.stringify(p);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
