import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate, MIGRATIONS, LATEST_SCHEMA_VERSION, schemaVersion } from '../../electron/core/db/migrations';
import { openArchiveDatabase } from '../../electron/core/db/open-archive-db';
import { openSqlite } from '../../electron/core/db/sqlite';
import { KIND_CODES } from '../../shared/domain/kinds';
import { MuragatError } from '../../shared/errors';
import { tempDir } from '../helpers/temp-dir';

function freshDb() {
  return openSqlite(path.join(tempDir(), 'archive.sqlite'));
}

const insertDocumentSql = `INSERT INTO documents (id, kind, title, lang, created_at, updated_at, origin, version)
  VALUES (@id, @kind, @title, @lang, '2026-01-01', '2026-01-01', 'aaaaaaaaaaaaaaaa', 'v')`;

describe('migration 10: initial data model', () => {
  it('creates STRICT tables with the kind vocabulary and enforces the domain', () => {
    const db = freshDb();
    migrate(db, 10);
    expect(schemaVersion(db)).toBe(10);
    const kinds = db.prepare('SELECT code, label_kk, label_ru FROM kinds ORDER BY position').all() as Array<{ code: string; label_kk: string; label_ru: string }>;
    expect(kinds.map((k) => k.code)).toEqual([...KIND_CODES]);
    expect(kinds.find((k) => k.code === 'order')).toMatchObject({ label_kk: 'Бұйрық', label_ru: 'Приказ' });

    const insert = db.prepare(insertDocumentSql);
    insert.run({ id: 'd1', kind: 'law', title: 'Заң', lang: 'kk' });
    // Unknown kind: foreign key. Unknown language: CHECK. Wrong type in a STRICT table: refused.
    expect(() => insert.run({ id: 'd2', kind: 'poem', title: 'x', lang: 'kk' })).toThrow(/FOREIGN KEY/);
    expect(() => insert.run({ id: 'd3', kind: 'law', title: 'x', lang: 'de' })).toThrow(/CHECK/);
    expect(() => db.prepare("UPDATE documents SET page_count = 'many' WHERE id = 'd1'").run()).toThrow(/cannot store TEXT value in INTEGER column/);
    expect(() => db.prepare("UPDATE documents SET date = '02.11.2015' WHERE id = 'd1'").run()).toThrow(/CHECK/);
  });

  it('cascades pages, files and tags with their document, and forbids self-relations', () => {
    const db = freshDb();
    migrate(db, 10);
    const insert = db.prepare(insertDocumentSql);
    insert.run({ id: 'd1', kind: 'law', title: 'A', lang: 'kk' });
    insert.run({ id: 'd2', kind: 'law', title: 'B', lang: 'ru' });
    db.prepare("INSERT INTO pages (document_id, page_no, text, text_source) VALUES ('d1', 1, 'мәтін', 'text')").run();
    db.prepare("INSERT INTO files (document_id, sha256, size, media_type, format, original_name, added_at) VALUES ('d1', ?, 1, 'text/plain', 'txt', 'a.txt', 'now')").run('a'.repeat(64));
    db.prepare("INSERT INTO document_tags (document_id, tag) VALUES ('d1', 'кеңес')").run();
    db.prepare("INSERT INTO relations (from_id, to_id, type, created_at, origin, version) VALUES ('d1', 'd2', 'translation_of', 'now', 'o', 'v')").run();
    expect(() => db.prepare("INSERT INTO relations (from_id, to_id, type, created_at, origin, version) VALUES ('d1', 'd1', 'amends', 'now', 'o', 'v')").run()).toThrow(/CHECK/);
    db.prepare("DELETE FROM documents WHERE id = 'd1'").run();
    for (const table of ['pages', 'files', 'document_tags', 'relations']) {
      expect((db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n).toBe(0);
    }
  });
});

describe('migration 20: page search index', () => {
  it('adds a contentless FTS5 table whose rows can be deleted and that folds Kazakh case', () => {
    const db = freshDb();
    migrate(db, 10);
    migrate(db, 20);
    expect(schemaVersion(db)).toBe(20);
    db.prepare('INSERT INTO page_fts (rowid, title, number, body) VALUES (1, ?, ?, ?)').run('ҚАЗАҚСТАН РЕСПУБЛИКАСЫНЫҢ ЗАҢЫ', '383-v', 'қоғамдық кеңестер туралы');
    const find = (q: string) => db.prepare('SELECT rowid FROM page_fts WHERE page_fts MATCH ?').all(q);
    expect(find('"қазақстан"')).toHaveLength(1);
    expect(find('"кеңес"*')).toHaveLength(1);
    expect(find('number:"383-v"')).toHaveLength(1);
    db.prepare('DELETE FROM page_fts WHERE rowid = 1').run();
    expect(find('"қазақстан"')).toHaveLength(0);
  });
});

describe('migration 30: search index', () => {
  it('numbers existing documents, replaces the first index, and indexes forms split only at spaces', () => {
    const db = freshDb();
    migrate(db, 20);
    db.prepare(insertDocumentSql).run({ id: 'd1', kind: 'law', title: 'Заң', lang: 'kk' });
    db.prepare(insertDocumentSql).run({ id: 'd2', kind: 'order', title: 'Бұйрық', lang: 'kk' });
    db.prepare("INSERT INTO archive_meta (key, value) VALUES ('analyzer_version', 'old')").run();
    migrate(db, 30);
    expect(schemaVersion(db)).toBe(30);
    const seqs = db.prepare('SELECT id, seq FROM documents ORDER BY seq').all() as Array<{ id: string; seq: number }>;
    expect(seqs.map((row) => row.id)).toEqual(['d1', 'd2']);
    expect(new Set(seqs.map((row) => row.seq)).size).toBe(2);
    expect(() => db.prepare('UPDATE documents SET seq = ? WHERE id = ?').run(seqs[0]!.seq, 'd2')).toThrow(/UNIQUE/);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'page_fts'").get()).toBeUndefined();
    // The old analyzer version is forgotten, so the archive rebuilds its index on the next open.
    expect(db.prepare("SELECT value FROM archive_meta WHERE key = 'analyzer_version'").get()).toBeUndefined();
    db.prepare('INSERT INTO search_fts (rowid, title, number, exact, stem, loose) VALUES (?, ?, ?, ?, ?, ?)').run(65536, 'заң', '383-vkpз', 'қоғамдық кеңестер 02.11.2015', 'кеңес', 'когамдык кенес');
    const find = (q: string) => db.prepare('SELECT rowid FROM search_fts WHERE search_fts MATCH ?').pluck().all(q);
    expect(find('"кеңестер"')).toEqual([65536]);
    expect(find('"02.11.2015"')).toEqual([65536]);
    expect(find('"383-vkpз"')).toEqual([65536]);
    expect(find('"02"')).toEqual([]);
    expect(db.prepare("SELECT doc FROM search_vocab WHERE term = 'кеңес' AND col = 'stem'").pluck().get()).toBe(1);
  });
});

describe('migration 40: review', () => {
  it('adds the review flag, off for documents that already exist', () => {
    const db = freshDb();
    migrate(db, 30);
    db.prepare(insertDocumentSql).run({ id: 'd1', kind: 'law', title: 'Заң', lang: 'kk' });
    migrate(db, 40);
    expect(db.prepare('SELECT review_pending FROM documents WHERE id = ?').pluck().get('d1')).toBe(0);
    expect(() => db.prepare('UPDATE documents SET review_pending = 2').run()).toThrow(/CHECK/);
  });
});

describe('migration 50: exchange', () => {
  it('adds ancestry, history, trusted offices, the bundle log and watermarks', () => {
    const db = freshDb();
    migrate(db, 40);
    db.prepare(insertDocumentSql).run({ id: 'd1', kind: 'law', title: 'Заң', lang: 'kk' });
    migrate(db, 50);
    expect(db.prepare('SELECT ancestors FROM documents WHERE id = ?').pluck().get('d1')).toBe('[]');
    db.prepare("INSERT INTO document_history (document_id, version, origin, record, side, created_at) VALUES ('d1', 'v', 'o', '{}', 'mine', 'now')").run();
    expect(() => db.prepare("INSERT INTO document_history (document_id, version, origin, record, side, created_at) VALUES ('d1', 'v', 'o', '{}', 'ours', 'now')").run()).toThrow(/CHECK/);
    // History goes with its document.
    db.prepare("DELETE FROM documents WHERE id = 'd1'").run();
    expect(db.prepare('SELECT count(*) FROM document_history').pluck().get()).toBe(0);
    db.prepare("INSERT INTO bundle_log (bundle_id, direction, office_id, office_name, file_name, created_at, logged_at, summary) VALUES ('b', 'received', 'o', 'O', 'f', 'now', 'now', '{}')").run();
    expect(() => db.prepare("INSERT INTO bundle_log (bundle_id, direction, office_id, office_name, file_name, created_at, logged_at, summary) VALUES ('b', 'received', 'o', 'O', 'f', 'now', 'now', '{}')").run()).toThrow(/UNIQUE/);
    db.prepare("INSERT INTO trusted_offices (archive_id, name, public_key, fingerprint, added_at) VALUES ('a', 'A', 'k', 'f', 'now')").run();
    db.prepare("INSERT INTO sync_watermarks (office_id, change_seq, updated_at) VALUES ('a', 5, 'now')").run();
    expect(db.prepare('SELECT change_seq FROM sync_watermarks').pluck().get()).toBe(5);
  });
});

describe('migration 60: search write buffer', () => {
  it('sets a 16 MB FTS5 write buffer that every connection then uses, and the index still works', () => {
    const db = freshDb();
    migrate(db, 50);
    migrate(db, 60);
    expect(db.prepare("SELECT v FROM search_fts_config WHERE k = 'hashsize'").pluck().get()).toBe(16777216);
    db.prepare('INSERT INTO search_fts (rowid, title, number, exact, stem, loose) VALUES (?, ?, ?, ?, ?, ?)').run(65536, 'заң', '', 'кеңес', '', 'кенес');
    expect(db.prepare('SELECT rowid FROM search_fts WHERE search_fts MATCH ?').pluck().all('"кенес"')).toEqual([65536]);
  });
});

describe('migration 80: one live local copy per content', () => {
  it('migrates an archive that already holds duplicates without failing or deleting, and enforces it after', () => {
    const db = freshDb();
    migrate(db, 70);
    db.prepare("INSERT INTO archive_meta (key, value) VALUES ('archive_id', 'aaaaaaaaaaaaaaaa')").run();
    const doc = db.prepare(`INSERT INTO documents (id, kind, title, created_at, updated_at, origin, version, seq, deleted) VALUES (?, 'law', ?, ?, ?, ?, 'v', ?, ?)`);
    const file = db.prepare("INSERT INTO files (document_id, sha256, size, media_type, format, original_name, added_at) VALUES (?, ?, 1, 'text/plain', 'txt', 'a.txt', 'now')");
    const same = 'a'.repeat(64);
    // Three local copies of one content (the race this migration closes), one in the bin, one
    // received from another office, and a deleted copy of another content.
    doc.run('d1', 'first', '2026-01-01', '2026-01-01', 'aaaaaaaaaaaaaaaa', 1, 0);
    doc.run('d2', 'second', '2026-01-02', '2026-01-02', 'aaaaaaaaaaaaaaaa', 2, 0);
    doc.run('d3', 'binned', '2026-01-03', '2026-01-03', 'aaaaaaaaaaaaaaaa', 3, 1);
    doc.run('d4', 'received', '2026-01-04', '2026-01-04', 'bbbbbbbbbbbbbbbb', 4, 0);
    doc.run('d5', 'other', '2026-01-05', '2026-01-05', 'aaaaaaaaaaaaaaaa', 5, 1);
    for (const id of ['d1', 'd2', 'd3', 'd4']) file.run(id, same);
    file.run('d5', 'b'.repeat(64));
    db.prepare("INSERT INTO pending_blobs (sha256, pid, host, started_at) VALUES (?, 1, 'h', 'now')").run(same);

    migrate(db, 80);
    const claims = db.prepare('SELECT d.id AS id, f.claim AS claim FROM files f JOIN documents d ON d.id = f.document_id ORDER BY d.id').all();
    expect(claims).toEqual([
      { id: 'd1', claim: 'held' },
      { id: 'd2', claim: null },
      { id: 'd3', claim: 'released' },
      { id: 'd4', claim: null },
      { id: 'd5', claim: 'released' },
    ]);
    expect(db.prepare('SELECT count(*) FROM documents').pluck().get()).toBe(5);
    expect(db.prepare('SELECT count(*) FROM pending_blobs').pluck().get()).toBe(1);
    // One pending row per writer now: two processes writing the same blob both register.
    db.prepare("INSERT INTO pending_blobs (sha256, pid, host, started_at) VALUES (?, 2, 'h', 'now')").run(same);
    // A second live local copy cannot take the claim.
    expect(() => db.prepare("UPDATE files SET claim = 'held' WHERE document_id = 'd2'").run()).toThrow(/UNIQUE constraint failed: files\.sha256/);
    // The bin releases the claim; restoring takes it back only when nobody else holds it.
    db.prepare("UPDATE documents SET deleted = 1 WHERE id = 'd1'").run();
    expect(db.prepare("SELECT claim FROM files WHERE document_id = 'd1'").pluck().get()).toBe('released');
    db.prepare("UPDATE documents SET deleted = 0 WHERE id = 'd3'").run();
    expect(db.prepare("SELECT claim FROM files WHERE document_id = 'd3'").pluck().get()).toBe('held');
    db.prepare("UPDATE documents SET deleted = 0 WHERE id = 'd1'").run();
    expect(db.prepare("SELECT claim FROM files WHERE document_id = 'd1'").pluck().get()).toBe('released');
  });
});

describe('0090 detection', () => {
  it("adds the new kinds to an archive made with the old vocabulary, and keeps each document's detection until the document goes", () => {
    const db = freshDb();
    migrate(db, 80);
    // An archive created before 0090 knew sixteen kinds: the four new ones were not there.
    db.prepare("DELETE FROM kinds WHERE code IN ('transcript', 'inquiry', 'memorandum', 'announcement')").run();
    db.prepare("INSERT INTO archive_meta (key, value) VALUES ('archive_id', 'aaaaaaaaaaaaaaaa')").run();
    const doc = db.prepare(`INSERT INTO documents (id, kind, title, created_at, updated_at, origin, version, seq, deleted) VALUES (?, ?, ?, 'now', 'now', 'aaaaaaaaaaaaaaaa', 'v', ?, 0)`);
    expect(() => doc.run('d0', 'transcript', 'Стенограмма', 1)).toThrow(/FOREIGN KEY/);

    migrate(db, 90);
    const kinds = db.prepare('SELECT code FROM kinds ORDER BY position').pluck().all();
    expect(kinds).toEqual([...KIND_CODES]);
    doc.run('d1', 'transcript', 'Стенографиялық есеп', 1);
    db.prepare("INSERT INTO document_detection (document_id, confidence, candidates, detected_at) VALUES ('d1', ?, ?, 'now')").run(
      JSON.stringify({ kind: 0.9 }),
      JSON.stringify({ kind: [{ value: 'transcript', score: 0.9, evidence: ['heading'] }] }),
    );
    expect(() => db.prepare("INSERT INTO document_detection (document_id, confidence, candidates, detected_at) VALUES ('d1', 'not json', '{}', 'now')").run()).toThrow();
    db.prepare("DELETE FROM documents WHERE id = 'd1'").run();
    expect(db.prepare('SELECT count(*) FROM document_detection').pluck().get()).toBe(0);
  });
});

describe('migrator', () => {
  it('brings a new database to the latest version, and is a no-op the second time', () => {
    const db = freshDb();
    expect(migrate(db)).toBe(LATEST_SCHEMA_VERSION);
    expect(migrate(db)).toBe(LATEST_SCHEMA_VERSION);
    expect(MIGRATIONS.map((m) => m.version)).toEqual([...MIGRATIONS.map((m) => m.version)].sort((a, b) => a - b));
  });

  it('refuses a database written by a newer Muragat, with a message that says to update', () => {
    const db = freshDb();
    migrate(db);
    db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 10}`);
    let caught: unknown;
    try {
      migrate(db);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(MuragatError);
    expect((caught as MuragatError).code).toBe('ARCHIVE_NEWER_VERSION');
    expect((caught as MuragatError).message).toMatch(/newer version of Muragat/);
  });
});

describe('0100 detection settled', () => {
  it('gives detections kept before it no settled field, and refuses a settled list that is not JSON', () => {
    const db = freshDb();
    migrate(db, 90);
    db.prepare("INSERT INTO archive_meta (key, value) VALUES ('archive_id', 'aaaaaaaaaaaaaaaa')").run();
    db.prepare("INSERT INTO documents (id, kind, title, created_at, updated_at, origin, version, seq, deleted) VALUES ('d1', 'law', 'Заң', 'now', 'now', 'aaaaaaaaaaaaaaaa', 'v', 1, 0)").run();
    db.prepare("INSERT INTO document_detection (document_id, confidence, candidates, detected_at) VALUES ('d1', '{\"date\":0.4}', '{}', 'now')").run();
    migrate(db, 100);
    expect(db.prepare("SELECT settled FROM document_detection WHERE document_id = 'd1'").pluck().get()).toBe('[]');
    expect(() => db.prepare("UPDATE document_detection SET settled = 'date' WHERE document_id = 'd1'").run()).toThrow(/CHECK/);
  });
});

describe('0110 text repair', () => {
  it('gives files stored before it no repair note, and keeps a legacy-font repair note as JSON', () => {
    const db = freshDb();
    migrate(db, 100);
    db.prepare("INSERT INTO archive_meta (key, value) VALUES ('archive_id', 'aaaaaaaaaaaaaaaa')").run();
    db.prepare("INSERT INTO documents (id, kind, title, created_at, updated_at, origin, version, seq, deleted) VALUES ('d1', 'decision', 'Шешім', 'now', 'now', 'aaaaaaaaaaaaaaaa', 'v', 1, 0)").run();
    const file = db.prepare("INSERT INTO files (document_id, sha256, size, media_type, format, original_name, added_at) VALUES ('d1', ?, 1, 'application/msword', 'doc', ?, 'now')");
    file.run('a'.repeat(64), 'old.doc');
    migrate(db, 110);
    expect(db.prepare("SELECT text_repair FROM files WHERE original_name = 'old.doc'").pluck().get()).toBeNull();
    file.run('b'.repeat(64), 'legacy.doc');
    db.prepare("UPDATE files SET text_repair = ? WHERE original_name = 'legacy.doc'").run(JSON.stringify({ kind: 'legacy-kazakh-font', mapping: 'kz1048' }));
    expect(JSON.parse(db.prepare("SELECT text_repair FROM files WHERE original_name = 'legacy.doc'").pluck().get() as string)).toEqual({ kind: 'legacy-kazakh-font', mapping: 'kz1048' });
    expect(() => db.prepare("UPDATE files SET text_repair = 'kz1048' WHERE original_name = 'legacy.doc'").run()).toThrow(/CHECK/);
  });
});

describe('opening an archive while another process holds a lock SQLite does not wait for', () => {
  function busy(): Error {
    return Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
  }

  it('repeats the whole open until the lock is gone, and leaves no connection behind', () => {
    const dataDir = path.join(tempDir(), 'archive');
    const seen: Array<{ open: boolean }> = [];
    let attempts = 0;
    const opened = openArchiveDatabase(dataDir, {
      access: 'write',
      migrate(db) {
        seen.push(db);
        attempts++;
        if (attempts < 3) throw busy();
        migrate(db);
      },
    });
    expect(attempts).toBe(3);
    expect(schemaVersion(opened.db)).toBe(LATEST_SCHEMA_VERSION);
    // The two refused attempts closed their connections.
    expect(seen.map((db) => db.open)).toEqual([false, false, true]);
    opened.db.close();
  });

  it('gives up with DATABASE_BUSY when the lock outlasts the busy timeout', () => {
    const dataDir = path.join(tempDir(), 'archive');
    const started = Date.now();
    let thrown: unknown;
    try {
      openArchiveDatabase(dataDir, { access: 'write', busyTimeoutMs: 300, migrate: () => { throw busy(); } });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(MuragatError);
    expect((thrown as MuragatError).code).toBe('DATABASE_BUSY');
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
  });

  it('does not repeat an open that failed for another reason', () => {
    const dataDir = path.join(tempDir(), 'archive');
    let attempts = 0;
    expect(() =>
      openArchiveDatabase(dataDir, {
        access: 'write',
        migrate: () => {
          attempts++;
          throw new Error('no such table: documents');
        },
      }),
    ).toThrow(/cannot prepare the archive database/);
    expect(attempts).toBe(1);
  });
});

describe('0120 learned abbreviations', () => {
  it('starts empty, refuses a definition without a full form, and forgets a document that goes to the bin or away', () => {
    const db = freshDb();
    migrate(db, 110);
    db.prepare("INSERT INTO archive_meta (key, value) VALUES ('archive_id', 'aaaaaaaaaaaaaaaa')").run();
    const doc = db.prepare("INSERT INTO documents (id, kind, title, created_at, updated_at, origin, version, seq, deleted) VALUES (?, 'regulation', 'Қағидалар', 'now', 'now', 'aaaaaaaaaaaaaaaa', 'v', ?, 0)");
    doc.run('d1', 1);
    doc.run('d2', 2);
    migrate(db, 120);
    const count = () => db.prepare('SELECT count(*) FROM learned_abbreviations').pluck().get();
    expect(count()).toBe(0);
    const insert = db.prepare('INSERT INTO learned_abbreviations (seq, key, short, full, count) VALUES (?, ?, ?, ?, 1)');
    insert.run(1, 'типо', 'ТиПО', 'техническое и профессиональное образование');
    insert.run(2, 'жоо', 'ЖОО', 'жоғары оқу орны');
    expect(() => insert.run(1, 'мио', 'МИО', '')).toThrow(/CHECK/);
    expect(() => insert.run(1, 'типо', 'ТиПО', 'техническое и профессиональное образование')).toThrow(/UNIQUE/);
    db.prepare("UPDATE documents SET deleted = 1 WHERE id = 'd1'").run();
    expect(db.prepare('SELECT short FROM learned_abbreviations').pluck().all()).toEqual(['ЖОО']);
    db.prepare("DELETE FROM documents WHERE id = 'd2'").run();
    expect(count()).toBe(0);
  });
});

describe('0130 learned abbreviations version', () => {
  it('bumps the version on every row added, changed or removed, a document going to the bin included', () => {
    const db = freshDb();
    migrate(db, 120);
    db.prepare("INSERT INTO archive_meta (key, value) VALUES ('archive_id', 'aaaaaaaaaaaaaaaa')").run();
    db.prepare("INSERT INTO documents (id, kind, title, created_at, updated_at, origin, version, seq, deleted) VALUES ('d1', 'regulation', 'Қағидалар', 'now', 'now', 'aaaaaaaaaaaaaaaa', 'v', 1, 0)").run();
    db.prepare("INSERT INTO learned_abbreviations (seq, key, short, full, count) VALUES (1, 'типо', 'ТиПО', 'техническое и профессиональное образование', 1)").run();
    migrate(db, 130);
    const version = () => db.prepare("SELECT value FROM archive_meta WHERE key = 'learned_abbreviations_version'").pluck().get();
    expect(version()).toBe('0');
    db.prepare("INSERT INTO learned_abbreviations (seq, key, short, full, count) VALUES (1, 'жоо', 'ЖОО', 'жоғары оқу орны', 1)").run();
    expect(version()).toBe('1');
    db.prepare("UPDATE learned_abbreviations SET count = 2 WHERE key = 'жоо'").run();
    expect(version()).toBe('2');
    db.prepare("UPDATE documents SET deleted = 1 WHERE id = 'd1'").run();
    expect(version()).toBe('4');
  });
});
