import * as fs from 'node:fs/promises';
import { hostname } from 'node:os';
import * as path from 'node:path';
import type { DocumentFieldOverrides } from '../../../shared/domain/document';
import type { KindCode, LanguageCode } from '../../../shared/domain/kinds';
import { MuragatError, toErrorInfo, type ErrorInfo } from '../../../shared/errors';
import { uuidV7 } from '../../../shared/ids';
import type { DetectedMetadata } from '../../../shared/metadata';
import type { ArchiveContext } from '../context';
import { type DocumentRow, findDocumentByFileHash, insertDocument, insertFile, insertPages, isFileReferenced, logChange, nextDocumentSeq, setTags } from '../documents/repository';
import { indexDocumentPages, issuerKeyOf, numberKeyOf, writeIndex, type PreparedIndex } from '../search/indexer';
import { chooseTitle } from './titles';
import { sha256Hex } from '../store/file-store';
import type { ExtractedDocument } from './extract/types';
import { collectFiles } from './walk';

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
  /** What detection found in the text, before overrides and fallbacks (for review screens). */
  detected?: DetectedMetadata;
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
  elapsedMs: number;
}

export interface ImportOptions {
  overrides?: DocumentFieldOverrides;
  /** Files larger than this are refused (they would not fit a worker's memory). */
  maxFileBytes?: number;
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
 * fails leaves nothing behind, and the batch goes on.
 */
export async function importPaths(ctx: ArchiveContext, inputs: readonly string[], options: ImportOptions = {}): Promise<ImportSummary> {
  const started = Date.now();
  const maxFileBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const { files, missing } = await collectFiles(inputs);
  const summary: ImportSummary = { total: files.length + missing.length, imported: 0, duplicate: 0, skipped: 0, failed: 0, pages: 0, bytes: 0, needsOcr: 0, cancelled: false, elapsedMs: 0 };
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

  for (const item of missing) report({ path: item.path, status: 'failed', error: toErrorInfo(item.error) }, 0);
  options.onProgress?.({ ...progress });

  // Identical files within one batch: the second waits for the first and becomes its duplicate.
  const inFlight = new Map<string, Promise<string | null>>();
  // Enough files in flight to keep every extraction worker busy while the main thread commits.
  const concurrency = options.concurrency ?? 4;
  let next = 0;
  const runOne = async (): Promise<void> => {
    while (next < files.length) {
      if (options.signal?.aborted) {
        summary.cancelled = true;
        return;
      }
      const file = files[next++];
      if (!file) return;
      progress.current = file.path;
      const result = await importOneFile(ctx, file.path, options.overrides ?? {}, maxFileBytes, inFlight);
      report(result, file.size);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, runOne));
  if (options.signal?.aborted && next < files.length) summary.cancelled = true;
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

async function readWholeFile(filePath: string, maxFileBytes: number): Promise<Buffer> {
  let stat;
  try {
    stat = await fs.stat(filePath);
  } catch (error) {
    throw fileGone(error);
  }
  if (stat.size > maxFileBytes) {
    throw new MuragatError('FILE_TOO_LARGE', `the file is ${formatMb(stat.size)}; the limit is ${formatMb(maxFileBytes)}`, { size: stat.size, limit: maxFileBytes });
  }
  try {
    return await fs.readFile(filePath);
  } catch (error) {
    throw fileGone(error);
  }
}

function fileGone(error: unknown): MuragatError {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return new MuragatError('FILE_VANISHED', 'the file disappeared before it could be read (moved, deleted or the drive was removed)');
  if (code === 'EACCES' || code === 'EPERM') return new MuragatError('FILE_UNREADABLE', 'no permission to read the file');
  if (code === 'EISDIR') return new MuragatError('FILE_UNREADABLE', 'this is a folder, not a file');
  return new MuragatError('FILE_UNREADABLE', `the file could not be read (${code ?? (error as Error).message})`);
}

function formatMb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

async function importOneFile(
  ctx: ArchiveContext,
  filePath: string,
  overrides: DocumentFieldOverrides,
  maxFileBytes: number,
  inFlight: Map<string, Promise<string | null>>,
): Promise<ImportFileResult> {
  const fileName = path.basename(filePath);
  let sha256: string | null = null;
  let claimed: Deferred<string | null> | null = null;
  try {
    const bytes = await readWholeFile(filePath, maxFileBytes);
    if (bytes.byteLength === 0) throw new MuragatError('FILE_EMPTY', 'the file is empty (0 bytes)');
    sha256 = sha256Hex(bytes);

    const earlier = inFlight.get(sha256);
    if (earlier) await earlier;
    const existing = findDocumentByFileHash(ctx.db, sha256);
    if (existing) return { path: filePath, status: 'duplicate', id: existing.id, title: existing.title, duplicateOf: existing.id };
    claimed = deferred<string | null>();
    inFlight.set(sha256, claimed.promise);

    const payload = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength).slice();
    const outcome = await ctx.extractPool().run({ bytes: payload, fileName }, [payload.buffer], payload.byteLength);
    if (outcome.kind === 'unsupported') {
      return { path: filePath, status: 'skipped', reason: outcome.reason };
    }
    const doc = outcome.document;
    const meta = applyOverrides(outcome.detected, overrides, doc, fileName);
    const id = await commitDocument(ctx, { filePath, fileName, bytes, sha256, extracted: doc, detected: outcome.detected, meta, overrides, prepared: { index: outcome.index, title: outcome.indexedTitle } });
    claimed.resolve(id);
    return {
      path: filePath,
      status: 'imported',
      id,
      kind: meta.kind,
      number: meta.number,
      date: meta.date,
      lang: meta.lang,
      title: meta.title,
      pages: doc.pages.length,
      needsOcr: doc.pages.some((page) => page.needsOcr),
      detected: outcome.detected,
    };
  } catch (error) {
    return { path: filePath, status: 'failed', error: toErrorInfo(error) };
  } finally {
    if (sha256 && claimed) {
      claimed.resolve(null);
      inFlight.delete(sha256);
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
  fileName: string;
  bytes: Buffer;
  sha256: string;
  extracted: ExtractedDocument;
  detected: DetectedMetadata;
  /** Detected metadata with the caller's overrides applied. */
  meta: FinalMetadata;
  overrides: DocumentFieldOverrides;
  /** Index rows the worker prepared for the detected metadata. */
  prepared: { index: PreparedIndex; title: string };
}

/**
 * Stores the blob, then commits everything about the document in one transaction. The blob is
 * registered in `pending_blobs` before it is written: if this process dies between the write
 * and the commit, the next open removes it (see `recoverPendingBlobs`).
 */
async function commitDocument(ctx: ArchiveContext, input: CommitInput): Promise<string> {
  const { db, store } = ctx;
  const { meta } = input;
  const blobExisted = await store.has(input.sha256);
  db.prepare('INSERT OR REPLACE INTO pending_blobs (sha256, pid, host, started_at) VALUES (?, ?, ?, ?)').run(input.sha256, process.pid, hostname(), ctx.now().toISOString());
  try {
    await store.put(input.sha256, input.bytes);
    const id = uuidV7(ctx.now().getTime());
    const now = ctx.now().toISOString();
    const pages = input.extracted.pages;
    db.transaction(() => {
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
        source: input.filePath,
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
      });
      const rowIds = insertPages(
        db,
        id,
        pages.map((page) => ({ pageNo: page.pageNo, text: page.text, textSource: page.text.length > 0 ? 'text' : 'none', needsOcr: page.needsOcr })),
      );
      // The worker analyzed the text for the detected metadata; redo it only if staff overrode
      // what the index depends on (title, number, language).
      const reusable = meta.title === input.prepared.title && meta.number === input.detected.number && meta.lang === input.detected.lang;
      if (reusable) writeIndex(db, seq, rowIds, input.prepared.index);
      else {
        indexDocumentPages(
          db,
          { seq, title: meta.title, number: meta.number, lang: meta.lang },
          rowIds.map((pageRowId, index) => ({ pageRowId, text: pages[index]?.text ?? '' })),
        );
      }
      if (input.overrides.tags?.length) setTags(db, id, input.overrides.tags);
      logChange(db, { hlc: version, archiveId: ctx.archiveId, entity: 'document', entityId: id, op: 'insert' });
      db.prepare('DELETE FROM pending_blobs WHERE sha256 = ?').run(input.sha256);
    }).immediate();
    return id;
  } catch (error) {
    // Nothing of this file may remain: remove the blob unless something else refers to it.
    if (!blobExisted && !isFileReferenced(db, input.sha256)) await store.remove(input.sha256).catch(() => undefined);
    db.prepare('DELETE FROM pending_blobs WHERE sha256 = ?').run(input.sha256);
    throw error instanceof MuragatError ? error : new MuragatError('STORE_FAILED', `the document could not be saved: ${(error as Error).message}`, {}, { cause: error });
  }
}
