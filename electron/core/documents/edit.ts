/**
 * Changes staff make to documents after import: metadata edits, tags, the bin (delete and
 * restore), relations and review confirmation. Each change is one transaction that updates the
 * row, its HLC version, the change log (which sync and the search caches read) and, where the
 * indexed fields changed, the document's search index entries: never a half-applied edit.
 */
import type { DocumentPatch, RelationInput } from '../../../shared/domain/library';
import { DOCUMENT_STATUSES, isKindCode, isLanguageCode, RELATION_TYPES } from '../../../shared/domain/kinds';
import { MuragatError } from '../../../shared/errors';
import { DETECTED_FIELDS } from '../../../shared/metadata';
import { isValidIsoDate } from '../../../shared/domain/validate';
import type { LanguageHint } from '../../../shared/search/language';
import type { ArchiveContext } from '../context';
import type { SqliteDatabase } from '../db/sqlite';
import { chunkRowid, CHUNKS_PER_DOCUMENT } from '../search/fts-forms';
import { indexDocumentPages, issuerKeyOf, numberKeyOf } from '../search/indexer';
import { settleFields } from './detection';
import { logChange } from './repository';

export const FIELD_LIMITS = Object.freeze({
  title: 1000,
  number: 200,
  issuer: 500,
  council: 500,
  notes: 20_000,
  tag: 100,
  tags: 50,
  batch: 10_000,
});

interface DocumentRecord {
  id: string;
  seq: number;
  kind: string;
  title: string;
  number: string | null;
  date: string | null;
  issuer: string | null;
  council: string | null;
  lang: string | null;
  status: string;
  notes: string;
  version: string;
  ancestors: string;
  deleted: number;
}

function loadRecord(db: SqliteDatabase, id: string): DocumentRecord | undefined {
  return db
    .prepare('SELECT id, seq, kind, title, number, date, issuer, council, lang, status, notes, version, ancestors, deleted FROM documents WHERE id = ?')
    .get(id) as DocumentRecord | undefined;
}

function requireLive(db: SqliteDatabase, id: string): DocumentRecord {
  const record = loadRecord(db, id);
  if (!record || record.deleted === 1) throw new MuragatError('NOT_FOUND', `no document with id ${id}`, { id });
  return record;
}

/**
 * Control characters and direction overrides in a one-line field (title, number, issuer, tag):
 * typed by nobody, they come from pasted or hostile text and would reach every screen, terminal
 * and other office that shows the field. They become spaces (then folded).
 */
// eslint-disable-next-line no-control-regex -- control characters are exactly what must go
const ONE_LINE_UNSAFE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
/** The same for notes, which keep their line breaks and tabs. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what must go
const NOTES_UNSAFE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** Blank text means "unknown": stored as null, with inner whitespace folded. */
function cleanOptional(value: string | null | undefined, field: string, limit: number): string | null {
  if (value === null || value === undefined) return null;
  const clean = value.replace(ONE_LINE_UNSAFE, ' ').replace(/\s+/g, ' ').trim();
  if (clean.length > limit) throw new MuragatError('INVALID_INPUT', `${field} is longer than ${limit} characters`, { field, limit });
  return clean || null;
}

export function cleanTags(tags: readonly string[]): string[] {
  const result: string[] = [];
  for (const tag of tags) {
    const clean = tag.replace(ONE_LINE_UNSAFE, ' ').replace(/\s+/g, ' ').trim();
    if (!clean) continue;
    if (clean.length > FIELD_LIMITS.tag) throw new MuragatError('INVALID_INPUT', `a tag is longer than ${FIELD_LIMITS.tag} characters`, { field: 'tags', limit: FIELD_LIMITS.tag });
    if (!result.some((t) => t.toLocaleLowerCase() === clean.toLocaleLowerCase())) result.push(clean);
  }
  if (result.length > FIELD_LIMITS.tags) throw new MuragatError('INVALID_INPUT', `a document has at most ${FIELD_LIMITS.tags} tags`, { field: 'tags', limit: FIELD_LIMITS.tags });
  return result;
}

/** The patch checked and normalised into column values; throws INVALID_INPUT naming the field. */
function normalisePatch(patch: DocumentPatch): Partial<Omit<DocumentRecord, 'id' | 'seq' | 'version' | 'deleted'>> & { tags?: string[] } {
  const out: Partial<Omit<DocumentRecord, 'id' | 'seq' | 'version' | 'deleted'>> & { tags?: string[] } = {};
  if (patch.kind !== undefined) {
    if (!isKindCode(patch.kind)) throw new MuragatError('INVALID_INPUT', `unknown kind ${String(patch.kind)}`, { field: 'kind' });
    out.kind = patch.kind;
  }
  if (patch.title !== undefined) {
    const title = cleanOptional(patch.title, 'title', FIELD_LIMITS.title);
    if (!title) throw new MuragatError('INVALID_INPUT', 'the title cannot be empty', { field: 'title' });
    out.title = title;
  }
  if (patch.number !== undefined) out.number = cleanOptional(patch.number, 'number', FIELD_LIMITS.number);
  if (patch.date !== undefined) {
    const date = cleanOptional(patch.date, 'date', 10);
    if (date !== null && !isValidIsoDate(date)) throw new MuragatError('INVALID_INPUT', `not a date: ${date} (expected YYYY-MM-DD)`, { field: 'date' });
    out.date = date;
  }
  if (patch.issuer !== undefined) out.issuer = cleanOptional(patch.issuer, 'issuer', FIELD_LIMITS.issuer);
  if (patch.council !== undefined) out.council = cleanOptional(patch.council, 'council', FIELD_LIMITS.council);
  if (patch.lang !== undefined) {
    if (patch.lang !== null && !isLanguageCode(patch.lang)) throw new MuragatError('INVALID_INPUT', `unknown language ${String(patch.lang)}`, { field: 'lang' });
    out.lang = patch.lang;
  }
  if (patch.status !== undefined) {
    if (!(DOCUMENT_STATUSES as readonly string[]).includes(patch.status)) throw new MuragatError('INVALID_INPUT', `unknown status ${String(patch.status)}`, { field: 'status' });
    out.status = patch.status;
  }
  if (patch.notes !== undefined) {
    if (patch.notes.length > FIELD_LIMITS.notes) throw new MuragatError('INVALID_INPUT', `notes are longer than ${FIELD_LIMITS.notes} characters`, { field: 'notes', limit: FIELD_LIMITS.notes });
    out.notes = patch.notes.replace(NOTES_UNSAFE, '').trim();
  }
  if (patch.tags !== undefined) out.tags = cleanTags(patch.tags);
  return out;
}

function tagsOf(db: SqliteDatabase, id: string): string[] {
  return (db.prepare('SELECT tag FROM document_tags WHERE document_id = ? ORDER BY tag').all(id) as Array<{ tag: string }>).map((row) => row.tag);
}

function writeTags(db: SqliteDatabase, id: string, tags: readonly string[]): void {
  db.prepare('DELETE FROM document_tags WHERE document_id = ?').run(id);
  const insert = db.prepare('INSERT OR IGNORE INTO document_tags (document_id, tag) VALUES (?, ?)');
  for (const tag of tags) insert.run(id, tag);
}

/** Removes a document's passages from the search index (inside the caller's transaction). */
export function unindexDocument(db: SqliteDatabase, seq: number): void {
  const first = chunkRowid(seq, 0);
  const last = chunkRowid(seq, CHUNKS_PER_DOCUMENT - 1);
  // CAST: better-sqlite3 binds JS numbers as REAL, and FTS5 then cannot use the rowid range
  // (it would read the whole index to find the document's rows).
  db.prepare('DELETE FROM search_fts WHERE rowid BETWEEN CAST(? AS INTEGER) AND CAST(? AS INTEGER)').run(first, last);
  db.prepare('DELETE FROM search_chunks WHERE id BETWEEN CAST(? AS INTEGER) AND CAST(? AS INTEGER)').run(first, last);
}

/** Re-analyzes a document's pages into the index (title, number or language changed, or restored). */
export function reindexDocument(db: SqliteDatabase, id: string): void {
  const record = requireLive(db, id);
  unindexDocument(db, record.seq);
  const pages = db.prepare('SELECT id AS pageRowId, text FROM pages WHERE document_id = ? ORDER BY page_no').all(id) as Array<{ pageRowId: number; text: string }>;
  indexDocumentPages(db, { seq: record.seq, title: record.title, number: record.number, date: record.date, lang: record.lang as LanguageHint }, pages);
}

function stamp(ctx: ArchiveContext): { version: string; now: string } {
  return { version: ctx.clock.tick(), now: ctx.now().toISOString() };
}

/** How many earlier versions a document remembers (enough to recognise any realistic sync gap). */
export const MAX_ANCESTORS = 64;

/** The ancestry of a new version made on top of `record`: its ancestors plus its own version. */
export function nextAncestors(record: { version: string; ancestors: string }): string {
  let previous: string[];
  try {
    previous = JSON.parse(record.ancestors) as string[];
  } catch {
    previous = [];
  }
  return JSON.stringify([...previous.filter((v) => v !== record.version), record.version].slice(-MAX_ANCESTORS));
}

/**
 * Applies a metadata patch. Returns false when nothing changed (no new version, no log entry).
 * With `expectedVersion`, refuses with CONFLICT when the document changed since it was read.
 */
/**
 * `byPerson` (default true): a person made this change, so the detected fields it names are no
 * longer in doubt (documents/detection.ts); false for the filling OCR re-detection does.
 */
export function updateDocument(ctx: ArchiveContext, id: string, patch: DocumentPatch, expectedVersion?: string, options: { byPerson?: boolean } = {}): boolean {
  const changes = normalisePatch(patch);
  const { db } = ctx;
  return db
    .transaction((): boolean => {
      const record = requireLive(db, id);
      if (expectedVersion !== undefined && expectedVersion !== record.version) {
        throw new MuragatError('CONFLICT', `document ${id} was changed elsewhere since it was opened`, { id });
      }
      const columns: Array<keyof typeof changes> = ['kind', 'title', 'number', 'date', 'issuer', 'council', 'lang', 'status', 'notes'];
      const changed = columns.filter((column) => column !== 'tags' && changes[column] !== undefined && changes[column] !== record[column as keyof DocumentRecord]);
      const oldTags = tagsOf(db, id);
      const tagsChanged = changes.tags !== undefined && [...changes.tags].sort().join('\u0000') !== oldTags.join('\u0000');
      // A person who states a field's value vouches for it, even when it was already that value.
      if (options.byPerson !== false) settleFields(db, id, Object.keys(changes).filter((key) => changes[key as keyof typeof changes] !== undefined));
      if (changed.length === 0 && !tagsChanged) return false;

      const { version, now } = stamp(ctx);
      const next = { ...record, ...Object.fromEntries(changed.map((column) => [column, changes[column]])) } as DocumentRecord;
      db.prepare(
        `UPDATE documents SET kind = @kind, title = @title, number = @number, date = @date, issuer = @issuer, council = @council,
           lang = @lang, status = @status, notes = @notes, number_key = @numberKey, issuer_key = @issuerKey,
           version = @version, ancestors = @ancestors, updated_at = @now
         WHERE id = @id`,
      ).run({ ...next, numberKey: numberKeyOf(next.number), issuerKey: issuerKeyOf(next.issuer), version, ancestors: nextAncestors(record), now });
      if (tagsChanged && changes.tags) writeTags(db, id, changes.tags);
      logChange(db, { hlc: version, archiveId: ctx.archiveId, entity: 'document', entityId: id, op: 'update' });
      if (changed.some((column) => column === 'title' || column === 'number' || column === 'date' || column === 'lang')) reindexDocument(db, id);
      return true;
    })
    .immediate();
}

function checkBatch(ids: readonly string[]): string[] {
  const unique = [...new Set(ids)];
  if (unique.length > FIELD_LIMITS.batch) throw new MuragatError('INVALID_INPUT', `at most ${FIELD_LIMITS.batch} documents at once`, { limit: FIELD_LIMITS.batch });
  return unique;
}

/** Moves documents to the bin: tombstoned (sync carries the deletion), out of the index, files kept for undo. */
export function deleteDocuments(ctx: ArchiveContext, ids: readonly string[]): string[] {
  const { db } = ctx;
  return db
    .transaction(() => {
      const deleted: string[] = [];
      for (const id of checkBatch(ids)) {
        const record = loadRecord(db, id);
        if (!record || record.deleted === 1) continue;
        const { version, now } = stamp(ctx);
        db.prepare('UPDATE documents SET deleted = 1, version = ?, ancestors = ?, updated_at = ? WHERE id = ?').run(version, nextAncestors(record), now, id);
        unindexDocument(db, record.seq);
        logChange(db, { hlc: version, archiveId: ctx.archiveId, entity: 'document', entityId: id, op: 'delete' });
        deleted.push(id);
      }
      return deleted;
    })
    .immediate();
}

/** Takes documents back out of the bin (undo of delete). */
export function restoreDocuments(ctx: ArchiveContext, ids: readonly string[]): string[] {
  const { db } = ctx;
  return db
    .transaction(() => {
      const restored: string[] = [];
      for (const id of checkBatch(ids)) {
        const record = loadRecord(db, id);
        if (!record || record.deleted === 0) continue;
        const { version, now } = stamp(ctx);
        db.prepare('UPDATE documents SET deleted = 0, version = ?, ancestors = ?, updated_at = ? WHERE id = ?').run(version, nextAncestors(record), now, id);
        reindexDocument(db, id);
        logChange(db, { hlc: version, archiveId: ctx.archiveId, entity: 'document', entityId: id, op: 'update' });
        restored.push(id);
      }
      return restored;
    })
    .immediate();
}

/** Adds and removes tags on many documents at once; returns how many documents changed. */
export function tagDocuments(ctx: ArchiveContext, ids: readonly string[], add: readonly string[], remove: readonly string[]): number {
  const toAdd = cleanTags(add);
  const toRemove = new Set(cleanTags(remove).map((tag) => tag.toLocaleLowerCase()));
  const { db } = ctx;
  return db
    .transaction(() => {
      let changed = 0;
      for (const id of checkBatch(ids)) {
        const record = requireLive(db, id);
        const before = tagsOf(db, id);
        const kept = before.filter((tag) => !toRemove.has(tag.toLocaleLowerCase()));
        const after = cleanTags([...kept, ...toAdd]);
        if ([...after].sort().join('\u0000') === before.join('\u0000')) continue;
        const { version, now } = stamp(ctx);
        writeTags(db, id, after);
        db.prepare('UPDATE documents SET version = ?, ancestors = ?, updated_at = ? WHERE id = ?').run(version, nextAncestors(record), now, id);
        logChange(db, { hlc: version, archiveId: ctx.archiveId, entity: 'document', entityId: id, op: 'update' });
        changed++;
      }
      return changed;
    })
    .immediate();
}

/**
 * Confirms reviewed metadata: a local workflow flag, so no new version and nothing to sync. The
 * person vouched for every field as it is, so none stays marked uncertain (nor comes back when
 * OCR re-reads the scan).
 */
export function confirmReview(ctx: ArchiveContext, ids: readonly string[]): number {
  const { db } = ctx;
  return db
    .transaction(() => {
      let confirmed = 0;
      const statement = db.prepare('UPDATE documents SET review_pending = 0 WHERE id = ? AND review_pending = 1');
      for (const id of checkBatch(ids)) {
        const changes = statement.run(id).changes;
        if (changes) settleFields(db, id, DETECTED_FIELDS);
        confirmed += changes;
      }
      return confirmed;
    })
    .immediate();
}

export function isReviewPending(db: SqliteDatabase, id: string): boolean {
  return (db.prepare('SELECT review_pending AS p FROM documents WHERE id = ?').get(id) as { p: number } | undefined)?.p === 1;
}

function relationId(relation: RelationInput): string {
  return `${relation.fromId}>${relation.toId}>${relation.type}`;
}

function checkRelation(db: SqliteDatabase, relation: RelationInput): void {
  if (!(RELATION_TYPES as readonly string[]).includes(relation.type)) throw new MuragatError('INVALID_INPUT', `unknown relation type ${String(relation.type)}`, { field: 'type' });
  if (relation.fromId === relation.toId) throw new MuragatError('INVALID_INPUT', 'a document cannot be related to itself', { field: 'toId' });
  requireLive(db, relation.fromId);
  requireLive(db, relation.toId);
}

/** Links two documents (e.g. the Russian text as a translation of the Kazakh one). */
export function addRelation(ctx: ArchiveContext, relation: RelationInput): void {
  const { db } = ctx;
  db.transaction(() => {
    checkRelation(db, relation);
    const existing = db
      .prepare('SELECT deleted FROM relations WHERE from_id = ? AND to_id = ? AND type = ?')
      .get(relation.fromId, relation.toId, relation.type) as { deleted: number } | undefined;
    if (existing && existing.deleted === 0) return;
    const { version, now } = stamp(ctx);
    db.prepare(
      `INSERT INTO relations (from_id, to_id, type, created_at, origin, version, deleted) VALUES (?, ?, ?, ?, ?, ?, 0)
       ON CONFLICT (from_id, to_id, type) DO UPDATE SET deleted = 0, version = excluded.version`,
    ).run(relation.fromId, relation.toId, relation.type, now, ctx.archiveId, version);
    logChange(db, { hlc: version, archiveId: ctx.archiveId, entity: 'relation', entityId: relationId(relation), op: existing ? 'update' : 'insert' });
  }).immediate();
}

export function removeRelation(ctx: ArchiveContext, relation: RelationInput): void {
  const { db } = ctx;
  db.transaction(() => {
    const existing = db
      .prepare('SELECT deleted FROM relations WHERE from_id = ? AND to_id = ? AND type = ?')
      .get(relation.fromId, relation.toId, relation.type) as { deleted: number } | undefined;
    if (!existing || existing.deleted === 1) return;
    const { version } = stamp(ctx);
    db.prepare('UPDATE relations SET deleted = 1, version = ? WHERE from_id = ? AND to_id = ? AND type = ?').run(version, relation.fromId, relation.toId, relation.type);
    logChange(db, { hlc: version, archiveId: ctx.archiveId, entity: 'relation', entityId: relationId(relation), op: 'delete' });
  }).immediate();
}
