import type { Migration } from './types';

/**
 * "Muragat never stores the same file twice", enforced by the database instead of by a check
 * that two processes (or two drops in one window) could both pass before either committed.
 *
 * Why a claim column on `files` and not `UNIQUE (sha256)`: the same bytes may legitimately be held
 * by several rows. A document received from another office in a bundle keeps its own `files` row
 * even when this office imported the same PDF itself, and a document in the bin keeps its file
 * (re-importing that file today makes a new live document; that stays so). What local import
 * promises is narrower: at most one live, locally imported document per content. So:
 *
 * - `files.claim = 'held'`: this row is the archive's one locally imported, live copy of these
 *   bytes. A partial UNIQUE index makes a second 'held' row for the same sha256 fail, whatever
 *   the process; the importer turns that failure into "duplicate of the winner".
 * - `files.claim = 'released'`: it held the claim, and its document went to the bin. Restoring the
 *   document takes the claim back if nobody holds it by then (otherwise the restored copy stays
 *   released: the user chose to have both).
 * - `files.claim IS NULL`: never claimed: received in a bundle, or a duplicate made before this
 *   migration. Bundle import inserts rows without a claim and keeps working unchanged.
 * The triggers keep the claim in step with `documents.deleted` whichever code path flips it
 * (the bin, a deletion received by sync), so no caller has to remember.
 *
 * Existing archives may already hold duplicates (made by the race this closes). Nothing is
 * deleted or moved: per content the oldest live local copy gets the claim, the later copies stay
 * unclaimed and `muragat check` lists them (see `findDuplicateContent`) so staff can decide.
 *
 * `pending_blobs` gets one row per writer instead of one per digest: two processes writing the
 * same blob at once each register it, and a failing one must not remove a blob the other is
 * about to commit (it only removes a blob nobody refers to and nobody else is writing).
 */
export const migration0080ContentClaims: Migration = {
  version: 80,
  name: 'content-claims',
  up(db) {
    db.exec(`
      ALTER TABLE files ADD COLUMN claim TEXT CHECK (claim IS NULL OR claim IN ('held', 'released'));
      CREATE UNIQUE INDEX files_one_local_copy ON files(sha256) WHERE claim = 'held';

      CREATE TRIGGER files_claim_released AFTER UPDATE OF deleted ON documents
        WHEN OLD.deleted = 0 AND NEW.deleted = 1
      BEGIN
        UPDATE files SET claim = 'released' WHERE document_id = NEW.id AND claim = 'held';
      END;

      CREATE TRIGGER files_claim_restored AFTER UPDATE OF deleted ON documents
        WHEN OLD.deleted = 1 AND NEW.deleted = 0
      BEGIN
        UPDATE files SET claim = 'held'
         WHERE document_id = NEW.id AND claim = 'released'
           AND NOT EXISTS (SELECT 1 FROM files other WHERE other.sha256 = files.sha256 AND other.claim = 'held');
      END;

      CREATE TABLE pending_blobs_new (
        sha256     TEXT NOT NULL CHECK (length(sha256) = 64),
        pid        INTEGER NOT NULL,
        host       TEXT NOT NULL,
        started_at TEXT NOT NULL,
        PRIMARY KEY (sha256, host, pid)
      ) STRICT, WITHOUT ROWID;
      INSERT INTO pending_blobs_new (sha256, pid, host, started_at) SELECT sha256, pid, host, started_at FROM pending_blobs;
      DROP TABLE pending_blobs;
      ALTER TABLE pending_blobs_new RENAME TO pending_blobs;
    `);

    // Claims for what is already there: local documents only (origin = this archive), the oldest
    // live copy of each content, then the copies in the bin as released.
    const archiveId = (db.prepare("SELECT value FROM archive_meta WHERE key = 'archive_id'").get() as { value: string } | undefined)?.value;
    if (!archiveId) return;
    db.prepare(
      `UPDATE files SET claim = 'held' WHERE id IN (
         SELECT id FROM (
           SELECT f.id, row_number() OVER (PARTITION BY f.sha256 ORDER BY d.created_at, f.id) AS n
             FROM files f JOIN documents d ON d.id = f.document_id
            WHERE d.deleted = 0 AND d.origin = ?
         ) WHERE n = 1)`,
    ).run(archiveId);
    db.prepare(
      `UPDATE files SET claim = 'released'
        WHERE claim IS NULL AND document_id IN (SELECT id FROM documents WHERE deleted = 1 AND origin = ?)`,
    ).run(archiveId);
  },
};
