import type { Stats } from 'node:fs';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { MuragatError } from '../../../shared/errors';

export interface FoundFile {
  path: string;
  size: number;
}

/** A path that is not imported, with the status it is reported under (every path gets one). */
export interface RefusedPath {
  path: string;
  status: 'skipped' | 'failed';
  /** Why, in words (for skipped files that are not an error: litter). */
  reason: string;
  /** Set when the refusal is an error a user may act on (unreadable folder, a pipe, a device…). */
  error?: MuragatError;
}

/** Names that are never documents: OS litter and office lock files (`~$report.docx`). */
function isLitter(name: string): boolean {
  return name.startsWith('.') || name.startsWith('~$') || name === 'Thumbs.db' || name === 'desktop.ini';
}

/** What a non-regular, non-folder entry is, in words for the reason line. */
export function describeNonRegular(stat: Stats): string {
  if (stat.isFIFO()) return 'a named pipe (FIFO)';
  if (stat.isSocket()) return 'a socket';
  if (stat.isCharacterDevice()) return 'a character device';
  if (stat.isBlockDevice()) return 'a block device';
  if (stat.isDirectory()) return 'a folder';
  return 'not a regular file';
}

export function notRegular(what: string): MuragatError {
  return new MuragatError('FILE_NOT_REGULAR', `not a regular file: ${what}; it is not read`);
}

function unreadable(error: unknown, what: string): MuragatError {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return new MuragatError('FILE_UNREADABLE', `${what}: it does not exist (moved, deleted or the drive was removed)`);
  if (code === 'EACCES' || code === 'EPERM') return new MuragatError('FILE_UNREADABLE', `${what}: no permission to read it`);
  if (code === 'ELOOP') return new MuragatError('FILE_UNREADABLE', `${what}: a link that points at itself (a loop)`);
  return new MuragatError('FILE_UNREADABLE', `${what}: ${code ?? (error as Error).message}`);
}

/**
 * Expands the paths a user gave (files and folders, recursively) into files, in a stable order.
 * Every path given or found gets exactly one outcome: a file to import, or a refusal with its
 * reason, so an import's summary counts what it printed.
 * - Only regular files are ever opened: a pipe (FIFO), socket or device, or a link to one, is
 *   refused with FILE_NOT_REGULAR (reading a FIFO blocks forever, /dev/zero never ends).
 * - Links inside folders are followed to files only; a link to a folder is refused (a link loop
 *   must not hang an import, and a folder reached twice would be imported twice). A folder the
 *   user named directly is followed even when it is a link: that is what they asked for.
 * - Broken links and unreadable folders fail with FILE_UNREADABLE; OS litter (`.DS_Store`,
 *   `Thumbs.db`, `~$` lock files, hidden entries) is skipped with a reason.
 */
export async function collectFiles(inputs: readonly string[]): Promise<{ files: FoundFile[]; refused: RefusedPath[] }> {
  const files: FoundFile[] = [];
  const refused: RefusedPath[] = [];
  const fail = (target: string, error: MuragatError): void => {
    refused.push({ path: target, status: error.code === 'FILE_NOT_REGULAR' ? 'skipped' : 'failed', reason: error.message, error });
  };

  async function visit(target: string, explicit: boolean): Promise<void> {
    let link: Stats;
    try {
      link = await fs.lstat(target);
    } catch (error) {
      fail(target, unreadable(error, 'cannot open'));
      return;
    }
    let stat = link;
    if (link.isSymbolicLink()) {
      try {
        stat = await fs.stat(target);
      } catch (error) {
        fail(target, (error as NodeJS.ErrnoException).code === 'ENOENT' ? new MuragatError('FILE_UNREADABLE', 'a broken link: what it points at does not exist') : unreadable(error, 'cannot follow the link'));
        return;
      }
      if (stat.isDirectory() && !explicit) {
        fail(target, notRegular('a link to a folder (links to folders are not followed)'));
        return;
      }
      if (!stat.isFile() && !stat.isDirectory()) {
        fail(target, notRegular(`a link to ${describeNonRegular(stat)}`));
        return;
      }
    }
    if (stat.isDirectory()) {
      let names: string[];
      try {
        names = await fs.readdir(target);
      } catch (error) {
        fail(target, unreadable(error, 'cannot read the folder'));
        return;
      }
      names.sort((a, b) => a.localeCompare(b));
      for (const name of names) {
        const child = path.join(target, name);
        if (isLitter(name)) refused.push({ path: child, status: 'skipped', reason: 'a system or temporary file (hidden, lock file, Thumbs.db, desktop.ini)' });
        else await visit(child, false);
      }
    } else if (stat.isFile()) {
      files.push({ path: target, size: stat.size });
    } else {
      fail(target, notRegular(describeNonRegular(stat)));
    }
  }

  for (const input of inputs) await visit(input, true);
  return { files, refused };
}
