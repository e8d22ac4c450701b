/**
 * The detection kept beside each locally imported document (`document_detection`, migrations 90
 * and 100) and the one rule that sends a document to the review list.
 *
 * The rule: a document waits for review when a detected field is uncertain (below
 * CONFIDENCE_THRESHOLD) and no person has set it, whatever imported it (the UI, the CLI, a
 * folder); an import may also ask that every document it makes be reviewed (the UI does, so a
 * batch is checked as a batch). It is applied in the transaction that commits the document, and
 * again when OCR re-detects a scan.
 *
 * A field a person sets (an import override, an edit, a candidate picked) is "settled": it is no
 * longer uncertain, so its mark leaves the screens as soon as it is saved. Confirming the review
 * settles every field: a confirmed document shows no marks, and OCR re-reading it later does not
 * send it back.
 */
import type { DocumentDetection } from '../../../shared/domain/detection';
import type { DocumentFieldOverrides } from '../../../shared/domain/document';
import { DETECTED_FIELDS, uncertainFields, type DetectedField, type DetectedMetadata } from '../../../shared/metadata';
import type { SqliteDatabase } from '../db/sqlite';

type Detection = Pick<DetectedMetadata, 'confidence' | 'candidates'>;

export type ReviewMode = 'all' | 'uncertain';

/** The detected fields an import's overrides set (a person chose them, so they are not in doubt). */
export function overriddenFields(overrides: DocumentFieldOverrides): DetectedField[] {
  return DETECTED_FIELDS.filter((field) => overrides[field] !== undefined);
}

/** Uncertain fields no person has set yet. */
export function openFields(detected: Pick<DetectedMetadata, 'confidence'>, settled: readonly DetectedField[]): DetectedField[] {
  return uncertainFields(detected).filter((field) => !settled.includes(field));
}

/** The view of a fresh detection (an import result): what a reviewer will be asked about. */
export function detectionView(detected: Detection, settled: readonly DetectedField[]): DocumentDetection {
  return { confidence: detected.confidence, candidates: detected.candidates, uncertain: openFields(detected, settled) };
}

/**
 * Stores (or, after OCR, replaces) a document's detection and applies the review rule. Call
 * inside the transaction that writes the document. Fields settled before stay settled.
 */
export function recordDetection(
  db: SqliteDatabase,
  documentId: string,
  detected: Detection,
  options: { now: string; settled?: readonly DetectedField[]; review: ReviewMode },
): DocumentDetection {
  const before = db.prepare('SELECT settled FROM document_detection WHERE document_id = ?').pluck().get(documentId) as string | undefined;
  const settled = union(before === undefined ? [] : parseSettled(before), options.settled ?? []);
  db.prepare(
    `INSERT INTO document_detection (document_id, confidence, candidates, detected_at, settled) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (document_id) DO UPDATE SET confidence = excluded.confidence, candidates = excluded.candidates,
       detected_at = excluded.detected_at, settled = excluded.settled`,
  ).run(documentId, JSON.stringify(detected.confidence), JSON.stringify(detected.candidates), options.now, JSON.stringify(settled));
  const view = detectionView(detected, settled);
  if (options.review === 'all' || view.uncertain.length > 0) {
    db.prepare('UPDATE documents SET review_pending = 1 WHERE id = ? AND deleted = 0').run(documentId);
  }
  return view;
}

/** Marks fields a person just set as settled (call inside the edit's transaction). */
export function settleFields(db: SqliteDatabase, documentId: string, fields: readonly string[]): void {
  const detected = fields.filter((field): field is DetectedField => (DETECTED_FIELDS as readonly string[]).includes(field));
  if (detected.length === 0) return;
  const row = db.prepare('SELECT settled FROM document_detection WHERE document_id = ?').pluck().get(documentId) as string | undefined;
  if (row === undefined) return;
  const settled = union(parseSettled(row), detected);
  db.prepare('UPDATE document_detection SET settled = ? WHERE document_id = ?').run(JSON.stringify(settled), documentId);
}

interface DetectionRow {
  id: string;
  confidence: string;
  candidates: string;
  settled: string;
}

const SELECT_ROWS = `SELECT x.document_id AS id, x.confidence, x.candidates, x.settled
  FROM document_detection x JOIN documents d ON d.id = x.document_id`;

/** A document's detection as the screens show it; null when it has none. */
export function getDetection(db: SqliteDatabase, documentId: string): DocumentDetection | null {
  const row = db.prepare(`${SELECT_ROWS} WHERE x.document_id = ?`).get(documentId) as DetectionRow | undefined;
  return row ? viewOf(row) : null;
}

/** The detections of several documents (a page of the review list), by id. */
export function getDetections(db: SqliteDatabase, documentIds: readonly string[], options: { pendingOnly?: boolean } = {}): Map<string, DocumentDetection> {
  const result = new Map<string, DocumentDetection>();
  // One statement per 500 ids: SQLite's bound-parameter limit is far above, a page is at most 500.
  for (let start = 0; start < documentIds.length; start += 500) {
    const chunk = documentIds.slice(start, start + 500);
    const pending = options.pendingOnly ? ' AND d.review_pending = 1' : '';
    const rows = db.prepare(`${SELECT_ROWS} WHERE x.document_id IN (${chunk.map(() => '?').join(', ')})${pending}`).all(...chunk) as DetectionRow[];
    for (const row of rows) result.set(row.id, viewOf(row));
  }
  return result;
}

function viewOf(row: DetectionRow): DocumentDetection {
  const confidence = parseConfidence(row.confidence);
  const candidates = parseCandidates(row.candidates);
  return { confidence, candidates, uncertain: openFields({ confidence }, parseSettled(row.settled)) };
}

// The JSON is this program's own (json_valid is checked on write), but an archive may come from
// an older or newer Muragat: anything unexpected reads as "no information", never as a crash.

function parseConfidence(text: string): DocumentDetection['confidence'] {
  const raw = safeParse(text);
  const confidence = {} as DocumentDetection['confidence'];
  for (const field of DETECTED_FIELDS) {
    const value = isRecord(raw) ? raw[field] : undefined;
    confidence[field] = typeof value === 'number' && Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 0;
  }
  return confidence;
}

function parseCandidates(text: string): DocumentDetection['candidates'] {
  const raw = safeParse(text);
  const candidates: DocumentDetection['candidates'] = {};
  if (!isRecord(raw)) return candidates;
  for (const field of DETECTED_FIELDS) {
    const list = raw[field];
    if (!Array.isArray(list)) continue;
    const clean = list
      .filter((item): item is Record<string, unknown> => isRecord(item) && typeof item.value === 'string' && typeof item.score === 'number')
      .slice(0, 4)
      .map((item) => ({
        value: item.value as string,
        score: item.score as number,
        evidence: Array.isArray(item.evidence) ? item.evidence.filter((code): code is string => typeof code === 'string') : [],
        ...(typeof item.excerpt === 'string' ? { excerpt: item.excerpt } : {}),
      }));
    if (clean.length) candidates[field] = clean;
  }
  return candidates;
}

function parseSettled(text: string): DetectedField[] {
  const raw = safeParse(text);
  return Array.isArray(raw) ? DETECTED_FIELDS.filter((field) => raw.includes(field)) : [];
}

function union(a: readonly DetectedField[], b: readonly DetectedField[]): DetectedField[] {
  return DETECTED_FIELDS.filter((field) => a.includes(field) || b.includes(field));
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
