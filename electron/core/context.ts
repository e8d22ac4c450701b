import type { HybridClock } from '../../shared/hlc';
import type { SqliteDatabase } from './db/sqlite';
import type { ExtractPool } from './ingest/extract-pool';
import type { FileStore } from './store/file-store';
import type { Logger } from './log/logger';

/** What the core's capabilities need from an open archive. Built once, by `openArchive`. */
export interface ArchiveContext {
  dataDir: string;
  db: SqliteDatabase;
  store: FileStore;
  clock: HybridClock;
  archiveId: string;
  /** Lazily started: listing and searching never spawn workers. */
  extractPool: () => ExtractPool;
  now: () => Date;
  /**
   * Imports in progress in this process, by SHA-256 of the bytes: a second import of the same
   * bytes (another batch, another drop in the window) waits for the first and becomes its
   * duplicate. Across processes the database's claim index does the same (migration 80).
   */
  importsInFlight: Map<string, Promise<void>>;
  /** The archive's log (`<data>/logs/`): counts, codes and timings, never document text. */
  log: Logger;
  /** better-sqlite3 binary for the running runtime, when not the default (Electron). */
  nativeBinding?: string;
}
