import * as fs from 'node:fs';
import * as path from 'node:path';
import { createHash, type Hash } from 'node:crypto';
import { openArchive, type Archive } from '../../electron/core/archive';
import { ARCHIVE_DB_FILE, TMP_DIR, UPLOADS_DIR } from '../../electron/core/layout';
import { suiteTempDir } from './temp-dir';

/** A new archive in a temp folder (kept until the end of the test file), with two extraction workers. */
export async function tempArchive(dataDir: string = path.join(suiteTempDir(), 'archive')): Promise<Archive> {
  return openArchive({ dataDir, extractWorkers: 2 });
}

/**
 * A digest of everything a user could lose: every row of every table of the database, read from
 * `sqlite_master` (so a table added by a new migration is covered without touching this file),
 * the content of every full-text index, and every file of the data folder outside the database.
 * Two equal digests mean nothing changed.
 *
 * Left out, because they change without any effect a user could see or lose:
 * - FTS5 `_data`, `_idx` and `_docsize` shadow tables: the physical layout of an index (segments,
 *   merges, `optimize`, the delete bookkeeping of `contentless_delete`). The index's content is
 *   hashed instead, term by term, through an fts5vocab 'instance' view: same words at the same
 *   positions of the same rows = same index, however its segments are laid out.
 * - fts5vocab tables: views of an FTS5 table that is hashed itself.
 * - `sqlite_stat*`: planner statistics that `ANALYZE` / `PRAGMA optimize` may refresh at any time.
 * - Implicit `rowid`s of tables whose key is not the rowid: VACUUM may renumber them.
 * - In the data folder: the database files themselves (their bytes change with checkpoints; the
 *   tables above are their content), `tmp/` and `uploads/` (scratch space of work in progress,
 *   emptied on start-up) and `logs/` (the archive's log records refused and failed work too: that
 *   is its purpose, not a change to the archive).
 */
export function archiveStateHash(archive: Archive): string {
  const { db, dataDir } = archive.context;
  const hash = createHash('sha256');
  const tables = db
    .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY name")
    .all() as Array<{ name: string; sql: string | null }>;
  const moduleOf = (sql: string | null): string | undefined => /^CREATE\s+VIRTUAL\s+TABLE\s+.*?\s+USING\s+(\w+)/is.exec(sql ?? '')?.[1]?.toLowerCase();
  const fts5Tables = tables.filter((table) => moduleOf(table.sql) === 'fts5').map((table) => table.name);
  const physicalShadows = new Set(fts5Tables.flatMap((name) => ['_data', '_idx', '_docsize'].map((suffix) => name + suffix)));
  for (const { name, sql } of tables) {
    const module = moduleOf(sql);
    if (name.startsWith('sqlite_stat') || physicalShadows.has(name) || module === 'fts5vocab') continue;
    hash.update(`\0table ${name}\0`);
    if (module === 'fts5') {
      hashFtsContent(db, name, hash);
    } else if (module) {
      throw new Error(`archiveStateHash: virtual table ${name} uses module ${module}; decide how its content is hashed`);
    } else {
      const columns = (db.prepare(`SELECT name FROM pragma_table_info(?)`).all(name) as Array<{ name: string }>).map((column) => quoteId(column.name));
      for (const row of db.prepare(`SELECT * FROM ${quoteId(name)} ORDER BY ${columns.join(', ')}`).raw().iterate()) {
        hash.update(JSON.stringify(row, blobsAsHex));
        hash.update('\n');
      }
    }
  }
  hashFolder(dataDir, '', hash);
  return hash.digest('hex');
}

/** Data-folder entries that are not the archive's content (see `archiveStateHash`). */
const UNHASHED_TOP_LEVEL = new Set([ARCHIVE_DB_FILE, `${ARCHIVE_DB_FILE}-wal`, `${ARCHIVE_DB_FILE}-shm`, `${ARCHIVE_DB_FILE}-journal`, TMP_DIR, UPLOADS_DIR, 'logs']);

function hashFolder(root: string, relative: string, hash: Hash): void {
  const entries = fs.readdirSync(path.join(root, relative), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (relative === '' && UNHASHED_TOP_LEVEL.has(entry.name)) continue;
    const name = relative ? `${relative}/${entry.name}` : entry.name;
    if (entry.isDirectory()) {
      hash.update(`\0dir ${name}\0`);
      hashFolder(root, name, hash);
    } else {
      hash.update(`\0file ${name}\0`);
      hash.update(fs.readFileSync(path.join(root, name)));
    }
  }
}

/** Every (term, row, column, position) of an FTS5 index, in a fixed order. */
function hashFtsContent(db: Archive['context']['db'], table: string, hash: Hash): void {
  const view = quoteId(`state_hash_${table}_instance`);
  db.exec(`CREATE VIRTUAL TABLE temp.${view} USING fts5vocab(main, ${quoteId(table)}, 'instance')`);
  try {
    for (const row of db.prepare(`SELECT term, doc, col, offset FROM temp.${view} ORDER BY doc, col, offset, term`).raw().iterate()) {
      hash.update(JSON.stringify(row));
      hash.update('\n');
    }
  } finally {
    db.exec(`DROP TABLE temp.${view}`);
  }
}

function quoteId(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

function blobsAsHex(_key: string, value: unknown): unknown {
  return value instanceof Uint8Array || (typeof value === 'object' && value !== null && (value as { type?: unknown }).type === 'Buffer')
    ? `blob:${Buffer.from(value instanceof Uint8Array ? value : (value as { data: number[] }).data).toString('hex')}`
    : value;
}

export function storedBlobCount(archive: Archive): number {
  const dir = archive.context.store.filesDir;
  if (!fs.existsSync(dir)) return 0;
  return fs.readdirSync(dir, { recursive: true }).map(String).filter((name) => /[0-9a-f]{64}$/.test(name)).length;
}
