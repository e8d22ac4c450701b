/**
 * Turning a drop into files. In browser mode a dropped folder arrives as an entry to walk (the
 * page gets no paths), so folders are read recursively through the File and Directory Entries
 * API. The entries must be taken while the drop event is being dispatched: the DataTransfer is
 * emptied as soon as the handler returns, hence the split into a synchronous and an async step.
 */

/** What a drop holds, captured synchronously inside the drop handler. */
export interface DropContents {
  entries: FileSystemEntry[];
  files: File[];
}

export function captureDrop(dataTransfer: DataTransfer): DropContents {
  const entries: FileSystemEntry[] = [];
  for (const item of Array.from(dataTransfer.items ?? [])) {
    if (item.kind !== 'file') continue;
    const entry = typeof item.webkitGetAsEntry === 'function' ? item.webkitGetAsEntry() : null;
    if (entry) entries.push(entry);
  }
  return { entries, files: Array.from(dataTransfer.files ?? []) };
}

/** Hidden files (".DS_Store", "._scan.pdf" from macOS) are never documents; skipping them keeps the report clean. */
function isHidden(name: string): boolean {
  return name.startsWith('.');
}

function fileOf(entry: FileSystemFileEntry): Promise<File> {
  return new Promise((resolve, reject) => entry.file(resolve, reject));
}

/** A directory reader answers in batches (100 in Chromium) until it returns an empty one. */
async function childrenOf(entry: FileSystemDirectoryEntry): Promise<FileSystemEntry[]> {
  const reader = entry.createReader();
  const all: FileSystemEntry[] = [];
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (batch.length === 0) return all;
    all.push(...batch);
  }
}

async function walk(entry: FileSystemEntry, out: File[]): Promise<void> {
  if (isHidden(entry.name)) return;
  if (entry.isFile) {
    try {
      out.push(await fileOf(entry as FileSystemFileEntry));
    } catch {
      // An unreadable entry (permissions, a vanished file) is left out rather than failing the drop.
    }
  } else if (entry.isDirectory) {
    let children: FileSystemEntry[];
    try {
      children = await childrenOf(entry as FileSystemDirectoryEntry);
    } catch {
      return;
    }
    for (const child of children) await walk(child, out);
  }
}

/** Every file of the drop, folders included; falls back to the plain file list without entry support. */
export async function filesOfDrop(contents: DropContents): Promise<File[]> {
  if (contents.entries.length === 0) return contents.files.filter((file) => !isHidden(file.name));
  const out: File[] = [];
  for (const entry of contents.entries) await walk(entry, out);
  return out;
}
