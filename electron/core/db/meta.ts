import type { SqliteDatabase } from './sqlite';

/** The archive's own settings and identity (`archive_meta`: archive id, name, index version…). */
export function readMeta(db: SqliteDatabase, key: string): string | undefined {
  return (db.prepare('SELECT value FROM archive_meta WHERE key = ?').get(key) as { value: string } | undefined)?.value;
}

export function writeMeta(db: SqliteDatabase, key: string, value: string): void {
  db.prepare('INSERT INTO archive_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
}

export function deleteMeta(db: SqliteDatabase, key: string): void {
  db.prepare('DELETE FROM archive_meta WHERE key = ?').run(key);
}
