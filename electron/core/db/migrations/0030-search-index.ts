import type { Migration } from './types';

/**
 * The search index of the search issue (docs/ARCHITECTURE.md §6.2), replacing the first page index:
 *
 * - `documents.seq`: a small integer per document, stable for its lifetime (unlike `rowid`,
 *   which VACUUM may renumber), so that index rows can name their document without a join.
 * - `documents.number_key`, `issuer_key`: normalised forms for the `number:` and `issuer:` filters.
 * - `search_chunks`: pages cut into passages of a few KB (a non-paginated file can be a whole
 *   code of law on one "page"); each passage is one index row, so ranking, snippets and page
 *   hits work on passages. Its id is the index rowid: `seq * 65536 + chunk number`.
 * - `search_fts`: contentless FTS5 over the analyzer's forms of each passage, one column per
 *   form (exact, stem, loose) so that bm25 weights rank exact above stem above loose, plus
 *   title and number. Forms are written space-separated and already normalised, so the simple
 *   `ascii` tokenizer only splits on the spaces (every non-ASCII character is a token char).
 * - `search_vocab`: the index's vocabulary with document frequencies ("did you mean", and
 *   spotting words so common that ranking by them means nothing).
 * The index is filled by code (the analyzer is TypeScript), not by this migration: an empty
 * index with an outdated analyzer version makes the archive rebuild it on open.
 */
export const migration0030SearchIndex: Migration = {
  version: 30,
  name: 'search-index',
  up(db) {
    db.exec(`
      DROP TABLE page_fts;

      ALTER TABLE documents ADD COLUMN seq INTEGER;
      ALTER TABLE documents ADD COLUMN number_key TEXT;
      ALTER TABLE documents ADD COLUMN issuer_key TEXT;
      UPDATE documents SET seq = rowid;
      CREATE UNIQUE INDEX documents_by_seq ON documents(seq);
      CREATE INDEX documents_by_number_key ON documents(number_key) WHERE number_key IS NOT NULL;

      CREATE TABLE search_chunks (
        id         INTEGER PRIMARY KEY,
        page_id    INTEGER NOT NULL REFERENCES pages(id) ON DELETE CASCADE,
        start      INTEGER NOT NULL CHECK (start >= 0),
        end        INTEGER NOT NULL CHECK (end >= start)
      ) STRICT;
      CREATE INDEX search_chunks_by_page ON search_chunks(page_id);

      CREATE VIRTUAL TABLE search_fts USING fts5(
        title, number, exact, stem, loose,
        content = '',
        contentless_delete = 1,
        tokenize = "ascii tokenchars '-''._/:,+#@&'"
      );
      CREATE VIRTUAL TABLE search_vocab USING fts5vocab(search_fts, 'col');

      DELETE FROM archive_meta WHERE key = 'analyzer_version';
    `);
  },
};
