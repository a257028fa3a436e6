import type { PageTag, Portal, PortalPattern, PortalSource } from './portal';

export type MatchMiss =
  | 'invalid-url'
  | 'not-web'
  | 'no-portal'
  | 'scheme-mismatch'
  | 'port-mismatch'
  | 'outside-prefix'
  | 'paused';

export type MatchResult =
  | { tracked: true; portalId: string; pattern: PortalPattern; tag?: PageTag }
  | {
      tracked: false;
      why: MatchMiss;
      /** The nearest portal whose host matched, so the tester can say what was almost tracked. */
      portalId?: string;
    };

export interface MatchOptions {
  paused?: boolean;
}

const SOURCE_RANK: Record<PortalSource, number> = { policy: 2, user: 1, preset: 0 };

// A trailing slash does not narrow a prefix: `/app/` covers the same pages as `/app`.
function prefixSegments(prefix: string | undefined): string {
  return prefix === undefined ? '' : prefix.replace(/\/+$/, '');
}

/** Prefix on path-segment boundaries: `/app` covers `/app`, `/app/` and `/app/x`, never `/apple`. */
function isUnder(path: string, prefix: string): boolean {
  return prefix === '' || path === prefix || path.startsWith(`${prefix}/`);
}

/**
 * How specifically the pattern's host names `host`, or -1 when it does not match it.
 * Exact hosts beat any wildcard; a wildcard scores its suffix length, so `*.gd.gov.cn` beats `*.gov.cn`.
 */
function hostScore(patternHost: string, host: string): number {
  if (patternHost.startsWith('*.')) {
    const suffix = patternHost.slice(2);
    return host === suffix || host.endsWith(`.${suffix}`) ? suffix.length : -1;
  }
  return patternHost === host ? Number.MAX_SAFE_INTEGER : -1;
}

// The checks after the host, in order; a candidate that passes more of them is "nearer" to being tracked.
const STAGES = ['scheme-mismatch', 'port-mismatch', 'outside-prefix'] as const;

interface Candidate {
  portal: Portal;
  pattern: PortalPattern;
  /** How many of STAGES passed; STAGES.length means tracked. */
  passed: number;
  /** Compared left to right, larger wins. */
  rank: number[];
}

function compareRank(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length; i++) {
    const diff = (a[i] ?? 0) - (b[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
}

function evaluate(
  portal: Portal,
  portalIndex: number,
  pattern: PortalPattern,
  patternIndex: number,
  url: URL,
  host: string,
): Candidate | null {
  const byHost = hostScore(pattern.host, host);
  if (byHost < 0) return null;
  const scheme = url.protocol.slice(0, -1);
  const prefix = prefixSegments(pattern.pathPrefix);

  let passed = 0;
  if (pattern.scheme === '*' || pattern.scheme === scheme) {
    passed = 1;
    // The URL parser drops a port equal to the scheme's default, so '' is exactly "the default port".
    const effectivePort = url.port === '' ? (scheme === 'https' ? 443 : 80) : Number(url.port);
    const portOk =
      pattern.port === '*' || (pattern.port === undefined ? url.port === '' : pattern.port === effectivePort);
    if (portOk) {
      passed = 2;
      if (isUnder(url.pathname, prefix)) passed = 3;
    }
  }

  const portScore = typeof pattern.port === 'number' ? 2 : pattern.port === undefined ? 1 : 0;
  return {
    portal,
    pattern,
    passed,
    rank: [
      byHost,
      portScore,
      prefix.length,
      pattern.scheme === '*' ? 0 : 1,
      SOURCE_RANK[portal.source],
      -portalIndex,
      -patternIndex,
    ],
  };
}

function tagFor(portal: Portal, path: string): PageTag | undefined {
  let best: { length: number; tag: PageTag } | undefined;
  for (const rule of portal.tags ?? []) {
    const prefix = prefixSegments(rule.pathPrefix);
    if (isUnder(path, prefix) && (best === undefined || prefix.length > best.length)) {
      best = { length: prefix.length, tag: rule.tag };
    }
  }
  return best?.tag;
}

/**
 * The one answer to "is this URL tracked, and as which portal?", shared by the content script,
 * the background and the settings tester.
 */
export function matchUrl(url: string, portals: readonly Portal[], opts: MatchOptions = {}): MatchResult {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { tracked: false, why: 'invalid-url' };
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return { tracked: false, why: 'not-web' };
  // `gov.cn.` and `gov.cn` are the same host; the parser already lowercased and punycoded it.
  const host = parsed.hostname.replace(/\.$/, '');

  let best: Candidate | undefined;
  portals.forEach((portal, portalIndex) => {
    portal.patterns.forEach((pattern, patternIndex) => {
      const candidate = evaluate(portal, portalIndex, pattern, patternIndex, parsed, host);
      if (candidate === null) return;
      if (
        best === undefined ||
        candidate.passed > best.passed ||
        (candidate.passed === best.passed && compareRank(candidate.rank, best.rank) > 0)
      ) {
        best = candidate;
      }
    });
  });

  if (best === undefined) return { tracked: false, why: 'no-portal' };
  const portalId = best.portal.id;
  if (best.passed < STAGES.length) {
    return { tracked: false, why: STAGES[best.passed] ?? 'no-portal', portalId };
  }
  if (opts.paused) return { tracked: false, why: 'paused', portalId };
  const tag = tagFor(best.portal, parsed.pathname);
  return tag === undefined
    ? { tracked: true, portalId, pattern: best.pattern }
    : { tracked: true, portalId, pattern: best.pattern, tag };
}
