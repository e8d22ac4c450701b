import type BetterSqlite3 from 'better-sqlite3';
import { analyze, ANALYZER_VERSION, forEachTokenForms } from '../../../shared/search/analyzer';
import type { LanguageHint } from '../../../shared/search/language';
import { dateToken, findDateSpans, isoDate, type DateTokenStream } from '../../../shared/search/dates';
import { findNumberSpans } from '../../../shared/search/numbers';
import { tokenize } from '../../../shared/search/tokenize';
import { normalizeDocumentNumber } from '../../../shared/search/query';
import { MuragatError } from '../../../shared/errors';
import { hostname } from 'node:os';
import { deleteMeta, readMeta, writeMeta } from '../db/meta';
import { prepared as preparedStatement, type SqliteDatabase } from '../db/sqlite';
import { processAlive } from '../maintenance/recovery';
import { chunkRowid, CHUNKS_PER_DOCUMENT, codePointOffsets, ftsColumn, ftsToken, splitIntoChunks } from './fts-forms';
import { findAbbreviationDefinitions, recordLearnedAbbreviations, type LearnedDefinition } from './learned-abbreviations';

/** What the index needs to know about a document. */
export interface IndexableDocument {
  seq: number;
  title: string;
  number: string | null;
  /** The document's own date (ISO), indexed as its date token with the number. */
  date: string | null;
  lang: LanguageHint;
}

interface Columns {
  exact: string;
  stem: string;
  loose: string;
}

/**
 * The three columns of a passage. `exact` and `loose` keep one form per word, so positions line
 * up and phrases work in both. `stem` only holds stems that differ from the word itself: a query
 * matches any form in any column, so a stem equal to the word is already found in `exact`, and
 * leaving it out saves about 40% of that column (phrases never look at `stem`).
 */
function columnsOf(text: string, lang: LanguageHint): Columns {
  // Straight from the analyzer's (cached) forms into the column lists: no object per token, and
  // `ftsToken` once per column instead of once per form (see `ftsColumn`).
  const exact: string[] = [];
  const stem: string[] = [];
  const loose: string[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  // Tokens that may open a date or a code (a digit or a Latin letter first): the recognisers
  // visit only these, not every word of the passage.
  const ascii: number[] = [];
  forEachTokenForms(text, lang, (forms, start, end) => {
    if (forms.exact.charCodeAt(0) < 0x80) ascii.push(exact.length);
    exact.push(forms.exact);
    if (forms.stem !== forms.exact) stem.push(forms.stem);
    loose.push(forms.loose);
    starts.push(start);
    ends.push(end);
  });
  // Normal forms of the passage's dates (`dt20170310` for `10.03.2017` and for `2017 жылғы 10
  // наурыз`) and codes (`nr6-38` for `№ 6-38` and `6/38`): `stem` has no positions to keep
  // aligned, so extra tokens go there.
  stem.push(...normalFormTokens({ text, exact, starts, ends, ascii }));
  return { exact: ftsColumn(exact), stem: ftsColumn(stem), loose: ftsColumn(loose) };
}

/** The date and code tokens of a token stream (shared/search/dates.ts, numbers.ts). */
function normalFormTokens(stream: DateTokenStream): string[] {
  const tokens = findDateSpans(stream).map((span) => dateToken(span.iso));
  for (const span of findNumberSpans(stream)) tokens.push(span.token);
  return tokens;
}

/** The date and code tokens of a short text (a document's number). */
function normalFormTokensOf(text: string): string[] {
  const tokens = tokenize(text);
  return normalFormTokens({ text, exact: tokens.map((token) => token.text), starts: tokens.map((token) => token.start), ends: tokens.map((token) => token.end) });
}

/**
 * Bumped when what the index stores changes; stored together with the analyzer's version.
 * 3: date tokens (`dt20170310`) and code tokens (`nr6-38`) of every date and code in a passage
 * (stem), of the document's own date and number (number).
 * 4: the abbreviations each document defines (learned_abbreviations, migration 0120).
 * 5: passage bounds (search_chunks.start/end) in code points, as SQLite's substr counts, so a
 * snippet is cut from a page by SQLite instead of reading the whole page into JavaScript.
 */
const INDEX_FORMAT = 5;
/** Where the version of the analyzer and index format that built the index is stored. */
const INDEX_VERSION_KEY = 'analyzer_version';
export const INDEX_VERSION = `${ANALYZER_VERSION}; index format ${INDEX_FORMAT}`;

/** Every form of every word of a title (or number), once: matched by any query form. */
function allForms(text: string, lang: LanguageHint): string {
  const forms = new Set<string>();
  for (const token of analyze(text, lang)) {
    forms.add(ftsToken(token.exact));
    forms.add(ftsToken(token.stem));
    forms.add(ftsToken(token.loose));
  }
  return [...forms].join(' ');
}

export function numberKeyOf(number: string | null): string | null {
  if (!number) return null;
  const key = normalizeDocumentNumber(number);
  return key || null;
}

/** Loose forms of the issuer's words, space-delimited on both ends for whole-word LIKE. */
export function issuerKeyOf(issuer: string | null): string | null {
  if (!issuer) return null;
  const forms = analyze(issuer, 'mixed').map((token) => token.loose);
  return forms.length ? ` ${forms.join(' ')} ` : null;
}

/** A document's index rows, computed from its text alone (so a worker thread can do it). */
export interface PreparedIndex {
  title: string;
  number: string;
  /** Passages; `start`/`end` in code points of the page text (SQLite's substr), not UTF-16 units. */
  chunks: Array<{ pageIndex: number; start: number; end: number; exact: string; stem: string; loose: string }>;
  /** Abbreviations the text defines ("(далее – ТиПО)"), learned with the index rows. */
  abbreviations: LearnedDefinition[];
}

/**
 * Analyzes a document for the index: passages of every page with their three columns. Pure and
 * CPU-bound: the importer runs it in the extraction workers, so both cores analyze while the
 * main thread writes.
 */
export function prepareIndex(doc: Omit<IndexableDocument, 'seq'>, pageTexts: readonly string[]): PreparedIndex {
  const chunks: PreparedIndex['chunks'] = [];
  pageTexts.forEach((text, pageIndex) => {
    const toCodePoints = codePointOffsets(text);
    for (const chunk of splitIntoChunks(text)) {
      chunks.push({ pageIndex, start: toCodePoints(chunk.start), end: toCodePoints(chunk.end), ...columnsOf(text.slice(chunk.start, chunk.end), doc.lang) });
    }
  });
  if (chunks.length > CHUNKS_PER_DOCUMENT) throw new MuragatError('FILE_TOO_LARGE', 'the document has too much text to index (more than 65,536 passages)');
  const number = doc.number ? [ftsToken(numberKeyOf(doc.number) ?? ''), allForms(doc.number, doc.lang), ...normalFormTokensOf(doc.number).map(ftsToken)] : [];
  // The document's own date, so a date typed in any form finds the document dated so even when
  // its text writes the date differently (or not at all).
  const date = doc.date ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(doc.date) : null;
  const iso = date ? isoDate(Number(date[1]), Number(date[2]), Number(date[3])) : null;
  if (iso) number.push(dateToken(iso));
  return {
    title: allForms(doc.title, doc.lang),
    number: number.join(' '),
    chunks,
    abbreviations: findAbbreviationDefinitions(pageTexts),
  };
}

interface IndexStatements {
  insertChunk: BetterSqlite3.Statement<unknown[]>;
  insertFts: BetterSqlite3.Statement<unknown[]>;
}

/** The live index, or the shadow a rebuild fills before swapping it in (see `rebuildSearchIndex`). */
export type IndexTarget = 'live' | 'shadow';

const TABLES: Record<IndexTarget, { fts: string; chunks: string }> = {
  live: { fts: 'search_fts', chunks: 'search_chunks' },
  shadow: { fts: 'search_fts_next', chunks: 'search_chunks_next' },
};

/**
 * The insert statements, compiled once per connection: `writeIndex` runs once per document, and
 * compiling an insert into the five-column FTS5 table each time cost about as much as the inserts
 * of a small document.
 */
const statementsByDb = new WeakMap<SqliteDatabase, IndexStatements>();

function indexStatements(db: SqliteDatabase, target: IndexTarget): IndexStatements {
  if (target === 'shadow') {
    // Compiled per rebuild: the shadow tables are created and dropped by each one.
    return {
      insertChunk: preparedStatement(db, `INSERT INTO ${TABLES.shadow.chunks} (id, page_id, start, end) VALUES (?, ?, ?, ?)`),
      insertFts: preparedStatement(db, `INSERT INTO ${TABLES.shadow.fts} (rowid, title, number, exact, stem, loose) VALUES (?, ?, ?, ?, ?, ?)`),
    };
  }
  let statements = statementsByDb.get(db);
  if (statements === undefined) {
    statements = {
      insertChunk: db.prepare('INSERT INTO search_chunks (id, page_id, start, end) VALUES (?, ?, ?, ?)'),
      insertFts: db.prepare('INSERT INTO search_fts (rowid, title, number, exact, stem, loose) VALUES (?, ?, ?, ?, ?, ?)'),
    };
    statementsByDb.set(db, statements);
  }
  return statements;
}

/** Writes prepared rows; runs inside the caller's transaction (document and index commit together). */
export function writeIndex(db: SqliteDatabase, seq: number, pageRowIds: readonly number[], prepared: PreparedIndex, target: IndexTarget = 'live'): void {
  const { insertChunk, insertFts } = indexStatements(db, target);
  prepared.chunks.forEach((chunk, chunkNo) => {
    const pageRowId = pageRowIds[chunk.pageIndex];
    if (pageRowId === undefined) throw new Error(`index rows name page ${chunk.pageIndex}, which was not stored`);
    const rowid = chunkRowid(seq, chunkNo);
    insertChunk.run(rowid, pageRowId, chunk.start, chunk.end);
    insertFts.run(rowid, prepared.title, prepared.number, chunk.exact, chunk.stem, chunk.loose);
  });
  // Into the live table even for a rebuild's shadow: derived from the same pages, they are as
  // true before the swap as after it.
  recordLearnedAbbreviations(db, seq, prepared.abbreviations);
}

/** Analyzes and writes in one go (rebuilds, and imports whose metadata was overridden). */
export function indexDocumentPages(db: SqliteDatabase, doc: IndexableDocument, pages: ReadonlyArray<{ pageRowId: number; text: string }>, target: IndexTarget = 'live'): void {
  writeIndex(
    db,
    doc.seq,
    pages.map((page) => page.pageRowId),
    prepareIndex(doc, pages.map((page) => page.text)),
    target,
  );
}

export function storedAnalyzerVersion(db: SqliteDatabase): string | null {
  return readMeta(db, INDEX_VERSION_KEY) ?? null;
}

export function isIndexCurrent(db: SqliteDatabase): boolean {
  if (storedAnalyzerVersion(db) === INDEX_VERSION) return true;
  // An archive with no documents has nothing to rebuild.
  return db.prepare('SELECT 1 FROM documents LIMIT 1').get() === undefined;
}

function setAnalyzerVersion(db: SqliteDatabase): void {
  writeMeta(db, INDEX_VERSION_KEY, INDEX_VERSION);
}

/** Marks a fresh or just-rebuilt index as made by this analyzer. */
export function markIndexCurrent(db: SqliteDatabase): void {
  setAnalyzerVersion(db);
}

/** Bumped by every swap of a rebuilt index: caches derived from the index compare it. */
const INDEX_GENERATION_KEY = 'index_generation';
/** The process building a shadow index: `{ pid, host, startedAt }` (JSON). */
const REBUILD_OWNER_KEY = 'index_rebuild_owner';
/** Seqs of documents whose live index rows changed while a rebuild ran (filled by triggers). */
const DIRTY_TABLE = 'search_rebuild_dirty';
const STALE_FOREIGN_HOST_MS = 24 * 60 * 60 * 1000;

/**
 * A number that changes whenever the whole index is replaced (a rebuild by any process). Read
 * per search by caches derived from the index (the "did you mean" vocabulary): cheap, one row.
 */
export function indexGeneration(db: SqliteDatabase): string {
  return (preparedStatement(db, 'SELECT value FROM archive_meta WHERE key = ?').get(INDEX_GENERATION_KEY) as { value: string } | undefined)?.value ?? '0';
}

interface RebuildOwner {
  pid: number;
  host: string;
  startedAt: string;
}

function rebuildOwner(db: SqliteDatabase): RebuildOwner | null {
  const raw = readMeta(db, REBUILD_OWNER_KEY);
  if (!raw) return null;
  try {
    return JSON.parse(raw) as RebuildOwner;
  } catch {
    return { pid: 0, host: '', startedAt: new Date(0).toISOString() };
  }
}

function ownerGone(owner: RebuildOwner, now: Date): boolean {
  if (owner.host === hostname()) return owner.pid !== process.pid && !processAlive(owner.pid);
  return now.getTime() - Date.parse(owner.startedAt) > STALE_FOREIGN_HOST_MS;
}

/** Drops a shadow index and its change tracking (inside the caller's write transaction). */
function dropShadow(db: SqliteDatabase): void {
  db.exec(`
    DROP TRIGGER IF EXISTS search_rebuild_track_insert;
    DROP TRIGGER IF EXISTS search_rebuild_track_delete;
    DROP TABLE IF EXISTS ${DIRTY_TABLE};
    DROP TABLE IF EXISTS ${TABLES.shadow.fts};
    DROP TABLE IF EXISTS ${TABLES.shadow.chunks};
  `);
  deleteMeta(db, REBUILD_OWNER_KEY);
}

/**
 * Removes what a killed rebuild left behind (its process is gone), at a writable open. The
 * live index was never touched by it, so nothing else needs repair. Returns true if it did.
 */
export function dropAbandonedRebuild(db: SqliteDatabase, now: Date = new Date()): boolean {
  const leftover = rebuildOwner(db) !== null || db.prepare("SELECT 1 FROM sqlite_master WHERE name IN (?, ?, ?)").get(TABLES.shadow.fts, TABLES.shadow.chunks, DIRTY_TABLE) !== undefined;
  if (!leftover) return false;
  return db.transaction(() => {
    const owner = rebuildOwner(db);
    if (owner && !ownerGone(owner, now)) return false;
    dropShadow(db);
    return true;
  }).immediate();
}

/** The live table's own CREATE statement, renamed: the shadow is always made like the live one. */
function shadowSql(db: SqliteDatabase, live: string, shadow: string): string {
  const sql = (db.prepare('SELECT sql FROM sqlite_master WHERE name = ?').get(live) as { sql: string } | undefined)?.sql;
  if (!sql) throw new Error(`the search index table ${live} is missing`);
  return sql.replace(new RegExp(`^(CREATE (?:VIRTUAL )?TABLE )(?:"${live}"|${live})`), `$1${shadow}`);
}

function createShadow(db: SqliteDatabase, now: Date): void {
  const owner = rebuildOwner(db);
  if (owner && !ownerGone(owner, now)) {
    throw new MuragatError('DATABASE_BUSY', 'another process is rebuilding the search index; try again when it has finished');
  }
  dropShadow(db);
  db.exec(shadowSql(db, TABLES.live.chunks, TABLES.shadow.chunks));
  db.exec(shadowSql(db, TABLES.live.fts, TABLES.shadow.fts));
  // The write buffer size lives in the FTS table's config, not in its CREATE statement.
  const hashsize = db.prepare("SELECT v FROM search_fts_config WHERE k = 'hashsize'").pluck().get() as number | undefined;
  if (hashsize !== undefined) db.prepare(`INSERT INTO ${TABLES.shadow.fts} (${TABLES.shadow.fts}, rank) VALUES ('hashsize', CAST(? AS INTEGER))`).run(hashsize);
  // Every change to the live index (import, edit, delete, OCR, a bundle: in any process) adds
  // or removes passages, so these triggers see them all; the swap re-indexes those documents.
  db.exec(`
    CREATE TABLE ${DIRTY_TABLE} (seq INTEGER PRIMARY KEY) STRICT;
    CREATE TRIGGER search_rebuild_track_insert AFTER INSERT ON search_chunks
      BEGIN INSERT OR IGNORE INTO ${DIRTY_TABLE} (seq) VALUES (new.id / ${CHUNKS_PER_DOCUMENT}); END;
    CREATE TRIGGER search_rebuild_track_delete AFTER DELETE ON search_chunks
      BEGIN INSERT OR IGNORE INTO ${DIRTY_TABLE} (seq) VALUES (old.id / ${CHUNKS_PER_DOCUMENT}); END;
  `);
  writeMeta(db, REBUILD_OWNER_KEY, JSON.stringify({ pid: process.pid, host: hostname(), startedAt: now.toISOString() } satisfies RebuildOwner));
}

interface RebuildRow {
  seq: number;
  title: string;
  number: string | null;
  date: string | null;
  lang: LanguageHint;
}

function indexIntoShadow(db: SqliteDatabase, doc: RebuildRow): number {
  const docPages = preparedStatement(db, 'SELECT p.id AS pageRowId, p.text AS text FROM pages p JOIN documents d ON d.id = p.document_id WHERE d.seq = ? ORDER BY p.page_no').all(doc.seq) as Array<{ pageRowId: number; text: string }>;
  indexDocumentPages(db, doc, docPages, 'shadow');
  return docPages.length;
}

/** Replaces the live index by the shadow, in the caller's write transaction. */
function swapInShadow(db: SqliteDatabase): void {
  const owner = rebuildOwner(db);
  if (!owner || owner.pid !== process.pid || owner.host !== hostname()) {
    throw new MuragatError('INTERNAL', 'the rebuilt search index was removed by another process before it could be used; run the rebuild again');
  }
  // Documents whose live rows changed during the rebuild: their shadow rows are redone from
  // what is committed now (deleted documents just lose theirs).
  const dirty = db.prepare(`SELECT seq FROM ${DIRTY_TABLE} ORDER BY seq`).pluck().all() as number[];
  const live = db.prepare('SELECT seq, title, number, date, lang FROM documents WHERE seq = ? AND deleted = 0');
  for (const seq of dirty) {
    const first = chunkRowid(seq, 0);
    const last = chunkRowid(seq, CHUNKS_PER_DOCUMENT - 1);
    db.prepare(`DELETE FROM ${TABLES.shadow.fts} WHERE rowid BETWEEN CAST(? AS INTEGER) AND CAST(? AS INTEGER)`).run(first, last);
    db.prepare(`DELETE FROM ${TABLES.shadow.chunks} WHERE id BETWEEN CAST(? AS INTEGER) AND CAST(? AS INTEGER)`).run(first, last);
    const doc = live.get(seq) as RebuildRow | undefined;
    if (doc) indexIntoShadow(db, doc);
    else recordLearnedAbbreviations(db, seq, []);
  }
  db.exec(`
    DROP TRIGGER search_rebuild_track_insert;
    DROP TRIGGER search_rebuild_track_delete;
    DROP TABLE ${DIRTY_TABLE};
    DROP TABLE ${TABLES.live.fts};
    DROP TABLE ${TABLES.live.chunks};
    ALTER TABLE ${TABLES.shadow.fts} RENAME TO ${TABLES.live.fts};
    ALTER TABLE ${TABLES.shadow.chunks} RENAME TO ${TABLES.live.chunks};
    CREATE INDEX search_chunks_by_page ON search_chunks(page_id);
  `);
  deleteMeta(db, REBUILD_OWNER_KEY);
  setAnalyzerVersion(db);
  writeMeta(db, INDEX_GENERATION_KEY, String(Number(indexGeneration(db)) + 1));
}

/**
 * Rebuilds the whole index from the stored pages without ever showing a partial one: the new
 * index is built into shadow tables, in batches (so other processes can keep importing and
 * editing, and progress can be reported), then swapped for the live one in one transaction.
 * Readers see the old index until that commit and the whole new one after it. Documents changed
 * meanwhile are caught by triggers on the live index and redone in the swap. A killed rebuild
 * leaves the live index as it was; its shadow is dropped at the next writable open.
 */
export function rebuildSearchIndex(db: SqliteDatabase, onProgress?: (done: number, total: number) => void, now: Date = new Date()): { documents: number; pages: number } {
  const steps = rebuildSteps(db, onProgress, now);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * The same rebuild as a job's work: it yields to the event loop between batches (a server stays
 * responsive, Ctrl+C is heard) and stops there when `signal` aborts — the shadow is dropped and
 * the live index stays as it was (CANCELLED).
 */
export async function rebuildSearchIndexAsync(
  db: SqliteDatabase,
  options: { onProgress?: (done: number, total: number) => void; signal?: AbortSignal; now?: Date } = {},
): Promise<{ documents: number; pages: number }> {
  const steps = rebuildSteps(db, options.onProgress, options.now ?? new Date());
  for (;;) {
    const step = options.signal?.aborted ? steps.throw(new MuragatError('CANCELLED', 'the reindex was cancelled; the index is as it was')) : steps.next();
    if (step.done) return step.value;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

/** The rebuild, pausing (`yield`) after each committed batch of the shadow. */
function* rebuildSteps(db: SqliteDatabase, onProgress: ((done: number, total: number) => void) | undefined, now: Date): Generator<void, { documents: number; pages: number }> {
  db.transaction(() => createShadow(db, now)).immediate();
  try {
    const documents = db.prepare('SELECT seq, title, number, date, lang FROM documents WHERE deleted = 0 AND seq IS NOT NULL ORDER BY seq').all() as RebuildRow[];
    let pages = 0;
    const batch = 200;
    for (let i = 0; i < documents.length; i += batch) {
      db.transaction(() => {
        for (const doc of documents.slice(i, i + batch)) pages += indexIntoShadow(db, doc);
      }).immediate();
      onProgress?.(Math.min(i + batch, documents.length), documents.length);
      yield;
    }
    db.prepare(`INSERT INTO ${TABLES.shadow.fts} (${TABLES.shadow.fts}) VALUES ('optimize')`).run();
    db.transaction(() => swapInShadow(db)).immediate();
    onProgress?.(documents.length, documents.length);
    return { documents: documents.length, pages };
  } catch (error) {
    // Failed here (not killed): leave no shadow behind, and the live index as it was.
    try {
      db.transaction(() => {
        const owner = rebuildOwner(db);
        if (owner?.pid === process.pid && owner.host === hostname()) dropShadow(db);
      }).immediate();
    } catch {
      // the next writable open drops it
    }
    throw error;
  }
}
