import type { Migration } from './types';

/**
 * Which detected fields a person has since set (an override at import, an edit, a candidate
 * picked in the review list): JSON array of field names, e.g. `["date","number"]`. A settled
 * field is no longer "uncertain" whatever the detector's confidence was, so its mark and its
 * candidates leave the review list as soon as it is saved, before the whole document is
 * confirmed. Kept apart from `confidence`, which stays what the detector said
 * (docs/ARCHITECTURE.md §3).
 */
export const migration0100DetectionSettled: Migration = {
  version: 100,
  name: 'detection-settled',
  up(db) {
    db.exec(`ALTER TABLE document_detection ADD COLUMN settled TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(settled));`);
  },
};
