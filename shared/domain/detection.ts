import type { DetectedField, FieldCandidate } from '../metadata/types';

/**
 * What detection said about a document, as the review list, the metadata form, the import screen
 * and `muragat show --json` get it. Null for documents that never had a detection here (imported
 * before it was kept, or received in a bundle: other offices send confirmed details, not doubts).
 */
export interface DocumentDetection {
  /** 0…1 per field, as the detector scored it (not changed by later edits). */
  confidence: Record<DetectedField, number>;
  /** Best first, at most 4 per field: the runner-ups are the reviewer's one-click choices. */
  candidates: Partial<Record<DetectedField, FieldCandidate[]>>;
  /**
   * The fields a reviewer should still look at: below the confidence threshold and not yet set by
   * a person. Empty once the document's review is confirmed.
   */
  uncertain: DetectedField[];
}

/**
 * What an import's list of files carries per imported document: how sure detection was and what
 * is left to check. The candidates stay out: a job of thousands of files is held in memory and
 * sent file by file, and the review list fetches them for the documents it shows.
 */
export type DetectionSummary = Pick<DocumentDetection, 'confidence' | 'uncertain'>;
