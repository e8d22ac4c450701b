/**
 * Making a bundle: everything, what changed since the last bundle sent to an office (its
 * watermark in the change log), or a chosen set of documents. Records are streamed to a temp
 * file one document at a time and the container streams files from the store, so memory stays
 * flat whatever the archive's size.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { once } from 'node:events';
import { compareHlc } from '../../../shared/hlc';
import { uuidV7 } from '../../../shared/ids';
import { MuragatError } from '../../../shared/errors';
import type { ArchiveContext } from '../context';
import { readMeta } from '../db/meta';
import { asMuragatError } from '../db/sqlite';
import { changeLogHead } from '../documents/repository';
import { PartialFiles } from '../store/partials';
import { writeBundle } from './container';
import { loadOrCreateKeyPair } from './identity';
import type { BundleManifest } from './format';
import { findTrustedOffice, logBundle, setWatermark, watermarkOf } from './offices';
import { RecordReader, type RelationRecord } from './records';

export type ExportSelection = { kind: 'all' } | { kind: 'office'; office: string } | { kind: 'ids'; ids: string[] };

export interface ExportResult {
  path: string;
  bytes: number;
  bundleId: string;
  to: { archiveId: string; name: string } | null;
  documents: number;
  tombstones: number;
  relations: number;
  files: number;
}

interface RelationRow {
  from_id: string;
  to_id: string;
  type: RelationRecord['type'];
  version: string;
  origin: string;
  deleted: number;
  created_at: string;
}

function relationRecord(row: RelationRow): RelationRecord {
  return { t: 'relation', fromId: row.from_id, toId: row.to_id, type: row.type, version: row.version, origin: row.origin, deleted: row.deleted === 1, createdAt: row.created_at };
}

/** Which documents and relations a selection covers (ids only: records are read one by one). */
function select(ctx: ArchiveContext, selection: ExportSelection): { documentIds: string[]; relations: RelationRow[]; office: { archiveId: string; name: string } | null } {
  const { db } = ctx;
  const allRelations = (): RelationRow[] => db.prepare('SELECT from_id, to_id, type, version, origin, deleted, created_at FROM relations ORDER BY version').all() as RelationRow[];
  if (selection.kind === 'all') {
    const documentIds = (db.prepare('SELECT id FROM documents ORDER BY seq').all() as Array<{ id: string }>).map((row) => row.id);
    return { documentIds, relations: allRelations(), office: null };
  }
  if (selection.kind === 'ids') {
    const wanted = new Set(selection.ids);
    const known = db.prepare('SELECT 1 FROM documents WHERE id = ?');
    for (const id of wanted) if (!known.get(id)) throw new MuragatError('NOT_FOUND', `no document with id ${id}`, { id });
    return { documentIds: [...wanted], relations: allRelations().filter((row) => wanted.has(row.from_id) && wanted.has(row.to_id)), office: null };
  }
  const office = findTrustedOffice(db, selection.office);
  if (!office) throw new MuragatError('NOT_FOUND', `no trusted office "${selection.office}" (see muragat trust list)`, { office: selection.office });
  const since = watermarkOf(db, office.archiveId);
  const changed = db.prepare('SELECT DISTINCT entity, entity_id AS id FROM change_log WHERE seq > ?').all(since) as Array<{ entity: string; id: string }>;
  // A version the office itself wrote (its archive id ends the HLC) is one it already has: the
  // changes it sent us are not echoed back to it.
  const madeByOffice = (version: string): boolean => version.endsWith(`-${office.archiveId}`);
  const versionOf = db.prepare('SELECT version FROM documents WHERE id = ?');
  const documentIds = changed
    .filter((row) => row.entity === 'document')
    .map((row) => row.id)
    .filter((id) => {
      const current = versionOf.get(id) as { version: string } | undefined;
      return current !== undefined && !madeByOffice(current.version);
    });
  const relationKeys = new Set(changed.filter((row) => row.entity === 'relation').map((row) => row.id));
  const relations = allRelations().filter((row) => relationKeys.has(`${row.from_id}>${row.to_id}>${row.type}`) && !madeByOffice(row.version));
  return { documentIds, relations, office: { archiveId: office.archiveId, name: office.name } };
}

async function writeLine(stream: fs.WriteStream, value: unknown): Promise<void> {
  if (!stream.write(`${JSON.stringify(value)}\n`)) await once(stream, 'drain');
}

export interface ExportOptions {
  /** Cancels between entries; the partial file is removed and nothing is logged as sent. */
  signal?: AbortSignal;
  /** Entries written so far: each document's record, then each file. */
  onProgress?: (done: number, total: number) => void;
}

export async function exportBundle(ctx: ArchiveContext, outPath: string, selection: ExportSelection, options: ExportOptions = {}): Promise<ExportResult> {
  const { db } = ctx;
  // Everything logged up to here is in this bundle; the office's watermark moves to it after.
  const head = changeLogHead(db);
  const { documentIds, relations, office } = select(ctx, selection);
  const reader = new RecordReader(db);
  const recordsFile = await ctx.store.tempPath('bundle-records');
  const files = new Map<string, { sha256: string; path: string; size: number }>();
  const counts = { documents: 0, tombstones: 0, relations: relations.length, files: 0 };
  let from: string | null = null;
  let to: string | null = null;
  const widen = (version: string): void => {
    if (from === null || compareHlc(version, from) < 0) from = version;
    if (to === null || compareHlc(version, to) > 0) to = version;
  };
  try {
    const stream = fs.createWriteStream(recordsFile, { flags: 'wx' });
    try {
      let done = 0;
      for (const id of documentIds) {
        if (options.signal?.aborted) throw new MuragatError('CANCELLED', 'the bundle export was cancelled');
        options.onProgress?.(done++, documentIds.length);
        const record = reader.document(id);
        if (!record) continue;
        widen(record.version);
        if (record.deleted) counts.tombstones++;
        else counts.documents++;
        for (const file of record.files) files.set(file.sha256, { sha256: file.sha256, path: ctx.store.pathOf(file.sha256), size: file.size });
        await writeLine(stream, record);
      }
      for (const row of relations) {
        widen(row.version);
        await writeLine(stream, relationRecord(row));
      }
    } finally {
      stream.end();
      await once(stream, 'close');
    }
    counts.files = files.size;
    const keys = loadOrCreateKeyPair(ctx.dataDir);
    const manifest: Omit<BundleManifest, 'format' | 'formatVersion' | 'entries'> = {
      bundleId: uuidV7(),
      createdAt: ctx.now().toISOString(),
      source: { archiveId: ctx.archiveId, name: readMeta(db, 'name') ?? '', publicKey: keys.publicKey },
      recipient: office,
      hlc: { from, to },
      counts,
    };
    const total = documentIds.length + files.size;
    const written = await writeBundle(outPath, {
      manifest,
      recordsFile,
      files: [...files.values()],
      privateKey: keys.privateKey,
      partials: new PartialFiles(ctx.store.tmpDir),
      ...(options.signal ? { signal: options.signal } : {}),
      onFile: (index) => options.onProgress?.(documentIds.length + index, total),
    });
    options.onProgress?.(total, total);
    db.transaction(() => {
      logBundle(db, {
        bundleId: manifest.bundleId,
        direction: 'sent',
        officeId: office?.archiveId ?? '',
        officeName: office?.name ?? '',
        fileName: path.basename(written.path),
        createdAt: manifest.createdAt,
        loggedAt: ctx.now().toISOString(),
        summary: { ...counts, bytes: written.bytes },
      });
      if (office) setWatermark(db, office.archiveId, head, ctx.now());
    }).immediate();
    return { path: written.path, bytes: written.bytes, bundleId: manifest.bundleId, to: office, ...counts };
  } catch (error) {
    // The records file is written to the archive's disk: full there is DISK_FULL too.
    throw asMuragatError(error);
  } finally {
    await fs.promises.rm(recordsFile, { force: true });
  }
}
