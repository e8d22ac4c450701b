/**
 * The archive's OCR queue and its runner. The queue is `pages.needs_ocr = 1` (scans found at
 * import, garbage text layers, pages forced by the user), so it survives restarts: a run picks up
 * where the last one stopped. Pages are read by a pool of worker threads (one per core by default)
 * and committed one by one — text, word boxes and the document's flag in one transaction — so a
 * crash loses at most the pages being read. The search index of a document is rebuilt in the same
 * transaction as its last waiting page (and every few seconds on long documents).
 *
 * One service per open archive; the CLI awaits `run`, the app calls `start` and listens.
 */
import { availableParallelism, totalmem } from 'node:os';
import type { JobHandle, JobRunner } from '../jobs/runner';
import type { OcrLanguage, OcrReason, OcrStatus, OcrWord, PageOcr } from '../../../shared/domain/ocr';
import { MuragatError, toErrorInfo, type ErrorInfo } from '../../../shared/errors';
import type { ArchiveContext } from '../context';
import { analyzeRecognised } from '../ingest/analyze';
import type { DocumentPatch } from '../../../shared/domain/library';
import { recordDetection } from '../documents/detection';
import { reindexDocument, updateDocument } from '../documents/edit';
import { fallbackTitle } from '../ingest/titles';
import { WorkerPool } from '../workers/worker-pool';
import { configuredLanguages, languageState, saveConfiguredLanguages } from './language-data';
import type { OcrPageRequest, OcrPageResult } from './ocr-protocol';

/** Recorded with each page, so pages read by an older engine or data can be found later. */
export const OCR_ENGINE = 'tesseract.js 7 LSTM';
/** Rendering resolution for recognition (tesseract's models are trained on ~300 dpi text). */
export const OCR_DPI = 300;
/** A long document's index is refreshed at least this often while its pages are read. */
const REINDEX_INTERVAL_MS = 5_000;
/** Status events are coalesced to this interval. */
const STATUS_INTERVAL_MS = 250;

export function defaultOcrWorkerUrl(): URL {
  const fromSource = import.meta.url.endsWith('.ts');
  return new URL(fromSource ? './ocr-worker.bootstrap.mjs' : './ocr-worker.js', import.meta.url);
}

/**
 * One worker per core, but no more than the memory allows: a worker peaks at 630–670 MB
 * (`npm run bench -- ocr`: pdf.js rendering at 300 dpi, the LSTM recogniser with three
 * languages, and the orientation detector), so one per 2 GB of RAM, and at most 4.
 */
export function defaultOcrWorkers(cores = availableParallelism(), memoryBytes = totalmem()): number {
  return Math.max(1, Math.min(cores, 4, Math.floor(memoryBytes / 2 ** 31)));
}

export interface OcrServiceOptions {
  tessdataDir: string;
  /**
   * Worker threads of a run started by the user (default: as many as the budget of heavy work
   * holds, at most 4). Background runs (scans found by an import) use one.
   */
  workers?: number;
  /** Runs become jobs of this runner, and their workers take permits from its budget. */
  jobs?: JobRunner;
  workerUrl?: URL;
  dpi?: number;
}

export interface OcrListener {
  /** The status changed (coalesced to a few times a second). */
  status?: (status: OcrStatus) => void;
  /** Documents got new page texts: their search results and pages changed. */
  documentsChanged?: (documentIds: string[]) => void;
}

export interface OcrRunOptions {
  /** Only these documents' waiting pages (default: every waiting page). */
  documentIds?: readonly string[];
  /** Languages for this run (default: the archive's setting). */
  languages?: readonly OcrLanguage[];
  /** Pages read at once (default: `workers`); background runs read one at a time. */
  width?: number;
  signal?: AbortSignal;
  /** After each page (CLI progress). */
  onPage?: (page: OcrPageOutcome) => void;
}

export interface OcrPageOutcome {
  documentId: string;
  title: string;
  pageNo: number;
  pageCount: number;
  ok: boolean;
  words: number;
  confidence: number;
  rotation: number;
  ms: number;
  error?: ErrorInfo;
}

export interface OcrRunSummary {
  pages: number;
  failed: number;
  documents: number;
  cancelled: boolean;
  elapsedMs: number;
  languages: OcrLanguage[];
}

interface RunningOcr {
  promise: Promise<OcrRunSummary>;
  controller: AbortController;
  documentIds: Set<string> | null;
  /** Adds page loops up to a width (set while the run reads). */
  widen: ((width: number) => void) | null;
}

interface WaitingPage {
  pageId: number;
  documentId: string;
  pageNo: number;
  title: string;
  pageCount: number;
  text: string;
  textSource: 'text' | 'ocr' | 'none';
  forced: number;
  sha256: string | null;
}

interface CompactWords {
  /** [text, x0, y0, x1, y1, confidence], boxes in 1/10000 of the page. */
  words: Array<[string, number, number, number, number, number]>;
}

const toUnits = (fraction: number): number => Math.round(fraction * 10_000);

export function encodeWords(words: readonly OcrWord[]): string {
  const compact: CompactWords['words'] = words.map((word) => [word.text, toUnits(word.x0), toUnits(word.y0), toUnits(word.x1), toUnits(word.y1), Math.round(word.confidence)]);
  return JSON.stringify(compact);
}

export function decodeWords(json: string): OcrWord[] {
  const compact = JSON.parse(json) as CompactWords['words'];
  return compact.map(([text, x0, y0, x1, y1, confidence]) => ({ text, x0: x0 / 10_000, y0: y0 / 10_000, x1: x1 / 10_000, y1: y1 / 10_000, confidence }));
}

/** What OCR found on a page, or null when the page was not recognised. */
export function getPageOcr(ctx: Pick<ArchiveContext, 'db'>, documentId: string, pageNo: number): PageOcr | null {
  const row = ctx.db
    .prepare(
      `SELECT o.languages, o.rotation, o.confidence, o.reason, o.words, o.recognized_at AS recognizedAt
         FROM page_ocr o JOIN pages p ON p.id = o.page_id
        WHERE p.document_id = ? AND p.page_no = ?`,
    )
    .get(documentId, pageNo) as { languages: string; rotation: 0 | 90 | 180 | 270; confidence: number; reason: OcrReason; words: string; recognizedAt: string } | undefined;
  if (!row) return null;
  return {
    pageNo,
    words: decodeWords(row.words),
    confidence: row.confidence,
    languages: row.languages.split('+') as OcrLanguage[],
    rotation: row.rotation,
    reason: row.reason,
    recognizedAt: row.recognizedAt,
  };
}

export class OcrService {
  private pool: WorkerPool<OcrPageRequest, OcrPageResult> | null = null;
  private running: RunningOcr | null = null;
  private run: OcrStatus['run'] = null;
  private current: OcrStatus['current'] = null;
  private lastError: ErrorInfo | null = null;
  private statusTimer: NodeJS.Timeout | null = null;
  private closed = false;
  private readonly listeners = new Set<OcrListener>();
  readonly workers: number;

  constructor(
    private readonly ctx: ArchiveContext,
    private readonly options: OcrServiceOptions,
  ) {
    const budgetWidth = options.jobs ? Math.min(4, options.jobs.budget.widthFor('ocr')) : defaultOcrWorkers();
    this.workers = Math.max(1, options.workers ?? budgetWidth);
  }

  /** Subscribes to status and document changes; returns the function that unsubscribes. */
  listen(listener: OcrListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private documentsChanged(ids: string[]): void {
    for (const listener of this.listeners) listener.documentsChanged?.(ids);
  }

  // ------------------------------------------------------------------------------------------
  // Settings and status
  // ------------------------------------------------------------------------------------------

  languages(): OcrStatus['languages'] {
    return languageState(this.options.tessdataDir, configuredLanguages(this.ctx.db));
  }

  setLanguages(languages: readonly OcrLanguage[]): OcrStatus {
    if (languages.length === 0) throw new MuragatError('INVALID_INPUT', 'choose at least one OCR language');
    saveConfiguredLanguages(this.ctx.db, languages);
    this.announce(true);
    return this.status();
  }

  status(): OcrStatus {
    const waiting = this.ctx.db
      .prepare(
        `SELECT count(*) AS pages, count(DISTINCT p.document_id) AS documents
           FROM pages p JOIN documents d ON d.id = p.document_id
          WHERE p.needs_ocr = 1 AND d.deleted = 0`,
      )
      .get() as { pages: number; documents: number };
    const languages = this.languages();
    const usable = languages.configured.filter((language) => languages.available.includes(language));
    return {
      state: this.running ? 'running' : usable.length === 0 ? 'unavailable' : 'idle',
      pendingPages: waiting.pages,
      pendingDocuments: waiting.documents,
      run: this.run ? { ...this.run } : null,
      current: this.current ? { ...this.current } : null,
      languages,
      workers: this.workers,
      lastError: this.lastError,
    };
  }

  // ------------------------------------------------------------------------------------------
  // Queueing
  // ------------------------------------------------------------------------------------------

  /**
   * Queues documents' pages: with `force` every page of their PDFs (the current text stays until
   * each page is read again), else only pages that failed before. Returns how many pages wait.
   */
  queue(documentIds: readonly string[], options: { force?: boolean } = {}): number {
    const { db } = this.ctx;
    let queued = 0;
    db.transaction(() => {
      for (const id of documentIds) {
        const doc = db.prepare('SELECT deleted FROM documents WHERE id = ?').get(id) as { deleted: number } | undefined;
        if (!doc || doc.deleted === 1) throw new MuragatError('NOT_FOUND', `no document with id ${id}`, { id });
        if (!this.pdfOf(id)) throw new MuragatError('OCR_NOT_APPLICABLE', `document ${id} has no PDF to recognise (OCR reads PDF pages)`, { id });
        if (options.force) {
          db.prepare('INSERT OR IGNORE INTO ocr_forced (page_id) SELECT id FROM pages WHERE document_id = ?').run(id);
          db.prepare('UPDATE pages SET needs_ocr = 1 WHERE document_id = ?').run(id);
        }
        // Pages that failed are tried again when asked for explicitly.
        db.prepare('UPDATE pages SET needs_ocr = 1 WHERE id IN (SELECT page_id FROM ocr_failures) AND document_id = ?').run(id);
        db.prepare('DELETE FROM ocr_failures WHERE page_id IN (SELECT id FROM pages WHERE document_id = ?)').run(id);
        db.prepare('UPDATE documents SET needs_ocr = EXISTS (SELECT 1 FROM pages WHERE document_id = ? AND needs_ocr = 1) WHERE id = ?').run(id, id);
        queued += (db.prepare('SELECT count(*) AS n FROM pages WHERE document_id = ? AND needs_ocr = 1').get(id) as { n: number }).n;
      }
    }).immediate();
    this.announce(true);
    return queued;
  }

  /**
   * Starts reading in the background (or widens the run going on); returns the status.
   * `background`: started by the app itself (scans found by an import, a resumed queue), so one
   * worker, leaving the machine to the person using it; asked for by the user, the full width.
   */
  start(options: { ids?: readonly string[]; force?: boolean; background?: boolean } = {}): OcrStatus {
    if (options.ids && options.ids.length > 0) this.queue(options.ids, options.force ? { force: true } : {});
    const width = options.background ? 1 : this.workers;
    if (this.running) {
      // The running loop reads the queue afresh for each page; a run limited to some documents
      // is widened to these too.
      if (this.running.documentIds && options.ids) for (const id of options.ids) this.running.documentIds.add(id);
      else if (this.running.documentIds && !options.ids) this.running.documentIds = null;
      this.running.widen?.(width);
      return this.status();
    }
    const run = this.runQueue({ width });
    void run.catch(() => undefined);
    return this.status();
  }

  cancel(): OcrStatus {
    this.running?.controller.abort();
    return this.status();
  }

  /** Waits for the background run, if any (tests, shutdown). */
  async idle(): Promise<void> {
    await this.running?.promise.catch(() => undefined);
  }

  // ------------------------------------------------------------------------------------------
  // Running
  // ------------------------------------------------------------------------------------------

  /** Reads waiting pages until none is left (or cancelled). One run at a time. */
  runQueue(options: OcrRunOptions): Promise<OcrRunSummary> {
    if (this.closed) return Promise.reject(new MuragatError('CANCELLED', 'the archive is closing'));
    if (this.running) return Promise.reject(new MuragatError('CONFLICT', 'OCR is already running'));
    const controller = new AbortController();
    options.signal?.addEventListener('abort', () => controller.abort(), { once: true });
    const documentIds = options.documentIds ? new Set(options.documentIds) : null;
    const running: RunningOcr = { controller, documentIds, promise: Promise.resolve(null as unknown as OcrRunSummary), widen: null };
    this.running = running;
    const width = Math.max(1, Math.min(this.workers, options.width ?? this.workers));
    const work = (job: JobHandle | null): Promise<OcrRunSummary> => {
      job?.signal.addEventListener('abort', () => controller.abort(), { once: true });
      return this.execute(running, options, width, job);
    };
    const jobs = this.options.jobs;
    let execution: Promise<OcrRunSummary>;
    try {
      execution = jobs ? jobs.run('ocr', { unit: 'pages', signal: controller.signal }, work) : work(null);
    } catch (error) {
      // The runner refuses new jobs while the archive closes.
      this.running = null;
      return Promise.reject(error);
    }
    running.promise = execution.finally(async () => {
      this.running = null;
      this.current = null;
      // Idle: the workers (about 650 MB each) are terminated, so a server with nothing to read
      // returns to a small footprint. The next run starts new ones (a second or two).
      if (!this.closed) await this.stopWorkers();
      this.announce(true);
    });
    return running.promise;
  }

  private async stopWorkers(): Promise<void> {
    const pool = this.pool;
    this.pool = null;
    if (pool) await pool.close();
  }

  private usableLanguages(requested?: readonly OcrLanguage[]): OcrLanguage[] {
    const state = languageState(this.options.tessdataDir, requested ?? configuredLanguages(this.ctx.db));
    const usable = state.configured.filter((language) => state.available.includes(language));
    if (usable.length === 0) {
      throw new MuragatError(
        'OCR_LANGUAGE_MISSING',
        `no OCR language data for ${state.configured.join(', ')} is installed (looked in ${this.options.tessdataDir}); run \`npm run ocr-data\` or reinstall Muragat`,
        { languages: state.missing.join(', ') },
      );
    }
    return usable;
  }

  private async execute(running: RunningOcr, options: OcrRunOptions, width: number, job: JobHandle | null): Promise<OcrRunSummary> {
    const started = Date.now();
    const signal = running.controller.signal;
    let languages: OcrLanguage[];
    try {
      languages = this.usableLanguages(options.languages);
    } catch (error) {
      this.lastError = toErrorInfo(error);
      throw error;
    }
    this.finishStaleIndexes();
    // Pages being read right now: they still wait in the database until their result is stored.
    const inFlight = new Set<number>();
    const total = (): number => (this.run?.done ?? 0) + (this.run?.failed ?? 0) + this.countWaiting(running.documentIds);
    this.run = { done: 0, failed: 0, total: this.countWaiting(running.documentIds), startedAt: new Date(started).toISOString(), pagesPerMinute: null };
    this.lastError = null;
    this.announce(true);
    const touched = new Set<string>();
    const lastIndexed = new Map<string, number>();
    let fatal: unknown = null;

    const worker = async (): Promise<void> => {
      while (!signal.aborted && fatal === null && !this.closed) {
        const page = this.claimNext(running.documentIds, inFlight);
        if (!page) return;
        const begun = performance.now();
        this.current = { documentId: page.documentId, title: page.title, pageNo: page.pageNo, pageCount: page.pageCount };
        this.announce();
        let outcome: OcrPageOutcome;
        try {
          if (!page.sha256) throw new MuragatError('OCR_NOT_APPLICABLE', 'the document has no stored PDF');
          const result = await this.pagePool().run({
            filePath: this.ctx.store.pathOf(page.sha256),
            pageNo: page.pageNo,
            languages,
            tessdataDir: this.options.tessdataDir,
            dpi: this.options.dpi ?? OCR_DPI,
            detectRotation: true,
          });
          // The index is rebuilt with a document's last page, and every few seconds on long ones.
          const due = Date.now() - (lastIndexed.get(page.documentId) ?? 0) >= REINDEX_INTERVAL_MS;
          const last = !this.hasOtherWaiting(page);
          const reindexed = this.store(page, result, languages, last || due);
          if (reindexed) lastIndexed.set(page.documentId, Date.now());
          if (last && reindexed) this.completeMetadata(page.documentId);
          touched.add(page.documentId);
          outcome = { ...this.outcomeBase(page, begun), ok: true, words: result.words.length, confidence: result.confidence, rotation: result.rotation };
          if (this.run) this.run.done++;
          if (reindexed) this.documentsChanged([page.documentId]);
        } catch (error) {
          const info = toErrorInfo(error);
          if (info.code === 'OCR_LANGUAGE_MISSING' || info.code === 'CANCELLED') {
            // Not the page's fault: stop the run, leave the page waiting.
            fatal = error;
            inFlight.delete(page.pageId);
            this.lastError = info;
            return;
          }
          this.recordFailure(page, info);
          this.lastError = info;
          outcome = { ...this.outcomeBase(page, begun), ok: false, words: 0, confidence: 0, rotation: 0, error: info };
          if (this.run) this.run.failed++;
        }
        inFlight.delete(page.pageId);
        if (this.run) {
          const minutes = (Date.now() - started) / 60_000;
          const finished = this.run.done + this.run.failed;
          this.run.pagesPerMinute = minutes > 0 ? Math.round((finished / minutes) * 10) / 10 : null;
          this.run.total = total();
        }
        options.onPage?.(outcome);
        if (job && this.run) {
          job.count(outcome.ok ? 'read' : 'failed');
          job.progress({ done: this.run.done + this.run.failed, total: this.run.total, current: page.title });
        }
        this.announce();
      }
    };
    job?.progress({ total: this.run.total });
    // Loops that each read one page at a time; a background run is widened when the user asks.
    const loops: Array<Promise<void>> = [];
    let ended = false;
    const widen = (to: number): void => {
      if (ended) return;
      while (loops.length < Math.min(to, this.workers)) loops.push(worker());
    };
    running.widen = widen;
    widen(width);
    for (let index = 0; index < loops.length; index++) await loops[index];
    ended = true;
    running.widen = null;
    // Documents whose index was left for a later batch are finished now.
    const stale = this.finishStaleIndexes();
    if (stale.length > 0) this.documentsChanged(stale);
    if (fatal !== null && (fatal as { code?: string }).code !== 'CANCELLED') throw fatal;
    return {
      pages: this.run?.done ?? 0,
      failed: this.run?.failed ?? 0,
      documents: touched.size,
      cancelled: signal.aborted,
      elapsedMs: Date.now() - started,
      languages,
    };
  }

  private outcomeBase(page: WaitingPage, begun: number): Pick<OcrPageOutcome, 'documentId' | 'title' | 'pageNo' | 'pageCount' | 'ms'> {
    return { documentId: page.documentId, title: page.title, pageNo: page.pageNo, pageCount: page.pageCount, ms: Math.round(performance.now() - begun) };
  }

  private pagePool(): WorkerPool<OcrPageRequest, OcrPageResult> {
    this.pool ??= new WorkerPool<OcrPageRequest, OcrPageResult>({
      workerUrl: this.options.workerUrl ?? defaultOcrWorkerUrl(),
      size: this.workers,
      // Every page takes a permit of the budget it shares with extraction.
      ...(this.options.jobs ? { gate: () => this.options.jobs!.budget.acquire('ocr') } : {}),
      // A page takes 5–15 s; a page that takes minutes is a hostile or broken image.
      taskTimeoutMs: () => 240_000,
      resourceLimits: { maxOldGenerationSizeMb: 1024 },
      silent: true,
      failure: { code: 'OCR_PAGE_FAILED', timeoutCode: 'OCR_PAGE_FAILED', doing: 'reading the page image' },
    });
    return this.pool;
  }

  private pdfOf(documentId: string): string | null {
    const row = this.ctx.db
      .prepare("SELECT sha256 FROM files WHERE document_id = ? AND (media_type = 'application/pdf' OR format = 'pdf') ORDER BY id LIMIT 1")
      .get(documentId) as { sha256: string } | undefined;
    return row?.sha256 ?? null;
  }

  private static readonly WAITING_SQL = `
    SELECT p.id AS pageId, p.document_id AS documentId, p.page_no AS pageNo, d.title, d.page_count AS pageCount,
           p.text, p.text_source AS textSource, (f.page_id IS NOT NULL) AS forced,
           (SELECT sha256 FROM files WHERE document_id = d.id AND (media_type = 'application/pdf' OR format = 'pdf') ORDER BY id LIMIT 1) AS sha256
      FROM pages p
      JOIN documents d ON d.id = p.document_id
      LEFT JOIN ocr_forced f ON f.page_id = p.id`;

  /** Waiting pages in a run's scope: every one, or those of the run's documents (a JSON array). */
  private static readonly IN_SCOPE = `p.needs_ocr = 1 AND d.deleted = 0 AND (@scope IS NULL OR d.id IN (SELECT value FROM json_each(@scope)))`;

  private static scope(documentIds: Set<string> | null): string | null {
    return documentIds ? JSON.stringify([...documentIds]) : null;
  }

  /** The next waiting page not being read already: document by document, page by page. */
  private claimNext(documentIds: Set<string> | null, inFlight: Set<number>): WaitingPage | null {
    const rows = this.ctx.db
      .prepare(`${OcrService.WAITING_SQL} WHERE ${OcrService.IN_SCOPE} ORDER BY d.seq, p.page_no LIMIT @limit`)
      .all({ scope: OcrService.scope(documentIds), limit: inFlight.size + 1 }) as WaitingPage[];
    const page = rows.find((row) => !inFlight.has(row.pageId)) ?? null;
    if (page) inFlight.add(page.pageId);
    return page;
  }

  /** Pages in the run's scope still waiting, those being read included. */
  private countWaiting(documentIds: Set<string> | null): number {
    const row = this.ctx.db
      .prepare(`SELECT count(*) AS n FROM pages p JOIN documents d ON d.id = p.document_id WHERE ${OcrService.IN_SCOPE}`)
      .get({ scope: OcrService.scope(documentIds) }) as { n: number };
    return row.n;
  }

  /** Whether other pages of the page's document still wait (or are being read right now). */
  private hasOtherWaiting(page: WaitingPage): boolean {
    const other = this.ctx.db.prepare('SELECT 1 FROM pages WHERE document_id = ? AND needs_ocr = 1 AND id <> ? LIMIT 1').get(page.documentId, page.pageId);
    return other !== undefined;
  }

  /**
   * Commits one page: its text, words, the document's flag, and (when `reindex`) the document's
   * search index, in one transaction. A page that was deleted or replaced meanwhile (an edit, a
   * bundle) is dropped. Returns whether the index was rebuilt.
   */
  private store(page: WaitingPage, result: OcrPageResult, languages: readonly OcrLanguage[], reindex: boolean): boolean {
    const { db } = this.ctx;
    const reason: OcrReason = page.forced ? 'forced' : page.textSource === 'text' && page.text.trim().length > 0 ? 'garbage' : 'no-text';
    let indexed = false;
    db.transaction(() => {
      const still = db.prepare('SELECT p.needs_ocr AS waiting, d.deleted FROM pages p JOIN documents d ON d.id = p.document_id WHERE p.id = ?').get(page.pageId) as
        | { waiting: number; deleted: number }
        | undefined;
      if (!still || still.waiting !== 1 || still.deleted === 1) return;
      db.prepare("UPDATE pages SET text = ?, text_source = 'ocr', needs_ocr = 0 WHERE id = ?").run(result.text, page.pageId);
      db.prepare(
        `INSERT INTO page_ocr (page_id, languages, rotation, confidence, dpi, reason, words, engine, recognized_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (page_id) DO UPDATE SET languages = excluded.languages, rotation = excluded.rotation, confidence = excluded.confidence,
           dpi = excluded.dpi, reason = excluded.reason, words = excluded.words, engine = excluded.engine, recognized_at = excluded.recognized_at`,
      ).run(page.pageId, languages.join('+'), result.rotation, Math.min(100, Math.max(0, result.confidence)), result.dpi, reason, encodeWords(result.words), OCR_ENGINE, this.ctx.now().toISOString());
      db.prepare('DELETE FROM ocr_forced WHERE page_id = ?').run(page.pageId);
      db.prepare('DELETE FROM ocr_failures WHERE page_id = ?').run(page.pageId);
      this.refreshDocumentFlag(page.documentId);
      if (reindex) {
        reindexDocument(db, page.documentId);
        db.prepare('DELETE FROM ocr_index_stale WHERE document_id = ?').run(page.documentId);
        indexed = true;
      } else {
        db.prepare('INSERT OR IGNORE INTO ocr_index_stale (document_id) VALUES (?)').run(page.documentId);
      }
    }).immediate();
    return indexed;
  }

  /**
   * A scan had no text when it was imported, so detection could only name it after its file. Once
   * all its pages are read, detection runs again on the recognised text and fills what is still
   * empty (kind, number, date, language, issuer, and the file-name title when the kind is now
   * known). Only for documents made here and never edited since: a person's or another office's
   * choice is never overwritten, and two offices reading the same scan never race to edit it.
   * The change is an ordinary edit (a new version that travels in bundles).
   */
  private completeMetadata(documentId: string): void {
    const { db } = this.ctx;
    const doc = db.prepare('SELECT title, kind, number, date, lang, issuer, origin, deleted FROM documents WHERE id = ?').get(documentId) as
      | { title: string; kind: string; number: string | null; date: string | null; lang: string | null; issuer: string | null; origin: string; deleted: number }
      | undefined;
    if (!doc || doc.deleted === 1 || doc.origin !== this.ctx.archiveId) return;
    const edited = db.prepare("SELECT 1 FROM change_log WHERE entity = 'document' AND entity_id = ? AND op <> 'insert' LIMIT 1").get(documentId);
    if (edited) return;
    const file = db.prepare('SELECT original_name AS name FROM files WHERE document_id = ? ORDER BY id LIMIT 1').get(documentId) as { name: string } | undefined;
    if (!file) return;
    const rows = db
      .prepare(
        `SELECT p.text, p.text_source AS textSource, o.words, o.rotation
           FROM pages p LEFT JOIN page_ocr o ON o.page_id = p.id
          WHERE p.document_id = ? ORDER BY p.page_no`,
      )
      .all(documentId) as Array<{ text: string; textSource: string; words: string | null; rotation: number | null }>;
    const { detected } = analyzeRecognised(
      rows.map((row) => ({
        text: row.text,
        recognised: row.textSource === 'ocr' && row.words !== null ? { text: row.text, words: decodeWords(row.words), rotation: row.rotation ?? 0 } : null,
      })),
      file.name,
    );
    const patch: DocumentPatch = {};
    if (doc.kind === 'other' && detected.kind !== 'other') patch.kind = detected.kind;
    if (!doc.number && detected.number) patch.number = detected.number;
    if (!doc.date && detected.date) patch.date = detected.date;
    if (!doc.lang && detected.lang) patch.lang = detected.lang;
    if (!doc.issuer && detected.issuer) patch.issuer = detected.issuer;
    // A heading found on a page of an unknown kind is often a form's caption: keep the file name then.
    if (doc.title === fallbackTitle(file.name) && detected.title && detected.kind !== 'other') patch.title = detected.title;
    // One transaction: the kept detection follows the recognised text (the review list marks and
    // offers what OCR found; at import a scan had nothing to go on) together with the fields filled.
    db.transaction(() => {
      recordDetection(db, documentId, detected, { now: this.ctx.now().toISOString(), review: 'uncertain' });
      if (Object.keys(patch).length === 0) return;
      try {
        updateDocument(this.ctx, documentId, patch, undefined, { byPerson: false });
      } catch {
        // Detection produced something the editor refuses (an impossible date): keep what is there.
      }
    }).immediate();
  }

  private refreshDocumentFlag(documentId: string): void {
    this.ctx.db.prepare('UPDATE documents SET needs_ocr = EXISTS (SELECT 1 FROM pages WHERE document_id = ? AND needs_ocr = 1) WHERE id = ?').run(documentId, documentId);
  }

  /** A page that could not be read leaves the queue (until asked for again) with its reason. */
  private recordFailure(page: WaitingPage, error: ErrorInfo): void {
    const { db } = this.ctx;
    db.transaction(() => {
      const exists = db.prepare('SELECT 1 FROM pages WHERE id = ?').get(page.pageId);
      if (!exists) return;
      db.prepare('UPDATE pages SET needs_ocr = 0 WHERE id = ?').run(page.pageId);
      db.prepare('DELETE FROM ocr_forced WHERE page_id = ?').run(page.pageId);
      db.prepare(
        `INSERT INTO ocr_failures (page_id, code, message, attempts, failed_at) VALUES (?, ?, ?, 1, ?)
         ON CONFLICT (page_id) DO UPDATE SET code = excluded.code, message = excluded.message, attempts = attempts + 1, failed_at = excluded.failed_at`,
      ).run(page.pageId, error.code, error.message.slice(0, 1000), this.ctx.now().toISOString());
      this.refreshDocumentFlag(page.documentId);
    }).immediate();
  }

  /** Re-indexes documents whose OCR text is not in the index yet (after a crash, or a batch). */
  private finishStaleIndexes(): string[] {
    const { db } = this.ctx;
    const ids = (db.prepare('SELECT document_id AS id FROM ocr_index_stale').all() as Array<{ id: string }>).map((row) => row.id);
    for (const id of ids) {
      db.transaction(() => {
        const live = db.prepare('SELECT deleted FROM documents WHERE id = ?').get(id) as { deleted: number } | undefined;
        if (live && live.deleted === 0) reindexDocument(db, id);
        db.prepare('DELETE FROM ocr_index_stale WHERE document_id = ?').run(id);
      }).immediate();
    }
    return ids;
  }

  private announce(now = false): void {
    if (this.closed || ![...this.listeners].some((listener) => listener.status)) return;
    const send = (): void => {
      const status = this.status();
      for (const listener of this.listeners) listener.status?.(status);
    };
    if (now) {
      if (this.statusTimer) clearTimeout(this.statusTimer);
      this.statusTimer = null;
      send();
      return;
    }
    this.statusTimer ??= setTimeout(() => {
      this.statusTimer = null;
      if (!this.closed) send();
    }, STATUS_INTERVAL_MS);
  }

  async close(): Promise<void> {
    this.running?.controller.abort();
    this.closed = true;
    if (this.statusTimer) clearTimeout(this.statusTimer);
    this.statusTimer = null;
    const pool = this.pool;
    this.pool = null;
    // Terminating the workers abandons the pages being read: they stay waiting for next time.
    if (pool) await pool.close();
    await this.running?.promise.catch(() => undefined);
  }
}
