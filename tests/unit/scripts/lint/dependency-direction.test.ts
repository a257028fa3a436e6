import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The repository's own eslint.config.js, run on scratch text placed at a path: what `npx eslint .` would say of
// a file there. The files need not exist; only the import strings are resolved.
const eslint = new ESLint({ cwd: process.cwd() });

async function complaints(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.filter((m) => m.ruleId === 'layers/dependency-direction').map((m) => m.message);
}

describe('dependency direction', () => {
  it.each<[string, string, string]>([
    ['core/time/scratch.ts', `import { buildWeeklyReport } from '../report/build';`, 'features feed the report'],
    ['core/contracts/scratch.ts', `import type { PortalPresentation } from '../report/portal-labels';`, 'features feed the report'],
    ['core/entries/scratch.ts', `export { createEntriesRepo } from '../../storage/entries/entries-repo';`, 'core is pure logic'],
    ['core/portals/scratch.ts', `const m = import('../../components/shared/rpc');`, 'core is pure logic'],
    ['storage/time/scratch.ts', `import { rpc } from '../../components/shared/rpc';`, 'storage holds tables'],
    ['storage/time/scratch.ts', `import { matchSender } from '../../entrypoints/background/portals/sender-portal';`, 'storage holds tables'],
    ['components/popup/scratch.ts', `import { HandledError } from '../../entrypoints/background/messaging/message-router';`, 'pages reach the worker'],
    ['entrypoints/portal-observer/scratch.ts', `import { main } from '../file-hasher/main';`, 'a protocol two entrypoints share'],
  ])('%s: %s is an error', async (file, code, why) => {
    const found = await complaints(file, code);
    expect(found).toHaveLength(1);
    expect(found[0]).toContain(why);
  });

  it.each<[string, string]>([
    ['core/report/scratch.ts', `import { isoWeekOfDay } from '../time/iso-week';`],
    ['core/time/scratch.ts', `import { WEEK_EXACT } from '../contracts/report-schema';`],
    ['storage/report/scratch.ts', `import { groupByWeek } from '../../core/contracts/report-input';`],
    ['components/popup/scratch.ts', `import { openDb } from '../../storage/db/schema';`],
    ['entrypoints/background/time/scratch.ts', `import { matchSender } from '../portals/sender-portal';`],
    ['entrypoints/portal-observer/scratch.ts', `import { HASHER_PROTOCOL } from '../../core/contracts/hasher-protocol';`],
  ])('%s: %s is allowed', async (file, code) => {
    expect(await complaints(file, code)).toEqual([]);
  });
});
