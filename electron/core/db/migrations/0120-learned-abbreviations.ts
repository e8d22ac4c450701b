import type { Migration } from './types';

/**
 * Abbreviations documents define for themselves ("техническое и профессиональное образование
 * (далее – ТиПО)"), found at indexing (search/learned-abbreviations.ts) so a query finds a
 * document by either form (docs/ARCHITECTURE.md §6.3). One row per document, short form and
 * full form, with how many times the document gives that definition.
 *
 * Derived from the pages like the search index, and kept with it: written in the transaction
 * that indexes the document, rewritten by a rebuild. `seq` is the document's index number
 * (documents.seq), as in the index's rowids. Triggers drop a document's rows when it goes to the
 * bin or is removed, whatever path removes it (an edit, a bundle's tombstone), so the table never
 * offers what only a deleted document defined. Existing archives fill it at their next rebuild
 * (the index format is bumped with it).
 */
export const migration0120LearnedAbbreviations: Migration = {
  version: 120,
  name: 'learned-abbreviations',
  up(db) {
    db.exec(`
      CREATE TABLE learned_abbreviations (
        id    INTEGER PRIMARY KEY AUTOINCREMENT,
        seq   INTEGER NOT NULL,
        key   TEXT NOT NULL CHECK (length(key) BETWEEN 2 AND 40),
        short TEXT NOT NULL CHECK (length(short) BETWEEN 2 AND 40),
        full  TEXT NOT NULL CHECK (length(full) BETWEEN 3 AND 400),
        count INTEGER NOT NULL CHECK (count >= 1),
        UNIQUE (seq, key, full)
      ) STRICT;
      CREATE INDEX learned_abbreviations_by_key ON learned_abbreviations(key);
      CREATE TRIGGER learned_abbreviations_on_bin AFTER UPDATE OF deleted ON documents WHEN new.deleted = 1
        BEGIN DELETE FROM learned_abbreviations WHERE seq = new.seq; END;
      CREATE TRIGGER learned_abbreviations_on_delete AFTER DELETE ON documents
        BEGIN DELETE FROM learned_abbreviations WHERE seq = old.seq; END;
    `);
  },
};
