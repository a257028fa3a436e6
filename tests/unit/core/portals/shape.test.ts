import { describe, expect, it } from 'vitest';
import { portalSchema } from '../../../../core/portals/portal';
import { isPortal } from '../../../../core/portals/shape';
import { seededRandom } from '../office/generated-reports';

// The page script checks the portal list with core/portals/shape.ts, everything else with zod: the two must
// never disagree, or a list the settings page saved could be ignored by the page (or the reverse).
type Loose = Record<string, unknown>;

const VALID: Loose[] = [
  {
    id: 'gd-zwfw',
    name: '广东政务服务网',
    department: '省政务服务数据管理局',
    patterns: [{ scheme: 'https', host: 'zwfw.gd.gov.cn', pathPrefix: '/app' }],
    tags: [{ pathPrefix: '/checkin', tag: 'check-in' }],
    source: 'policy',
  },
  { id: '10-1-2-3', name: 'OA', patterns: [{ scheme: 'http', host: '10.1.2.3', port: 8080 }], source: 'user' },
  { id: 'all-gov-cn', name: 'x'.repeat(100), patterns: [{ scheme: '*', host: '*.gov.cn', port: '*' }], department: '', tags: [], source: 'preset' },
  { id: 'v6', name: 'v6', patterns: [{ scheme: 'http', host: '[::1]', port: 1 }, { scheme: 'https', host: 'a_b.example.cn', port: 65535, pathPrefix: '/' }], source: 'user' },
];

// Values tried in place of any field: right and wrong types, and each boundary the schema draws.
const VALUES: unknown[] = [
  undefined, null, 0, 1, -1, 1.5, 65535, 65536, Number.NaN, Number.POSITIVE_INFINITY, '', '*', 'x', true, [], {}, [{}],
  'http', 'https', 'ftp', 'HTTP', 'policy', 'preset', 'user', 'admin', 'login', 'check-in', 'work-order', 'Login',
  'a', 'a-', '-a', 'a'.repeat(64), 'a'.repeat(65), 'A', 'gd-zwfw', 'x'.repeat(100), 'x'.repeat(101), '广东',
  'zwfw.gd.gov.cn', 'ZWFW.gd.gov.cn', 'example.cn.', '*.cn', '*.gov.cn', 'a.*.cn', '10.1.2.3', '010.1.2.3', '[::1]',
  '[0:0::1]', 'xn--fiq228c.cn', '中文.cn', 'a b.cn', `${'a'.repeat(63)}.cn`, `${'a'.repeat(64)}.cn`,
  '/', '/app', '/app/', 'app', '/a/../b', '/a b', '/a?x', '/%E4%B8%AD', '/中', `/${'a'.repeat(2047)}`, `/${'a'.repeat(2048)}`,
];

const pick = <T>(random: () => number, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

/** Every object inside a portal (the portal, its patterns, its tag rules), to mutate one of them. */
function objectsOf(portal: Loose): Loose[] {
  const out: Loose[] = [portal];
  for (const key of ['patterns', 'tags']) {
    const list = portal[key];
    if (Array.isArray(list)) for (const item of list) if (item && typeof item === 'object' && !Array.isArray(item)) out.push(item as Loose);
  }
  return out;
}

const KEYS = ['id', 'name', 'patterns', 'department', 'tags', 'source', 'scheme', 'host', 'port', 'pathPrefix', 'tag', 'extra'];

function mutate(portal: Loose, random: () => number): void {
  const target = pick(random, objectsOf(portal));
  const key = random() < 0.7 ? pick(random, Object.keys(target).length ? Object.keys(target) : KEYS) : pick(random, KEYS);
  const r = random();
  if (r < 0.15) delete target[key];
  else if (r < 0.25 && Array.isArray(target[key])) (target[key] as unknown[]).length = 0;
  else if (r < 0.35 && Array.isArray(target[key])) (target[key] as unknown[]).push(structuredClone(pick(random, [...(target[key] as unknown[]), 1, 'x'])));
  else target[key] = structuredClone(pick(random, VALUES));
}

describe('isPortal', () => {
  it('accepts every valid portal, as zod does', () => {
    for (const portal of VALID) {
      expect(portalSchema.safeParse(portal).success).toBe(true);
      expect(isPortal(portal)).toBe(true);
    }
  });

  it('rejects what is not an object shaped like a portal', () => {
    for (const v of [null, undefined, 'gd-zwfw', 1, [], [VALID[0]], { ...VALID[0], extra: 1 }]) {
      expect(portalSchema.safeParse(v).success).toBe(false);
      expect(isPortal(v)).toBe(false);
    }
  });

  it('gives zod\'s verdict on 20,000 random mutations of valid portals (seeded)', () => {
    let accepted = 0;
    // Disagreements are collected and compared once: an expect per case, with its message, was over a quarter of the time.
    const disagreements: string[] = [];
    for (let seed = 1; seed <= 20_000; seed++) {
      const random = seededRandom(seed);
      const portal = structuredClone(pick(random, VALID));
      const count = 1 + Math.floor(random() * 3);
      for (let i = 0; i < count; i++) mutate(portal, random);
      const zod = portalSchema.safeParse(portal).success;
      if (zod) accepted++;
      if (isPortal(portal) !== zod) disagreements.push(`seed ${seed}: zod says ${zod} of ${JSON.stringify(portal).slice(0, 300)}`);
    }
    expect(disagreements).toEqual([]);
    // Both verdicts are exercised in numbers, or the comparison would prove little.
    expect(accepted).toBeGreaterThan(1_000);
    expect(accepted).toBeLessThan(19_000);
  });
});
