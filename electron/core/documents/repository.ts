import type { DocumentDetails, DocumentSummary, PageText, StoredFileInfo, DocumentRelation } from '../../../shared/domain/document';
import type { DocumentStatus, KindCode, LanguageCode, RelationType } from '../../../shared/domain/kinds';
import { LEGACY_KAZAKH_MAPPINGS, type LegacyKazakhMapping, type TextRepair } from '../../../shared/text/legacy-kazakh-font';
import { prepared, type SqliteDatabase } from '../db/sqlite';

/** The columns of `documents` as the importer and sync write them. */
export interface DocumentRow {
  id: string;
  kind: KindCode;
  title: string;
  number: string | null;
  date: string | null;
  issuer: string | null;
  council: string | null;
  lang: LanguageCode | null;
  status: DocumentStatus;
  notes: string;
  source: string | null;
  needsOcr: boolean;
  pageCount: number;
  createdAt: string;
  updatedAt: string;
  origin: string;
  version: string;
  /** Small integer naming the document in the search index (see migration 30). */
  seq: number;
  numberKey: string | null;
  issuerKey: string | null;
}

export interface FileRow {
  documentId: string;
  sha256: string;
  size: number;
  mediaType: string;
  format: string;
  originalName: string;
  encoding: string | null;
  addedAt: string;
  /**
   * 'held' for a local import: the database then refuses a second live local copy of the same
   * bytes (migration 80). Absent for files received from other offices.
   */
  claim?: 'held';
  /** Set when the text was typed in a legacy Kazakh font and its pages hold it mapped (migration 110). */
  textRepair?: TextRepair | null;
}

export interface PageRow {
  pageNo: number;
  text: string;
  textSource: 'text' | 'ocr' | 'none';
  needsOcr: boolean;
}

export function insertDocument(db: SqliteDatabase, row: DocumentRow): void {
  prepared(
    db,
    `INSERT INTO documents (id, kind, title, number, date, issuer, council, lang, status, notes, source,
       needs_ocr, page_count, created_at, updated_at, origin, version, seq, number_key, issuer_key)
     VALUES (@id, @kind, @title, @number, @date, @issuer, @council, @lang, @status, @notes, @source,
       @needsOcr, @pageCount, @createdAt, @updatedAt, @origin, @version, @seq, @numberKey, @issuerKey)`,
  ).run({ ...row, needsOcr: row.needsOcr ? 1 : 0 });
}

/** The next free document seq (call inside the write transaction). */
export function nextDocumentSeq(db: SqliteDatabase): number {
  return (prepared(db, 'SELECT coalesce(max(seq), 0) + 1 AS n FROM documents').get() as { n: number }).n;
}

export function insertFile(db: SqliteDatabase, row: FileRow): void {
  prepared(
    db,
    `INSERT INTO files (document_id, sha256, size, media_type, format, original_name, encoding, added_at, claim, text_repair)
     VALUES (@documentId, @sha256, @size, @mediaType, @format, @originalName, @encoding, @addedAt, @claim, @textRepair)`,
  ).run({ ...row, claim: row.claim ?? null, textRepair: row.textRepair ? JSON.stringify(row.textRepair) : null });
}

/**
 * How the document's text was repaired at import (a legacy Kazakh font mapped to Unicode), from
 * its files; null when it was read as stored. A note this Muragat cannot read (written by a newer
 * one) is treated as none rather than shown wrong.
 */
export function getTextRepair(db: SqliteDatabase, documentId: string): TextRepair | null {
  const notes = db.prepare('SELECT text_repair FROM files WHERE document_id = ? AND text_repair IS NOT NULL ORDER BY id').pluck().all(documentId) as string[];
  for (const note of notes) {
    const parsed = JSON.parse(note) as { kind?: unknown; mapping?: unknown };
    if (parsed.kind === 'legacy-kazakh-font' && LEGACY_KAZAKH_MAPPINGS.includes(parsed.mapping as LegacyKazakhMapping)) {
      return { kind: 'legacy-kazakh-font', mapping: parsed.mapping as LegacyKazakhMapping };
    }
  }
  return null;
}

/** Inserts the pages and returns their row ids (the full-text index is keyed by them). */
export function insertPages(db: SqliteDatabase, documentId: string, pages: readonly PageRow[]): number[] {
  const statement = prepared(
    db,
    'INSERT INTO pages (document_id, page_no, text, text_source, needs_ocr) VALUES (?, ?, ?, ?, ?)',
  );
  return pages.map((page) => Number(statement.run(documentId, page.pageNo, page.text, page.textSource, page.needsOcr ? 1 : 0).lastInsertRowid));
}

export function setTags(db: SqliteDatabase, documentId: string, tags: readonly string[]): void {
  prepared(db, 'DELETE FROM document_tags WHERE document_id = ?').run(documentId);
  const insert = prepared(db, 'INSERT OR IGNORE INTO document_tags (document_id, tag) VALUES (?, ?)');
  for (const tag of tags) {
    const clean = tag.trim().replace(/\s+/g, ' ');
    if (clean) insert.run(documentId, clean.slice(0, 100));
  }
}

export function logChange(
  db: SqliteDatabase,
  change: { hlc: string; archiveId: string; entity: 'document' | 'relation'; entityId: string; op: 'insert' | 'update' | 'delete' },
): void {
  prepared(db, 'INSERT INTO change_log (hlc, archive_id, entity, entity_id, op) VALUES (@hlc, @archiveId, @entity, @entityId, @op)').run(change);
}

/** The newest change-log entry (0 for an empty archive): caches compare it to know they are stale. */
export function changeLogHead(db: SqliteDatabase): number {
  return (prepared(db, 'SELECT coalesce(max(seq), 0) AS n FROM change_log').get() as { n: number }).n;
}

/** SQL condition selecting the documents changed after change-log entry `?` (one parameter). */
export const CHANGED_SINCE = "id IN (SELECT DISTINCT entity_id FROM change_log WHERE seq > ? AND entity = 'document')";

/** The live document (not deleted) that already holds a file with these bytes, if any. */
export function findDocumentByFileHash(db: SqliteDatabase, sha256: string): { id: string; title: string } | undefined {
  return db
    .prepare(
      `SELECT d.id AS id, d.title AS title FROM files f JOIN documents d ON d.id = f.document_id
       WHERE f.sha256 = ? AND d.deleted = 0 ORDER BY d.created_at LIMIT 1`,
    )
    .get(sha256) as { id: string; title: string } | undefined;
}

/** Pages of a document still waiting for OCR (an import that stopped before OCR read them). */
export function pagesWaitingForOcr(db: SqliteDatabase, documentId: string): number {
  return (prepared(db, 'SELECT count(*) AS n FROM pages WHERE document_id = ? AND needs_ocr = 1').get(documentId) as { n: number }).n;
}

/**
 * Contents held by more than one live document imported here (origin = this archive): copies
 * made before migration 80 closed the concurrent-import race, which it left in place rather
 * than delete anything. `check` lists them so staff can move the extra copies to the bin.
 */
export function findDuplicateContent(db: SqliteDatabase, archiveId: string): Array<{ sha256: string; documentIds: string[] }> {
  const rows = db
    .prepare(
      `SELECT f.sha256 AS sha256, group_concat(d.id, ' ') AS ids
         FROM files f JOIN documents d ON d.id = f.document_id
        WHERE d.deleted = 0 AND d.origin = ?
        GROUP BY f.sha256 HAVING count(DISTINCT d.id) > 1
        ORDER BY min(d.created_at)`,
    )
    .all(archiveId) as Array<{ sha256: string; ids: string }>;
  return rows.map((row) => ({ sha256: row.sha256, documentIds: row.ids.split(' ').sort() }));
}

export function isFileReferenced(db: SqliteDatabase, sha256: string): boolean {
  return db.prepare('SELECT 1 FROM files WHERE sha256 = ? LIMIT 1').get(sha256) !== undefined;
}

interface SummaryRecord {
  id: string;
  kind: KindCode;
  title: string;
  number: string | null;
  date: string | null;
  issuer: string | null;
  lang: LanguageCode | null;
  status: DocumentStatus;
  page_count: number;
  needs_ocr: number;
  file: string | null;
  created_at: string;
  updated_at: string;
}

const SUMMARY_COLUMNS = `d.id, d.kind, d.title, d.number, d.date, d.issuer, d.lang, d.status, d.page_count, d.needs_ocr,
  (SELECT f.original_name FROM files f WHERE f.document_id = d.id ORDER BY f.id LIMIT 1) AS file,
  d.created_at, d.updated_at`;

function toSummary(record: SummaryRecord): DocumentSummary {
  return {
    id: record.id,
    kind: record.kind,
    title: record.title,
    number: record.number,
    date: record.date,
    issuer: record.issuer,
    lang: record.lang,
    status: record.status,
    pageCount: record.page_count,
    needsOcr: record.needs_ocr === 1,
    file: record.file,
    createdAt: record.created_at,
    updatedAt: record.updated_at,
  };
}

export interface ListDocumentsOptions {
  limit?: number;
  offset?: number;
}

/** Live documents, newest act first (undated ones last, then by import order). */
export function listDocuments(db: SqliteDatabase, options: ListDocumentsOptions = {}): DocumentSummary[] {
  const limit = Math.max(1, Math.min(options.limit ?? 1000, 100_000));
  const offset = Math.max(0, options.offset ?? 0);
  const rows = db
    .prepare(
      `SELECT ${SUMMARY_COLUMNS} FROM documents d WHERE d.deleted = 0
       ORDER BY d.date IS NULL, d.date DESC, d.created_at DESC, d.id LIMIT ? OFFSET ?`,
    )
    .all(limit, offset) as SummaryRecord[];
  return rows.map(toSummary);
}

export function getDocumentSummaries(db: SqliteDatabase, ids: readonly string[]): Map<string, DocumentSummary> {
  const result = new Map<string, DocumentSummary>();
  if (ids.length === 0) return result;
  const statement = db.prepare(`SELECT ${SUMMARY_COLUMNS} FROM documents d WHERE d.id = ?`);
  for (const id of ids) {
    const row = statement.get(id) as SummaryRecord | undefined;
    if (row) result.set(id, toSummary(row));
  }
  return result;
}

/** Finds a document by full id or by a unique id prefix (what people type from `list`). */
export function resolveDocumentId(db: SqliteDatabase, idOrPrefix: string): string | null | 'ambiguous' {
  const needle = idOrPrefix.trim().toLowerCase();
  if (!/^[0-9a-f-]{4,36}$/.test(needle)) return null;
  const rows = db.prepare("SELECT id FROM documents WHERE id >= ? AND id < ? || 'g' AND deleted = 0 LIMIT 2").all(needle, needle) as Array<{ id: string }>;
  if (rows.length === 0) return null;
  if (rows.length > 1 && rows[0]?.id !== needle) return 'ambiguous';
  return rows[0]?.id ?? null;
}

export function getDocumentDetails(db: SqliteDatabase, id: string): DocumentDetails | null {
  const row = db
    .prepare(`SELECT ${SUMMARY_COLUMNS}, d.council, d.notes, d.source, d.origin, d.version FROM documents d WHERE d.id = ? AND d.deleted = 0`)
    .get(id) as (SummaryRecord & { council: string | null; notes: string; source: string | null; origin: string; version: string }) | undefined;
  if (!row) return null;
  const tags = (db.prepare('SELECT tag FROM document_tags WHERE document_id = ? ORDER BY tag').all(id) as Array<{ tag: string }>).map((t) => t.tag);
  const files = (
    db
      .prepare(
        `SELECT sha256, size, media_type AS mediaType, format, original_name AS originalName, encoding, added_at AS addedAt
         FROM files WHERE document_id = ? ORDER BY id`,
      )
      .all(id) as StoredFileInfo[]
  ).map((file) => ({ ...file }));
  const relations = db
    .prepare(
      `SELECT r.type AS type, 'outgoing' AS direction, r.to_id AS otherId, d.title AS otherTitle
         FROM relations r JOIN documents d ON d.id = r.to_id WHERE r.from_id = ? AND r.deleted = 0 AND d.deleted = 0
       UNION ALL
       SELECT r.type, 'incoming', r.from_id, d.title
         FROM relations r JOIN documents d ON d.id = r.from_id WHERE r.to_id = ? AND r.deleted = 0 AND d.deleted = 0`,
    )
    .all(id, id) as Array<{ type: RelationType; direction: 'outgoing' | 'incoming'; otherId: string; otherTitle: string }>;
  return {
    ...toSummary(row),
    council: row.council,
    notes: row.notes,
    source: row.source,
    tags,
    files,
    relations: relations satisfies DocumentRelation[],
    origin: row.origin,
    version: row.version,
  };
}

export function getPages(db: SqliteDatabase, documentId: string): PageText[] {
  const rows = db
    .prepare('SELECT page_no, text, text_source, needs_ocr FROM pages WHERE document_id = ? ORDER BY page_no')
    .all(documentId) as Array<{ page_no: number; text: string; text_source: PageText['textSource']; needs_ocr: number }>;
  return rows.map((row) => ({ pageNo: row.page_no, text: row.text, textSource: row.text_source, needsOcr: row.needs_ocr === 1 }));
}
