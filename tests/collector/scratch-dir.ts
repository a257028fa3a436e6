import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/**
 * A temporary folder in memory when the machine has /dev/shm: PGlite's commits then cost no disk flush, which
 * keeps the tests quick. Killing a process loses nothing the kernel holds, so crash tests prove the same there.
 */
export function scratchDir(prefix: string): string {
  const base = fs.existsSync('/dev/shm') ? '/dev/shm' : os.tmpdir();
  return fs.mkdtempSync(path.join(base, prefix));
}
