import type { Migration } from './types';

/**
 * Exchange between offices (docs/ARCHITECTURE.md §7):
 * - `documents.ancestors`: the versions a document's state descends from (newest last, capped),
 *   so an import can tell a clean update (our version is among the incoming one's ancestors)
 *   from a conflict (both sides changed it since they last agreed).
 * - `document_history`: versions that lost a conflict (and which side they were), kept until the
 *   user resolves them; never deleted by a merge.
 * - `trusted_offices`: the offices whose signed bundles are accepted (name, public key, fingerprint).
 * - `bundle_log`: bundles sent and received (received ones by id: importing one again is a no-op).
 * - `sync_watermarks`: per office, the change-log position of the last bundle sent to it, so
 *   the next one carries only what changed since.
 */
export const migration0050Exchange: Migration = {
  version: 50,
  name: 'exchange',
  up(db) {
    db.exec(`
      ALTER TABLE documents ADD COLUMN ancestors TEXT NOT NULL DEFAULT '[]';

      CREATE TABLE document_history (
        id          INTEGER PRIMARY KEY,
        document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        version     TEXT NOT NULL,
        origin      TEXT NOT NULL,
        record      TEXT NOT NULL,
        side        TEXT NOT NULL CHECK (side IN ('mine', 'theirs')),
        bundle_id   TEXT,
        created_at  TEXT NOT NULL,
        resolved_at TEXT,
        resolution  TEXT CHECK (resolution IS NULL OR resolution IN ('mine', 'theirs'))
      ) STRICT;
      CREATE INDEX document_history_open ON document_history(document_id) WHERE resolved_at IS NULL;

      CREATE TABLE trusted_offices (
        archive_id  TEXT PRIMARY KEY,
        name        TEXT NOT NULL,
        public_key  TEXT NOT NULL,
        fingerprint TEXT NOT NULL,
        added_at    TEXT NOT NULL
      ) STRICT;

      CREATE TABLE bundle_log (
        bundle_id   TEXT NOT NULL,
        direction   TEXT NOT NULL CHECK (direction IN ('sent', 'received')),
        office_id   TEXT NOT NULL,
        office_name TEXT NOT NULL,
        file_name   TEXT NOT NULL,
        created_at  TEXT NOT NULL,
        logged_at   TEXT NOT NULL,
        summary     TEXT NOT NULL,
        PRIMARY KEY (bundle_id, direction)
      ) STRICT;

      CREATE TABLE sync_watermarks (
        office_id   TEXT PRIMARY KEY,
        change_seq  INTEGER NOT NULL,
        updated_at  TEXT NOT NULL
      ) STRICT;
    `);
  },
};
