import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ArchiveStats, DocumentDetails, DocumentSummary, PageText } from '../../shared/domain/document';
import { MuragatError } from '../../shared/errors';
import { HybridClock } from '../../shared/hlc';
import { newArchiveId } from '../../shared/ids';
import type { ArchiveContext } from './context';
import { readMeta, writeMeta } from './db/meta';
import { migrate } from './db/migrations';
import { openSqlite, type SqliteDatabase } from './db/sqlite';
import { getDocumentDetails, getPages, listDocuments, resolveDocumentId, type ListDocumentsOptions } from './documents/repository';
import { createExtractPool, type ExtractPool } from './ingest/extract-pool';
import { importPaths, type ImportOptions, type ImportSummary } from './ingest/import-files';
import { ARCHIVE_DB_FILE, FILES_DIR, TMP_DIR } from './layout';
import { backupArchive, type BackupReport } from './maintenance/backup';
import { checkArchive, type CheckReport } from './maintenance/check';
import { recoverPendingBlobs } from './maintenance/recovery';
import { collectStats } from './maintenance/stats';
import type { SearchRequest, SearchResponse } from '../../shared/domain/search';
import { DocTable } from './search/doc-table';
import { search } from './search/engine';
import { DidYouMean, TitleFinder, type QuickFindHit } from './search/suggest';
import { isIndexCurrent, markIndexCurrent, rebuildSearchIndex } from './search/indexer';
import { FileStore } from './store/file-store';
import { resolveTessdataDir } from './ocr/language-data';
import { OcrService } from './ocr/ocr-service';

export interface OpenArchiveOptions {
  dataDir: string;
  /** Name shown to other offices; set when the archive is created. */
  name?: string;
  nativeBinding?: string;
  /** Worker script for extraction (the desktop build passes its bundled file). */
  extractWorkerUrl?: URL;
  extractWorkers?: number;
  now?: () => Date;
  /**
   * Called while the search index is rebuilt at open, when it was made by another analyzer
   * version (an update changed how words are analyzed): stale results are never served.
   */
  onIndexRebuild?: (done: number, total: number) => void;
  /** OCR language data folder (default: resources/ocr/tessdata, see ocr/language-data.ts). */
  tessdataDir?: string;
  /** OCR worker threads (default: one per core, at most 4). */
  ocrWorkers?: number;
  /** Worker script for OCR (the desktop build passes its bundled file). */
  ocrWorkerUrl?: URL;
}

/** The archive's capabilities, built from a data folder. One per open archive; no globals. */
export interface Archive {
  readonly dataDir: string;
  readonly archiveId: string;
  readonly context: ArchiveContext;
  /** Recognition of scanned pages (its queue lives in the database; workers start on demand). */
  readonly ocr: OcrService;
  importPaths(paths: readonly string[], options?: ImportOptions): Promise<ImportSummary>;
  list(options?: ListDocumentsOptions): DocumentSummary[];
  get(idOrPrefix: string): DocumentDetails;
  pages(id: string): PageText[];
  search(request: SearchRequest): SearchResponse;
  /** Instant title/number finder (quick-open): prefix and typo-tolerant. */
  quickFind(text: string, limit?: number): QuickFindHit[];
  stats(): ArchiveStats;
  check(onProgress?: (done: number, total: number) => void): Promise<CheckReport>;
  backup(out: string, onProgress?: (done: number, total: number) => void): Promise<BackupReport>;
  reindex(onProgress?: (done: number, total: number) => void): { documents: number; pages: number };
  close(): Promise<void>;
}

/** Creates the identity of a new archive, or reads the existing one. */
function ensureIdentity(db: SqliteDatabase, name: string | undefined, now: Date): { archiveId: string; lastHlc: string | null } {
  db.transaction(() => {
    if (!readMeta(db, 'archive_id')) {
      writeMeta(db, 'archive_id', newArchiveId());
      writeMeta(db, 'created_at', now.toISOString());
      writeMeta(db, 'name', name?.trim() || 'Muragat');
    }
  }).immediate();
  const archiveId = readMeta(db, 'archive_id') ?? '';
  const lastHlc = (db.prepare('SELECT max(hlc) AS hlc FROM change_log').get() as { hlc: string | null }).hlc;
  return { archiveId, lastHlc };
}

export async function openArchive(options: OpenArchiveOptions): Promise<Archive> {
  const dataDir = path.resolve(options.dataDir);
  const now = options.now ?? (() => new Date());
  try {
    fs.mkdirSync(path.join(dataDir, FILES_DIR), { recursive: true });
    fs.mkdirSync(path.join(dataDir, TMP_DIR), { recursive: true });
  } catch (error) {
    throw new MuragatError('FILE_UNREADABLE', `cannot create the archive folder ${dataDir}: ${(error as Error).message}`);
  }
  let db: SqliteDatabase;
  try {
    db = openSqlite(path.join(dataDir, ARCHIVE_DB_FILE), options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  } catch (error) {
    const message = (error as Error).message;
    if (/not a database|malformed/i.test(message)) throw new MuragatError('ARCHIVE_CORRUPT', `the archive database is damaged: ${message}`);
    throw new MuragatError('ARCHIVE_LOCKED', `cannot open the archive database: ${message}`);
  }
  try {
    migrate(db);
  } catch (error) {
    db.close();
    if (error instanceof MuragatError) throw error;
    throw new MuragatError('ARCHIVE_CORRUPT', `cannot prepare the archive database: ${(error as Error).message}`);
  }
  const identity = ensureIdentity(db, options.name, now());
  const clock = new HybridClock(identity.archiveId, identity.lastHlc, () => now().getTime());
  const store = new FileStore(path.join(dataDir, FILES_DIR), path.join(dataDir, TMP_DIR));
  await recoverPendingBlobs(db, store, now());
  if (!isIndexCurrent(db)) rebuildSearchIndex(db, options.onIndexRebuild);
  else markIndexCurrent(db);
  const docTable = new DocTable(db);
  const suggester = new DidYouMean(db);
  const titleFinder = new TitleFinder(db);
  await store.sweepTemp(60 * 60 * 1000);

  let pool: ExtractPool | null = null;
  const context: ArchiveContext = {
    dataDir,
    db,
    store,
    clock,
    archiveId: identity.archiveId,
    extractPool: () => {
      pool ??= createExtractPool({
        ...(options.extractWorkerUrl ? { workerUrl: options.extractWorkerUrl } : {}),
        ...(options.extractWorkers ? { size: options.extractWorkers } : {}),
      });
      return pool;
    },
    now,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
  };

  const ocr = new OcrService(context, {
    tessdataDir: resolveTessdataDir(options.tessdataDir),
    ...(options.ocrWorkers ? { workers: options.ocrWorkers } : {}),
    ...(options.ocrWorkerUrl ? { workerUrl: options.ocrWorkerUrl } : {}),
  });

  return {
    dataDir,
    archiveId: identity.archiveId,
    context,
    ocr,
    importPaths: (paths, importOptions) => importPaths(context, paths, importOptions),
    list: (listOptions) => listDocuments(db, listOptions),
    get(idOrPrefix) {
      const id = resolveDocumentId(db, idOrPrefix);
      if (id === 'ambiguous') throw new MuragatError('INVALID_INPUT', `several documents start with ${idOrPrefix}; give more of the id`);
      const details = id ? getDocumentDetails(db, id) : null;
      if (!details) throw new MuragatError('NOT_FOUND', `no document with id ${idOrPrefix}`);
      return details;
    },
    pages: (id) => getPages(db, id),
    search: (request) => search({ db, docs: docTable, suggester }, request),
    quickFind: (text, limit) => titleFinder.find(text, limit),
    stats: () => collectStats(context),
    check: (onProgress) => checkArchive(context, onProgress),
    backup: (out, onProgress) => backupArchive(context, out, onProgress),
    reindex(onProgress) {
      const result = rebuildSearchIndex(db, onProgress);
      docTable.invalidate();
      return result;
    },
    async close() {
      await ocr.close();
      if (pool) await pool.close();
      pool = null;
      if (db.open) {
        try {
          db.pragma('wal_checkpoint(TRUNCATE)');
        } catch {
          // another process is reading: the checkpoint happens later
        }
        db.close();
      }
    },
  };
}
