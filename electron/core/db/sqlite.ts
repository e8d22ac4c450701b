import Database from 'better-sqlite3';

export type SqliteDatabase = Database.Database;

export interface OpenSqliteOptions {
  /** Path of a better-sqlite3 `.node` built for the running runtime (Electron), if not the default. */
  nativeBinding?: string;
  readonly?: boolean;
}

/**
 * Opens an SQLite file with the pragmas the archive relies on. WAL lets the desktop app, the
 * CLI and a backup read while an import writes; `synchronous=FULL` because a secretary's archive
 * must not lose a committed document to a power cut; foreign keys are off by default in SQLite.
 */
export function openSqlite(file: string, options: OpenSqliteOptions = {}): SqliteDatabase {
  const db = new Database(file, {
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    ...(options.readonly ? { readonly: true, fileMustExist: true } : {}),
  });
  db.pragma('busy_timeout = 10000');
  if (!options.readonly) {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
  }
  db.pragma('foreign_keys = ON');
  return db;
}
