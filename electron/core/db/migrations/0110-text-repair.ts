import type { Migration } from './types';

/**
 * How a stored file's text was changed from what its bytes say at import: JSON
 * `{"kind":"legacy-kazakh-font","mapping":"kz1048"}` when the text was typed in a legacy 8-bit
 * Kazakh font and mapped to Unicode Kazakh (ingest/extract/legacy-font.ts), NULL otherwise.
 *
 * It sits on `files`, beside `encoding`, because it describes how one file's bytes were read,
 * not the document: the original file is kept unchanged, and its pages hold the repaired text.
 * `documents` rows are versioned and exchanged between offices; this local note of how the
 * text was obtained is not (bundles carry the repaired pages, like the detection of 0090).
 */
export const migration0110TextRepair: Migration = {
  version: 110,
  name: 'text-repair',
  up(db) {
    db.exec(`ALTER TABLE files ADD COLUMN text_repair TEXT CHECK (text_repair IS NULL OR json_valid(text_repair));`);
  },
};
