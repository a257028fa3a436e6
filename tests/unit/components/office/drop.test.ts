import { describe, expect, it } from 'vitest';
import { filesOfEntry, type EntryLike } from '../../../../components/office/drop';

interface Tree {
  [name: string]: string | Tree;
}

/** A fake FileSystemEntry tree whose readers return their entries two at a time, as Chromium does in hundreds. */
function entry(name: string, node: string | Tree, parent = ''): EntryLike {
  const fullPath = `${parent}/${name}`;
  if (typeof node === 'string') {
    const file = { name, size: node.length, text: async () => node } as unknown as File;
    return Object.assign({ isFile: true, isDirectory: false, name, fullPath }, { file: (ok: (f: File) => void) => ok(file) });
  }
  const children = Object.entries(node).map(([n, child]) => entry(n, child, fullPath));
  return Object.assign(
    { isFile: false, isDirectory: true, name, fullPath },
    {
      createReader: () => {
        let at = 0;
        return {
          readEntries: (ok: (e: EntryLike[]) => void) => {
            ok(children.slice(at, at + 2));
            at += 2;
          },
        };
      },
    },
  );
}

describe('filesOfEntry', () => {
  it('walks a dropped folder and its subfolders, reading every batch, skipping hidden files', async () => {
    const root = entry('reports', {
      'b.json': 'b',
      'a.json': 'a',
      '.DS_Store': 'junk',
      sub: { 'c.json': 'c', deeper: { 'd.json': 'd' }, '._c.json': 'junk' },
      'e.txt': 'e',
    });
    const files = await filesOfEntry(root);
    expect(files.map((f) => f.path)).toEqual(['reports/a.json', 'reports/b.json', 'reports/e.txt', 'reports/sub/c.json', 'reports/sub/deeper/d.json']);
    expect(await files[3]!.file.text()).toBe('c');
  });

  it('keeps a file dropped by itself, even a hidden one', async () => {
    const files = await filesOfEntry(entry('.hidden.json', 'x'));
    expect(files.map((f) => f.path)).toEqual(['.hidden.json']);
  });
});
