import { normalizeText } from '../../../shared/text/normalize';
import type { SqliteDatabase } from '../db/sqlite';

/**
 * Maintenance of the page full-text index (`page_fts`, keyed by `pages.id`). Runs inside the
 * caller's transaction, so a document and its index entries commit or roll back together.
 */
export function indexPages(
  db: SqliteDatabase,
  entries: ReadonlyArray<{ pageRowId: number; text: string }>,
  document: { title: string; number: string | null },
): void {
  const insert = db.prepare('INSERT INTO page_fts (rowid, title, number, body) VALUES (?, ?, ?, ?)');
  const title = normalizeText(document.title);
  const number = normalizeText(document.number ?? '');
  for (const entry of entries) insert.run(entry.pageRowId, title, number, normalizeText(entry.text));
}

export function unindexDocument(db: SqliteDatabase, documentId: string): void {
  db.prepare('DELETE FROM page_fts WHERE rowid IN (SELECT id FROM pages WHERE document_id = ?)').run(documentId);
}

/** Re-creates the index from the stored pages (after an analyzer change or for repair). */
export function rebuildPageIndex(db: SqliteDatabase, onProgress?: (done: number, total: number) => void): number {
  const total = (db.prepare('SELECT count(*) AS n FROM pages').get() as { n: number }).n;
  const rows = db
    .prepare(
      `SELECT p.id AS pageRowId, p.text AS text, d.title AS title, d.number AS number
       FROM pages p JOIN documents d ON d.id = p.document_id WHERE d.deleted = 0 ORDER BY p.id`,
    )
    .iterate() as IterableIterator<{ pageRowId: number; text: string; title: string; number: string | null }>;
  let done = 0;
  db.transaction(() => {
    db.prepare("INSERT INTO page_fts (page_fts) VALUES ('delete-all')").run();
    for (const row of rows) {
      indexPages(db, [row], row);
      done++;
      if (onProgress && done % 500 === 0) onProgress(done, total);
    }
  }).immediate();
  onProgress?.(done, total);
  return done;
}
