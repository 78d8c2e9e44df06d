/**
 * The run files in what was dropped on the page: files, and the `.json` files of dropped
 * folders (through the File and Directory Entries API), bounded: at most MAX_DROPPED_FILES files,
 * MAX_FOLDER_DEPTH folders deep. A folder's other files are skipped; a dropped file is always taken
 * (a refusal then says why it is not a run).
 */
export const MAX_DROPPED_FILES = 500;
export const MAX_FOLDER_DEPTH = 4;

/** The parts of the File and Directory Entries API used here (a FileSystemEntry). */
export interface EntryLike {
  isFile: boolean;
  isDirectory: boolean;
  name: string;
  file?: (ok: (file: File) => void, fail: (error: unknown) => void) => void;
  createReader?: () => { readEntries: (ok: (entries: EntryLike[]) => void, fail: (error: unknown) => void) => void };
}

export interface Dropped {
  files: File[];
  /** Files left out past the limit. */
  skipped: number;
}

const isRunFileName = (name: string) => /\.json$/i.test(name);

function fileOf(entry: EntryLike): Promise<File | null> {
  return new Promise((resolve) => {
    if (!entry.file) resolve(null);
    else entry.file(resolve, () => resolve(null));
  });
}

/** All of a folder's entries: readEntries gives them in batches until it gives none. */
async function childrenOf(entry: EntryLike): Promise<EntryLike[]> {
  const reader = entry.createReader?.();
  if (!reader) return [];
  const all: EntryLike[] = [];
  for (;;) {
    const batch = await new Promise<EntryLike[]>((resolve) => reader.readEntries(resolve, () => resolve([])));
    if (batch.length === 0) return all;
    all.push(...batch);
    if (all.length > MAX_DROPPED_FILES * 4) return all;
  }
}

/** The files in dropped entries, folders walked in name order; `fallback` when the browser gives no entries. */
export async function filesOfEntries(entries: readonly (EntryLike | null)[], fallback: readonly File[]): Promise<Dropped> {
  if (entries.length === 0 || entries.every((e) => e === null)) {
    return { files: fallback.slice(0, MAX_DROPPED_FILES), skipped: Math.max(0, fallback.length - MAX_DROPPED_FILES) };
  }
  const files: File[] = [];
  let skipped = 0;
  const take = (file: File) => {
    if (files.length < MAX_DROPPED_FILES) files.push(file);
    else skipped += 1;
  };
  const walk = async (entry: EntryLike, depth: number, inFolder: boolean): Promise<void> => {
    if (entry.isFile) {
      if (inFolder && !isRunFileName(entry.name)) return;
      const file = await fileOf(entry);
      if (file) take(file);
      return;
    }
    if (!entry.isDirectory || depth > MAX_FOLDER_DEPTH) return;
    const children = (await childrenOf(entry)).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const child of children) {
      if (files.length >= MAX_DROPPED_FILES && child.isDirectory) continue;
      await walk(child, depth + 1, true);
    }
  };
  for (const entry of entries) if (entry) await walk(entry, 0, false);
  return { files, skipped };
}

/** The dropped entries of a drop event, read at once (the list is emptied once the handler returns). */
export function entriesOf(data: DataTransfer): (EntryLike | null)[] {
  return Array.from(data.items ?? [])
    .filter((item) => item.kind === 'file')
    .map((item) => (typeof item.webkitGetAsEntry === 'function' ? (item.webkitGetAsEntry() as EntryLike | null) : null));
}
