import { hostname } from 'node:os';
import type { SqliteDatabase } from '../db/sqlite';
import { isFileReferenced } from '../documents/repository';
import type { FileStore } from '../store/file-store';

/** True when a process with this id runs on this machine (signal 0 only checks). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const STALE_FOREIGN_HOST_MS = 24 * 60 * 60 * 1000;

/**
 * Removes blobs written by imports that never committed (the process was killed, the power
 * went). A pending blob of a live process is left alone: that import is still running.
 */
export async function recoverPendingBlobs(db: SqliteDatabase, store: FileStore, now: Date = new Date()): Promise<number> {
  const rows = db.prepare('SELECT sha256, pid, host, started_at FROM pending_blobs').all() as Array<{ sha256: string; pid: number; host: string; started_at: string }>;
  let removed = 0;
  for (const row of rows) {
    const sameHost = row.host === hostname();
    const abandoned = sameHost ? row.pid !== process.pid && !processAlive(row.pid) : now.getTime() - Date.parse(row.started_at) > STALE_FOREIGN_HOST_MS;
    if (!abandoned) continue;
    // One row per writer (migration 80): another process may be writing the same bytes now.
    const otherWriter = db.prepare('SELECT 1 FROM pending_blobs WHERE sha256 = ? AND NOT (pid = ? AND host = ?) LIMIT 1').get(row.sha256, row.pid, row.host) !== undefined;
    if (!otherWriter && !isFileReferenced(db, row.sha256)) {
      await store.remove(row.sha256);
      removed++;
    }
    db.prepare('DELETE FROM pending_blobs WHERE sha256 = ? AND pid = ? AND host = ?').run(row.sha256, row.pid, row.host);
  }
  return removed;
}
