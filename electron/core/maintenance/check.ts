import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import * as fs from 'node:fs/promises';
import type { ArchiveContext } from '../context';
import { findDuplicateContent } from '../documents/repository';

export interface CheckProblem {
  code: 'SQLITE_INTEGRITY' | 'FOREIGN_KEY' | 'INDEX_INTEGRITY' | 'FILE_MISSING' | 'FILE_SIZE_MISMATCH' | 'FILE_HASH_MISMATCH' | 'FILE_ORPHAN' | 'PAGE_COUNT';
  message: string;
}

export interface CheckReport {
  ok: boolean;
  documents: number;
  filesChecked: number;
  bytesChecked: number;
  problems: CheckProblem[];
  /**
   * Contents held by several live documents imported here: copies made before migration 80
   * closed the concurrent-import race. Not damage (nothing is lost, `ok` stays true): listed so
   * staff can move the extra copies to the bin.
   */
  duplicateContent: Array<{ sha256: string; documentIds: string[] }>;
}

async function hashFile(file: string): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of createReadStream(file)) {
    hash.update(chunk as Buffer);
    size += (chunk as Buffer).length;
  }
  return { sha256: hash.digest('hex'), size };
}

/**
 * The archive's health: SQLite's own integrity and foreign-key checks, the full-text index's
 * consistency, and every stored file present with the size and SHA-256 it was stored with.
 * Blobs nobody refers to (and that no running import is about to commit) are reported too.
 */
export async function checkArchive(ctx: ArchiveContext, onProgress?: (done: number, total: number) => void): Promise<CheckReport> {
  const { db, store } = ctx;
  const problems: CheckProblem[] = [];

  // The blobs on disk are listed BEFORE the database is read, and the database is read in one
  // snapshot: an import registers a blob in `pending_blobs` (and commits that) before writing
  // it, so every blob listed here is, in the later snapshot, referenced by a document, still
  // pending, or being removed. Read the other way round (database first, then the folder), a
  // blob written and committed in between looked like an orphan.
  const onDisk = await store.list();
  const snapshot = db.transaction(() => ({
    files: db.prepare('SELECT sha256, max(size) AS size, count(*) AS refs FROM files GROUP BY sha256 ORDER BY sha256').all() as Array<{ sha256: string; size: number }>,
    pending: new Set((db.prepare('SELECT sha256 FROM pending_blobs').all() as Array<{ sha256: string }>).map((row) => row.sha256)),
  }))();

  const integrity = db.pragma('integrity_check') as Array<{ integrity_check: string }>;
  for (const row of integrity) {
    if (row.integrity_check === 'ok') continue;
    // SQLite 3.44+ checks the FTS5 index here too; that one is repaired by a rebuild.
    if (/\bfts5\b|search_fts/.test(row.integrity_check)) problems.push({ code: 'INDEX_INTEGRITY', message: `search index: ${row.integrity_check}; run \`muragat reindex\`` });
    else problems.push({ code: 'SQLITE_INTEGRITY', message: row.integrity_check });
  }

  const foreignKeys = db.pragma('foreign_key_check') as Array<{ table: string; rowid: number; parent: string }>;
  for (const row of foreignKeys) problems.push({ code: 'FOREIGN_KEY', message: `${row.table} row ${row.rowid} points to a missing ${row.parent}` });

  try {
    // On a read-only open `integrity_check` above already covered the index (SQLite 3.44+ checks
    // FTS5 tables too); FTS5's own command is an INSERT, which a read-only connection refuses.
    if (!db.readonly) db.prepare("INSERT INTO search_fts (search_fts, rank) VALUES ('integrity-check', 0)").run();
  } catch (error) {
    problems.push({ code: 'INDEX_INTEGRITY', message: `search index: ${(error as Error).message}; run \`muragat reindex\`` });
  }
  // Every page of a live document is cut into at least one indexed passage.
  const unindexed = db
    .prepare(
      `SELECT count(*) AS n FROM pages p JOIN documents d ON d.id = p.document_id
       WHERE d.deleted = 0 AND NOT EXISTS (SELECT 1 FROM search_chunks c WHERE c.page_id = p.id)`,
    )
    .get() as { n: number };
  if (unindexed.n > 0) problems.push({ code: 'INDEX_INTEGRITY', message: `${unindexed.n} page(s) are missing from the search index; run \`muragat reindex\`` });

  const pageMismatch = db
    .prepare(
      `SELECT d.id AS id, d.page_count AS declared, (SELECT count(*) FROM pages p WHERE p.document_id = d.id) AS actual
       FROM documents d WHERE d.deleted = 0 AND d.page_count <> (SELECT count(*) FROM pages p WHERE p.document_id = d.id)`,
    )
    .all() as Array<{ id: string; declared: number; actual: number }>;
  for (const row of pageMismatch) problems.push({ code: 'PAGE_COUNT', message: `document ${row.id} declares ${row.declared} pages but has ${row.actual}` });

  const files = snapshot.files;
  let bytesChecked = 0;
  let done = 0;
  for (const file of files) {
    const blobPath = store.pathOf(file.sha256);
    try {
      await fs.access(blobPath);
      const actual = await hashFile(blobPath);
      bytesChecked += actual.size;
      if (actual.size !== file.size) problems.push({ code: 'FILE_SIZE_MISMATCH', message: `${file.sha256}: ${actual.size} bytes on disk, ${file.size} expected` });
      else if (actual.sha256 !== file.sha256) problems.push({ code: 'FILE_HASH_MISMATCH', message: `${file.sha256}: the stored bytes are damaged (SHA-256 differs)` });
    } catch {
      problems.push({ code: 'FILE_MISSING', message: `${file.sha256}: stored file is missing (${blobPath})` });
    }
    onProgress?.(++done, files.length);
  }

  const referenced = new Set(files.map((file) => file.sha256));
  for (const sha256 of onDisk) {
    if (referenced.has(sha256) || snapshot.pending.has(sha256)) continue;
    // Removed meanwhile (an import that failed cleans up its blob before its pending row).
    const stillThere = await fs.access(store.pathOf(sha256)).then(
      () => true,
      () => false,
    );
    if (stillThere) problems.push({ code: 'FILE_ORPHAN', message: `${sha256}: stored file belongs to no document` });
  }

  const documents = (db.prepare('SELECT count(*) AS n FROM documents WHERE deleted = 0').get() as { n: number }).n;
  const duplicateContent = findDuplicateContent(db, ctx.archiveId);
  return { ok: problems.length === 0, documents, filesChecked: files.length, bytesChecked, problems, duplicateContent };
}
