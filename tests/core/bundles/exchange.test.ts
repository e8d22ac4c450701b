/**
 * Offices exchanging bundles, on real archives: two-archive tests in the style of Joplin's
 * two-client sync tests, and a convergence property test with three archives, random imports,
 * edits and deletions, and bundles delivered in random orders, some twice, some late.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Archive } from '../../../electron/core/archive';
import { listConflicts, resolveConflict } from '../../../electron/core/bundles/conflicts';
import { exportBundle } from '../../../electron/core/bundles/export';
import { loadOrCreateKeyPair } from '../../../electron/core/bundles/identity';
import { importBundle } from '../../../electron/core/bundles/import';
import { trustOffice } from '../../../electron/core/bundles/offices';
import { deleteDocuments, restoreDocuments, tagDocuments, updateDocument } from '../../../electron/core/documents/edit';
import { readMeta } from '../../../electron/core/db/meta';
import { archiveStateHash, tempArchive } from '../../helpers/archive';
import { tempDir } from '../../helpers/temp-dir';
import { seededRandom } from '../../../bench/synthetic-archive';

const ORDER_PDF = path.resolve(import.meta.dirname, '../../fixtures/import/kk-order-110.pdf');

const open: Archive[] = [];
afterEach(async () => {
  for (const archive of open.splice(0)) await archive.close();
});

async function office(name: string): Promise<Archive> {
  const archive = await tempArchive(path.join(tempDir(), name));
  archive.context.db.prepare("UPDATE archive_meta SET value = ? WHERE key = 'name'").run(name);
  open.push(archive);
  return archive;
}

/** Each archive trusts the others (as after reading fingerprints over the phone). */
function trustEachOther(archives: Archive[]): void {
  for (const a of archives) {
    for (const b of archives) {
      if (a === b) continue;
      const key = loadOrCreateKeyPair(b.dataDir).publicKey;
      trustOffice(a.context.db, { archiveId: b.archiveId, name: readMeta(b.context.db, 'name') ?? '', publicKey: key }, new Date(), a.archiveId);
    }
  }
}

/**
 * What must be equal in converged archives: every document's state (live or tombstone), tags,
 * files, page texts, and relations. Local bookkeeping (seq, change log, review flags, history)
 * legitimately differs.
 */
function syncStateHash(archive: Archive): string {
  const { db } = archive.context;
  const hash = createHash('sha256');
  const docs = db
    .prepare(
      `SELECT id, version, deleted, kind, title, number, date, issuer, council, lang, status, notes, source, created_at, updated_at
       FROM documents ORDER BY id`,
    )
    .all() as Array<{ id: string; deleted: number }>;
  for (const doc of docs) {
    hash.update(JSON.stringify(doc));
    hash.update(JSON.stringify(db.prepare('SELECT tag FROM document_tags WHERE document_id = ? ORDER BY tag').all(doc.id)));
    if (doc.deleted === 0) {
      hash.update(JSON.stringify(db.prepare('SELECT sha256 FROM files WHERE document_id = ? ORDER BY sha256').all(doc.id)));
      hash.update(JSON.stringify(db.prepare('SELECT page_no, text FROM pages WHERE document_id = ? ORDER BY page_no').all(doc.id)));
    }
  }
  hash.update(JSON.stringify(db.prepare('SELECT from_id, to_id, type, version, deleted FROM relations ORDER BY 1, 2, 3').all()));
  return hash.digest('hex');
}

async function send(from: Archive, to: Archive, dir: string, selection: Parameters<typeof exportBundle>[2] = { kind: 'office', office: to.archiveId }): Promise<string> {
  const file = path.join(dir, `${from.archiveId}-${to.archiveId}-${Date.now()}-${Math.random().toString(16).slice(2)}.muragat`);
  await exportBundle(from.context, file, selection);
  return file;
}

async function importText(archive: Archive, dir: string, name: string, text: string): Promise<string> {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  let id = '';
  await archive.importPaths([file], { onFile: (result) => (id = result.id ?? result.duplicateOf ?? '') });
  return id;
}

describe('two offices', () => {
  it('a document travels with its file and pages, is searchable there, and a second import changes nothing', async () => {
    const [atyrau, almaty] = [await office('Атырау облысы қоғамдық кеңесі'), await office('Алматы қоғамдық кеңесі')];
    trustEachOther([atyrau, almaty]);
    const dir = tempDir();
    let id = '';
    await atyrau.importPaths([ORDER_PDF], { onFile: (result) => (id = result.id ?? '') });
    const bundle = await send(atyrau, almaty, dir);
    const first = await importBundle(almaty.context, bundle);
    expect(first).toMatchObject({ applied: true, added: 1, updated: 0, conflicts: 0, files: 1 });
    expect(almaty.get(id).title).toBe(atyrau.get(id).title);
    expect(almaty.search({ query: 'академиялык демалыс' }).hits.map((hit) => hit.id)).toEqual([id]);
    const stored = almaty.context.store.pathOf(almaty.get(id).files[0]!.sha256);
    expect(fs.readFileSync(stored).equals(fs.readFileSync(ORDER_PDF))).toBe(true);

    const before = archiveStateHash(almaty);
    const again = await importBundle(almaty.context, bundle);
    expect(again).toMatchObject({ alreadyImported: true, added: 0, updated: 0, unchanged: 1, files: 0 });
    expect(archiveStateHash(almaty)).toBe(before);
  });

  it('edits and deletions travel back; an incremental bundle carries only what changed', async () => {
    const [a, b] = [await office('A'), await office('B')];
    trustEachOther([a, b]);
    const dir = tempDir();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(await importText(a, dir, `doc-${i}.txt`, `Қоғамдық кеңес шешімі № ${i}\nМәтін ${i} кеңес отырысы туралы.`));
    await importBundle(b.context, await send(a, b, dir));
    updateDocument(b.context, ids[0]!, { title: 'Жаңа атау: кеңес хаттамасы', tags: ['хаттама'] });
    deleteDocuments(b.context, [ids[1]!]);
    const back = await send(b, a, dir);
    const result = await importBundle(a.context, back);
    // Only the two changed documents (plus nothing else B received and had sent already).
    expect(result).toMatchObject({ updated: 1, deleted: 1, conflicts: 0 });
    expect(a.get(ids[0]!).title).toBe('Жаңа атау: кеңес хаттамасы');
    expect(() => a.get(ids[1]!)).toThrow(/no document/);
    expect(a.search({ query: 'хаттамасы' }).hits.map((hit) => hit.id)).toEqual([ids[0]]);
    expect(syncStateHash(a)).toBe(syncStateHash(b));
  });

  it('a document changed in both offices is a conflict: the newer wins, the other is kept, and resolving travels', async () => {
    const [a, b] = [await office('A'), await office('B')];
    trustEachOther([a, b]);
    const dir = tempDir();
    const id = await importText(a, dir, 'шешім.txt', 'Мәслихат шешімі: әлеуметтік маңызы бар қатынастар.');
    await importBundle(b.context, await send(a, b, dir));
    updateDocument(a.context, id, { number: '6-38' });
    updateDocument(b.context, id, { number: '6-39' }); // later: B's version is newer
    const fromA = await send(a, b, dir);
    const fromB = await send(b, a, dir);
    const atA = await importBundle(a.context, fromB);
    const atB = await importBundle(b.context, fromA);
    expect(atA.conflicts).toBe(1);
    expect(atB.conflicts).toBe(1);
    expect(a.get(id).number).toBe('6-39');
    expect(b.get(id).number).toBe('6-39');
    const conflictAtA = listConflicts(a.context);
    expect(conflictAtA).toHaveLength(1);
    expect(conflictAtA[0]).toMatchObject({ documentId: id, losingSide: 'mine' });
    expect(conflictAtA[0]!.losing.number).toBe('6-38');

    // A keeps its own number: a new edit, which B then receives as a plain update.
    resolveConflict(a.context, conflictAtA[0]!.id, 'mine');
    expect(a.get(id).number).toBe('6-38');
    expect(listConflicts(a.context)).toHaveLength(0);
    const resolved = await importBundle(b.context, await send(a, b, dir));
    expect(resolved).toMatchObject({ updated: 1, conflicts: 0 });
    expect(b.get(id).number).toBe('6-38');
  });

  it('refuses a bundle from an unknown office until its key is trusted, and a known office signing with another key', async () => {
    const [a, b, stranger] = [await office('A'), await office('B'), await office('Бейтаныс')];
    trustEachOther([a, b]);
    const dir = tempDir();
    await importText(stranger, dir, 'x.txt', 'Бейтаныс құжат');
    const bundle = await send(stranger, a, dir, { kind: 'all' });
    const before = archiveStateHash(a);
    await expect(importBundle(a.context, bundle)).rejects.toMatchObject({ code: 'BUNDLE_UNTRUSTED' });
    expect(archiveStateHash(a)).toBe(before);
    const trusted = await importBundle(a.context, bundle, { trustSigner: true });
    expect(trusted.added).toBe(1);

    // Someone copies B's archive id but signs with their own key: refused.
    fs.rmSync(path.join(stranger.dataDir, 'identity'), { recursive: true, force: true });
    stranger.context.db.prepare("UPDATE archive_meta SET value = ? WHERE key = 'archive_id'").run(b.archiveId);
    const forged = path.join(dir, 'forged.muragat');
    await exportBundle({ ...stranger.context, archiveId: b.archiveId }, forged, { kind: 'all' });
    const beforeForged = archiveStateHash(a);
    await expect(importBundle(a.context, forged)).rejects.toMatchObject({ code: 'BUNDLE_BAD_SIGNATURE' });
    expect(archiveStateHash(a)).toBe(beforeForged);
  });
});

describe('convergence', () => {
  it.each([20261126, 7, 4242])('three offices with random imports, edits and deletions, bundles in random orders, some twice, some late, end equal (seed %i)', async (seed) => {
    const random = seededRandom(seed);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
    const archives = [await office('A'), await office('B'), await office('C')];
    trustEachOther(archives);
    const dir = tempDir();
    const inTransit: Array<{ file: string; to: Archive }> = [];
    const delivered: Array<{ file: string; to: Archive }> = [];
    const words = ['кеңес', 'шешім', 'хаттама', 'заң', 'мәслихат', 'отырыс', 'бұйрық', 'жоспар', 'есеп', 'қаулы'];
    let made = 0;

    for (let step = 0; step < 40; step++) {
      const actor = pick(archives);
      const live = (actor.context.db.prepare('SELECT id FROM documents WHERE deleted = 0').all() as Array<{ id: string }>).map((row) => row.id);
      const dead = (actor.context.db.prepare('SELECT id FROM documents WHERE deleted = 1').all() as Array<{ id: string }>).map((row) => row.id);
      const roll = random();
      if (roll < 0.25 || live.length === 0) {
        made++;
        await importText(actor, dir, `doc-${made}.txt`, `${pick(words)} ${pick(words)} № ${made}\n${Array.from({ length: 20 }, () => pick(words)).join(' ')}`);
      } else if (roll < 0.45) {
        updateDocument(actor.context, pick(live), { title: `${pick(words)} ${pick(words)} ${step}` });
      } else if (roll < 0.55) {
        tagDocuments(actor.context, [pick(live)], [pick(words)], []);
      } else if (roll < 0.63) {
        deleteDocuments(actor.context, [pick(live)]);
      } else if (roll < 0.68 && dead.length) {
        restoreDocuments(actor.context, [pick(dead)]);
      } else if (roll < 0.9) {
        const to = pick(archives.filter((other) => other !== actor));
        inTransit.push({ file: await send(actor, to, dir), to });
      } else if (inTransit.length) {
        // Deliver a random bundle in transit (others stay late); sometimes deliver an old one again.
        const index = Math.floor(random() * inTransit.length);
        const [parcel] = inTransit.splice(index, 1);
        await importBundle(parcel!.to.context, parcel!.file);
        delivered.push(parcel!);
        if (random() < 0.3) {
          const again = pick(delivered);
          await importBundle(again.to.context, again.file);
        }
      }
    }
    // Late bundles arrive in a shuffled order, then a last round of incremental bundles between everyone.
    inTransit.sort(() => random() - 0.5);
    for (const parcel of inTransit) await importBundle(parcel.to.context, parcel.file);
    for (let round = 0; round < 2; round++) {
      for (const from of archives) {
        for (const to of archives) if (from !== to) await importBundle(to.context, await send(from, to, dir));
      }
    }
    const hashes = archives.map(syncStateHash);
    expect(new Set(hashes).size).toBe(1);
    const idsOf = (archive: Archive): string[] => (archive.context.db.prepare('SELECT id FROM documents ORDER BY id').all() as Array<{ id: string }>).map((row) => row.id);
    expect(idsOf(archives[1]!)).toEqual(idsOf(archives[0]!));
    expect(idsOf(archives[2]!)).toEqual(idsOf(archives[0]!));
    expect(idsOf(archives[0]!).length).toBeGreaterThan(3);
    // The run exercised what it claims: deletions travelled and concurrent edits collided somewhere.
    const tombstones = (archives[0]!.context.db.prepare('SELECT count(*) AS n FROM documents WHERE deleted = 1').get() as { n: number }).n;
    const conflicts = archives.reduce((sum, archive) => sum + (archive.context.db.prepare('SELECT count(*) AS n FROM document_history').get() as { n: number }).n, 0);
    expect(tombstones + conflicts).toBeGreaterThan(0);
    // Every archive's search agrees with its documents.
    for (const archive of archives) {
      const live = (archive.context.db.prepare('SELECT count(*) AS n FROM documents WHERE deleted = 0').get() as { n: number }).n;
      expect(archive.stats().documents).toBe(live);
    }
  }, 240_000);
});
