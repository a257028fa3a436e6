/**
 * Files picked for import, from the file inputs or dropped on the page, folders included (issue #8). A dropped
 * folder is walked through the File and Directory Entries API (webkitGetAsEntry), subfolders included. Hidden
 * files inside folders (".DS_Store", "._x.json" left by other systems) are skipped; a file picked or dropped by
 * itself is always kept, so that it is listed if it is not a report.
 */

export interface PickedFile {
  /** Path inside the dropped or chosen folder, or the file name; shown back in the lists, as text. */
  path: string;
  file: Pick<File, 'size' | 'text'>;
}

/** The parts of FileSystemEntry that are used, so tests can walk a fake tree. */
export interface EntryLike {
  isFile: boolean;
  isDirectory: boolean;
  name: string;
  fullPath: string;
}
interface FileEntryLike extends EntryLike {
  file(success: (file: File) => void, error?: (err: unknown) => void): void;
}
interface DirectoryEntryLike extends EntryLike {
  createReader(): { readEntries(success: (entries: EntryLike[]) => void, error?: (err: unknown) => void): void };
}

const hidden = (name: string) => name.startsWith('.');
const relative = (fullPath: string) => fullPath.replace(/^\/+/, '');

function fileOf(entry: FileEntryLike): Promise<File> {
  return new Promise((resolve, reject) => entry.file(resolve, reject));
}

/** All entries of a directory: readEntries returns them in batches (100 in Chromium) until an empty one. */
async function childrenOf(entry: DirectoryEntryLike): Promise<EntryLike[]> {
  const reader = entry.createReader();
  const out: EntryLike[] = [];
  for (;;) {
    const batch = await new Promise<EntryLike[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (batch.length === 0) return out;
    out.push(...batch);
  }
}

/** Every file under `entry` (itself, if it is a file), in name order within each folder. */
export async function filesOfEntry(entry: EntryLike, out: PickedFile[] = [], top = true): Promise<PickedFile[]> {
  if (!top && hidden(entry.name)) return out;
  if (entry.isFile) {
    out.push({ path: relative(entry.fullPath) || entry.name, file: await fileOf(entry as FileEntryLike) });
  } else if (entry.isDirectory) {
    const children = await childrenOf(entry as DirectoryEntryLike);
    children.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const child of children) await filesOfEntry(child, out, false);
  }
  return out;
}

/** The files of a drop; entries must be taken synchronously, before the event returns, so this is called at once. */
export function filesFromDrop(data: DataTransfer): Promise<PickedFile[]> {
  const items = Array.from(data.items).filter((item) => item.kind === 'file');
  const sources = items.length
    ? items.map((item) => ({ entry: item.webkitGetAsEntry?.() ?? null, file: item.getAsFile() }))
    : Array.from(data.files).map((file) => ({ entry: null, file }));
  return (async () => {
    const out: PickedFile[] = [];
    for (const { entry, file } of sources) {
      if (entry) await filesOfEntry(entry, out);
      else if (file) out.push({ path: file.name, file });
    }
    return out;
  })();
}

/** The files of an <input type=file>, with their path inside the folder when a folder was chosen. */
export function filesFromInput(list: FileList | null): PickedFile[] {
  return Array.from(list ?? [])
    .filter((f) => !f.webkitRelativePath || !f.webkitRelativePath.split('/').slice(1).some(hidden))
    .map((file) => ({ path: file.webkitRelativePath || file.name, file }));
}
