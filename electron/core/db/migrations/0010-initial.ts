import { KIND_CODES, KIND_LABELS, DOCUMENT_STATUSES, LANGUAGE_CODES, RELATION_TYPES } from '../../../../shared/domain/kinds';
import type { Migration } from './types';

const sqlList = (values: readonly string[]): string => values.map((value) => `'${value}'`).join(', ');

/**
 * The archive's data model (docs/ARCHITECTURE.md §3.2): documents and their vocabulary, stored files, page
 * texts, tags, relations, and the change log that sync and incremental indexing read.
 * Documents are never hard-deleted while sync may still need their tombstone (`deleted = 1`).
 */
export const migration0010Initial: Migration = {
  version: 10,
  name: 'initial',
  up(db) {
    db.exec(`
      CREATE TABLE archive_meta (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;

      CREATE TABLE kinds (
        code     TEXT PRIMARY KEY,
        label_kk TEXT NOT NULL,
        label_ru TEXT NOT NULL,
        label_en TEXT NOT NULL,
        position INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE documents (
        id         TEXT PRIMARY KEY,
        kind       TEXT NOT NULL REFERENCES kinds(code),
        title      TEXT NOT NULL,
        number     TEXT,
        date       TEXT CHECK (date IS NULL OR date GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
        issuer     TEXT,
        council    TEXT,
        lang       TEXT CHECK (lang IS NULL OR lang IN (${sqlList(LANGUAGE_CODES)})),
        status     TEXT NOT NULL DEFAULT 'unknown' CHECK (status IN (${sqlList(DOCUMENT_STATUSES)})),
        notes      TEXT NOT NULL DEFAULT '',
        source     TEXT,
        needs_ocr  INTEGER NOT NULL DEFAULT 0 CHECK (needs_ocr IN (0, 1)),
        page_count INTEGER NOT NULL DEFAULT 0 CHECK (page_count >= 0),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        origin     TEXT NOT NULL,
        version    TEXT NOT NULL,
        deleted    INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))
      ) STRICT;
      CREATE INDEX documents_by_date ON documents(date) WHERE deleted = 0;
      CREATE INDEX documents_by_kind ON documents(kind, date) WHERE deleted = 0;
      CREATE INDEX documents_needing_ocr ON documents(needs_ocr) WHERE needs_ocr = 1 AND deleted = 0;

      CREATE TABLE document_tags (
        document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        tag         TEXT NOT NULL CHECK (length(tag) BETWEEN 1 AND 100),
        PRIMARY KEY (document_id, tag)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX document_tags_by_tag ON document_tags(tag);

      CREATE TABLE files (
        id            INTEGER PRIMARY KEY,
        document_id   TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        sha256        TEXT NOT NULL CHECK (length(sha256) = 64),
        size          INTEGER NOT NULL CHECK (size >= 0),
        media_type    TEXT NOT NULL,
        format        TEXT NOT NULL,
        original_name TEXT NOT NULL,
        encoding      TEXT,
        added_at      TEXT NOT NULL
      ) STRICT;
      CREATE INDEX files_by_sha256 ON files(sha256);
      CREATE INDEX files_by_document ON files(document_id);

      CREATE TABLE pages (
        id          INTEGER PRIMARY KEY,
        document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        page_no     INTEGER NOT NULL CHECK (page_no >= 1),
        text        TEXT NOT NULL,
        text_source TEXT NOT NULL CHECK (text_source IN ('text', 'ocr', 'none')),
        needs_ocr   INTEGER NOT NULL DEFAULT 0 CHECK (needs_ocr IN (0, 1)),
        UNIQUE (document_id, page_no)
      ) STRICT;

      CREATE TABLE relations (
        from_id    TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        to_id      TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        type       TEXT NOT NULL CHECK (type IN (${sqlList(RELATION_TYPES)})),
        created_at TEXT NOT NULL,
        origin     TEXT NOT NULL,
        version    TEXT NOT NULL,
        deleted    INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
        PRIMARY KEY (from_id, to_id, type),
        CHECK (from_id <> to_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX relations_by_target ON relations(to_id);

      -- One row per change, in commit order. Sync exports read it by HLC; the indexer by seq.
      CREATE TABLE change_log (
        seq        INTEGER PRIMARY KEY AUTOINCREMENT,
        hlc        TEXT NOT NULL,
        archive_id TEXT NOT NULL,
        entity     TEXT NOT NULL CHECK (entity IN ('document', 'relation')),
        entity_id  TEXT NOT NULL,
        op         TEXT NOT NULL CHECK (op IN ('insert', 'update', 'delete'))
      ) STRICT;
      CREATE INDEX change_log_by_hlc ON change_log(hlc);

      -- Blobs written to the file store whose document is not committed yet. If the importing
      -- process dies, the next open finds the row, sees the process is gone, and removes the blob:
      -- a crash never leaves an orphan file behind.
      CREATE TABLE pending_blobs (
        sha256     TEXT PRIMARY KEY CHECK (length(sha256) = 64),
        pid        INTEGER NOT NULL,
        host       TEXT NOT NULL,
        started_at TEXT NOT NULL
      ) STRICT;
    `);
    const insertKind = db.prepare('INSERT INTO kinds (code, label_kk, label_ru, label_en, position) VALUES (?, ?, ?, ?, ?)');
    KIND_CODES.forEach((code, position) => {
      const labels = KIND_LABELS[code];
      insertKind.run(code, labels.kk, labels.ru, labels.en, position);
    });
  },
};
