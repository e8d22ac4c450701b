import type { Migration } from './types';

/**
 * Full-text index over page texts. Contentless (the page text lives once, in `pages`) with
 * `contentless_delete` so a page can be removed by rowid. The indexed text is normalised in JS
 * (ё→е, homoglyphs, NFC); unicode61 then folds case for every Kazakh letter.
 * Title and number are repeated on every page row so that a query whose words are split between
 * the title and the body still finds the page, and title matches weigh more in bm25.
 */
export const migration0020PageSearch: Migration = {
  version: 20,
  name: 'page-search',
  up(db) {
    db.exec(`
      CREATE VIRTUAL TABLE page_fts USING fts5(
        title, number, body,
        content = '',
        contentless_delete = 1,
        tokenize = "unicode61 remove_diacritics 0 tokenchars '-'"
      );
    `);
  },
};
