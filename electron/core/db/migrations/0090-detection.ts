import { KIND_CODES, KIND_LABELS } from '../../../../shared/domain/kinds';
import type { Migration } from './types';

/**
 * What detection found for each imported document, kept beside the document so the review list
 * can show which fields are uncertain and offer the runner-up candidates as one-click choices
 * long after the import (docs/ARCHITECTURE.md §3).
 *
 * - `confidence`: JSON `{"kind": 0.97, "number": 0.4, …}`, one score per detected field.
 * - `candidates`: JSON `{"number": [{"value": "16-13-183Д/С", "score": 0.9, "evidence": [...], "excerpt": "…"}], …}`.
 * The row belongs to this computer's import: bundles do not carry it (other offices receive the
 * confirmed details, not this detector's doubts), and editing a field does not change it.
 *
 * The kind vocabulary grows by four codes (verbatim record, deputy's inquiry, memorandum,
 * announcement); their rows are added and every kind's picker position renumbered. A fresh
 * archive already has them from migration 0010, which inserts the current vocabulary.
 */
export const migration0090Detection: Migration = {
  version: 90,
  name: 'detection',
  up(db) {
    db.exec(`
      CREATE TABLE document_detection (
        document_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
        confidence  TEXT NOT NULL CHECK (json_valid(confidence)),
        candidates  TEXT NOT NULL CHECK (json_valid(candidates)),
        detected_at TEXT NOT NULL
      ) STRICT;
    `);
    const upsertKind = db.prepare(`
      INSERT INTO kinds (code, label_kk, label_ru, label_en, position) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (code) DO UPDATE SET label_kk = excluded.label_kk, label_ru = excluded.label_ru,
        label_en = excluded.label_en, position = excluded.position
    `);
    KIND_CODES.forEach((code, position) => {
      const labels = KIND_LABELS[code];
      upsertKind.run(code, labels.kk, labels.ru, labels.en, position);
    });
  },
};
