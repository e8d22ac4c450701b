/**
 * The core's side of the UI contract, on a real archive with real files: validation at the
 * boundary, edits that keep the search index right, the bin with undo, tags, relations, review,
 * and background import jobs with their events.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContractEvent } from '../../../shared/contract';
import { MuragatError } from '../../../shared/errors';
import { createCoreService, serveMethod, type CoreService } from '../../../electron/core/api/handlers';
import type { Archive } from '../../../electron/core/archive';
import { archiveStateHash, tempArchive } from '../../helpers/archive';
import { suiteTempDir } from '../../helpers/temp-dir';

const FIXTURES = path.resolve(import.meta.dirname, '../../fixtures');
const ORDER_PDF = path.join(FIXTURES, 'import/kk-order-110.pdf');

let archive: Archive;
let service: CoreService;
const events: ContractEvent[] = [];
let orderId: string;
let textId: string;

const call = (method: string, params?: unknown): Promise<unknown> => serveMethod(service.handlers, method, params);

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return (error as MuragatError).code;
  }
  return 'no error';
}

beforeAll(async () => {
  archive = await tempArchive();
  // The desktop core: it imports by path (browser mode takes uploads only, see tests/core/server/browser-paths.test.ts).
  service = createCoreService(archive, { host: 'desktop', version: 'test', emit: (event) => events.push(event), uploads: null });
  const { jobId } = (await call('import.start', { sources: [{ type: 'path', path: ORDER_PDF }, { type: 'path', path: path.join(FIXTURES, 'extract/kaz.md') }] })) as { jobId: string };
  const job = await service.jobs.settled(jobId);
  orderId = job.files.find((file) => file.name === 'kk-order-110.pdf')!.documentId!;
  textId = job.files.find((file) => file.name === 'kaz.md')!.documentId!;
});

afterAll(async () => {
  await service.close();
  await archive.close();
});

describe('import jobs', () => {
  it('reports progress and each file as events, ends finished, and puts new documents in review', async () => {
    const progress = events.filter((event) => event.name === 'import.progress');
    expect(progress.length).toBeGreaterThan(0);
    const last = progress.at(-1)!.payload as { state: string; filesDone: number; filesTotal: number; counts: { imported: number } };
    expect(last).toMatchObject({ state: 'finished', filesDone: 2, filesTotal: 2, counts: { imported: 2 } });
    expect(events.filter((event) => event.name === 'import.file')).toHaveLength(2);
    expect(events.some((event) => event.name === 'archive.changed')).toBe(true);
    const pending = (await call('library.browse', { reviewPending: true })) as { total: number };
    expect(pending.total).toBe(2);
  });

  it('lists a duplicate with the document that holds it, and a broken file with its error code', async () => {
    const broken = path.join(suiteTempDir(), 'broken.pdf');
    fs.writeFileSync(broken, '%PDF-1.7\nthis is not really a pdf');
    const { jobId } = (await call('import.start', { sources: [{ type: 'path', path: ORDER_PDF }, { type: 'path', path: broken }] })) as { jobId: string };
    const job = await service.jobs.settled(jobId);
    expect(job.files.find((file) => file.name === 'kk-order-110.pdf')).toMatchObject({ status: 'duplicate', duplicateOf: orderId });
    expect(job.files.find((file) => file.name === 'broken.pdf')?.error?.code).toBe('PDF_CORRUPT');
    expect((await call('import.list')) as unknown[]).toHaveLength(2);
    // A finished job keeps its duration (a screen shown again later must not see it grow).
    const first = ((await call('import.get', { jobId })) as { elapsedMs: number }).elapsedMs;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(((await call('import.get', { jobId })) as { elapsedMs: number }).elapsedMs).toBe(first);
  });

  it('refuses relative paths and unknown upload ids instead of guessing', async () => {
    expect(await codeOf(call('import.start', { sources: [{ type: 'path', path: 'relative/file.pdf' }] }))).toBe('INVALID_INPUT');
    expect(await codeOf(call('import.start', { sources: [{ type: 'upload', uploadId: '0123456789abcdef' }] }))).toBe('NOT_SUPPORTED');
  });
});

describe('validation at the boundary', () => {
  it('refuses unknown methods, wrong shapes and extra fields with INVALID_INPUT naming the field', async () => {
    expect(await codeOf(call('documents.drop', {}))).toBe('INVALID_INPUT');
    expect(await codeOf(call('documents.get', { id: 42 }))).toBe('INVALID_INPUT');
    expect(await codeOf(call('search.query', { query: 'x', limit: 10_000 }))).toBe('INVALID_INPUT');
    expect(await codeOf(call('documents.update', { id: orderId, patch: { title: 'x', evil: true } }))).toBe('INVALID_INPUT');
    try {
      await call('documents.update', { id: orderId, patch: { date: '14.09.2023' } });
    } catch (error) {
      expect((error as MuragatError).details.field).toBe('patch.date');
    }
  });

  it('answers desktop-only methods with NOT_SUPPORTED (the desktop shell answers them itself)', async () => {
    expect(await codeOf(call('app.pickImportPaths', { folders: true }))).toBe('NOT_SUPPORTED');
  });
});

describe('editing', () => {
  it('changes metadata, keeps the index in step with the new title, and logs one change', async () => {
    const before = (await call('documents.get', { id: textId })) as { version: string };
    const saved = (await call('documents.update', {
      id: textId,
      expectedVersion: before.version,
      patch: { title: 'Тұрғындардың өтініштері туралы анықтама', kind: 'report', date: '2024-02-29', tags: ['кеңес', ' кеңес ', 'есеп'] },
    })) as { title: string; kind: string; date: string; tags: string[]; version: string };
    expect(saved).toMatchObject({ title: 'Тұрғындардың өтініштері туралы анықтама', kind: 'report', date: '2024-02-29' });
    expect(saved.tags.sort()).toEqual(['есеп', 'кеңес']);
    expect(saved.version > before.version).toBe(true);
    // The new title is searchable at once, in an inflected form typed on a Russian keyboard.
    const found = archive.search({ query: 'турғындардын' });
    expect(found.hits.map((hit) => hit.id)).toContain(textId);
  });

  it('refuses an impossible date and an empty title, and changes nothing', async () => {
    const before = archiveStateHash(archive);
    expect(await codeOf(call('documents.update', { id: textId, patch: { date: '2023-02-30' } }))).toBe('INVALID_INPUT');
    expect(await codeOf(call('documents.update', { id: textId, patch: { title: '   ' } }))).toBe('INVALID_INPUT');
    expect(archiveStateHash(archive)).toBe(before);
  });

  it('keeps control characters and direction overrides out of the stored fields (they would reach every screen, terminal and office)', async () => {
    const saved = (await call('documents.update', {
      id: textId,
      patch: { title: 'Шешім\x1b[2J туралы\u202e анықтама', number: '№\u00076-38', issuer: 'Мәслихат\x00', tags: ['кеңес\x1b'], notes: 'Бірінші жол\nЕкінші\tжол\x1b\u2066' },
    })) as { title: string; number: string; issuer: string; tags: string[]; notes: string };
    expect(saved.title).toBe('Шешім [2J туралы анықтама');
    expect(saved.number).toBe('№ 6-38');
    expect(saved.issuer).toBe('Мәслихат');
    expect(saved.tags).toEqual(['кеңес']);
    expect(saved.notes).toBe('Бірінші жол\nЕкінші\tжол');
  });

  it('refuses a save based on an old version with CONFLICT', async () => {
    expect(await codeOf(call('documents.update', { id: textId, expectedVersion: '0000000000000-0000-old', patch: { number: '1' } }))).toBe('CONFLICT');
  });

  it('a save that changes nothing makes no new version', async () => {
    const before = (await call('documents.get', { id: textId })) as { version: string; kind: string };
    const after = (await call('documents.update', { id: textId, patch: { kind: before.kind } })) as { version: string };
    expect(after.version).toBe(before.version);
  });
});

describe('bin, tags, relations, review', () => {
  it('deletes to the bin (gone from search and library) and restores with undo', async () => {
    const deleted = (await call('documents.delete', { ids: [orderId] })) as { deleted: string[] };
    expect(deleted.deleted).toEqual([orderId]);
    expect(archive.search({ query: 'академиялық демалыс' }).hits.map((hit) => hit.id)).not.toContain(orderId);
    expect(await codeOf(call('documents.get', { id: orderId }))).toBe('NOT_FOUND');
    await call('documents.restore', { ids: [orderId] });
    expect(archive.search({ query: 'академиялық демалыс' }).hits.map((hit) => hit.id)).toContain(orderId);
  });

  it('tags many documents at once and the library filters and counts by tag', async () => {
    const result = (await call('documents.tag', { ids: [orderId, textId], add: ['мұрағат'], remove: ['есеп'] })) as { changed: number };
    expect(result.changed).toBe(2);
    const library = (await call('library.browse', { tags: ['мұрағат'] })) as { total: number; facets: { tag: Array<{ value: string; count: number }> } };
    expect(library.total).toBe(2);
    expect(library.facets.tag).toContainEqual({ value: 'мұрағат', count: 2 });
  });

  it('links a translation both ways and unlinks it', async () => {
    const linked = (await call('relations.add', { fromId: textId, toId: orderId, type: 'translation_of' })) as { relations: Array<{ otherId: string; direction: string }> };
    expect(linked.relations).toContainEqual(expect.objectContaining({ otherId: orderId, direction: 'outgoing' }));
    const other = (await call('documents.get', { id: orderId })) as { relations: Array<{ otherId: string; direction: string }> };
    expect(other.relations).toContainEqual(expect.objectContaining({ otherId: textId, direction: 'incoming' }));
    expect(await codeOf(call('relations.add', { fromId: textId, toId: textId, type: 'refers_to' }))).toBe('INVALID_INPUT');
    const unlinked = (await call('relations.remove', { fromId: textId, toId: orderId, type: 'translation_of' })) as { relations: unknown[] };
    expect(unlinked.relations).toEqual([]);
  });

  it('confirming review takes documents off the review list', async () => {
    expect(((await call('documents.confirmReview', { ids: [orderId, textId] })) as { confirmed: number }).confirmed).toBe(2);
    expect(((await call('library.browse', { reviewPending: true })) as { total: number }).total).toBe(0);
  });

  it('renames the archive', async () => {
    const info = (await call('archive.rename', { name: '  Атырау облысы қоғамдық кеңесі ' })) as { archiveName: string };
    expect(info.archiveName).toBe('Атырау облысы қоғамдық кеңесі');
    expect(await codeOf(call('archive.rename', { name: '' }))).toBe('INVALID_INPUT');
  });
});
