/**
 * The contract between the UI and the archive core: one typed map from method name to input and
 * output, plus the push events. Every transport (Electron IPC through the preload, HTTP in
 * browser mode) and every host (the Electron utility process, the loopback server) speaks it.
 *
 * To add a method: add an entry to `Contract` and its name to `METHOD_FLAGS` (TypeScript refuses
 * the build until both agree), then serve it in the host.
 *
 * Pure TypeScript: no Node, DOM or Electron imports (this file is bundled into the sandboxed
 * preload too).
 */
import type { DocumentDetection } from './domain/detection';
import type { ArchiveStats, DocumentDetails, PageText } from './domain/document';
import type { TextRepair } from './text/legacy-kazakh-font';
import type {
  BundleExportOutcome,
  BundleHistoryEntry,
  BundleImportOutcome,
  BundleInspection,
  BundleSelection,
  ConflictInfo,
  ExchangeIdentity,
  SyncFolderBundle,
  TrustedOfficeInfo,
} from './domain/exchange';
import type { ImportFileOutcome, ImportJob, ImportJobProgress, ImportSource } from './domain/import';
import type { JobInfo } from './domain/jobs';
import type { DocumentPatch, LibraryRequest, LibraryResponse, RelationInput } from './domain/library';
import type { OcrLanguage, OcrStatus, PageOcr } from './domain/ocr';
import type { FacetCount, QuickFindHit, SearchRequest, SearchResponse } from './domain/search';
import type { ErrorInfo } from './errors';
import type { Locale } from './i18n';

// ---------------------------------------------------------------------------------------------
// Methods
// ---------------------------------------------------------------------------------------------

/** Which program serves the UI: the desktop app or the loopback server of browser mode. */
export type HostKind = 'desktop' | 'browser';

export interface AppInfo {
  /** Application version (package.json). */
  version: string;
  /** Absolute path of the archive data folder in use; empty in browser mode (no server paths in a page). */
  dataDir: string;
  archiveId: string;
  archiveName: string;
  host: HostKind;
  /** True when browser mode opened the embedded sample archive (no `--data` given). */
  sample: boolean;
}

export interface Contract {
  /** Version of the application and the archive folder it uses. */
  'app.info': { input: void; output: AppInfo };
  /**
   * The UI language changed. The desktop shell relabels its native menu and remembers the choice;
   * hosts without a native menu (browser mode) accept it and do nothing.
   */
  'app.setLocale': { input: { locale: Locale }; output: void };
  /** Desktop only: native open dialog for files (or folders) to import; [] when cancelled. */
  'app.pickImportPaths': { input: { folders: boolean }; output: string[] };
  /** Desktop only: choose another data folder; the app restarts on it. False when cancelled. */
  'app.chooseDataFolder': { input: void; output: boolean };
  /** Desktop only: opens the document's original file in the program the system associates. */
  'files.openOriginal': { input: { documentId: string }; output: void };
  /**
   * Shell only (never the renderer, never over HTTP): where the original file of a document is
   * stored, for the desktop's file protocol and "open original".
   */
  'files.locate': { input: { documentId: string }; output: StoredFileLocation };

  'archive.stats': { input: void; output: ArchiveStats };
  /** Renames the archive (the name other offices see). */
  'archive.rename': { input: { name: string }; output: AppInfo };

  'search.query': { input: SearchRequest; output: SearchResponse };
  /** Instant title and number finder (quick-open): prefix and typo-tolerant. */
  'search.quickFind': { input: { text: string; limit?: number }; output: QuickFindHit[] };

  'library.browse': { input: LibraryRequest; output: LibraryResponse };

  'documents.get': { input: { id: string }; output: DocumentView };
  'documents.pages': { input: { id: string }; output: PageText[] };
  /** The words OCR recognised on a page, with their boxes (null when the page was not recognised). */
  'documents.pageOcr': { input: { id: string; pageNo: number }; output: PageOcr | null };
  /**
   * Changes metadata. With `expectedVersion`, refused with CONFLICT when someone else changed the
   * document since it was read (a bundle import, another window).
   */
  'documents.update': { input: { id: string; patch: DocumentPatch; expectedVersion?: string }; output: DocumentView };
  /** Moves documents to the bin (tombstones); `documents.restore` undoes it. */
  'documents.delete': { input: { ids: string[] }; output: { deleted: string[] } };
  'documents.restore': { input: { ids: string[] }; output: { restored: string[] } };
  'documents.tag': { input: { ids: string[]; add?: string[]; remove?: string[] }; output: { changed: number } };
  /** Confirms the metadata of imported documents (they leave the review list). */
  'documents.confirmReview': { input: { ids: string[] }; output: { confirmed: number } };
  'documents.tags': { input: void; output: FacetCount[] };

  'relations.add': { input: RelationInput; output: DocumentView };
  'relations.remove': { input: RelationInput; output: DocumentView };

  /** Starts importing in the background; progress comes as `import.progress` / `import.file` events. */
  'import.start': { input: { sources: ImportSource[] }; output: { jobId: string } };
  'import.cancel': { input: { jobId: string }; output: void };
  /** A job's state and every file's outcome so far (after a reload, or when events were missed). */
  'import.get': { input: { jobId: string }; output: ImportJob };
  /** Jobs of this session, newest first. */
  'import.list': { input: void; output: ImportJobProgress[] };

  /** The background recogniser of scanned pages; progress comes as `ocr.progress` events. */
  'ocr.status': { input: void; output: OcrStatus };
  /**
   * Recognises pages in the background: the given documents (all their pages with `force`, else
   * only their scans), or every page waiting for OCR when no ids are given.
   */
  'ocr.start': { input: { ids?: string[]; force?: boolean }; output: OcrStatus };
  /** Stops the run after the page being read; waiting pages stay waiting. */
  'ocr.cancel': { input: void; output: OcrStatus };
  /** The languages OCR reads (the archive's setting). */
  'ocr.setLanguages': { input: { languages: OcrLanguage[] }; output: OcrStatus };

  /** Long work of this session (imports, OCR runs, reindexing, bundles): running first, then finished, newest first. */
  'jobs.list': { input: void; output: JobInfo[] };
  /** Stops a job between its items (files, pages, index batches, bundle entries); what it made so far is kept or cleaned up, never left half done. */
  'jobs.cancel': { input: { jobId: string }; output: JobInfo };

  /** This archive's identity for other offices (name, key fingerprint). */
  'exchange.identity': { input: void; output: ExchangeIdentity };
  'exchange.offices': { input: void; output: TrustedOfficeInfo[] };
  /** Trusts an office's key (after its fingerprint was checked with them). */
  'exchange.trust': { input: { archiveId: string; name: string; publicKey: string }; output: TrustedOfficeInfo };
  'exchange.untrust': { input: { archiveId: string }; output: void };
  /**
   * Writes a signed bundle into `folder` (default: the archive's outbox; in browser mode it is
   * then downloaded from `/outbox/<fileName>`).
   */
  'exchange.export': { input: { selection: BundleSelection; folder?: string }; output: BundleExportOutcome };
  /** Checks a bundle completely and previews what importing it would do; changes nothing. */
  'exchange.inspect': { input: { source: ImportSource }; output: BundleInspection };
  /** Imports a bundle; `trustSigner` after the user checked an unknown signer's fingerprint. */
  'exchange.import': { input: { source: ImportSource; trustSigner?: boolean }; output: BundleImportOutcome };
  'exchange.conflicts': { input: void; output: ConflictInfo[] };
  'exchange.resolve': { input: { id: number; keep: 'mine' | 'theirs' }; output: void };
  'exchange.history': { input: void; output: BundleHistoryEntry[] };
  /** The sync folder (a network share or USB stick), or null. */
  'exchange.syncFolder': { input: void; output: { folder: string | null } };
  'exchange.setSyncFolder': { input: { folder: string | null }; output: { folder: string | null } };
  /** Bundles in the sync folder for this archive not yet imported. */
  'exchange.syncList': { input: void; output: SyncFolderBundle[] };
  /** Writes an incremental bundle for each chosen office (default: all trusted) into the sync folder. */
  'exchange.syncSend': { input: { offices?: string[] }; output: BundleExportOutcome[] };

  /**
   * Packs a zip for support (the log, versions, the `check` report, counts, settings; no document
   * text, no keys) into the archive's outbox; browser mode downloads it from `/outbox/<fileName>`.
   */
  'diagnostics.create': { input: void; output: DiagnosticsOutcome };
}

export interface DiagnosticsOutcome {
  /** `muragat-diagnostics-<time>.zip`, in the archive's outbox. */
  fileName: string;
  /** Where it is on this computer (the desktop app shows it); null in browser mode. */
  path: string | null;
  bytes: number;
}

export interface StoredFileLocation {
  path: string;
  originalName: string;
  mediaType: string;
  size: number;
}

/** A document as the document screen shows it. */
export interface DocumentView extends DocumentDetails {
  reviewPending: boolean;
  /** Per-field confidence and candidates of this computer's import; null when it has none (bundles). */
  detection: DocumentDetection | null;
  /** Set when the text was typed in a legacy Kazakh font and converted at import (the file is unchanged). */
  textRepair: TextRepair | null;
}

export type ContractMethod = keyof Contract;
export type ContractInput<M extends ContractMethod> = Contract[M]['input'];
export type ContractOutput<M extends ContractMethod> = Contract[M]['output'];

/**
 * Parameters of `invoke` for a method: none when the input is `void`, otherwise exactly one.
 */
export type InvokeArgs<M extends ContractMethod> = [ContractInput<M>] extends [void]
  ? [params?: undefined]
  : [params: ContractInput<M>];

/** Every method name, once. A `Record` so that a missing or an extra name is a type error. */
const METHOD_FLAGS: Readonly<Record<ContractMethod, true>> = {
  'app.info': true,
  'app.setLocale': true,
  'app.pickImportPaths': true,
  'app.chooseDataFolder': true,
  'files.openOriginal': true,
  'files.locate': true,
  'archive.stats': true,
  'archive.rename': true,
  'search.query': true,
  'search.quickFind': true,
  'library.browse': true,
  'documents.get': true,
  'documents.pages': true,
  'documents.pageOcr': true,
  'documents.update': true,
  'documents.delete': true,
  'documents.restore': true,
  'documents.tag': true,
  'documents.confirmReview': true,
  'documents.tags': true,
  'relations.add': true,
  'relations.remove': true,
  'import.start': true,
  'import.cancel': true,
  'import.get': true,
  'import.list': true,
  'ocr.status': true,
  'ocr.start': true,
  'ocr.cancel': true,
  'ocr.setLanguages': true,
  'jobs.list': true,
  'jobs.cancel': true,
  'exchange.identity': true,
  'exchange.offices': true,
  'exchange.trust': true,
  'exchange.untrust': true,
  'exchange.export': true,
  'exchange.inspect': true,
  'exchange.import': true,
  'exchange.conflicts': true,
  'exchange.resolve': true,
  'exchange.history': true,
  'exchange.syncFolder': true,
  'exchange.setSyncFolder': true,
  'exchange.syncList': true,
  'exchange.syncSend': true,
  'diagnostics.create': true,
};

/** Methods the desktop shell answers itself (native dialogs, the OS); other hosts refuse them. */
export const DESKTOP_ONLY_METHODS: readonly ContractMethod[] = ['app.pickImportPaths', 'app.chooseDataFolder', 'files.openOriginal'];

/** Methods only the desktop shell may call on the core: the preload and the HTTP server refuse them. */
export const SHELL_INTERNAL_METHODS: readonly ContractMethod[] = ['files.locate'];


/** The allow-list of method names (the preload and the hosts refuse anything else). */
export const CONTRACT_METHODS: readonly ContractMethod[] = Object.freeze(Object.keys(METHOD_FLAGS) as ContractMethod[]);

/** What the renderer may call (the preload's allow-list). */
export const RENDERER_METHODS: readonly ContractMethod[] = Object.freeze(CONTRACT_METHODS.filter((method) => !SHELL_INTERNAL_METHODS.includes(method)));

export function isContractMethod(value: unknown): value is ContractMethod {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(METHOD_FLAGS, value);
}

// ---------------------------------------------------------------------------------------------
// Results
// ---------------------------------------------------------------------------------------------

/** What crosses a process boundary: a value or a serialisable error, never a thrown exception. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorInfo };
export type ContractResult<M extends ContractMethod> = Result<ContractOutput<M>>;

// ---------------------------------------------------------------------------------------------
// Push events (host or shell → UI)
// ---------------------------------------------------------------------------------------------

/** Commands the native menu sends to the UI. */
export type AppCommand = 'focusSearch' | 'showImport' | 'showSettings' | 'showLibrary' | 'showSync';

export interface ContractEvents {
  /**
   * Files or folders to import, from the native menu's dialogs, a file association (a `.pdf` or a
   * `.muragat` bundle opened with the app) or a second launch with paths on its command line.
   */
  'app.openFiles': { paths: string[] };
  /** A native menu item that the UI carries out. */
  'app.command': { command: AppCommand };
  /** An import job moved on (at most a few times a second). */
  'import.progress': ImportJobProgress;
  /** One file of an import job is done. */
  'import.file': { jobId: string; file: ImportFileOutcome };
  /** The background recogniser moved on (at most a few times a second), started or stopped. */
  'ocr.progress': OcrStatus;
  /** Any job moved on (at most five times a second per job) or changed state; the last event of a job has its final state. */
  'job.progress': JobInfo;
  /** Documents were added, changed or deleted: lists and results on screen may be stale. */
  'archive.changed': { reason: 'import' | 'edit' | 'delete' | 'restore' | 'rename' | 'bundle' | 'ocr' };
}

export type ContractEventName = keyof ContractEvents;
export type ContractEvent = {
  [E in ContractEventName]: { name: E; payload: ContractEvents[E] };
}[ContractEventName];

// ---------------------------------------------------------------------------------------------
// Electron IPC (renderer ↔ preload ↔ main)
// ---------------------------------------------------------------------------------------------

/** The only channel the renderer may invoke: `{ method, params }` → `Result`. */
export const IPC_INVOKE_CHANNEL = 'muragat:invoke';
/** The only channel main pushes events on: payload is a `ContractEvent`. */
export const IPC_EVENT_CHANNEL = 'muragat:event';

export interface InvokeRequest {
  method: ContractMethod;
  params?: unknown;
}

/** What the preload exposes as `window.muragat`. */
export interface MuragatBridge {
  invoke<M extends ContractMethod>(method: M, ...args: InvokeArgs<M>): Promise<ContractResult<M>>;
  /** Subscribes to push events; returns the function that unsubscribes. */
  onEvent(listener: (event: ContractEvent) => void): () => void;
  /** The path on disk of a file dropped on or picked in the page ('' when it has none). */
  pathForFile(file: File): string;
}

/** The custom protocol of the desktop app that serves stored files by document id. */
export const FILE_PROTOCOL = 'muragat-file';

// ---------------------------------------------------------------------------------------------
// Core host wire protocol (main ↔ the utility process running the core)
// ---------------------------------------------------------------------------------------------

/** main → host */
export type HostInbound =
  | { type: 'request'; id: number; method: string; params: unknown }
  /** Close the archive and exit. */
  | { type: 'shutdown' };

/** host → main */
export type HostOutbound =
  /** The host opened the archive and accepts requests. */
  | { type: 'ready' }
  | ({ type: 'reply'; id: number } & Result<unknown>)
  | { type: 'event'; event: ContractEvent };
