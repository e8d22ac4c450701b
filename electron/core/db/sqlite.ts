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
