import type BetterSqlite3 from 'better-sqlite3';
import { analyze, ANALYZER_VERSION, forEachTokenForms } from '../../../shared/search/analyzer';
import type { LanguageHint } from '../../../shared/search/language';
import { normalizeDocumentNumber } from '../../../shared/search/query';
import { MuragatError } from '../../../shared/errors';
import { deleteMeta, readMeta, writeMeta } from '../db/meta';
import type { SqliteDatabase } from '../db/sqlite';
import { chunkRowid, CHUNKS_PER_DOCUMENT, ftsColumn, ftsToken, splitIntoChunks } from './fts-forms';

/** What the index needs to know about a document. */
export interface IndexableDocument {
  seq: number;
  title: string;
  number: string | null;
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
  forEachTokenForms(text, lang, (forms) => {
    exact.push(forms.exact);
    if (forms.stem !== forms.exact) stem.push(forms.stem);
    loose.push(forms.loose);
  });
  return { exact: ftsColumn(exact), stem: ftsColumn(stem), loose: ftsColumn(loose) };
}

/** Bumped when what the index stores changes; stored together with the analyzer's version. */
const INDEX_FORMAT = 2;
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
  chunks: Array<{ pageIndex: number; start: number; end: number; exact: string; stem: string; loose: string }>;
}

/**
 * Analyzes a document for the index: passages of every page with their three columns. Pure and
 * CPU-bound: the importer runs it in the extraction workers, so both cores analyze while the
 * main thread writes.
 */
export function prepareIndex(doc: Omit<IndexableDocument, 'seq'>, pageTexts: readonly string[]): PreparedIndex {
  const chunks: PreparedIndex['chunks'] = [];
  pageTexts.forEach((text, pageIndex) => {
    for (const chunk of splitIntoChunks(text)) {
      chunks.push({ pageIndex, start: chunk.start, end: chunk.end, ...columnsOf(text.slice(chunk.start, chunk.end), doc.lang) });
    }
  });
  if (chunks.length > CHUNKS_PER_DOCUMENT) throw new MuragatError('FILE_TOO_LARGE', 'the document has too much text to index (more than 65,536 passages)');
  return {
    title: allForms(doc.title, doc.lang),
    number: doc.number ? `${ftsToken(numberKeyOf(doc.number) ?? '')} ${allForms(doc.number, doc.lang)}` : '',
    chunks,
  };
}

interface IndexStatements {
  insertChunk: BetterSqlite3.Statement<unknown[]>;
  insertFts: BetterSqlite3.Statement<unknown[]>;
}

/**
 * The insert statements, compiled once per connection: `writeIndex` runs once per document, and
 * compiling an insert into the five-column FTS5 table each time cost about as much as the inserts
 * of a small document.
 */
const statementsByDb = new WeakMap<SqliteDatabase, IndexStatements>();

function indexStatements(db: SqliteDatabase): IndexStatements {
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
export function writeIndex(db: SqliteDatabase, seq: number, pageRowIds: readonly number[], prepared: PreparedIndex): void {
  const { insertChunk, insertFts } = indexStatements(db);
  prepared.chunks.forEach((chunk, chunkNo) => {
    const pageRowId = pageRowIds[chunk.pageIndex];
    if (pageRowId === undefined) throw new Error(`index rows name page ${chunk.pageIndex}, which was not stored`);
    const rowid = chunkRowid(seq, chunkNo);
    insertChunk.run(rowid, pageRowId, chunk.start, chunk.end);
    insertFts.run(rowid, prepared.title, prepared.number, chunk.exact, chunk.stem, chunk.loose);
  });
}

/** Analyzes and writes in one go (rebuilds, and imports whose metadata was overridden). */
export function indexDocumentPages(db: SqliteDatabase, doc: IndexableDocument, pages: ReadonlyArray<{ pageRowId: number; text: string }>): void {
  writeIndex(
    db,
    doc.seq,
    pages.map((page) => page.pageRowId),
    prepareIndex(doc, pages.map((page) => page.text)),
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

/**
 * Rebuilds the whole index from the stored pages, in batches of documents so progress can be
 * reported; the analyzer version is recorded last, so an interrupted rebuild starts again.
 */
export function rebuildSearchIndex(db: SqliteDatabase, onProgress?: (done: number, total: number) => void): { documents: number; pages: number } {
  const documents = db
    .prepare('SELECT seq, title, number, lang FROM documents WHERE deleted = 0 ORDER BY seq')
    .all() as Array<{ seq: number; title: string; number: string | null; lang: LanguageHint }>;
  const pagesOf = db.prepare('SELECT p.id AS pageRowId, p.text AS text FROM pages p JOIN documents d ON d.id = p.document_id WHERE d.seq = ? ORDER BY p.page_no');
  db.transaction(() => {
    db.prepare("INSERT INTO search_fts (search_fts) VALUES ('delete-all')").run();
    db.prepare('DELETE FROM search_chunks').run();
    deleteMeta(db, INDEX_VERSION_KEY);
  }).immediate();
  let pages = 0;
  const batch = 200;
  for (let i = 0; i < documents.length; i += batch) {
    db.transaction(() => {
      for (const doc of documents.slice(i, i + batch)) {
        const docPages = pagesOf.all(doc.seq) as Array<{ pageRowId: number; text: string }>;
        indexDocumentPages(db, doc, docPages);
        pages += docPages.length;
      }
    }).immediate();
    onProgress?.(Math.min(i + batch, documents.length), documents.length);
  }
  db.transaction(() => {
    db.prepare("INSERT INTO search_fts (search_fts) VALUES ('optimize')").run();
    setAnalyzerVersion(db);
  }).immediate();
  onProgress?.(documents.length, documents.length);
  return { documents: documents.length, pages };
}
