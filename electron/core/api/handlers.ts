/**
 * The core's side of the UI contract: one handler per method, served alike by the desktop core
 * host (IPC) and the browser-mode HTTP server. Handlers receive params already checked by
 * `parseContractInput` (see `serveMethod`) and throw `MuragatError`s with codes; the hosts turn
 * them into `Result` envelopes. Methods that need the desktop shell (native dialogs, opening a
 * file with another program) are answered by main, and here with NOT_SUPPORTED.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  DESKTOP_ONLY_METHODS,
  isContractMethod,
  type AppInfo,
  type ContractEvent,
  type ContractInput,
  type ContractMethod,
  type ContractOutput,
  type DocumentView,
  type HostKind,
} from '../../../shared/contract';
import { parseContractInput } from '../../../shared/contract-schemas';
import { MuragatError } from '../../../shared/errors';
import type { Archive } from '../archive';
import { readMeta, writeMeta } from '../db/meta';
import { asMuragatError } from '../db/sqlite';
import { addRelation, confirmReview, deleteDocuments, isReviewPending, removeRelation, restoreDocuments, tagDocuments, updateDocument } from '../documents/edit';
import { getDetection } from '../documents/detection';
import { allTags, browseLibrary } from '../documents/library';
import { getPageOcr } from '../ocr/ocr-service';
import { diagnosticsFileName, writeDiagnostics } from '../log/diagnostics';
import { logFailures } from '../log/failures';
import { OUTBOX_DIR } from '../layout';
import { refusePathSources } from './browser-paths';
import { createExchangeHandlers } from './exchange-handlers';
import { ImportJobs } from './import-jobs';
import type { UploadStore } from './uploads';

type Handler<M extends ContractMethod> = (params: ContractInput<M>) => ContractOutput<M> | Promise<ContractOutput<M>>;
export type ContractHandlers = { [M in ContractMethod]: Handler<M> };

export interface CoreServiceOptions {
  host: HostKind;
  version: string;
  /** Browser mode on the embedded sample archive. */
  sample?: boolean;
  emit: (event: ContractEvent) => void;
  /** Where browser uploads wait for import; null on hosts that import paths only. */
  uploads: UploadStore | null;
  /** Start reading pages left waiting for OCR at once (default true). */
  resumeOcr?: boolean;
}

export interface CoreService {
  handlers: ContractHandlers;
  /** Cancels running imports and waits for them. */
  close(): Promise<void>;
  jobs: ImportJobs;
}

export function createCoreService(archive: Archive, options: CoreServiceOptions): CoreService {
  const { db } = archive.context;
  // Scans found by an import (or arriving in a bundle) are read in the background right after.
  const readNewScans = (): void => {
    // In the background: one worker, within the budget of heavy work (the user may widen it).
    if (archive.ocr.status().pendingPages > 0) archive.ocr.start({ background: true });
  };
  const emit = (event: ContractEvent): void => {
    options.emit(event);
    if (event.name === 'archive.changed' && (event.payload.reason === 'import' || event.payload.reason === 'bundle')) readNewScans();
  };
  const jobs = new ImportJobs(archive, emit, options.uploads);
  const changed = (reason: 'edit' | 'delete' | 'restore' | 'rename'): void => options.emit({ name: 'archive.changed', payload: { reason } });
  const stopListening = archive.ocr.listen({
    status: (status) => options.emit({ name: 'ocr.progress', payload: status }),
    documentsChanged: () => options.emit({ name: 'archive.changed', payload: { reason: 'ocr' } }),
  });
  // Every job (import, OCR, reindex, bundles) as one event the UI can show.
  const stopJobEvents = archive.jobs.listen((job) => options.emit({ name: 'job.progress', payload: job }));
  // OCR that was interrupted (the app was closed mid-way) resumes where it stopped.
  if (options.resumeOcr !== false) setTimeout(readNewScans, 0).unref();

  const info = (): AppInfo => ({
    version: options.version,
    // A page never learns paths of the serving computer (`muragat serve` prints the folder).
    dataDir: options.host === 'browser' ? '' : archive.dataDir,
    archiveId: archive.archiveId,
    archiveName: readMeta(db, 'name') ?? '',
    host: options.host,
    sample: options.sample ?? false,
  });
  const view = (id: string): DocumentView => ({ ...archive.get(id), reviewPending: isReviewPending(db, id), detection: getDetection(db, id), textRepair: archive.textRepair(id) });
  const notHere = (method: ContractMethod) => (): never => {
    throw new MuragatError('NOT_SUPPORTED', `${method} is only available in the desktop app`, { method });
  };

  // Every error a handler throws is logged (INTERNAL with its stack) before the host answers.
  const handlers: ContractHandlers = logFailures(archive.context.log, options.host, {
    'app.info': info,
    // The desktop shell relabels its menu itself; nothing for the core to do.
    'app.setLocale': () => undefined,
    'app.pickImportPaths': notHere('app.pickImportPaths'),
    'app.chooseDataFolder': notHere('app.chooseDataFolder'),
    'files.openOriginal': notHere('files.openOriginal'),
    'files.locate': ({ documentId }) => {
      const file = archive.get(documentId).files[0];
      if (!file) throw new MuragatError('NOT_FOUND', `document ${documentId} has no stored file`, { id: documentId });
      return { path: archive.context.store.pathOf(file.sha256), originalName: file.originalName, mediaType: file.mediaType, size: file.size };
    },

    'archive.stats': () => archive.stats(),
    'archive.rename': ({ name }) => {
      writeMeta(db, 'name', name.trim());
      changed('rename');
      return info();
    },

    'search.query': (request) => archive.search(request),
    'search.quickFind': ({ text, limit }) => archive.quickFind(text, limit),
    'library.browse': (request) => browseLibrary(db, request),

    'documents.get': ({ id }) => view(id),
    'documents.pages': ({ id }) => {
      archive.get(id);
      return archive.pages(id);
    },
    'documents.pageOcr': ({ id, pageNo }) => {
      archive.get(id);
      return getPageOcr(archive.context, id, pageNo);
    },
    'documents.update': ({ id, patch, expectedVersion }) => {
      if (updateDocument(archive.context, id, patch, expectedVersion)) changed('edit');
      return view(id);
    },
    'documents.delete': ({ ids }) => {
      const deleted = deleteDocuments(archive.context, ids);
      if (deleted.length) changed('delete');
      return { deleted };
    },
    'documents.restore': ({ ids }) => {
      const restored = restoreDocuments(archive.context, ids);
      if (restored.length) changed('restore');
      return { restored };
    },
    'documents.tag': ({ ids, add, remove }) => {
      const count = tagDocuments(archive.context, ids, add ?? [], remove ?? []);
      if (count) changed('edit');
      return { changed: count };
    },
    'documents.confirmReview': ({ ids }) => {
      const confirmed = confirmReview(archive.context, ids);
      if (confirmed) changed('edit');
      return { confirmed };
    },
    'documents.tags': () => allTags(db),

    'relations.add': (relation) => {
      addRelation(archive.context, relation);
      changed('edit');
      return view(relation.fromId);
    },
    'relations.remove': (relation) => {
      removeRelation(archive.context, relation);
      changed('edit');
      return view(relation.fromId);
    },

    'import.start': async ({ sources }) => {
      if (options.host === 'browser') refusePathSources(sources);
      return { jobId: await jobs.start(sources) };
    },
    'import.cancel': ({ jobId }) => jobs.cancel(jobId),
    'import.get': ({ jobId }) => jobs.get(jobId),
    'import.list': () => jobs.list(),

    'ocr.status': () => archive.ocr.status(),
    'ocr.start': ({ ids, force }) => archive.ocr.start({ ...(ids ? { ids } : {}), ...(force ? { force } : {}) }),
    'ocr.cancel': () => archive.ocr.cancel(),
    'ocr.setLanguages': ({ languages }) => archive.ocr.setLanguages(languages),
    'jobs.list': () => archive.jobs.list(),
    'jobs.cancel': ({ jobId }) => archive.jobs.cancel(jobId),

    ...createExchangeHandlers(archive, options.uploads, emit, options.host === 'browser'),

    'diagnostics.create': async () => {
      // Into the outbox, like a bundle: browser mode downloads it from /outbox/<fileName>.
      const folder = path.join(archive.dataDir, OUTBOX_DIR);
      await fs.promises.mkdir(folder, { recursive: true }).catch((error: unknown) => {
        throw new MuragatError('ARCHIVE_READ_ONLY', `cannot create the outbox folder: ${(error as NodeJS.ErrnoException).code ?? 'error'}`);
      });
      const fileName = diagnosticsFileName(archive.context.now());
      const written = await writeDiagnostics(archive, path.join(folder, fileName), { appVersion: options.version });
      return { fileName, path: options.host === 'desktop' ? written.path : null, bytes: written.bytes };
    },
  } satisfies ContractHandlers);

  return {
    handlers,
    jobs,
    close: async () => {
      stopListening();
      stopJobEvents();
      archive.ocr.cancel();
      await jobs.close();
    },
  };
}

/**
 * Validates and runs one call. Unknown methods and bad params become INVALID_INPUT; the
 * handler's own errors pass through with their codes.
 */
export async function serveMethod(handlers: Partial<ContractHandlers>, method: string, params: unknown): Promise<unknown> {
  if (!isContractMethod(method)) throw new MuragatError('INVALID_INPUT', `Unknown method: ${method}`, { field: 'method' });
  const input = parseContractInput(method, params);
  const handler = handlers[method] as ((input: unknown) => unknown) | undefined;
  if (!handler) throw new MuragatError('NOT_SUPPORTED', `Method not served here: ${method}`, { method });
  try {
    return await handler(input);
  } catch (error) {
    // A busy, full or read-only database is the user's situation, not a bug: give it its code
    // here, once for the desktop host and browser mode alike, instead of INTERNAL.
    throw asMuragatError(error);
  }
}

export function isDesktopOnly(method: ContractMethod): boolean {
  return DESKTOP_ONLY_METHODS.includes(method);
}
