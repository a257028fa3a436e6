import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Takes the machine-wide managed policy folder as it is and gives back a function that puts it back exactly —
 * files added removed, files changed or removed rewritten, folders this run created deleted — so that a forcelist
 * written by a test can never leak into another engineer's browser, even when the test fails.
 */
export function snapshotPolicyFolder(dir: string): () => void {
  const created: string[] = [];
  for (let d = dir; !fs.existsSync(d); d = path.dirname(d)) created.push(d);
  const before = new Map<string, Buffer>();
  if (fs.existsSync(dir)) for (const name of fs.readdirSync(dir)) before.set(name, fs.readFileSync(path.join(dir, name)));
  let restored = false;
  const restore = () => {
    if (restored) return;
    restored = true;
    if (fs.existsSync(dir)) {
      for (const name of fs.readdirSync(dir)) if (!before.has(name)) fs.rmSync(path.join(dir, name), { force: true });
    }
    for (const [name, bytes] of before) {
      const file = path.join(dir, name);
      if (!fs.existsSync(file) || !fs.readFileSync(file).equals(bytes)) fs.writeFileSync(file, bytes);
    }
    for (const d of created) if (fs.existsSync(d) && fs.readdirSync(d).length === 0) fs.rmdirSync(d);
  };
  // A test runner killed between write and restore still runs 'exit' handlers on a normal shutdown.
  process.once('exit', restore);
  return restore;
}
