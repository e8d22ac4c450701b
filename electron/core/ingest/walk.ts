import type { Stats } from 'node:fs';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { MuragatError } from '../../../shared/errors';

export interface FoundFile {
  /** The path as shown and reported (a name that is not valid UTF-8 shows U+FFFD for its bad bytes). */
  path: string;
  /**
   * The path to open, as the file system spells it: bytes when some name on the way is not valid
   * UTF-8 (Linux allows any byte but `/` and NUL; decoded to a string, such a name no longer
   * names the file, so it must be opened by its bytes).
   */
  fsPath: string | Buffer;
  size: number;
}

/** A path to open: its string form when that round-trips, else its bytes. */
type FsPath = string | Buffer;

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** The name as a string when its bytes are valid UTF-8, else null. */
function utf8Name(bytes: Buffer): string | null {
  try {
    return UTF8.decode(bytes);
  } catch {
    return null;
  }
}

/** `parent/name` for opening: stays a string while every name is valid UTF-8, bytes once one is not. */
function childFsPath(parent: FsPath, name: Buffer, decoded: string | null): FsPath {
  if (typeof parent === 'string' && decoded !== null) return path.join(parent, decoded);
  return Buffer.concat([Buffer.isBuffer(parent) ? parent : Buffer.from(parent), Buffer.from(path.sep), name]);
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
  if (code === 'ENAMETOOLONG') return new MuragatError('FILE_UNREADABLE', `${what}: its path is longer than the system allows (folders nested too deep or names too long)`);
  return new MuragatError('FILE_UNREADABLE', `${what}: ${code ?? (error as Error).message}`);
}

/** Whether the real path of `fsPath` lies inside the folder whose real path is `root`. */
async function isInside(fsPath: FsPath, root: string): Promise<boolean> {
  try {
    const real = (await fs.realpath(fsPath, { encoding: 'buffer' })).toString('utf8');
    return real.startsWith(root.endsWith(path.sep) ? root : root + path.sep);
  } catch {
    return false;
  }
}

/**
 * Expands the paths a user gave (files and folders, recursively) into files, in a stable order.
 * Every path given or found gets exactly one outcome: a file to import, or a refusal with its
 * reason, so an import's summary counts what it printed.
 * - Only regular files are ever opened: a pipe (FIFO), socket or device, or a link to one, is
 *   refused with FILE_NOT_REGULAR (reading a FIFO blocks forever, /dev/zero never ends).
 * - Links inside folders are followed to files only, and only to files inside the folder the user
 *   named; a link to a folder is refused (a link loop must not hang an import, and a folder
 *   reached twice would be imported twice). A file or folder the user named directly is followed
 *   even when it is a link: that is what they asked for.
 * - Broken links and unreadable folders fail with FILE_UNREADABLE; OS litter (`.DS_Store`,
 *   `Thumbs.db`, `~$` lock files, hidden entries) is skipped with a reason.
 */
export async function collectFiles(inputs: readonly string[]): Promise<{ files: FoundFile[]; refused: RefusedPath[] }> {
  const files: FoundFile[] = [];
  const refused: RefusedPath[] = [];
  const fail = (target: string, error: MuragatError): void => {
    refused.push({ path: target, status: error.code === 'FILE_NOT_REGULAR' ? 'skipped' : 'failed', reason: error.message, error });
  };

  /**
   * `root` is the real path of the folder the user named, for everything found inside it: a link
   * found there is followed only to a file inside that folder. A folder from a stick or an e-mail
   * could otherwise carry `report.txt → /etc/passwd`, `~/.ssh/id_rsa` or `/proc/self/environ` into
   * the archive, and from there into bundles sent to other offices.
   */
  async function visit(target: string, fsPath: FsPath, explicit: boolean, root: string | null): Promise<void> {
    let link: Stats;
    try {
      link = await fs.lstat(fsPath);
    } catch (error) {
      fail(target, unreadable(error, 'cannot open'));
      return;
    }
    let stat = link;
    if (link.isSymbolicLink()) {
      try {
        stat = await fs.stat(fsPath);
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
      if (!explicit && root !== null && !(await isInside(fsPath, root))) {
        fail(target, notRegular('a link to a file outside the folder being imported (such links are not followed)'));
        return;
      }
    }
    if (stat.isDirectory()) {
      let inside = root;
      if (inside === null) {
        try {
          inside = await fs.realpath(fsPath, { encoding: 'buffer' }).then((real) => real.toString('utf8'));
        } catch (error) {
          fail(target, unreadable(error, 'cannot read the folder'));
          return;
        }
      }
      let raw: Buffer[];
      try {
        // As bytes: a name that is not valid UTF-8 would otherwise come back with U+FFFD in
        // place of its bad bytes, and that string names no file ("does not exist").
        raw = await fs.readdir(fsPath, { encoding: 'buffer' });
      } catch (error) {
        fail(target, unreadable(error, 'cannot read the folder'));
        return;
      }
      const entries = raw.map((bytes) => {
        const decoded = utf8Name(bytes);
        return { bytes, decoded, name: decoded ?? bytes.toString('utf8') };
      });
      entries.sort((a, b) => a.name.localeCompare(b.name));
      for (const entry of entries) {
        const child = path.join(target, entry.name);
        if (isLitter(entry.name)) refused.push({ path: child, status: 'skipped', reason: 'a system or temporary file (hidden, lock file, Thumbs.db, desktop.ini)' });
        else await visit(child, childFsPath(fsPath, entry.bytes, entry.decoded), false, inside);
      }
    } else if (stat.isFile()) {
      files.push({ path: target, fsPath, size: stat.size });
    } else {
      fail(target, notRegular(describeNonRegular(stat)));
    }
  }

  for (const input of inputs) await visit(input, input, true, null);
  return { files, refused };
}
