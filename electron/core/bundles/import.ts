/**
 * Taking in another office's bundle: verify (structure, every size and hash, the signature, the
 * signer against the trusted offices), preview (what would be added, updated, deleted, what
 * conflicts), then apply in one transaction with the files stored before the commit.
 *
 * Merge, per document: the newer HLC version wins (last writer wins). When neither side's version
 * descends from the other's (both changed the document since they last agreed), it is a conflict:
 * the newer still wins, and the losing version is kept in the document's history until someone
 * chooses (keep mine / keep theirs). Deletions are tombstones and merge the same way; a stored
 * file is never removed. Records are states, so applying a bundle twice or bundles in any order
 * ends in the same archive.
 */
import type { BundleImportCounts } from '../../../shared/domain/exchange';
import * as fs from 'node:fs';
import { hostname } from 'node:os';
import { once } from 'node:events';
import { MAX_CLOCK_DRIFT_MS, compareHlc, parseHlc } from '../../../shared/hlc';
import { MuragatError } from '../../../shared/errors';
import type { ArchiveContext } from '../context';
import type { SqliteDatabase } from '../db/sqlite';
import { DETECTED_FIELDS, type DetectedField } from '../../../shared/metadata';
import { settleFields } from '../documents/detection';
import { MAX_ANCESTORS, reindexDocument, unindexDocument } from '../documents/edit';
import { insertDocument, logChange, nextDocumentSeq } from '../documents/repository';
import { issuerKeyOf, numberKeyOf } from '../search/indexer';
import { openBundle, type OpenedBundle } from './container';
import { FILES_PREFIX, RECORDS_ENTRY } from './format';
import { fingerprintOf } from './identity';
import { findTrustedOffice, logBundle, trustOffice, wasReceived } from './offices';
import { parseAncestors, parseRecord, type BundleRecord, type DocumentRecord, type RelationRecord } from './records';

/** What an import did, counted as the UI shows it (one shape for core and UI). */
export type BundleCounts = BundleImportCounts;

export interface BundleImportResult extends BundleCounts {
  bundle: string;
  from: { archiveId: string; name: string; fingerprint: string };
  createdAt: string;
  alreadyImported: boolean;
  applied: boolean;
  /** Documents whose versions conflicted (the newer one won; the other is in their history). */
  conflictIds: string[];
}

export interface BundleImportOptions {
  /** Preview only: verify and count, change nothing. */
  dryRun?: boolean;
  /** The user has checked the unknown signer's fingerprint and trusts it (adds it to the list). */
  trustSigner?: boolean;
  /** Cancels between entries, before the commit: nothing of the bundle is applied, its stored files are removed. */
  signal?: AbortSignal;
  /** After each file taken from the bundle (`done` of `total` files this archive lacks). */
  onProgress?: (done: number, total: number) => void;
}

type Decision = 'add' | 'update' | 'unchanged' | 'theirs-wins-conflict' | 'mine-wins-conflict' | 'tombstone';

interface LocalState {
  version: string;
  ancestors: string[];
  deleted: boolean;
}

function localState(db: SqliteDatabase, id: string): LocalState | null {
  const row = db.prepare('SELECT version, ancestors, deleted FROM documents WHERE id = ?').get(id) as { version: string; ancestors: string; deleted: number } | undefined;
  return row ? { version: row.version, ancestors: parseAncestors(row.ancestors), deleted: row.deleted === 1 } : null;
}

/** What applying `record` does to an archive whose copy of the document is `local`. */
export function decide(record: DocumentRecord, local: LocalState | null): Decision {
  if (!local) return record.deleted ? 'tombstone' : 'add';
  const order = compareHlc(record.version, local.version);
  if (order === 0) return 'unchanged';
  if (order > 0) return record.ancestors.includes(local.version) ? 'update' : 'theirs-wins-conflict';
  return local.ancestors.includes(record.version) ? 'unchanged' : 'mine-wins-conflict';
}

function countDecision(counts: BundleCounts, decision: Decision, record: DocumentRecord, local: LocalState | null): void {
  if (decision === 'add') counts.added++;
  else if (decision === 'unchanged' || decision === 'tombstone') counts.unchanged++;
  else if (decision === 'theirs-wins-conflict' || decision === 'mine-wins-conflict') counts.conflicts++;
  else if (record.deleted && local && !local.deleted) counts.deleted++;
  else counts.updated++;
}

/** Reads a verified staging file line by line, synchronously (inside one SQLite transaction). */
function* stagedRecords(file: string): Generator<BundleRecord> {
  const fd = fs.openSync(file, 'r');
  try {
    const chunk = Buffer.alloc(1 << 20);
    let pending: Buffer[] = [];
    for (let read = fs.readSync(fd, chunk); read > 0; read = fs.readSync(fd, chunk)) {
      let start = 0;
      for (let i = 0; i < read; i++) {
        if (chunk[i] !== 0x0a) continue;
        pending.push(Buffer.from(chunk.subarray(start, i)));
        const line = Buffer.concat(pending).toString('utf8');
        pending = [];
        start = i + 1;
        if (line) yield JSON.parse(line) as BundleRecord;
      }
      if (start < read) pending.push(Buffer.from(chunk.subarray(start, read)));
    }
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Streams the bundle's records into a local staging file (every record checked), and reports
 * the files the documents name. The container checks the records' SHA-256 at the end of the
 * stream: nothing is applied before that.
 */
async function stage(bundle: OpenedBundle, file: string): Promise<{ records: number; maxVersion: string | null }> {
  const out = fs.createWriteStream(file, { flags: 'wx' });
  let records = 0;
  let maxVersion: string | null = null;
  try {
    for await (const raw of bundle.records()) {
      const record = parseRecord(raw, records + 1);
      records++;
      if (maxVersion === null || compareHlc(record.version, maxVersion) > 0) maxVersion = record.version;
      if (!out.write(`${JSON.stringify(record)}\n`)) await once(out, 'drain');
    }
  } finally {
    out.end();
    await once(out, 'close');
  }
  return { records, maxVersion };
}

export async function importBundle(ctx: ArchiveContext, bundlePath: string, options: BundleImportOptions = {}): Promise<BundleImportResult> {
  const { db, store } = ctx;
  const bundle = await openBundle(bundlePath);
  const staging = await store.tempPath('bundle-staging');
  const adopted: string[] = [];
  try {
    const { manifest } = bundle;
    const from = { archiveId: manifest.source.archiveId, name: manifest.source.name, fingerprint: fingerprintOf(manifest.source.publicKey) };
    const trusted = findTrustedOffice(db, manifest.source.archiveId);
    if (manifest.source.archiveId !== ctx.archiveId) {
      if (trusted && trusted.publicKey !== manifest.source.publicKey) {
        throw new MuragatError(
          'BUNDLE_BAD_SIGNATURE',
          `the bundle claims to come from ${trusted.name} but is signed with another key (fingerprint ${from.fingerprint}, trusted ${trusted.fingerprint})`,
          { fingerprint: from.fingerprint, office: trusted.name },
        );
      }
      if (!trusted && !options.trustSigner) {
        throw new MuragatError('BUNDLE_UNTRUSTED', `the bundle is signed by "${from.name}" (fingerprint ${from.fingerprint}), which is not a trusted office`, {
          fingerprint: from.fingerprint,
          office: from.name,
          archiveId: from.archiveId,
        });
      }
    }
    const result: BundleImportResult = {
      bundle: manifest.bundleId,
      from,
      createdAt: manifest.createdAt,
      alreadyImported: wasReceived(db, manifest.bundleId),
      applied: false,
      added: 0,
      updated: 0,
      unchanged: 0,
      conflicts: 0,
      deleted: 0,
      files: 0,
      conflictIds: [],
    };

    // Every entry is read exactly once and checked against the manifest before anything is
    // applied: the records while staging, the files this archive lacks while extracting them,
    // and all the others by verifyAll at the end.
    const { maxVersion } = await stage(bundle, staging);
    refuseFutureVersions(maxVersion, ctx.now());
    const checked = new Set<string>([RECORDS_ENTRY]);

    // Preview: what each record would do, and which files the winners need.
    const needed = new Set<string>();
    for (const record of stagedRecords(staging)) {
      if (record.t !== 'document') continue;
      const local = localState(db, record.id);
      const decision = decide(record, local);
      countDecision(result, decision, record, local);
      if (decision === 'theirs-wins-conflict' || decision === 'mine-wins-conflict') result.conflictIds.push(record.id);
      if ((decision === 'add' || decision === 'update' || decision === 'theirs-wins-conflict') && !record.deleted) {
        for (const file of record.files) needed.add(file.sha256);
      }
    }
    const missing: string[] = [];
    const carried = new Set(manifest.entries.map((entry) => entry.name));
    for (const sha256 of needed) {
      if (await store.has(sha256)) continue;
      // A record naming a file that neither the bundle nor this archive has cannot be applied whole.
      if (!carried.has(`${FILES_PREFIX}${sha256}`)) {
        throw new MuragatError('BUNDLE_TAMPERED', `a document of the bundle names the file ${sha256.slice(0, 16)}…, which the bundle does not carry`, { sha256 });
      }
      missing.push(sha256);
    }
    result.files = missing.length;
    if (options.dryRun) {
      await bundle.verifyAll({ skip: checked });
      return result;
    }

    // Files first, each registered as pending so a crash before the commit leaves no orphan.
    const registerPending = db.prepare('INSERT OR REPLACE INTO pending_blobs (sha256, pid, host, started_at) VALUES (?, ?, ?, ?)');
    options.onProgress?.(0, missing.length);
    for (const sha256 of missing) {
      throwIfCancelled(options.signal);
      registerPending.run(sha256, process.pid, hostname(), ctx.now().toISOString());
      adopted.push(sha256);
      const temp = await store.tempPath('bundle-file');
      await bundle.extractFile(sha256, temp);
      checked.add(`${FILES_PREFIX}${sha256}`);
      // Flushed together below: the disk writes this file back while the next one is hashed.
      await store.adopt(sha256, temp, { sync: false });
      options.onProgress?.(adopted.length, missing.length);
    }
    await bundle.verifyAll({ skip: checked });
    await store.syncBlobs(missing);
    throwIfCancelled(options.signal);

    db.transaction(() => {
      if (!trusted && options.trustSigner && manifest.source.archiveId !== ctx.archiveId) {
        trustOffice(db, manifest.source, ctx.now(), ctx.archiveId);
      }
      const relations: RelationRecord[] = [];
      for (const record of stagedRecords(staging)) {
        if (record.t === 'relation') relations.push(record);
        else applyDocument(ctx, record, manifest.bundleId);
      }
      // After the documents: a relation names two of them.
      for (const relation of relations) applyRelation(ctx, relation);
      logBundle(db, {
        bundleId: manifest.bundleId,
        direction: 'received',
        officeId: from.archiveId,
        officeName: from.name,
        fileName: bundlePath.split(/[\\/]/).pop() ?? bundlePath,
        createdAt: manifest.createdAt,
        loggedAt: ctx.now().toISOString(),
        summary: { added: result.added, updated: result.updated, unchanged: result.unchanged, conflicts: result.conflicts, deleted: result.deleted, files: result.files },
      });
      // Only our own rows: a local import of the same bytes at this moment has its own row.
      const clearPending = db.prepare('DELETE FROM pending_blobs WHERE sha256 = ? AND pid = ? AND host = ?');
      for (const sha256 of adopted) clearPending.run(sha256, process.pid, hostname());
    }).immediate();
    adopted.length = 0;
    // Our next edits must sort after everything we just learned.
    if (maxVersion) ctx.clock.receive(maxVersion);
    result.applied = true;
    return result;
  } finally {
    await bundle.close();
    await fs.promises.rm(staging, { force: true });
    // Files stored for an import that then failed: nothing refers to them; drop them unless
    // another document does (the pending rows are swept at the next open otherwise).
    for (const sha256 of adopted) {
      db.prepare('DELETE FROM pending_blobs WHERE sha256 = ? AND pid = ? AND host = ?').run(sha256, process.pid, hostname());
      // Another writer (a local import of the same bytes) may still be committing it.
      const stillWanted = db.prepare('SELECT 1 FROM files WHERE sha256 = ? UNION ALL SELECT 1 FROM pending_blobs WHERE sha256 = ? LIMIT 1').get(sha256, sha256) !== undefined;
      if (!stillWanted) await store.remove(sha256).catch(() => undefined);
    }
  }
}

/**
 * Versions from further ahead than our clock accepts (a sender's clock set years ahead, or a
 * forged record) are refused before anything is applied: applied, such a record would win
 * over every later edit here, and the clock could not take the version in after the commit.
 */
function refuseFutureVersions(maxVersion: string | null, now: Date): void {
  if (maxVersion === null || parseHlc(maxVersion).wallMs - now.getTime() <= MAX_CLOCK_DRIFT_MS) return;
  throw new MuragatError(
    'BUNDLE_TAMPERED',
    `the bundle holds changes dated ${maxVersion.slice(0, 10)}, more than a day ahead of this computer's clock: check the date on the sending computer, then ask for a new bundle`,
    { version: maxVersion },
  );
}

function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new MuragatError('CANCELLED', 'the bundle import was cancelled; nothing of it was applied');
}

function historyRecord(record: DocumentRecord): string {
  // The losing state without its page texts (they can be large; the files themselves stay stored).
  return JSON.stringify({ ...record, pages: [] });
}

function recordNode(version: string): string {
  return version.slice(-16);
}

/** Applies one document record (inside the import's transaction). */
function applyDocument(ctx: ArchiveContext, record: DocumentRecord, bundleId: string): void {
  const { db } = ctx;
  const local = localState(db, record.id);
  const decision = decide(record, local);
  const now = ctx.now().toISOString();
  if (decision === 'unchanged') return;
  if (decision === 'mine-wins-conflict') {
    // Seen before (the same bundle again, or another carrying the same version): nothing new.
    if (db.prepare("SELECT 1 FROM document_history WHERE document_id = ? AND version = ? AND side = 'theirs'").get(record.id, record.version)) return;
    db.prepare('INSERT INTO document_history (document_id, version, origin, record, side, bundle_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
      record.id,
      record.version,
      record.origin,
      historyRecord(record),
      'theirs',
      bundleId,
      now,
    );
    return;
  }
  if (decision === 'theirs-wins-conflict') {
    const mine = db.prepare('SELECT origin FROM documents WHERE id = ?').get(record.id) as { origin: string };
    const snapshot = localSnapshot(db, record.id);
    db.prepare('INSERT INTO document_history (document_id, version, origin, record, side, bundle_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
      record.id,
      local!.version,
      mine.origin,
      snapshot,
      'mine',
      bundleId,
      now,
    );
  }
  const before = local ? (db.prepare('SELECT kind, title, number, date, issuer, lang FROM documents WHERE id = ?').get(record.id) as Record<DetectedField, unknown> | undefined) : undefined;
  writeDocumentState(db, record, local !== null);
  // A value a person in another office set is not this computer's detector's doubt any more.
  if (before && !record.deleted) settleFields(db, record.id, DETECTED_FIELDS.filter((field) => before[field] !== record[field]));
  logChange(db, { hlc: record.version, archiveId: recordNode(record.version), entity: 'document', entityId: record.id, op: local ? (record.deleted ? 'delete' : 'update') : 'insert' });
}

/** The local state as a record (for the history of a conflict the local side lost). */
function localSnapshot(db: SqliteDatabase, id: string): string {
  const row = db.prepare('SELECT * FROM documents WHERE id = ?').get(id) as Record<string, unknown>;
  const tags = (db.prepare('SELECT tag FROM document_tags WHERE document_id = ? ORDER BY tag').all(id) as Array<{ tag: string }>).map((t) => t.tag);
  return JSON.stringify({ ...row, tags });
}

function samePages(db: SqliteDatabase, id: string, pages: DocumentRecord['pages']): boolean {
  const local = db
    .prepare('SELECT p.page_no AS pageNo, p.text, p.text_source AS textSource, p.needs_ocr AS needsOcr, o.words FROM pages p LEFT JOIN page_ocr o ON o.page_id = p.id WHERE p.document_id = ? ORDER BY p.page_no')
    .all(id) as Array<{
    pageNo: number;
    text: string;
    textSource: string;
    needsOcr: number;
    words: string | null;
  }>;
  return (
    local.length === pages.length &&
    local.every((page, i) => {
      const other = pages[i]!;
      // Word boxes count too: a bundle that brings them to pages read without them is a change.
      const sameWords = (page.words === null) === (other.ocr === undefined) && (other.ocr === undefined || page.words === JSON.stringify(other.ocr.words));
      return page.pageNo === other.pageNo && page.text === other.text && page.textSource === other.textSource && (page.needsOcr === 1) === other.needsOcr && sameWords;
    })
  );
}

/** Makes the local row, tags, files and pages equal to the record (and the index with them). */
function writeDocumentState(db: SqliteDatabase, record: DocumentRecord, exists: boolean): void {
  const seqRow = db.prepare('SELECT seq FROM documents WHERE id = ?').get(record.id) as { seq: number } | undefined;
  const columns = {
    id: record.id,
    kind: record.kind,
    title: record.title,
    number: record.number,
    date: record.date,
    issuer: record.issuer,
    council: record.council,
    lang: record.lang,
    status: record.status,
    notes: record.notes,
    source: record.source,
    needsOcr: record.needsOcr ? 1 : 0,
    pageCount: record.pageCount,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    origin: record.origin,
    version: record.version,
    numberKey: numberKeyOf(record.number),
    issuerKey: issuerKeyOf(record.issuer),
    deleted: record.deleted ? 1 : 0,
    ancestors: JSON.stringify(record.ancestors.slice(-MAX_ANCESTORS)),
  };
  let seq: number;
  if (!exists || !seqRow) {
    seq = nextDocumentSeq(db);
    insertDocument(db, { ...columns, needsOcr: record.needsOcr, seq });
    db.prepare('UPDATE documents SET deleted = ?, ancestors = ? WHERE id = ?').run(columns.deleted, columns.ancestors, record.id);
  } else {
    seq = seqRow.seq;
    db.prepare(
      `UPDATE documents SET kind = @kind, title = @title, number = @number, date = @date, issuer = @issuer, council = @council, lang = @lang,
         status = @status, notes = @notes, source = @source, needs_ocr = @needsOcr, page_count = @pageCount, created_at = @createdAt,
         updated_at = @updatedAt, origin = @origin, version = @version, number_key = @numberKey, issuer_key = @issuerKey,
         deleted = @deleted, ancestors = @ancestors
       WHERE id = @id`,
    ).run(columns);
  }
  db.prepare('DELETE FROM document_tags WHERE document_id = ?').run(record.id);
  const insertTag = db.prepare('INSERT OR IGNORE INTO document_tags (document_id, tag) VALUES (?, ?)');
  for (const tag of record.tags) insertTag.run(record.id, tag);

  // The search index follows the state: out for a tombstone, rebuilt for a live document.
  unindexDocument(db, seq);
  if (record.deleted) return;
  // A tombstone carries no files or pages: those of a live record replace the local ones.
  const localFiles = (db.prepare('SELECT sha256 FROM files WHERE document_id = ? ORDER BY id').all(record.id) as Array<{ sha256: string }>).map((f) => f.sha256);
  if (localFiles.join(',') !== record.files.map((f) => f.sha256).join(',')) {
    db.prepare('DELETE FROM files WHERE document_id = ?').run(record.id);
    const insertFile = db.prepare(
      'INSERT INTO files (document_id, sha256, size, media_type, format, original_name, encoding, added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    for (const file of record.files) insertFile.run(record.id, file.sha256, file.size, file.mediaType, file.format, file.originalName, file.encoding, file.addedAt);
  }
  if (!samePages(db, record.id, record.pages)) {
    db.prepare('DELETE FROM pages WHERE document_id = ?').run(record.id);
    const insertPage = db.prepare('INSERT INTO pages (document_id, page_no, text, text_source, needs_ocr) VALUES (?, ?, ?, ?, ?)');
    const insertOcr = db.prepare(
      'INSERT INTO page_ocr (page_id, languages, rotation, confidence, dpi, reason, words, engine, recognized_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    for (const page of record.pages) {
      const pageId = insertPage.run(record.id, page.pageNo, page.text, page.textSource, page.needsOcr ? 1 : 0).lastInsertRowid;
      const ocr = page.ocr;
      if (ocr) insertOcr.run(pageId, ocr.languages, ocr.rotation, ocr.confidence, ocr.dpi, ocr.reason, JSON.stringify(ocr.words), ocr.engine, ocr.recognizedAt);
    }
  }
  reindexDocument(db, record.id);
}

/** Applies one relation record: the newer version wins; a relation to a document this archive lacks waits. */
function applyRelation(ctx: ArchiveContext, record: RelationRecord): void {
  const { db } = ctx;
  const exists = db.prepare('SELECT 1 FROM documents WHERE id = ?');
  if (!exists.get(record.fromId) || !exists.get(record.toId) || record.fromId === record.toId) return;
  const local = db.prepare('SELECT version FROM relations WHERE from_id = ? AND to_id = ? AND type = ?').get(record.fromId, record.toId, record.type) as { version: string } | undefined;
  if (local && compareHlc(record.version, local.version) <= 0) return;
  db.prepare(
    `INSERT INTO relations (from_id, to_id, type, created_at, origin, version, deleted) VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (from_id, to_id, type) DO UPDATE SET version = excluded.version, origin = excluded.origin, deleted = excluded.deleted`,
  ).run(record.fromId, record.toId, record.type, record.createdAt, record.origin, record.version, record.deleted ? 1 : 0);
  logChange(db, {
    hlc: record.version,
    archiveId: recordNode(record.version),
    entity: 'relation',
    entityId: `${record.fromId}>${record.toId}>${record.type}`,
    op: local ? (record.deleted ? 'delete' : 'update') : 'insert',
  });
}
