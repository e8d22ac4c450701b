import * as fs from 'node:fs';
import * as path from 'node:path';
import { createHash } from 'node:crypto';
import { openArchive, type Archive } from '../../electron/core/archive';
import { suiteTempDir } from './temp-dir';

/** A new archive in a temp folder (kept until the end of the test file), with two extraction workers. */
export async function tempArchive(dataDir: string = path.join(suiteTempDir(), 'archive')): Promise<Archive> {
  return openArchive({ dataDir, extractWorkers: 2 });
}

/**
 * A digest of everything a user could lose: every row of every table that holds data, and the
 * list of stored files. Two equal digests mean nothing changed.
 */
export function archiveStateHash(archive: Archive): string {
  const { db, store } = archive.context;
  const hash = createHash('sha256');
  for (const table of ['documents', 'files', 'pages', 'document_tags', 'relations', 'change_log', 'pending_blobs', 'search_chunks']) {
    const rows = db.prepare(`SELECT * FROM ${table} ORDER BY 1, 2`).all();
    hash.update(table + JSON.stringify(rows));
  }
  hash.update(JSON.stringify(db.prepare('SELECT rowid FROM search_fts ORDER BY rowid').all()));
  const stored = fs.existsSync(store.filesDir)
    ? fs.readdirSync(store.filesDir, { recursive: true }).map(String).sort()
    : [];
  hash.update(JSON.stringify(stored));
  return hash.digest('hex');
}

export function storedBlobCount(archive: Archive): number {
  const dir = archive.context.store.filesDir;
  if (!fs.existsSync(dir)) return 0;
  return fs.readdirSync(dir, { recursive: true }).map(String).filter((name) => /[0-9a-f]{64}$/.test(name)).length;
}
