import type { Migration } from './types';

/**
 * Documents imported through the UI wait in a review list until staff confirm or correct the
 * detected metadata (`review_pending = 1`). They are searchable meanwhile: review is about
 * the metadata being checked, not about hiding the document. CLI and bundle imports are final.
 */
export const migration0040Review: Migration = {
  version: 40,
  name: 'review',
  up(db) {
    db.exec(`
      ALTER TABLE documents ADD COLUMN review_pending INTEGER NOT NULL DEFAULT 0 CHECK (review_pending IN (0, 1));
      CREATE INDEX documents_pending_review ON documents(created_at) WHERE review_pending = 1 AND deleted = 0;
    `);
  },
};
