import { createHash } from 'node:crypto';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { MuragatError } from '../../../shared/errors';
import type { ArchiveContext } from '../context';
import { canWrite } from '../db/open-archive-db';
import { asMuragatError, openSqlite } from '../db/sqlite';
import { PartialFiles } from '../store/partials';
import { ARCHIVE_DB_FILE, FILES_DIR, TMP_DIR } from '../layout';

export interface BackupReport {
  out: string;
  databaseBytes: number;
  files: number;
  fileBytes: number;
  elapsedMs: number;
}

/**
 * A consistent copy of the archive while it stays in use: SQLite's online backup gives a
 * snapshot of the database, then exactly the blobs that snapshot refers to are copied and
 * verified. Blobs are immutable, so copying them after the snapshot is safe. The result is a
 * data folder that `muragat --data OUT` opens as it is.
 */
export async function backupArchive(ctx: ArchiveContext, out: string, onProgress?: (done: number, total: number) => void): Promise<BackupReport> {
  const started = Date.now();
  const target = path.resolve(out);
  if (target === path.resolve(ctx.dataDir) || target.startsWith(path.resolve(ctx.dataDir) + path.sep)) {
    throw new MuragatError('BACKUP_FAILED', 'the backup folder must be outside the archive folder');
  }
  try {
    const entries = await fs.readdir(target);
    if (entries.length > 0) throw new MuragatError('BACKUP_FAILED', `the backup folder is not empty: ${target}`);
  } catch (error) {
    if (error instanceof MuragatError) throw error;
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw new MuragatError('BACKUP_FAILED', `cannot use the backup folder: ${(error as Error).message}`);
  }
  // Build in a sibling temp folder and rename at the end: a half-made backup never looks complete.
  // The staging folder is registered (store/partials.ts): if this process is killed, the next
  // one removes it. An archive on read-only media cannot keep that record; its staging is
  // removed on failure as always, and only a kill can leave one behind.
  const staging = PartialFiles.nameFor(target);
  const partials = canWrite(ctx.store.tmpDir) ? new PartialFiles(ctx.store.tmpDir) : null;
  let release = async (): Promise<void> => undefined;
  try {
    await partials?.sweep();
    if (partials) release = await partials.register(staging);
    await fs.mkdir(path.join(staging, FILES_DIR), { recursive: true });
    await fs.mkdir(path.join(staging, TMP_DIR), { recursive: true });
    const dbCopy = path.join(staging, ARCHIVE_DB_FILE);
    await ctx.db.backup(dbCopy);
    // Opened writable (it is our own staging copy): closing it then removes its -wal and -shm,
    // so the backup is one database file plus blobs, ready to burn to read-only media.
    const snapshot = openSqlite(dbCopy, ctx.nativeBinding ? { nativeBinding: ctx.nativeBinding } : {});
    let blobs: Array<{ sha256: string; size: number }>;
    try {
      blobs = snapshot.prepare('SELECT sha256, max(size) AS size FROM files GROUP BY sha256 ORDER BY sha256').all() as Array<{ sha256: string; size: number }>;
    } finally {
      snapshot.close();
    }
    let fileBytes = 0;
    let done = 0;
    for (const blob of blobs) {
      const bytes = await ctx.store.read(blob.sha256).catch(() => {
        throw new MuragatError('BACKUP_FAILED', `stored file ${blob.sha256} is missing; run \`muragat check\``);
      });
      if (createHash('sha256').update(bytes).digest('hex') !== blob.sha256) {
        throw new MuragatError('BACKUP_FAILED', `stored file ${blob.sha256} is damaged; run \`muragat check\``);
      }
      const destination = path.join(staging, FILES_DIR, blob.sha256.slice(0, 2), blob.sha256);
      await fs.mkdir(path.dirname(destination), { recursive: true });
      await fs.writeFile(destination, bytes);
      fileBytes += bytes.byteLength;
      onProgress?.(++done, blobs.length);
    }
    await fs.rm(target, { recursive: true, force: true });
    await fs.rename(staging, target);
    const databaseBytes = (await fs.stat(path.join(target, ARCHIVE_DB_FILE))).size;
    return { out: target, databaseBytes, files: blobs.length, fileBytes, elapsedMs: Date.now() - started };
  } catch (error) {
    await fs.rm(staging, { recursive: true, force: true });
    if (error instanceof MuragatError) throw error;
    const mapped = asMuragatError(error);
    if (mapped instanceof MuragatError && mapped.code === 'DISK_FULL') {
      throw new MuragatError('DISK_FULL', 'the disk is full: the backup could not be written (nothing was left behind); free some space or choose another disk', {}, { cause: error });
    }
    throw new MuragatError('BACKUP_FAILED', `backup failed: ${(error as Error).message}`, {}, { cause: error });
  } finally {
    await release().catch(() => undefined);
  }
}
