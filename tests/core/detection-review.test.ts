/**
 * Issue 12, point 3: each imported document keeps its detection (per-field confidence and
 * candidates), a document with an uncertain field waits in the review list whatever imported it,
 * and a field a person sets (override, edit, picked candidate, confirmed review) loses its mark.
 * Real archive, real files, the real detector: assertions hold for any detector that is unsure of
 * the notice's own date or number (tests/fixtures/detection/README.md).
 */
import * as path from 'node:path';
import { exportBundle } from '../../electron/core/bundles/export';
import { loadOrCreateKeyPair } from '../../electron/core/bundles/identity';
import { importBundle } from '../../electron/core/bundles/import';
import { trustOffice } from '../../electron/core/bundles/offices';
import { updateDocument } from '../../electron/core/documents/edit';
import { afterEach, describe, expect, it } from 'vitest';
import { createCoreService, serveMethod, type CoreService } from '../../electron/core/api/handlers';
import type { Archive } from '../../electron/core/archive';
import { getDetection, recordDetection } from '../../electron/core/documents/detection';
import type { ImportFileResult } from '../../electron/core/ingest/import-files';
import type { DocumentView } from '../../shared/contract';
import type { ImportJob } from '../../shared/domain/import';
import type { LibraryResponse } from '../../shared/domain/library';
import { DETECTED_FIELDS, uncertainFields, type DetectedMetadata } from '../../shared/metadata';
import { tempArchive } from '../helpers/archive';
import { FIXTURES_DIR, tempDir } from '../helpers/temp-dir';

const NOTICE = path.join(FIXTURES_DIR, 'detection/ambiguous-notice.txt');
const ORDER_PDF = path.join(FIXTURES_DIR, 'import/kk-order-110.pdf');

const open: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  for (const item of open.splice(0).reverse()) await item.close();
});

async function archiveWith(): Promise<Archive> {
  const archive = await tempArchive();
  open.push(archive);
  return archive;
}

async function importByCli(archive: Archive, paths: string[], overrides = {}): Promise<ImportFileResult[]> {
  const results: ImportFileResult[] = [];
  await archive.importPaths(paths, { overrides, onFile: (result) => results.push(result) });
  return results;
}

function pendingOf(archive: Archive, id: string): boolean {
  return archive.context.db.prepare('SELECT review_pending FROM documents WHERE id = ?').pluck().get(id) === 1;
}

function service(archive: Archive): { core: CoreService; call: <T>(method: string, params?: unknown) => Promise<T> } {
  const core = createCoreService(archive, { host: 'desktop', version: 'test', emit: () => undefined, uploads: null, resumeOcr: false });
  open.push(core);
  return { core, call: <T>(method: string, params?: unknown) => serveMethod(core.handlers, method, params) as Promise<T> };
}

describe('detection kept with the document', () => {
  it('a CLI import stores what detection said and sends a document to review exactly when a field is uncertain', async () => {
    const archive = await archiveWith();
    const results = await importByCli(archive, [NOTICE, ORDER_PDF]);
    expect(results.map((result) => result.status)).toEqual(['imported', 'imported']);
    for (const result of results) {
      const stored = getDetection(archive.context.db, result.id!);
      expect(stored?.confidence).toEqual(result.detected!.confidence);
      expect(stored?.candidates).toEqual(result.detected!.candidates);
      expect(stored?.uncertain).toEqual(uncertainFields(result.detected!));
      expect(result.detection).toEqual(stored);
      // The one rule: in review if and only if something is in doubt.
      expect(pendingOf(archive, result.id!)).toBe(stored!.uncertain.length > 0);
    }
    const notice = results.find((result) => result.path === NOTICE)!;
    expect(notice.detection!.uncertain.length).toBeGreaterThan(0);
    expect(pendingOf(archive, notice.id!)).toBe(true);
  });

  it('fields given as import overrides are not in doubt: with all of them given, the document is not sent to review', async () => {
    const first = await archiveWith();
    const [probe] = await importByCli(first, [NOTICE]);
    const doubted = probe!.detection!.uncertain;
    expect(doubted.length).toBeGreaterThan(0);

    const values = { kind: 'announcement', number: '14', date: '2024-03-12', lang: 'kk', title: 'Отырыс туралы хабарландыру', issuer: 'Қоғамдық кеңес' } as const;
    const overrides = Object.fromEntries(doubted.map((field) => [field, values[field]]));
    const second = await archiveWith();
    const [result] = await importByCli(second, [NOTICE], overrides);
    expect(result!.detection!.uncertain).toEqual([]);
    expect(getDetection(second.context.db, result!.id!)!.uncertain).toEqual([]);
    expect(pendingOf(second, result!.id!)).toBe(false);
    // What the detector said is kept as it said it.
    expect(getDetection(second.context.db, result!.id!)!.confidence).toEqual(probe!.detection!.confidence);
  });

  it('a UI import puts every document in review and its outcomes carry the detection; an edit clears that field only; confirming clears the rest', async () => {
    const archive = await archiveWith();
    const { core, call } = service(archive);
    const { jobId } = await call<{ jobId: string }>('import.start', { sources: [{ type: 'path', path: NOTICE }, { type: 'path', path: ORDER_PDF }] });
    const job: ImportJob = await core.jobs.settled(jobId);
    expect(job.files.map((file) => file.status)).toEqual(['imported', 'imported']);
    for (const file of job.files) {
      expect(pendingOf(archive, file.documentId!)).toBe(true);
      // The list of files carries confidence and what to check; the candidates are fetched by the review list.
      const { confidence, uncertain } = getDetection(archive.context.db, file.documentId!)!;
      expect(file.detection).toEqual({ confidence, uncertain });
    }
    const noticeId = job.files.find((file) => file.name === 'ambiguous-notice.txt')!.documentId!;

    const before = await call<DocumentView>('documents.get', { id: noticeId });
    expect(before.detection).not.toBeNull();
    const [field, ...rest] = before.detection!.uncertain;
    expect(field).toBeDefined();
    // The review list carries each pending document's marks and candidates.
    const list = await call<LibraryResponse>('library.browse', { reviewPending: true });
    expect(list.items.find((item) => item.id === noticeId)?.detection).toEqual(before.detection);

    const patch = { kind: { kind: 'announcement' }, number: { number: '15' }, date: { date: '2024-03-19' }, lang: { lang: 'kk' }, title: { title: 'Хабарландыру' }, issuer: { issuer: 'Қоғамдық кеңес' } }[field!];
    const after = await call<DocumentView>('documents.update', { id: noticeId, patch });
    expect(after.detection!.uncertain).toEqual(rest);
    expect(after.detection!.confidence).toEqual(before.detection!.confidence);
    expect(after.reviewPending).toBe(true);
    // Still marked after a reload (it is stored, not a screen's memory).
    expect((await call<DocumentView>('documents.get', { id: noticeId })).detection!.uncertain).toEqual(rest);

    await call('documents.confirmReview', { ids: [noticeId] });
    const confirmed = await call<DocumentView>('documents.get', { id: noticeId });
    expect(confirmed.reviewPending).toBe(false);
    expect(confirmed.detection!.uncertain).toEqual([]);
    const all = await call<LibraryResponse>('library.browse', {});
    // Out of review, a library item does not carry its detection (pages of the library stay small).
    expect(all.items.find((item) => item.id === noticeId)!.detection).toBeUndefined();
  });
});

describe('recordDetection (OCR re-detection)', () => {
  it('replaces the detection of a document, keeps what a person settled, and sends it back to review only for fields still in doubt', async () => {
    const archive = await archiveWith();
    const [result] = await importByCli(archive, [ORDER_PDF], { date: '2017-03-10' });
    const db = archive.context.db;
    db.prepare('UPDATE documents SET review_pending = 0 WHERE id = ?').run(result!.id);
    const sure = Object.fromEntries(DETECTED_FIELDS.map((field) => [field, 0.95])) as DetectedMetadata['confidence'];

    db.transaction(() => recordDetection(db, result!.id!, { confidence: { ...sure, date: 0.2 }, candidates: {} }, { now: 'now', review: 'uncertain' }))();
    // The date was given at import: a new doubt about it does not matter.
    expect(getDetection(db, result!.id!)).toEqual({ confidence: { ...sure, date: 0.2 }, candidates: {}, uncertain: [] });
    expect(pendingOf(archive, result!.id!)).toBe(false);

    const candidates = { number: [{ value: '110', score: 0.5, evidence: ['head-block'], excerpt: '№ 110' }, { value: '11', score: 0.3, evidence: [] }] };
    db.transaction(() => recordDetection(db, result!.id!, { confidence: { ...sure, number: 0.5 }, candidates }, { now: 'now', review: 'uncertain' }))();
    expect(getDetection(db, result!.id!)).toEqual({ confidence: { ...sure, number: 0.5 }, candidates, uncertain: ['number'] });
    expect(pendingOf(archive, result!.id!)).toBe(true);
  });
});

describe('detection across offices', () => {
  it('a bundle carries no detection; a doubted field that a person in another office changes is no longer in doubt here', async () => {
    const [a, b] = [await archiveWith(), await archiveWith()];
    for (const [from, to] of [[a, b], [b, a]] as const) {
      trustOffice(to.context.db, { archiveId: from.archiveId, name: 'office', publicKey: loadOrCreateKeyPair(from.dataDir).publicKey }, new Date(), to.archiveId);
    }
    const dir = tempDir();
    const [imported] = await importByCli(a, [NOTICE]);
    const id = imported!.id!;
    const [field, ...rest] = getDetection(a.context.db, id)!.uncertain;
    expect(field).toBeDefined();

    const toB = path.join(dir, 'a-to-b.muragat');
    await exportBundle(a.context, toB, { kind: 'all' });
    await importBundle(b.context, toB);
    // Other offices receive the details, not this computer's doubts about them.
    expect(getDetection(b.context.db, id)).toBeNull();
    expect(pendingOf(b, id)).toBe(false);

    const values = { kind: 'announcement', number: '15', date: '2024-03-19', lang: 'ru', title: 'Хабарландыру', issuer: 'Қоғамдық кеңес' } as const;
    updateDocument(b.context, id, { [field!]: values[field!] });
    const toA = path.join(dir, 'b-to-a.muragat');
    await exportBundle(b.context, toA, { kind: 'all' });
    await importBundle(a.context, toA);
    expect(getDetection(a.context.db, id)!.uncertain).toEqual(rest);
  });
});
