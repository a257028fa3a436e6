/**
 * @vitest-environment node
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

// package.json's `engines` says which Node the project builds and tests on (README, "Two commands"). A
// dependency may declare a narrower range than it needs; each such one is listed here with what was checked, so
// a new dependency that really needs a newer Node is noticed instead of drowned in npm's EBADENGINE warnings.
const DECLARED_NARROWER_THAN_NEEDED: Record<string, string> = {
  // 0.21 declares >=22; its build and prepare code uses util.styleText, crypto.hash (Node 20.12) and
  // process.getBuiltinModule (20.16, optional). The whole suite builds and passes on Node 20.
  wxt: 'Node 20.16 APIs at most',
  // Used only by `wxt init`, which this project never runs; util.styleText is Node 20.12.
  '@topcli/prompts': 'only `wxt init`',
};

const root = path.resolve(__dirname, '../../..');
const ours = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { engines: { node: string } };

/** Every installed package (nested node_modules too) with the Node range it declares. */
function installed(dir: string, out: { name: string; version: string; node: string }[] = []) {
  if (!fs.existsSync(dir)) return out;
  for (const entry of fs.readdirSync(dir)) {
    if (entry.startsWith('.')) continue;
    const at = path.join(dir, entry);
    if (entry.startsWith('@')) {
      installed(at, out);
      continue;
    }
    const manifest = path.join(at, 'package.json');
    if (!fs.existsSync(manifest)) continue;
    const pkg = JSON.parse(fs.readFileSync(manifest, 'utf8')) as { name?: string; version?: string; engines?: { node?: unknown } };
    if (pkg.name && typeof pkg.engines?.node === 'string') out.push({ name: pkg.name, version: pkg.version ?? '?', node: pkg.engines.node });
    installed(path.join(at, 'node_modules'), out);
  }
  return out;
}

describe('the Node range in package.json', () => {
  it('holds the Node this suite runs on', () => {
    expect(semver.satisfies(process.version, ours.engines.node), `${process.version} outside ${ours.engines.node}`).toBe(true);
  });

  it('is inside what every dependency declares, but for the listed ones whose declaration is narrower than their code', () => {
    const excluded = installed(path.join(root, 'node_modules'))
      .filter((p) => !(p.name in DECLARED_NARROWER_THAN_NEEDED))
      .filter((p) => semver.validRange(p.node) && !semver.subset(ours.engines.node, p.node))
      .map((p) => `${p.name}@${p.version} wants ${p.node}`);
    expect([...new Set(excluded)]).toEqual([]);
  });
});
