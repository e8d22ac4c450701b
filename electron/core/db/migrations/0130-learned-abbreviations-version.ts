import type { Migration } from './types';

/**
 * A version number of `learned_abbreviations` (migration 0120), kept by triggers in
 * `archive_meta.learned_abbreviations_version`: every row added or removed, by any process and
 * any path (an import, a rebuild, a document going to the bin), bumps it. The query side
 * (search/learned-abbreviations.ts) reads this one row per search to know whether its phrase
 * table is still true; counting the table instead cost milliseconds per search at 50,000 rows.
 */
export const migration0130LearnedAbbreviationsVersion: Migration = {
  version: 130,
  name: 'learned-abbreviations-version',
  up(db) {
    db.exec(`
      INSERT OR IGNORE INTO archive_meta (key, value) VALUES ('learned_abbreviations_version', '0');
      CREATE TRIGGER learned_abbreviations_version_insert AFTER INSERT ON learned_abbreviations
        BEGIN UPDATE archive_meta SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT) WHERE key = 'learned_abbreviations_version'; END;
      CREATE TRIGGER learned_abbreviations_version_delete AFTER DELETE ON learned_abbreviations
        BEGIN UPDATE archive_meta SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT) WHERE key = 'learned_abbreviations_version'; END;
      CREATE TRIGGER learned_abbreviations_version_update AFTER UPDATE ON learned_abbreviations
        BEGIN UPDATE archive_meta SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT) WHERE key = 'learned_abbreviations_version'; END;
    `);
  },
};
