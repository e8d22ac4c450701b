/**
 * The trusted offices (whose signed bundles this archive accepts) and the log of bundles sent
 * and received. Trust is by public key: an office is its archive id, a name people recognise,
 * and the key whose fingerprint was read out over the phone before adding it.
 */
import { MuragatError } from '../../../shared/errors';
import type { SqliteDatabase } from '../db/sqlite';
import { fingerprintOf } from './identity';

export interface TrustedOffice {
  archiveId: string;
  name: string;
  publicKey: string;
  fingerprint: string;
  addedAt: string;
}

export function listTrustedOffices(db: SqliteDatabase): TrustedOffice[] {
  return db
    .prepare('SELECT archive_id AS archiveId, name, public_key AS publicKey, fingerprint, added_at AS addedAt FROM trusted_offices ORDER BY name COLLATE NOCASE')
    .all() as TrustedOffice[];
}

export function findTrustedOffice(db: SqliteDatabase, archiveIdOrName: string): TrustedOffice | undefined {
  return listTrustedOffices(db).find((office) => office.archiveId === archiveIdOrName || office.name.toLocaleLowerCase() === archiveIdOrName.toLocaleLowerCase());
}

/**
 * Trusts an office's key. Re-adding the same key renames it; a different key for a known office
 * is refused (a new key must be a deliberate remove-then-add, never a silent replacement).
 */
export function trustOffice(db: SqliteDatabase, office: { archiveId: string; name: string; publicKey: string }, now: Date, ownArchiveId: string): TrustedOffice {
  if (!/^[0-9a-f]{16}$/.test(office.archiveId)) throw new MuragatError('INVALID_INPUT', `not an archive id: ${office.archiveId}`, { field: 'archiveId' });
  if (office.archiveId === ownArchiveId) throw new MuragatError('INVALID_INPUT', 'this is the archive itself, not another office', { field: 'archiveId' });
  const name = office.name.replace(/\s+/g, ' ').trim().slice(0, 200);
  if (!name) throw new MuragatError('INVALID_INPUT', 'the office needs a name', { field: 'name' });
  const fingerprint = fingerprintOf(office.publicKey);
  const existing = db.prepare('SELECT public_key AS publicKey FROM trusted_offices WHERE archive_id = ?').get(office.archiveId) as { publicKey: string } | undefined;
  if (existing && existing.publicKey !== office.publicKey) {
    throw new MuragatError('BUNDLE_BAD_SIGNATURE', `office ${office.archiveId} is already trusted with another key; remove it first if its key really changed`, { archiveId: office.archiveId });
  }
  db.prepare(
    `INSERT INTO trusted_offices (archive_id, name, public_key, fingerprint, added_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (archive_id) DO UPDATE SET name = excluded.name`,
  ).run(office.archiveId, name, office.publicKey, fingerprint, now.toISOString());
  return findTrustedOffice(db, office.archiveId)!;
}

export function untrustOffice(db: SqliteDatabase, archiveIdOrName: string): boolean {
  const office = findTrustedOffice(db, archiveIdOrName);
  if (!office) return false;
  db.prepare('DELETE FROM trusted_offices WHERE archive_id = ?').run(office.archiveId);
  return true;
}

export interface BundleLogEntry {
  bundleId: string;
  direction: 'sent' | 'received';
  officeId: string;
  officeName: string;
  fileName: string;
  createdAt: string;
  loggedAt: string;
  summary: Record<string, number>;
}

export function logBundle(db: SqliteDatabase, entry: BundleLogEntry): void {
  db.prepare(
    `INSERT OR IGNORE INTO bundle_log (bundle_id, direction, office_id, office_name, file_name, created_at, logged_at, summary)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(entry.bundleId, entry.direction, entry.officeId, entry.officeName, entry.fileName, entry.createdAt, entry.loggedAt, JSON.stringify(entry.summary));
}

export function wasReceived(db: SqliteDatabase, bundleId: string): boolean {
  return db.prepare("SELECT 1 FROM bundle_log WHERE bundle_id = ? AND direction = 'received'").get(bundleId) !== undefined;
}

export function bundleHistory(db: SqliteDatabase, limit = 200): BundleLogEntry[] {
  const rows = db
    .prepare(
      `SELECT bundle_id AS bundleId, direction, office_id AS officeId, office_name AS officeName, file_name AS fileName,
              created_at AS createdAt, logged_at AS loggedAt, summary FROM bundle_log ORDER BY logged_at DESC LIMIT ?`,
    )
    .all(limit) as Array<Omit<BundleLogEntry, 'summary'> & { summary: string }>;
  return rows.map((row) => ({ ...row, summary: JSON.parse(row.summary) as Record<string, number> }));
}

/** The change-log position up to which everything was sent to an office (0: nothing yet). */
export function watermarkOf(db: SqliteDatabase, officeId: string): number {
  return (db.prepare('SELECT change_seq AS seq FROM sync_watermarks WHERE office_id = ?').get(officeId) as { seq: number } | undefined)?.seq ?? 0;
}

export function setWatermark(db: SqliteDatabase, officeId: string, changeSeq: number, now: Date): void {
  db.prepare(
    `INSERT INTO sync_watermarks (office_id, change_seq, updated_at) VALUES (?, ?, ?)
     ON CONFLICT (office_id) DO UPDATE SET change_seq = max(change_seq, excluded.change_seq), updated_at = excluded.updated_at`,
  ).run(officeId, changeSeq, now.toISOString());
}
