import type { HybridClock } from '../../shared/hlc';
import type { SqliteDatabase } from './db/sqlite';
import type { ExtractPool } from './ingest/extract-pool';
import type { FileStore } from './store/file-store';

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
  /** better-sqlite3 binary for the running runtime, when not the default (Electron). */
  nativeBinding?: string;
}
