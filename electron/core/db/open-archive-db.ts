import * as fs from 'node:fs';
import * as path from 'node:path';
import { MuragatError } from '../../../shared/errors';
import { ARCHIVE_DB_FILE, FILES_DIR, TMP_DIR } from '../layout';
import { isIndexCurrent } from '../search/indexer';
import { readMeta } from './meta';
import { LATEST_SCHEMA_VERSION, migrate, schemaVersion } from './migrations';
import { asMuragatError, DEFAULT_BUSY_TIMEOUT_MS, openSqlite, type SqliteDatabase } from './sqlite';

/**
 * How a process opens the archive's database.
 *
 * - `write`: the folders are made, the schema is migrated; a folder or file that cannot be
 *   written (read-only media, a read-only share) is refused with ARCHIVE_READ_ONLY up front,
 *   rather than failing at the first write with a misleading "locked".
 * - `read`: for commands that only read. The database is opened read-only: no migration, no
 *   folder made, no identity written, nothing that takes the write lock, so it works on a CD and
 *   while another process holds the write lock. When the archive needs a write before it can be
 *   read (it does not exist yet, its schema is older, its search index was built by another
 *   analyzer version) and the folder is writable, it is opened for writing instead, once, as
 *   before. On read-only media an older schema is refused with ARCHIVE_READ_ONLY (this version
 *   cannot read it without upgrading it); a stale index is opened anyway: everything but search
 *   works, and search says why it cannot run (see `staleIndex`).
 */
export type ArchiveAccess = 'read' | 'write';

export interface OpenDatabaseOptions {
  access: ArchiveAccess;
  nativeBinding?: string;
  busyTimeoutMs?: number;
  /** Brings the schema up to date on a writable open (default `migrate`; the archive logs each step). */
  migrate?: (db: SqliteDatabase) => void;
}

export interface OpenedDatabase {
  db: SqliteDatabase;
  readOnly: boolean;
  /** Opened read-only with a search index this version cannot use (built by another analyzer). */
  staleIndex: boolean;
}

/** True when this process may create and change files in the folder (false on read-only mounts). */
export function canWrite(target: string): boolean {
  try {
    fs.accessSync(target, fs.constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

function readOnlyError(dataDir: string): MuragatError {
  return new MuragatError('ARCHIVE_READ_ONLY', `the archive folder ${dataDir} is read-only (read-only media or folder): this command would change it`);
}

function mapOpenError(error: unknown, what: string): never {
  const mapped = asMuragatError(error);
  if (mapped instanceof MuragatError) throw mapped;
  const message = (error as Error).message;
  if (/not a database|malformed/i.test(message)) throw new MuragatError('ARCHIVE_CORRUPT', `the archive database is damaged: ${message}`);
  throw new MuragatError('ARCHIVE_LOCKED', `${what}: ${message}`);
}

function openForWriting(dataDir: string, options: OpenDatabaseOptions): OpenedDatabase {
  const dbFile = path.join(dataDir, ARCHIVE_DB_FILE);
  if ((fs.existsSync(dataDir) && !canWrite(dataDir)) || (fs.existsSync(dbFile) && !canWrite(dbFile))) throw readOnlyError(dataDir);
  try {
    fs.mkdirSync(path.join(dataDir, FILES_DIR), { recursive: true });
    fs.mkdirSync(path.join(dataDir, TMP_DIR), { recursive: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EROFS' || code === 'EACCES' || code === 'EPERM') throw readOnlyError(dataDir);
    const mapped = asMuragatError(error);
    if (mapped instanceof MuragatError) throw mapped;
    throw new MuragatError('FILE_UNREADABLE', `cannot create the archive folder ${dataDir}: ${(error as Error).message}`);
  }
  const busyTimeoutMs = options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS;
  const deadline = Date.now() + busyTimeoutMs;
  for (let attempt = 1; ; attempt++) {
    try {
      return { db: openAndMigrate(dbFile, options), readOnly: false, staleIndex: false };
    } catch (error) {
      // SQLite waits for a lock through its busy handler, except on a few paths where waiting
      // could deadlock or where the handler is not consulted (switching a brand-new file to WAL
      // while another process does the same, WAL recovery). Two processes opening a new archive
      // at once can meet there; the whole open is safe to repeat, so it is, until the timeout.
      if (!(error instanceof MuragatError && error.code === 'DATABASE_BUSY') || Date.now() >= deadline) throw error;
      sleepSync(Math.min(25 * attempt, 250));
    }
  }
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function openAndMigrate(dbFile: string, options: OpenDatabaseOptions): SqliteDatabase {
  let db: SqliteDatabase;
  try {
    db = openSqlite(dbFile, { ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}), ...(options.busyTimeoutMs !== undefined ? { busyTimeoutMs: options.busyTimeoutMs } : {}) });
  } catch (error) {
    mapOpenError(error, 'cannot open the archive database');
  }
  try {
    (options.migrate ?? migrate)(db);
  } catch (error) {
    db.close();
    const mapped = asMuragatError(error);
    if (mapped instanceof MuragatError) throw mapped;
    throw new MuragatError('ARCHIVE_CORRUPT', `cannot prepare the archive database: ${(error as Error).message}`);
  }
  return db;
}

function openForReading(dataDir: string, options: OpenDatabaseOptions): OpenedDatabase {
  const dbFile = path.join(dataDir, ARCHIVE_DB_FILE);
  const writable = (): boolean => canWrite(dataDir) && canWrite(dbFile);
  if (!fs.existsSync(dbFile)) {
    if (!fs.existsSync(dataDir) || canWrite(dataDir)) return openForWriting(dataDir, options);
    throw new MuragatError('NOT_FOUND', `no archive in ${dataDir}`);
  }
  let db: SqliteDatabase;
  try {
    db = openSqlite(dbFile, { readonly: true, ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}), ...(options.busyTimeoutMs !== undefined ? { busyTimeoutMs: options.busyTimeoutMs } : {}) });
  } catch (error) {
    mapOpenError(error, 'cannot open the archive database');
  }
  let needsUpgrade: boolean;
  let staleIndex: boolean;
  try {
    const version = schemaVersion(db);
    // A newer schema is refused by `migrate` with its own message, written or not.
    if (version > LATEST_SCHEMA_VERSION) migrate(db);
    needsUpgrade = version < LATEST_SCHEMA_VERSION || !readMeta(db, 'archive_id');
    staleIndex = !needsUpgrade && !isIndexCurrent(db);
  } catch (error) {
    db.close();
    if (error instanceof MuragatError) throw error;
    mapOpenError(error, 'cannot read the archive database');
  }
  if (!needsUpgrade && !staleIndex) return { db, readOnly: true, staleIndex: false };
  if (writable()) {
    db.close();
    return openForWriting(dataDir, options);
  }
  if (needsUpgrade) {
    db.close();
    throw new MuragatError(
      'ARCHIVE_READ_ONLY',
      `the archive in ${dataDir} was made by an older version of Muragat and must be upgraded once where it can be written (copy it to a writable folder); this folder is read-only`,
    );
  }
  return { db, readOnly: true, staleIndex: true };
}

/** Opens the archive's database the way the caller needs it (see `ArchiveAccess`). */
export function openArchiveDatabase(dataDir: string, options: OpenDatabaseOptions): OpenedDatabase {
  return options.access === 'read' ? openForReading(dataDir, options) : openForWriting(dataDir, options);
}
