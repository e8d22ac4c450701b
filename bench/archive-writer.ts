/**
 * Writes a synthetic document straight into an archive (row, pages, optional stored file, index
 * entries, change log) inside the caller's transaction: benchmarks build large archives this way,
 * since extraction is not what they measure. The same rows the importer writes.
 */
import type { Archive } from '../electron/core/archive';
import { insertDocument, insertFile, insertPages, logChange, nextDocumentSeq } from '../electron/core/documents/repository';
import { indexDocumentPages, issuerKeyOf, numberKeyOf, writeIndex, type PreparedIndex } from '../electron/core/search/indexer';
import { uuidV7 } from '../shared/ids';
import type { SyntheticDocument } from './synthetic-archive';

export interface StoredFile {
  sha256: string;
  size: number;
  name: string;
}

/** Returns the new document's id. `prepared`: index forms analysed elsewhere (worker threads). */
export function writeSyntheticDocument(archive: Archive, doc: SyntheticDocument, options: { prepared?: PreparedIndex; file?: StoredFile; now?: string } = {}): string {
  const { db } = archive.context;
  const now = options.now ?? new Date().toISOString();
  const id = uuidV7();
  const seq = nextDocumentSeq(db);
  const version = archive.context.clock.tick();
  insertDocument(db, {
    id, kind: doc.kind, title: doc.title, number: doc.number, date: doc.date, issuer: doc.issuer, council: null, lang: doc.lang,
    status: 'unknown', notes: '', source: null, needsOcr: false, pageCount: doc.pages.length, createdAt: now, updatedAt: now,
    origin: archive.archiveId, version, seq, numberKey: numberKeyOf(doc.number), issuerKey: issuerKeyOf(doc.issuer),
  });
  if (options.file) {
    insertFile(db, { documentId: id, sha256: options.file.sha256, size: options.file.size, mediaType: 'application/pdf', format: 'pdf', originalName: options.file.name, encoding: null, addedAt: now });
  }
  const rowIds = insertPages(db, id, doc.pages.map((text, p) => ({ pageNo: p + 1, text, textSource: 'text', needsOcr: false })));
  if (options.prepared) writeIndex(db, seq, rowIds, options.prepared);
  else indexDocumentPages(db, { seq, title: doc.title, number: doc.number, date: doc.date, lang: doc.lang }, doc.pages.map((text, p) => ({ pageRowId: rowIds[p]!, text })));
  logChange(db, { hlc: version, archiveId: archive.archiveId, entity: 'document', entityId: id, op: 'insert' });
  return id;
}
