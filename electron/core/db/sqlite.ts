import * as fs from 'node:fs';
import Database from 'better-sqlite3';
import { MuragatError } from '../../../shared/errors';

export type SqliteDatabase = Database.Database;

/*
 * better-sqlite3 turns SQLite's URI file names on only when SQLITE_USE_URI=1 is set as its
 * native addon loads (at the first `new Database`, which is always after this module runs). The
 * `immutable` open of read-only media below needs them; the archive's own paths are absolute
 * file paths and never start with `file:`, so nothing else changes meaning.
 */
process.env.SQLITE_USE_URI ??= '1';

/**
 * How long a writer waits for another process's write lock before giving up with
 * DATABASE_BUSY. Long enough to ride out another process's commit (an import batch, a reindex
 * swap), short enough that a user is told rather than left waiting.
 */
export const DEFAULT_BUSY_TIMEOUT_MS = 10_000;

export interface OpenSqliteOptions {
  /** Path of a better-sqlite3 `.node` built for the running runtime (Electron), if not the default. */
  nativeBinding?: string;
  readonly?: boolean;
  busyTimeoutMs?: number;
}

/**
 * Opens an SQLite file with the pragmas the archive relies on. WAL lets the desktop app, the
 * CLI and a backup read while an import writes; `synchronous=FULL` because a secretary's archive
 * must not lose a committed document to a power cut; foreign keys are off by default in SQLite.
 *
 * A read-only open never writes anything, not even the journal mode, and `query_only` makes any
 * statement that would write fail (mapped to ARCHIVE_READ_ONLY) instead of taking a lock. On
 * read-only media where a WAL database has no `-shm` file and none can be created, SQLite cannot
 * open it normally; then it is opened `immutable` (SQLite's documented way for "WAL databases on
 * read-only media": nothing can change the file there, so no locks or shared memory are needed).
 */
export function openSqlite(file: string, options: OpenSqliteOptions = {}): SqliteDatabase {
  const native = options.nativeBinding ? { nativeBinding: options.nativeBinding } : {};
  let db: SqliteDatabase;
  if (options.readonly) {
    try {
      db = new Database(file, { ...native, readonly: true, fileMustExist: true });
      try {
        // The first read opens the WAL index: one place where read-only media fail.
        db.prepare('SELECT count(*) FROM sqlite_master').get();
      } catch (error) {
        db.close();
        throw error;
      }
    } catch (error) {
      if (!/SQLITE_CANTOPEN|SQLITE_READONLY|unable to open/i.test(`${(error as { code?: string }).code ?? ''} ${(error as Error).message}`)) throw error;
      // `immutable` reads the database file alone. Committed changes still in a -wal file (an
      // archive copied while in use, without its -shm) would be silently missing: refuse instead.
      if (walHasFrames(file)) {
        throw new MuragatError(
          'ARCHIVE_READ_ONLY',
          'this copy of the archive was made while it was in use and its latest changes can only be read where it can be written: copy the whole folder to a writable disk and open it there',
        );
      }
      db = new Database(immutableUri(file), { ...native, readonly: true, fileMustExist: true });
    }
    db.pragma('query_only = ON');
  } else {
    db = new Database(file, native);
  }
  try {
    db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS}`);
    if (!options.readonly) {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
    }
    db.pragma('foreign_keys = ON');
  } catch (error) {
    // A failed switch to WAL (another process holding a lock) must not leave a connection open.
    db.close();
    throw error;
  }
  return db;
}

function walHasFrames(file: string): boolean {
  try {
    return fs.statSync(`${file}-wal`).size > 0;
  } catch {
    return false;
  }
}

/** `file:` URI of a path with `immutable=1` (Windows drive paths become `file:/C:/…`). */
function immutableUri(file: string): string {
  const slashed = file.replace(/\\/g, '/');
  const escaped = encodeURI(slashed.startsWith('/') ? slashed : `/${slashed}`).replace(/[?#]/g, encodeURIComponent);
  return `file:${escaped}?immutable=1`;
}

/** The SQLite result code of an error thrown by better-sqlite3 (`SQLITE_BUSY_SNAPSHOT`…), if any. */
export function sqliteCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_') ? code : undefined;
}

/**
 * Turns the database and file-system failures a user can meet and act on into their error
 * codes: another process writing (busy), read-only media, a full disk. Anything else is
 * returned as it was (a MuragatError stays what it is; the rest becomes INTERNAL upstream).
 */
export function asMuragatError(error: unknown): unknown {
  if (error instanceof MuragatError) return error;
  const code = sqliteCode(error) ?? (error as NodeJS.ErrnoException | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  if (code === undefined) return error;
  if (/^SQLITE_(BUSY|LOCKED)/.test(code)) {
    return new MuragatError('DATABASE_BUSY', 'another process is writing to the archive; try again in a moment', {}, { cause: error });
  }
  if (code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT' || (/^SQLITE_IOERR/.test(code) && /disk is full|no space/i.test(message))) {
    return new MuragatError('DISK_FULL', 'the disk is full; free some space and try again', {}, { cause: error });
  }
  if (/^SQLITE_READONLY/.test(code) || code === 'EROFS') {
    return new MuragatError('ARCHIVE_READ_ONLY', 'the archive is read-only here (read-only media or folder): this would change it', {}, { cause: error });
  }
  return error;
}

const preparedByDb = new WeakMap<SqliteDatabase, Map<string, Database.Statement<unknown[]>>>();

/**
 * A statement compiled once per connection and reused: the import and bundle paths run the same
 * few writes for every document, and compiling them each time was a tenth of the index writer's
 * time. Only for plain statements (callers must not switch them to pluck/raw mode).
 */
export function prepared(db: SqliteDatabase, sql: string): Database.Statement<unknown[]> {
  let cache = preparedByDb.get(db);
  if (!cache) {
    cache = new Map();
    preparedByDb.set(db, cache);
  }
  let statement = cache.get(sql);
  if (!statement) {
    statement = db.prepare<unknown[]>(sql);
    cache.set(sql, statement);
  }
  return statement;
}
