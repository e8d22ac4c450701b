import { constants as fsConstants, rmSync } from 'node:fs';
import * as fs from 'node:fs/promises';
import { hostname } from 'node:os';
import * as path from 'node:path';
import type { DocumentDetection } from '../../../shared/domain/detection';
import type { DocumentFieldOverrides } from '../../../shared/domain/document';
import type { KindCode, LanguageCode } from '../../../shared/domain/kinds';
import { MuragatError, toErrorInfo, type ErrorInfo } from '../../../shared/errors';
import { uuidV7 } from '../../../shared/ids';
import type { DetectedMetadata } from '../../../shared/metadata';
import type { ArchiveContext } from '../context';
import { asMuragatError } from '../db/sqlite';
import { overriddenFields, recordDetection, type ReviewMode } from '../documents/detection';
import { type DocumentRow, findDocumentByFileHash, insertDocument, insertFile, insertPages, isFileReferenced, logChange, nextDocumentSeq, pagesWaitingForOcr, setTags } from '../documents/repository';
import { indexDocumentPages, issuerKeyOf, numberKeyOf, writeIndex, type PreparedIndex } from '../search/indexer';
import { storedFileName, withoutControlChars } from './file-name';
import { chooseTitle } from './titles';
import { sha256Hex } from '../store/file-store';
import type { ExtractedDocument } from './extract/types';
import { collectFiles, describeNonRegular, notRegular, type FoundFile } from './walk';

export type ImportStatus = 'imported' | 'duplicate' | 'skipped' | 'failed';

export interface ImportFileResult {
  path: string;
  status: ImportStatus;
  id?: string;
  kind?: KindCode;
  number?: string | null;
  date?: string | null;
  lang?: LanguageCode | null;
  title?: string;
  pages?: number;
  needsOcr?: boolean;
  /**
   * Pages still waiting for OCR. For a duplicate: the pages of the document already imported
   * (an earlier import stopped before OCR read them), so the caller can resume them.
   */
  ocrPagesWaiting?: number;
  /** What detection found in the text, before overrides and fallbacks (for review screens). */
  detected?: DetectedMetadata;
  /** The detection as stored: confidence, candidates, and the fields left for the reviewer. */
  detection?: DocumentDetection;
  /** For duplicates: the document that already holds these bytes. */
  duplicateOf?: string;
  /** For skipped files: why Muragat does not read them. */
  reason?: string;
  error?: ErrorInfo;
}

export interface ImportProgress {
  filesTotal: number;
  filesDone: number;
  bytesTotal: number;
  bytesDone: number;
  pagesDone: number;
  current: string | null;
}

export interface ImportSummary {
  total: number;
  imported: number;
  duplicate: number;
  skipped: number;
  failed: number;
  pages: number;
  bytes: number;
  needsOcr: number;
  cancelled: boolean;
  /**
   * Set when the batch stopped by itself on an error no later file could escape (the disk is
   * full): the files after it were not tried, and `notTried` counts them.
   */
  stoppedBy?: ErrorInfo;
  notTried: number;
  elapsedMs: number;
}

export interface ImportOptions {
  overrides?: DocumentFieldOverrides;
  /**
   * What a document records as its source for a file (default: the path given). Browser uploads
   * wait in the archive's own folder: their source is the name the user uploaded, never that
   * server path (it would reach the page and, in bundles, other offices).
   */
  sourceOf?: (filePath: string) => string;
  /** Files larger than this are refused (they would not fit a worker's memory). */
  maxFileBytes?: number;
  /**
   * Which imported documents wait in the review list: those with an uncertain field no override
   * set (default), or all of them (the UI reviews what it imported as a batch). See
   * documents/detection.ts.
   */
  review?: ReviewMode;
  /** Files processed at once (reading, hashing, extracting); commits are serialised anyway. */
  concurrency?: number;
  signal?: AbortSignal;
  onFile?: (result: ImportFileResult) => void;
  onProgress?: (progress: ImportProgress) => void;
}

export const DEFAULT_MAX_FILE_BYTES = 512 * 1024 * 1024;

/**
 * Imports files and folders. Each file: read, hash, and if the same bytes are already in the
 * archive report a duplicate; otherwise extract in a worker, store the blob, and commit the
 * document, its file, pages, index entries and change-log row in one transaction. A file that
 * fails leaves nothing behind, and the batch goes on, except when the disk is full: then no
 * later file can succeed either, so the batch stops at the first such failure (the files not
 * tried are counted, not reported one by one).
 *
 * Every path given, or found in a folder, gets exactly one result through `onFile`, so
 * `summary.total` equals the results reported plus `summary.notTried`.
 */
export async function importPaths(ctx: ArchiveContext, inputs: readonly string[], options: ImportOptions = {}): Promise<ImportSummary> {
  const started = Date.now();
  const maxFileBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const { files, refused } = await collectFiles(inputs);
  const summary: ImportSummary = { total: files.length + refused.length, imported: 0, duplicate: 0, skipped: 0, failed: 0, pages: 0, bytes: 0, needsOcr: 0, cancelled: false, notTried: 0, elapsedMs: 0 };
  const progress: ImportProgress = { filesTotal: summary.total, filesDone: 0, bytesTotal: files.reduce((sum, f) => sum + f.size, 0), bytesDone: 0, pagesDone: 0, current: null };

  const report = (result: ImportFileResult, bytes: number): void => {
    summary[result.status]++;
    if (result.status === 'imported') {
      summary.pages += result.pages ?? 0;
      summary.bytes += bytes;
      if (result.needsOcr) summary.needsOcr++;
    }
    progress.filesDone++;
    progress.bytesDone += bytes;
    progress.pagesDone += result.status === 'imported' ? (result.pages ?? 0) : 0;
    options.onFile?.(result);
    options.onProgress?.({ ...progress });
  };

  for (const item of refused) {
    report({ path: item.path, status: item.status, reason: item.reason, ...(item.error ? { error: toErrorInfo(item.error) } : {}) }, 0);
  }
  options.onProgress?.({ ...progress });

  // Enough files in flight to keep every extraction worker busy while the main thread commits.
  const concurrency = options.concurrency ?? 4;
  let next = 0;
  // Files of one batch claim their contents in the batch's order, whichever is read first: of two
  // files with the same bytes (a file and a link to it), the first listed is the one imported.
  let lastTurn: Promise<void> = Promise.resolve();
  const runOne = async (): Promise<void> => {
    while (next < files.length && !summary.stoppedBy) {
      if (options.signal?.aborted) {
        summary.cancelled = true;
        return;
      }
      const file = files[next++];
      if (!file) return;
      progress.current = file.path;
      const taken = deferred<void>();
      const turn: ClaimTurn = { wait: lastTurn, done: () => taken.resolve() };
      lastTurn = taken.promise;
      const result = await importOneFile(ctx, file, options.overrides ?? {}, maxFileBytes, options.sourceOf, options.review ?? 'uncertain', turn);
      // A full disk, or another process holding the write lock past the busy timeout: every
      // later file would fail the same way, so the job stops with that one reason.
      if (result.error?.code === 'DISK_FULL' || result.error?.code === 'DATABASE_BUSY') summary.stoppedBy ??= result.error;
      report(result, file.size);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, runOne));
  if (next < files.length) {
    summary.notTried = files.length - next;
    if (options.signal?.aborted || summary.stoppedBy) summary.cancelled = true;
  }
  summary.elapsedMs = Date.now() - started;
  return summary;
}

interface Deferred<T> {
  promise: Promise<T>;
  resolve: (value: T) => void;
}

function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

// O_NONBLOCK: if the path became a FIFO after the folder was listed, opening it must not wait for
// a writer forever; the fstat below then refuses it. (0 where the platform has no such flag.)
const OPEN_FLAGS = fsConstants.O_RDONLY | (fsConstants.O_NONBLOCK ?? 0);

/**
 * Reads a regular file whole. The type and size are taken from the opened handle (fstat), not
 * from the earlier listing: what is read is what was checked, and a pipe or device that took the
 * file's place is never read.
 */
async function readRegularFile(filePath: string | Buffer, maxFileBytes: number): Promise<Buffer> {
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(filePath, OPEN_FLAGS);
  } catch (error) {
    throw fileGone(error);
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) throw notRegular(describeNonRegular(stat));
    if (stat.size > maxFileBytes) {
      throw new MuragatError('FILE_TOO_LARGE', `the file is ${formatMb(stat.size)}; the limit is ${formatMb(maxFileBytes)}`, { size: stat.size, limit: maxFileBytes });
    }
    return await handle.readFile();
  } catch (error) {
    throw error instanceof MuragatError ? error : fileGone(error);
  } finally {
    await handle.close().catch(() => undefined);
  }
}

function fileGone(error: unknown): MuragatError {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return new MuragatError('FILE_VANISHED', 'the file disappeared before it could be read (moved, deleted or the drive was removed)');
  if (code === 'EACCES' || code === 'EPERM') return new MuragatError('FILE_UNREADABLE', 'no permission to read the file');
  if (code === 'EISDIR') return new MuragatError('FILE_NOT_REGULAR', 'this is a folder, not a file');
  return new MuragatError('FILE_UNREADABLE', `the file could not be read (${code ?? (error as Error).message})`);
}

function formatMb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * True when the error (or what caused it) is a full disk or quota: Node's ENOSPC/EDQUOT from a
 * file write, SQLite's SQLITE_FULL from a commit, or an error already mapped to DISK_FULL.
 */
export function isDiskFull(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 8; current = (current as { cause?: unknown }).cause, depth++) {
    const code = (current as { code?: unknown }).code;
    if (code === 'ENOSPC' || code === 'EDQUOT' || code === 'SQLITE_FULL' || code === 'DISK_FULL') return true;
  }
  return false;
}

function diskFull(error: unknown): MuragatError {
  return new MuragatError('DISK_FULL', 'the disk holding the archive is full; free some space and import again', {}, { cause: error });
}

/** The result for bytes another document already holds, saying whether its OCR is unfinished. */
function duplicateResult(ctx: ArchiveContext, filePath: string, existing: { id: string; title: string }): ImportFileResult {
  const waiting = pagesWaitingForOcr(ctx.db, existing.id);
  return {
    path: filePath,
    status: 'duplicate',
    id: existing.id,
    title: existing.title,
    duplicateOf: existing.id,
    ...(waiting > 0 ? { needsOcr: true, ocrPagesWaiting: waiting } : {}),
  };
}

/** A file's place in its batch's order of claims: wait for the previous file's, then give way. */
interface ClaimTurn {
  wait: Promise<void>;
  done: () => void;
}

async function importOneFile(
  ctx: ArchiveContext,
  file: FoundFile,
  overrides: DocumentFieldOverrides,
  maxFileBytes: number,
  sourceOf: ((filePath: string) => string) | undefined,
  review: ReviewMode,
  turn: ClaimTurn = { wait: Promise.resolve(), done: () => undefined },
): Promise<ImportFileResult> {
  const filePath = file.path;
  // The name kept, shown and served back: made safe here, once (see file-name.ts).
  const fileName = storedFileName(path.basename(filePath));
  // Per archive, not per batch: two batches in one process (two drops in the window) must wait
  // for each other on the same bytes instead of both extracting and racing to commit.
  const inFlight = ctx.importsInFlight;
  let sha256: string | null = null;
  let claimed: Deferred<void> | null = null;
  try {
    const bytes = await readRegularFile(file.fsPath, maxFileBytes);
    if (bytes.byteLength === 0) throw new MuragatError('FILE_EMPTY', 'the file is empty (0 bytes)');
    sha256 = sha256Hex(bytes);

    // The previous file of the batch has claimed its bytes (or is queued for them): this one's
    // claim, or its wait below, comes after it. Nothing yields between here and either.
    await turn.wait;
    turn.done();
    // Loop: several waiters may wake together; the first takes the slot, the others wait again.
    for (let earlier = inFlight.get(sha256); earlier; earlier = inFlight.get(sha256)) await earlier;
    // A cheap early answer that saves the extraction; the answer that counts is given again
    // inside the commit's write transaction (another process may commit meanwhile).
    const existing = findDocumentByFileHash(ctx.db, sha256);
    if (existing) return duplicateResult(ctx, filePath, existing);
    claimed = deferred<void>();
    inFlight.set(sha256, claimed.promise);

    const payload = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength).slice();
    const outcome = await ctx.extractPool().run({ bytes: payload, fileName }, [payload.buffer], payload.byteLength);
    if (outcome.kind === 'unsupported') {
      return { path: filePath, status: 'skipped', reason: outcome.reason };
    }
    const doc = outcome.document;
    const meta = applyOverrides(outcome.detected, overrides, doc, fileName);
    const committed = await commitDocument(ctx, { filePath, source: withoutControlChars(sourceOf ? sourceOf(filePath) : filePath), fileName, bytes, sha256, extracted: doc, detected: outcome.detected, meta, overrides, review, prepared: { index: outcome.index, title: outcome.indexedTitle } });
    if (committed.duplicateOf) return duplicateResult(ctx, filePath, committed.duplicateOf);
    return {
      path: filePath,
      status: 'imported',
      id: committed.id,
      kind: meta.kind,
      number: meta.number,
      date: meta.date,
      lang: meta.lang,
      title: meta.title,
      pages: doc.pages.length,
      needsOcr: doc.pages.some((page) => page.needsOcr),
      detected: outcome.detected,
      ...(committed.detection ? { detection: committed.detection } : {}),
    };
  } catch (error) {
    const info = toErrorInfo(isDiskFull(error) ? diskFull(error) : asMuragatError(error));
    // A bug (not a refusal of a bad file): its stack goes to the archive log for support.
    if (info.code === 'INTERNAL' || info.code === 'STORE_FAILED') ctx.log.failure('import.file', error, { format: path.extname(filePath).toLowerCase() });
    return { path: filePath, status: 'failed', error: info };
  } finally {
    // A file that failed before its claim still gives way, in its turn.
    void turn.wait.then(turn.done);
    if (sha256 && claimed) {
      inFlight.delete(sha256);
      claimed.resolve();
    }
  }
}

type FinalMetadata = Pick<DocumentRow, 'kind' | 'title' | 'number' | 'date' | 'issuer' | 'lang'>;

function applyOverrides(detected: DetectedMetadata, overrides: DocumentFieldOverrides, doc: ExtractedDocument, fileName: string): FinalMetadata {
  return {
    kind: overrides.kind ?? detected.kind,
    title: chooseTitle(overrides.title, detected.title, doc.embeddedTitle, fileName),
    number: overrides.number !== undefined ? overrides.number : detected.number,
    date: overrides.date !== undefined ? overrides.date : detected.date,
    issuer: overrides.issuer !== undefined ? overrides.issuer : detected.issuer,
    lang: overrides.lang !== undefined ? overrides.lang : detected.lang,
  };
}

interface CommitInput {
  filePath: string;
  /** Recorded as the document's source (see ImportOptions.sourceOf). */
  source: string;
  fileName: string;
  bytes: Buffer;
  sha256: string;
  extracted: ExtractedDocument;
  detected: DetectedMetadata;
  /** Detected metadata with the caller's overrides applied. */
  meta: FinalMetadata;
  overrides: DocumentFieldOverrides;
  review: ReviewMode;
  /** Index rows the worker prepared for the detected metadata. */
  prepared: { index: PreparedIndex; title: string };
}

/** Another process (or an earlier commit) won: these bytes belong to that document. */
interface CommitOutcome {
  id?: string;
  detection?: DocumentDetection;
  duplicateOf?: { id: string; title: string };
}

/** SQLite's answer when a second live local copy of the same bytes would be stored (migration 80). */
function isClaimConflict(error: unknown): boolean {
  const { code, message } = error as { code?: unknown; message?: unknown };
  return code === 'SQLITE_CONSTRAINT_UNIQUE' && typeof message === 'string' && message.includes('files.sha256');
}

/**
 * Stores the blob, then commits everything about the document in one IMMEDIATE transaction that
 * first asks again whether a live document holds these bytes: the check and the insert are under
 * the same write lock, so two processes cannot both decide "new". The unique claim index
 * (migration 80) backs that up; a hit means another process won and is reported as a duplicate.
 *
 * The blob is registered in `pending_blobs` (one row per writer) before it is written: if this
 * process dies between the write and the commit, the next open removes it (`recoverPendingBlobs`).
 */
async function commitDocument(ctx: ArchiveContext, input: CommitInput): Promise<CommitOutcome> {
  const { db, store } = ctx;
  const { meta } = input;
  const host = hostname();
  db.prepare('INSERT OR REPLACE INTO pending_blobs (sha256, pid, host, started_at) VALUES (?, ?, ?, ?)').run(input.sha256, process.pid, host, ctx.now().toISOString());
  let outcome: CommitOutcome;
  try {
    await store.put(input.sha256, input.bytes);
    const id = uuidV7(ctx.now().getTime());
    const now = ctx.now().toISOString();
    const pages = input.extracted.pages;
    outcome = db.transaction((): CommitOutcome => {
      const winner = findDocumentByFileHash(db, input.sha256);
      if (winner) return { duplicateOf: winner };
      const version = ctx.clock.tick();
      const seq = nextDocumentSeq(db);
      insertDocument(db, {
        id,
        kind: meta.kind,
        title: meta.title,
        number: meta.number,
        date: meta.date,
        issuer: meta.issuer,
        council: input.overrides.council ?? null,
        lang: meta.lang,
        status: input.overrides.status ?? 'unknown',
        notes: '',
        source: input.source,
        needsOcr: pages.some((page) => page.needsOcr),
        pageCount: pages.length,
        createdAt: now,
        updatedAt: now,
        origin: ctx.archiveId,
        version,
        seq,
        numberKey: numberKeyOf(meta.number),
        issuerKey: issuerKeyOf(meta.issuer),
      });
      insertFile(db, {
        documentId: id,
        sha256: input.sha256,
        size: input.bytes.byteLength,
        mediaType: input.extracted.mediaType,
        format: input.extracted.format,
        originalName: input.fileName,
        encoding: input.extracted.encoding ?? null,
        addedAt: now,
        claim: 'held',
        textRepair: input.extracted.textRepair ?? null,
      });
      const rowIds = insertPages(
        db,
        id,
        pages.map((page) => ({ pageNo: page.pageNo, text: page.text, textSource: page.text.length > 0 ? 'text' : 'none', needsOcr: page.needsOcr })),
      );
      // The worker analyzed the text for the detected metadata; redo it only if staff overrode
      // what the index depends on (title, number, date, language).
      const reusable = meta.title === input.prepared.title && meta.number === input.detected.number && meta.date === input.detected.date && meta.lang === input.detected.lang;
      if (reusable) writeIndex(db, seq, rowIds, input.prepared.index);
      else {
        indexDocumentPages(
          db,
          { seq, title: meta.title, number: meta.number, date: meta.date, lang: meta.lang },
          rowIds.map((pageRowId, index) => ({ pageRowId, text: pages[index]?.text ?? '' })),
        );
      }
      if (input.overrides.tags?.length) setTags(db, id, input.overrides.tags);
      // The detection and the review flag commit with the document: never a document that should
      // wait for review and does not (a crash between two transactions).
      const detection = recordDetection(db, id, input.detected, { now, settled: overriddenFields(input.overrides), review: input.review });
      logChange(db, { hlc: version, archiveId: ctx.archiveId, entity: 'document', entityId: id, op: 'insert' });
      db.prepare('DELETE FROM pending_blobs WHERE sha256 = ? AND pid = ? AND host = ?').run(input.sha256, process.pid, host);
      return { id, detection };
    }).immediate();
  } catch (error) {
    const winner = isClaimConflict(error) ? findDocumentByFileHash(db, input.sha256) : undefined;
    if (winner) outcome = { duplicateOf: winner };
    else {
      releaseBlob(ctx, input.sha256);
      if (isDiskFull(error)) throw diskFull(error);
      const mapped = asMuragatError(error);
      if (mapped instanceof MuragatError) throw mapped;
      throw error instanceof MuragatError ? error : new MuragatError('STORE_FAILED', `the document could not be saved: ${(error as Error).message}`, {}, { cause: error });
    }
  }
  if (outcome.duplicateOf) releaseBlob(ctx, input.sha256);
  return outcome;
}

/**
 * Drops this process's claim on a blob it wrote but did not commit, and removes the blob unless a
 * document refers to it or another writer (process) is about to commit it: the same bytes make the
 * same content-addressed file, so the loser of a race must not delete the winner's blob. Decided
 * and done under the write lock (the unlink is synchronous inside the transaction), so no writer
 * can register or commit in between. If even this fails (the disk is full), the pending row stays
 * and the next open of the archive cleans up once this process is gone.
 */
function releaseBlob(ctx: ArchiveContext, sha256: string): void {
  const { db, store } = ctx;
  try {
    db.transaction(() => {
      db.prepare('DELETE FROM pending_blobs WHERE sha256 = ? AND pid = ? AND host = ?').run(sha256, process.pid, hostname());
      const otherWriter = db.prepare('SELECT 1 FROM pending_blobs WHERE sha256 = ? LIMIT 1').get(sha256) !== undefined;
      if (!otherWriter && !isFileReferenced(db, sha256)) rmSync(store.pathOf(sha256), { force: true });
    }).immediate();
  } catch {
    // left to recoverPendingBlobs (see above)
  }
}
