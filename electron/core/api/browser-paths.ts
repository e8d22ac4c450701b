/**
 * What browser mode may do with paths on the serving computer. A browser is not the person at
 * that computer: whoever holds the page could otherwise import any file the server's account can
 * read (and download it back through /files) or write bundles into any folder. So in browser mode
 * files arrive only as uploads, bundles are written only into the archive's outbox or the sync
 * folder set in the desktop app or the CLI, and bundles are read by path only from those two
 * folders. The desktop app keeps paths: there they come from the user's own native dialogs.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ImportSource } from '../../../shared/domain/import';
import { MuragatError } from '../../../shared/errors';
import { OUTBOX_DIR } from '../layout';

export function outboxOf(dataDir: string): string {
  return path.join(dataDir, OUTBOX_DIR);
}

function realpathOrNull(file: string): string | null {
  try {
    return fs.realpathSync(file);
  } catch {
    return null;
  }
}

function isInside(root: string, target: string): boolean {
  const relative = path.relative(root, target);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

/** Documents reach a browser-mode archive only by upload. */
export function refusePathSources(sources: readonly ImportSource[]): void {
  if (sources.some((source) => source.type === 'path')) {
    throw new MuragatError('NOT_SUPPORTED', 'in browser mode files are imported by upload, not by a path on the server', { field: 'sources' });
  }
}

/**
 * The folder a browser-mode export writes into: the outbox when none is named, else the named
 * folder only when it is the outbox or the sync folder (the same folder however it is spelled).
 */
export function confineExportFolder(dataDir: string, folder: string | undefined, syncFolder: string | null): string {
  const outbox = outboxOf(dataDir);
  if (folder === undefined) return outbox;
  const allowed = [outbox, ...(syncFolder ? [syncFolder] : [])];
  const wanted = path.resolve(folder);
  const wantedReal = realpathOrNull(wanted);
  const match = allowed.find((dir) => path.resolve(dir) === wanted || (wantedReal !== null && realpathOrNull(dir) === wantedReal));
  if (!match) throw new MuragatError('NOT_SUPPORTED', 'in browser mode bundles are written only into the outbox or the sync folder', { field: 'folder' });
  return match;
}

/**
 * A bundle a browser names by path: only a file inside the sync folder or the outbox, checked on
 * the real path so that a link placed in those folders cannot reach anything else.
 */
export function confineBundleFile(dataDir: string, file: string, syncFolder: string | null): string {
  const dirs = [outboxOf(dataDir), ...(syncFolder ? [syncFolder] : [])];
  const real = realpathOrNull(file);
  if (real !== null) {
    for (const dir of dirs) {
      const root = realpathOrNull(dir);
      if (root !== null && isInside(root, real)) return real;
    }
  } else if (dirs.some((dir) => isInside(path.resolve(dir), path.resolve(file)))) {
    // A bundle listed a moment ago and removed since.
    throw new MuragatError('NOT_FOUND', `no bundle ${path.basename(file)}`, { field: 'path' });
  }
  // Whether the file exists elsewhere is not the browser's to learn: one answer for both.
  throw new MuragatError('NOT_SUPPORTED', 'in browser mode bundles are opened by upload, or from the sync folder or the outbox', { field: 'path' });
}
