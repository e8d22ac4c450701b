import type { Migration } from './types';

/**
 * OCR of scanned pages. The recognised text goes into `pages.text` (text_source 'ocr') and the
 * search index like any other page text; what only OCR knows is kept beside it:
 * - `page_ocr`: per recognised page, the words with their boxes and confidences (for highlights on
 *   the scan and selecting text over it), the languages, the rotation and why it was read;
 * - `ocr_forced`: pages queued by "recognise again" (they keep their current text until then);
 * - `ocr_failures`: pages that could not be read (a damaged image), so the queue does not retry
 *   them forever;
 * - `ocr_index_stale`: documents whose new page texts are not yet in the search index (pages are
 *   committed one by one, a long document is re-indexed in batches); finished at the next start.
 * The queue itself is `pages.needs_ocr = 1`, which survives a restart: OCR resumes where it stopped.
 * OCR is local, derived data: it does not change the document's version or travel as an edit.
 */
export const migration0070Ocr: Migration = {
  version: 70,
  name: 'ocr',
  up(db) {
    db.exec(`
      CREATE TABLE page_ocr (
        page_id       INTEGER PRIMARY KEY REFERENCES pages(id) ON DELETE CASCADE,
        languages     TEXT NOT NULL,
        rotation      INTEGER NOT NULL CHECK (rotation IN (0, 90, 180, 270)),
        confidence    REAL NOT NULL CHECK (confidence BETWEEN 0 AND 100),
        dpi           INTEGER NOT NULL CHECK (dpi > 0),
        reason        TEXT NOT NULL CHECK (reason IN ('no-text', 'garbage', 'forced')),
        -- JSON array of [text, x0, y0, x1, y1, confidence], boxes in 1/10000 of the page
        words         TEXT NOT NULL,
        engine        TEXT NOT NULL,
        recognized_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE ocr_forced (
        page_id INTEGER PRIMARY KEY REFERENCES pages(id) ON DELETE CASCADE
      ) STRICT;

      CREATE TABLE ocr_failures (
        page_id   INTEGER PRIMARY KEY REFERENCES pages(id) ON DELETE CASCADE,
        code      TEXT NOT NULL,
        message   TEXT NOT NULL,
        attempts  INTEGER NOT NULL DEFAULT 1,
        failed_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE ocr_index_stale (
        document_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE
      ) STRICT, WITHOUT ROWID;

      CREATE INDEX pages_waiting_for_ocr ON pages(document_id, page_no) WHERE needs_ocr = 1;
    `);
  },
};
