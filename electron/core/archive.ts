import { combineProviders } from '../../shared/search/alternatives';
import { dateAlternatives } from '../../shared/search/dates';
import { numberAlternatives } from '../../shared/search/numbers';
import { abbreviationAlternatives } from '../../shared/search/abbreviations';
import { translationAlternatives } from '../../shared/search/kk-ru-dictionary';
import { LearnedAbbreviations } from './search/learned-abbreviations';
import * as path from 'node:path';
import type { ArchiveStats, DocumentDetails, DocumentSummary, PageText } from '../../shared/domain/document';
import { MuragatError } from '../../shared/errors';
import { HybridClock } from '../../shared/hlc';
import { newArchiveId } from '../../shared/ids';
import type { TextRepair } from '../../shared/text/legacy-kazakh-font';
import type { ArchiveContext } from './context';
import { readMeta, writeMeta } from './db/meta';
import { migrate, schemaVersion } from './db/migrations';
import { openArchiveDatabase, type ArchiveAccess } from './db/open-archive-db';
import { asMuragatError, type SqliteDatabase } from './db/sqlite';
import { getDocumentDetails, getPages, getTextRepair, listDocuments, resolveDocumentId, type ListDocumentsOptions } from './documents/repository';
import { createExtractPool, extractionWorstCaseBytes, type ExtractPool } from './ingest/extract-pool';
import { WorkBudget } from './jobs/budget';
import { JobRunner } from './jobs/runner';
import { importPaths, type ImportOptions, type ImportSummary } from './ingest/import-files';
import { FILES_DIR, OUTBOX_DIR, TMP_DIR } from './layout';
import { backupArchive, type BackupReport } from './maintenance/backup';
import { checkArchive, type CheckReport } from './maintenance/check';
import { recoverPendingBlobs } from './maintenance/recovery';
import { collectStats } from './maintenance/stats';
import type { SearchRequest, SearchResponse } from '../../shared/domain/search';
import { DocTable } from './search/doc-table';
import { search } from './search/engine';
import { DidYouMean, TitleFinder, type QuickFindHit } from './search/suggest';
import { dropAbandonedRebuild, INDEX_VERSION, isIndexCurrent, markIndexCurrent, rebuildSearchIndex, rebuildSearchIndexAsync, storedAnalyzerVersion } from './search/indexer';
import { FileStore } from './store/file-store';
import { PartialFiles } from './store/partials';
import { resolveTessdataDir } from './ocr/language-data';
import { OcrService } from './ocr/ocr-service';
import { createArchiveLogger, type LogFields, type Logger } from './log/logger';

export interface OpenArchiveOptions {
  dataDir: string;
  /**
   * `read` for callers that never change the archive: opened read-only (works on read-only
   * media and never waits for another process's write lock); see db/open-archive-db.ts.
   */
  access?: ArchiveAccess;
  /** How long a write waits for another process's write lock before DATABASE_BUSY. */
  busyTimeoutMs?: number;
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
  /** The archive log (default: `<data>/logs/`, see log/logger.ts). */
  logger?: Logger;
  /** The budget of heavy work (default: sized from this machine, see jobs/budget.ts). */
  budget?: WorkBudget;
  /** Bound to every line of the default log: who opened the archive (`{ app: 'cli', command }`). */
  logFields?: LogFields;
  /** Searches that take at least this long are logged as `search.slow` (default 1000 ms). */
  slowSearchMs?: number;
}

/** The archive's capabilities, built from a data folder. One per open archive; no globals. */
export interface Archive {
  readonly dataDir: string;
  readonly archiveId: string;
  /** Opened read-only (asked for, or on read-only media): anything that would write fails with ARCHIVE_READ_ONLY. */
  readonly readOnly: boolean;
  readonly context: ArchiveContext;
  /** Recognition of scanned pages (its queue lives in the database; workers start on demand). */
  readonly ocr: OcrService;
  /** Long work (import, OCR, reindex, bundles) as cancellable jobs sharing one budget of workers. */
  readonly jobs: JobRunner;
  importPaths(paths: readonly string[], options?: ImportOptions): Promise<ImportSummary>;
  list(options?: ListDocumentsOptions): DocumentSummary[];
  get(idOrPrefix: string): DocumentDetails;
  pages(id: string): PageText[];
  /** How the document's text was repaired at import (legacy Kazakh font), or null. */
  textRepair(id: string): TextRepair | null;
  search(request: SearchRequest): SearchResponse;
  /** Instant title/number finder (quick-open): prefix and typo-tolerant. */
  quickFind(text: string, limit?: number): QuickFindHit[];
  stats(): ArchiveStats;
  check(onProgress?: (done: number, total: number) => void): Promise<CheckReport>;
  backup(out: string, onProgress?: (done: number, total: number) => void): Promise<BackupReport>;
  reindex(onProgress?: (done: number, total: number) => void): { documents: number; pages: number };
  /**
   * The same rebuild as a job (`jobs.list`, `job.progress`): yields between batches and stops
   * there when cancelled or `signal` aborts (CANCELLED, the live index as it was).
   */
  reindexJob(options?: { onProgress?: (done: number, total: number) => void; signal?: AbortSignal }): Promise<{ documents: number; pages: number }>;
  close(): Promise<void>;
}

/** Creates the identity of a new archive, or reads the existing one. */
function ensureIdentity(db: SqliteDatabase, name: string | undefined, now: Date, readOnly: boolean): { archiveId: string; lastHlc: string | null } {
  // Checked before taking the write lock: an existing archive's open must not wait for a writer.
  if (!readOnly && !readMeta(db, 'archive_id')) db.transaction(() => {
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

const DEFAULT_SLOW_SEARCH_MS = 1000;

export async function openArchive(options: OpenArchiveOptions): Promise<Archive> {
  const dataDir = path.resolve(options.dataDir);
  const now = options.now ?? (() => new Date());
  const log = options.logger ?? createArchiveLogger(dataDir, { fields: options.logFields ?? {}, now });
  const opening = log.time('archive.open');
  const slowSearchMs = options.slowSearchMs ?? DEFAULT_SLOW_SEARCH_MS;
  const opened = openArchiveDatabase(dataDir, {
    access: options.access ?? 'write',
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    ...(options.busyTimeoutMs !== undefined ? { busyTimeoutMs: options.busyTimeoutMs } : {}),
    migrate(db) {
      const from = schemaVersion(db);
      const to = migrate(db, undefined, (step) => log.info('db.migration', step));
      if (to !== from) log.info('db.migrate', { from, to });
    },
  });
  const { db, readOnly } = opened;
  let identity: { archiveId: string; lastHlc: string | null };
  const store = new FileStore(path.join(dataDir, FILES_DIR), path.join(dataDir, TMP_DIR));
  try {
    identity = ensureIdentity(db, options.name, now(), readOnly);
    // A read-only open changes nothing: recovery, index upgrades and sweeps wait for a writer.
    if (!readOnly) {
      await recoverPendingBlobs(db, store, now());
      dropAbandonedRebuild(db, now());
      const partials = new PartialFiles(store.tmpDir);
      await partials.sweep(now());
      await partials.sweepFolder(path.join(dataDir, OUTBOX_DIR), 24 * 60 * 60 * 1000, now());
      if (!isIndexCurrent(db)) rebuildSearchIndex(db, options.onIndexRebuild);
      else if (storedAnalyzerVersion(db) !== INDEX_VERSION) markIndexCurrent(db);
      await store.sweepTemp(60 * 60 * 1000);
    }
  } catch (error) {
    db.close();
    throw asMuragatError(error);
  }
  const clock = new HybridClock(identity.archiveId, identity.lastHlc, () => now().getTime());
  const docTable = new DocTable(db);
  const suggester = new DidYouMean(db);
  // Other spellings of query words, ORed into a search (docs/ARCHITECTURE.md §6.3): each provider
  // below reads its own data (built-in vocabularies, or what the archive learned at indexing).
  const learnedAbbreviations = new LearnedAbbreviations(db);
  const queryAlternatives = combineProviders(dateAlternatives, numberAlternatives, abbreviationAlternatives, (words) => learnedAbbreviations.find(words), translationAlternatives);
  const titleFinder = new TitleFinder(db);
  const refuseWrite = (what: string): never => {
    throw new MuragatError('ARCHIVE_READ_ONLY', `the archive is open read-only: cannot ${what}`);
  };

  let pool: ExtractPool | null = null;
  const jobs = new JobRunner({
    budget: options.budget ?? new WorkBudget(),
    now,
    // Every finished job goes into the log; imports are logged by `importPaths` itself (the CLI's
    // too, with the error codes of failed files), so not twice.
    log: { job: (kind, outcome) => (kind === 'import' ? undefined : log.job(kind, outcome)) },
  });
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
        // Extraction and OCR share one budget: an import during an OCR run gets its share only.
        gate: (bytes) => jobs.budget.acquire('extract', { bytes: extractionWorstCaseBytes(bytes) }),
      });
      return pool;
    },
    now,
    log,
    importsInFlight: new Map(),
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
  };

  const ocr = new OcrService(context, {
    tessdataDir: resolveTessdataDir(options.tessdataDir),
    ...(options.ocrWorkers ? { workers: options.ocrWorkers } : {}),
    ...(options.ocrWorkerUrl ? { workerUrl: options.ocrWorkerUrl } : {}),
    jobs,
  });

  opening.end({ schema: schemaVersion(db) });
  const openedAt = performance.now();

  return {
    dataDir,
    archiveId: identity.archiveId,
    readOnly,
    context,
    ocr,
    jobs,
    importPaths: (paths, importOptions) => (readOnly ? refuseWrite('import') : logImport(log, importPaths, context, paths, importOptions)),
    list: (listOptions) => listDocuments(db, listOptions),
    get(idOrPrefix) {
      const id = resolveDocumentId(db, idOrPrefix);
      if (id === 'ambiguous') throw new MuragatError('INVALID_INPUT', `several documents start with ${idOrPrefix}; give more of the id`);
      const details = id ? getDocumentDetails(db, id) : null;
      if (!details) throw new MuragatError('NOT_FOUND', `no document with id ${idOrPrefix}`);
      return details;
    },
    pages: (id) => getPages(db, id),
    textRepair: (id) => getTextRepair(db, id),
    search(request) {
      if (opened.staleIndex) {
        throw new MuragatError(
          'ARCHIVE_READ_ONLY',
          'the search index of this read-only archive was built by another version of Muragat and cannot be rebuilt here; copy the archive to a writable folder to search it (listing, check and backup work)',
        );
      }
      const started = performance.now();
      const response = search({ db, docs: docTable, suggester, alternatives: queryAlternatives }, request);
      const ms = performance.now() - started;
      // Only slow searches: search-as-you-type would drown the log. The query is logged by its
      // length and word count (the redaction rule turns a `query` field into that).
      if (ms >= slowSearchMs) log.warn('search.slow', { query: request.query, ms: Math.round(ms), total: response.total });
      return response;
    },
    quickFind: (text, limit) => titleFinder.find(text, limit),
    stats: () => collectStats(context),
    check: (onProgress) => checkArchive(context, onProgress),
    backup: (out, onProgress) => backupArchive(context, out, onProgress),
    reindex(onProgress) {
      if (readOnly) refuseWrite('rebuild the search index');
      const timer = log.time('job.reindex');
      try {
        const result = rebuildSearchIndex(db, onProgress);
        docTable.invalidate();
        timer.end({ status: 'done', counts: result });
        return result;
      } catch (error) {
        timer.fail(error, { status: 'failed' });
        throw error;
      }
    },
    reindexJob(jobOptions = {}) {
      if (readOnly) refuseWrite('rebuild the search index');
      // The runner logs the job (`job.reindex`: outcome, counts, ms) when it ends, cancelled and failed too.
      return jobs.run('reindex', { unit: 'documents', ...(jobOptions.signal ? { signal: jobOptions.signal } : {}) }, async (job) => {
        const result = await rebuildSearchIndexAsync(db, {
          signal: job.signal,
          now: now(),
          onProgress: (done, total) => {
            job.progress({ done, total });
            jobOptions.onProgress?.(done, total);
          },
        });
        docTable.invalidate();
        job.count('documents', result.documents);
        job.count('pages', result.pages);
        return result;
      });
    },
    async close() {
      const closing = log.time('archive.close', { openMs: Math.round(performance.now() - openedAt) });
      // OCR first: closing it ends its job at once (the pages being read wait for next time).
      await ocr.close();
      await jobs.close();
      if (pool) await pool.close();
      pool = null;
      if (db.open && readOnly) db.close();
      if (db.open) {
        try {
          db.pragma('wal_checkpoint(TRUNCATE)');
        } catch {
          // another process is reading: the checkpoint happens later
        }
        db.close();
      }
      closing.end();
    },
  };
}

/** An import, logged as one `job.import` line: counts, error codes of failed files, timing. */
async function logImport(
  log: Logger,
  run: typeof importPaths,
  context: ArchiveContext,
  paths: readonly string[],
  options: ImportOptions = {},
): Promise<ImportSummary> {
  const errorCodes: Record<string, number> = {};
  const onFile = options.onFile;
  const started = performance.now();
  try {
    const summary = await run(context, paths, {
      ...options,
      onFile(result) {
        const code = result.error?.code;
        if (code) errorCodes[code] = (errorCodes[code] ?? 0) + 1;
        onFile?.(result);
      },
    });
    // Every numeric field of the summary is a count (files, pages, bytes…); nothing else is logged.
    const counts: Record<string, number> = { sources: paths.length };
    for (const [key, value] of Object.entries(summary)) if (typeof value === 'number' && key !== 'elapsedMs') counts[key] = value;
    log.job('import', { status: summary.cancelled ? 'cancelled' : 'done', ms: summary.elapsedMs, counts, errorCodes });
    return summary;
  } catch (error) {
    log.job('import', { status: 'failed', ms: performance.now() - started, counts: { sources: paths.length }, errorCodes, error });
    throw error;
  }
}
