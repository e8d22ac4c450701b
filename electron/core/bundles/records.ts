/**
 * The records a bundle carries (records.ndjson, one per line): the whole current state of each
 * document — metadata, tags, stored files, page texts, deleted or not — with its HLC version and
 * ancestry, and each relation with its version. A record is a state, not an operation: applying
 * the same record twice, or records in any order, ends in the same archive (last writer wins per
 * document by HLC).
 *
 * Incoming records are untrusted input even from a trusted office (a bug there, a hand-edited
 * bundle): every field is checked here before anything is written.
 */
import { z } from 'zod';
import { DOCUMENT_STATUSES, KIND_CODES, LANGUAGE_CODES, RELATION_TYPES } from '../../../shared/domain/kinds';
import { isValidIsoDate } from '../../../shared/domain/validate';
import { MuragatError } from '../../../shared/errors';
import { parseHlc } from '../../../shared/hlc';
import type { SqliteDatabase } from '../db/sqlite';
import { MAX_ANCESTORS } from '../documents/edit';

const HLC = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z-[0-9a-f]{4}-[0-9a-f]{16}$/)
  // The shape alone lets month 99 through, which the clock cannot read.
  .refine(isReadableHlc, 'not a real time');
function isReadableHlc(text: string): boolean {
  try {
    parseHlc(text);
    return true;
  } catch {
    return false;
  }
}
const UUID = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
const SHA256 = z.string().regex(/^[0-9a-f]{64}$/);
const ISO_TIME = z.string().max(40);
const text = (max: number) => z.string().max(max);

const fileSchema = z.strictObject({
  sha256: SHA256,
  size: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  mediaType: text(200),
  format: text(50),
  originalName: text(1000),
  encoding: text(50).nullable(),
  addedAt: ISO_TIME,
});

/** What OCR found on a page (format 2): boxes in 1/10000 of the page, as stored in `page_ocr`. */
const pageOcrSchema = z.strictObject({
  languages: z.string().regex(/^[a-z]{3}(\+[a-z]{3}){0,5}$/),
  rotation: z.union([z.literal(0), z.literal(90), z.literal(180), z.literal(270)]),
  confidence: z.number().min(0).max(100),
  dpi: z.number().int().min(1).max(10_000),
  reason: z.enum(['no-text', 'garbage', 'forced']),
  engine: text(100),
  recognizedAt: ISO_TIME,
  words: z
    .array(
      z.tuple([
        z.string().min(1).max(500),
        z.number().int().min(0).max(10_000),
        z.number().int().min(0).max(10_000),
        z.number().int().min(0).max(10_000),
        z.number().int().min(0).max(10_000),
        z.number().int().min(0).max(100),
      ]),
    )
    .max(50_000),
});
export type PageOcrRecord = z.infer<typeof pageOcrSchema>;

const pageSchema = z.strictObject({
  pageNo: z.number().int().min(1).max(100_000),
  text: z.string(),
  textSource: z.enum(['text', 'ocr', 'none']),
  needsOcr: z.boolean(),
  ocr: pageOcrSchema.optional(),
});

interface PageRow {
  pageNo: number;
  text: string;
  textSource: 'text' | 'ocr' | 'none';
  needsOcr: number;
  languages: string | null;
  rotation: number | null;
  confidence: number | null;
  dpi: number | null;
  reason: string | null;
  engine: string | null;
  recognizedAt: string | null;
  words: string | null;
}

export const documentRecordSchema = z.strictObject({
  t: z.literal('document'),
  id: UUID,
  version: HLC,
  ancestors: z.array(HLC).max(MAX_ANCESTORS * 4),
  origin: z.string().regex(/^[0-9a-f]{16}$/),
  deleted: z.boolean(),
  kind: z.enum(KIND_CODES),
  title: text(1000).min(1),
  number: text(200).nullable(),
  date: z.string().refine(isValidIsoDate, 'not a date').nullable(),
  issuer: text(500).nullable(),
  council: text(500).nullable(),
  lang: z.enum(LANGUAGE_CODES).nullable(),
  status: z.enum(DOCUMENT_STATUSES),
  notes: text(20_000),
  source: text(2000).nullable(),
  needsOcr: z.boolean(),
  pageCount: z.number().int().min(0).max(100_000),
  createdAt: ISO_TIME,
  updatedAt: ISO_TIME,
  tags: z.array(text(100).min(1)).max(50),
  files: z.array(fileSchema).max(100),
  // Two pages with one number cannot both be stored (the table's key): refused here, coded.
  pages: z
    .array(pageSchema)
    .max(100_000)
    .refine((pages) => new Set(pages.map((page) => page.pageNo)).size === pages.length, 'the same page number twice'),
}).refine((record) => record.deleted || record.pageCount === record.pages.length, { message: 'the page count is not the number of pages', path: ['pageCount'] });

export const relationRecordSchema = z.strictObject({
  t: z.literal('relation'),
  fromId: UUID,
  toId: UUID,
  type: z.enum(RELATION_TYPES),
  version: HLC,
  origin: z.string().regex(/^[0-9a-f]{16}$/),
  deleted: z.boolean(),
  createdAt: ISO_TIME,
});

export type DocumentRecord = z.infer<typeof documentRecordSchema>;
export type RelationRecord = z.infer<typeof relationRecordSchema>;
export type BundleRecord = DocumentRecord | RelationRecord;

const recordSchema = z.discriminatedUnion('t', [documentRecordSchema, relationRecordSchema]);

/** A checked record, or BUNDLE_TAMPERED naming the line and field. */
export function parseRecord(value: unknown, line: number): BundleRecord {
  const result = recordSchema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw new MuragatError('BUNDLE_TAMPERED', `record ${line} of the bundle is not valid: ${issue?.path.join('.') || 'record'}: ${issue?.message ?? 'invalid'}`, { line });
}

interface DocumentRow {
  id: string;
  version: string;
  ancestors: string;
  origin: string;
  deleted: number;
  kind: DocumentRecord['kind'];
  title: string;
  number: string | null;
  date: string | null;
  issuer: string | null;
  council: string | null;
  lang: DocumentRecord['lang'];
  status: DocumentRecord['status'];
  notes: string;
  source: string | null;
  needs_ocr: number;
  page_count: number;
  created_at: string;
  updated_at: string;
}

export function parseAncestors(json: string): string[] {
  try {
    const value = JSON.parse(json) as unknown;
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}

/** Reads records from the archive's own tables (prepared once, used for every document). */
export class RecordReader {
  private readonly documentRow;
  private readonly tagRows;
  private readonly fileRows;
  private readonly pageRows;

  constructor(db: SqliteDatabase) {
    this.documentRow = db.prepare(
      `SELECT id, version, ancestors, origin, deleted, kind, title, number, date, issuer, council, lang, status, notes, source,
              needs_ocr, page_count, created_at, updated_at FROM documents WHERE id = ?`,
    );
    this.tagRows = db.prepare('SELECT tag FROM document_tags WHERE document_id = ? ORDER BY tag');
    this.fileRows = db.prepare(
      `SELECT sha256, size, media_type AS mediaType, format, original_name AS originalName, encoding, added_at AS addedAt
       FROM files WHERE document_id = ? ORDER BY id`,
    );
    this.pageRows = db.prepare(
      `SELECT p.page_no AS pageNo, p.text, p.text_source AS textSource, p.needs_ocr AS needsOcr,
              o.languages, o.rotation, o.confidence, o.dpi, o.reason, o.engine, o.recognized_at AS recognizedAt, o.words
         FROM pages p LEFT JOIN page_ocr o ON o.page_id = p.id
        WHERE p.document_id = ? ORDER BY p.page_no`,
    );
  }

  /** The document's record; a deleted one travels as a tombstone (metadata only, no pages). */
  document(id: string): DocumentRecord | null {
    const row = this.documentRow.get(id) as DocumentRow | undefined;
    if (!row) return null;
    const deleted = row.deleted === 1;
    return {
      t: 'document',
      id: row.id,
      version: row.version,
      ancestors: parseAncestors(row.ancestors),
      origin: row.origin,
      deleted,
      kind: row.kind,
      title: row.title,
      number: row.number,
      date: row.date,
      issuer: row.issuer,
      council: row.council,
      lang: row.lang,
      status: row.status,
      notes: row.notes,
      source: row.source,
      needsOcr: row.needs_ocr === 1,
      pageCount: row.page_count,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      tags: (this.tagRows.all(id) as Array<{ tag: string }>).map((tag) => tag.tag),
      files: deleted ? [] : (this.fileRows.all(id) as DocumentRecord['files']),
      pages: deleted
        ? []
        : (this.pageRows.all(id) as PageRow[]).map((row) => {
            const page: DocumentRecord['pages'][number] = { pageNo: row.pageNo, text: row.text, textSource: row.textSource, needsOcr: row.needsOcr === 1 };
            if (row.words !== null) {
              page.ocr = {
                languages: row.languages!,
                rotation: row.rotation as 0 | 90 | 180 | 270,
                confidence: row.confidence!,
                dpi: row.dpi!,
                reason: row.reason as PageOcrRecord['reason'],
                engine: row.engine!,
                recognizedAt: row.recognizedAt!,
                words: JSON.parse(row.words) as PageOcrRecord['words'],
              };
            }
            return page;
          }),
    };
  }
}
