/**
 * The "nothing changed" tests (a refused bundle, a repeated import, an invalid edit) are only as
 * good as `archiveStateHash`: it must see a change in any table, including tables added by later
 * migrations and the search index's content, and in the stored files — and must not see changes
 * that are invisible to the user (the physical layout of the index).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Archive } from '../../electron/core/archive';
import { archiveStateHash, tempArchive } from '../helpers/archive';
import { suiteTempDir } from '../helpers/temp-dir';

let archive: Archive;
beforeAll(async () => {
  archive = await tempArchive();
  const dir = suiteTempDir();
  fs.writeFileSync(path.join(dir, 'a.txt'), 'Алматы облыстық мәслихатының шешімі: қоғамдық кеңес туралы ереже');
  fs.writeFileSync(path.join(dir, 'b.txt'), 'Решение маслихата об общественном совете');
  const summary = await archive.importPaths([dir]);
  expect(summary.imported).toBe(2);
});
afterAll(async () => {
  await archive?.close();
});

/** Runs `change` in a transaction that is rolled back, returning whether the hash saw it. */
function sees(change: () => void): boolean {
  const { db } = archive.context;
  const before = archiveStateHash(archive);
  let during: string;
  db.exec('SAVEPOINT state_hash_probe');
  try {
    change();
    during = archiveStateHash(archive);
  } finally {
    db.exec('ROLLBACK TO state_hash_probe; RELEASE state_hash_probe');
  }
  expect(archiveStateHash(archive)).toBe(before);
  return during !== before;
}

describe('archiveStateHash', () => {
  it('sees a change in tables no hand-kept list named: the archive name, trusted offices, the OCR queue', () => {
    const { db } = archive.context;
    expect(sees(() => db.prepare("UPDATE archive_meta SET value = 'Басқа' WHERE key = 'name'").run())).toBe(true);
    expect(sees(() => db.prepare("INSERT INTO trusted_offices VALUES ('x', 'Office', 'key', 'fp', 'now')").run())).toBe(true);
    const pageId = (db.prepare('SELECT id FROM pages LIMIT 1').get() as { id: number }).id;
    expect(sees(() => db.prepare("INSERT INTO ocr_forced (page_id) VALUES (?)").run(pageId))).toBe(true);
  });

  it('sees a table added after it was written (read from sqlite_master)', () => {
    const { db } = archive.context;
    expect(sees(() => db.exec('CREATE TABLE later_table (x TEXT) STRICT'))).toBe(true);
    db.exec('CREATE TABLE later_table (x TEXT) STRICT');
    try {
      expect(sees(() => db.exec("INSERT INTO later_table VALUES ('y')"))).toBe(true);
    } finally {
      db.exec('DROP TABLE later_table');
    }
  });

  it('sees a change of the search index content alone (a word indexed for a passage)', () => {
    const { db } = archive.context;
    const rowid = (db.prepare('SELECT id FROM search_chunks LIMIT 1').get() as { id: number }).id;
    expect(sees(() => db.prepare('DELETE FROM search_fts WHERE rowid = ?').run(rowid))).toBe(true);
    expect(sees(() => db.prepare("INSERT INTO search_fts (rowid, exact) VALUES (999999999, 'артық')").run())).toBe(true);
    // The same rows, one word different: a list of rowids would not see it.
    expect(
      sees(() => {
        db.prepare('DELETE FROM search_fts WHERE rowid = ?').run(rowid);
        db.prepare("INSERT INTO search_fts (rowid, exact) VALUES (?, 'артық')").run(rowid);
      }),
    ).toBe(true);
  });

  it('does not see a rewrite of the index into other segments with the same content', () => {
    const { db } = archive.context;
    expect(sees(() => db.prepare("INSERT INTO search_fts (search_fts) VALUES ('optimize')").run())).toBe(false);
  });

  it('sees a stored file whose bytes changed, or a file added to the data folder, but not scratch files in tmp/', () => {
    const before = archiveStateHash(archive);
    const { store, dataDir } = archive.context;
    const sha = (archive.context.db.prepare('SELECT sha256 FROM files LIMIT 1').get() as { sha256: string }).sha256;
    const blob = store.pathOf(sha);
    const original = fs.readFileSync(blob);
    fs.chmodSync(blob, 0o644);
    fs.writeFileSync(blob, Buffer.concat([original, Buffer.from(' ')]));
    expect(archiveStateHash(archive)).not.toBe(before);
    fs.writeFileSync(blob, original);
    expect(archiveStateHash(archive)).toBe(before);

    fs.mkdirSync(path.join(dataDir, 'outbox'), { recursive: true });
    fs.writeFileSync(path.join(dataDir, 'outbox', 'x.muragat'), 'bundle');
    expect(archiveStateHash(archive)).not.toBe(before);
    fs.rmSync(path.join(dataDir, 'outbox'), { recursive: true });

    fs.writeFileSync(path.join(dataDir, 'tmp', 'blob-1-abc'), 'half written');
    expect(archiveStateHash(archive)).toBe(before);
    fs.rmSync(path.join(dataDir, 'tmp', 'blob-1-abc'));
  });
});
