import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { MuragatError } from '../../../shared/errors';

export interface FoundFile {
  path: string;
  size: number;
}

/** Names that are never documents: OS litter and office lock files (`~$report.docx`). */
function isLitter(name: string): boolean {
  return name.startsWith('.') || name.startsWith('~$') || name === 'Thumbs.db' || name === 'desktop.ini';
}

/**
 * Expands the paths a user gave (files and folders, recursively) into files, in a stable order.
 * Symbolic links are not followed into folders (a link loop must not hang an import).
 * Paths that do not exist are reported, not thrown, so the rest of the batch goes on.
 */
export async function collectFiles(inputs: readonly string[]): Promise<{ files: FoundFile[]; missing: Array<{ path: string; error: MuragatError }>; litter: string[] }> {
  const files: FoundFile[] = [];
  const missing: Array<{ path: string; error: MuragatError }> = [];
  const litter: string[] = [];
  const seen = new Set<string>();

  async function visit(target: string, explicit: boolean): Promise<void> {
    let stat;
    try {
      stat = explicit ? await fs.stat(target) : await fs.lstat(target);
    } catch (error) {
      missing.push({ path: target, error: new MuragatError('FILE_UNREADABLE', `cannot open: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`) });
      return;
    }
    if (stat.isDirectory()) {
      let names: string[];
      try {
        names = await fs.readdir(target);
      } catch (error) {
        missing.push({ path: target, error: new MuragatError('FILE_UNREADABLE', `cannot read the folder: ${(error as NodeJS.ErrnoException).code ?? ''}`) });
        return;
      }
      names.sort((a, b) => a.localeCompare(b));
      for (const name of names) {
        if (isLitter(name)) {
          litter.push(path.join(target, name));
          continue;
        }
        await visit(path.join(target, name), false);
      }
    } else if (stat.isFile()) {
      const resolved = path.resolve(target);
      if (seen.has(resolved)) return;
      seen.add(resolved);
      files.push({ path: target, size: stat.size });
    } else if (stat.isSymbolicLink()) {
      // A link inside a folder: follow it only if it points at a file.
      try {
        const real = await fs.stat(target);
        if (real.isFile()) await visit(target, true);
      } catch {
        missing.push({ path: target, error: new MuragatError('FILE_UNREADABLE', 'broken link') });
      }
    }
  }

  for (const input of inputs) await visit(input, true);
  return { files, missing, litter };
}
