import * as fs from 'node:fs';
import * as path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { LATEST_SCHEMA_VERSION } from '../../electron/core/db/migrations';
import { runMuragat, type CliRun } from '../helpers/cli';
import { canMountReadOnly, mountReadOnlyView, unmount } from '../helpers/mounts';
import { tempDir } from '../helpers/temp-dir';

/*
 * An archive on read-only media (a write-protected backup, a CD, a read-only share). We run as
 * root here, and root ignores permission bits, so `chmod -R a-w` proves nothing: the archive is
 * shown through a read-only bind mount instead, which refuses writes to everyone (EROFS). Where
 * mounting is not allowed (no privileges, another OS), the tests skip.
 */

/** Runs `body` with `src` visible read-only at a new path; always unmounted afterwards. */
function withReadOnlyView(src: string, body: (view: string) => void): void {
  const view = tempDir('muragat-ro-view-');
  mountReadOnlyView(src, view);
  try {
    body(view);
  } finally {
    unmount(view);
  }
}

function documentsFolder(): string {
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, 'budget.txt'), 'Қоғамдық кеңестің шешімі: бюджет жобасы мақұлданды.\n');
  fs.writeFileSync(path.join(dir, 'roads.txt'), 'Решение общественного совета о ремонте дорог и бюджете района.\n');
  fs.writeFileSync(path.join(dir, 'school.txt'), 'Мектеп құрылысы туралы қоғамдық кеңестің ұсынымы.\n');
  return dir;
}

/** A live archive with three documents, plus a `muragat backup` of it (one database file, no -wal). */
function archiveAndBackup(): { live: string; backup: string } {
  const live = path.join(tempDir(), 'archive');
  expect(runMuragat(['--data', live, 'import', documentsFolder()]).status).toBe(0);
  const backup = path.join(tempDir(), 'backup');
  expect(runMuragat(['--data', live, 'backup', backup]).status).toBe(0);
  return { live, backup };
}

function expectOneCleanLine(run: CliRun, code: string): void {
  expect(run.status).toBe(1);
  const lines = run.stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(run.stderr).not.toMatch(/\n\s+at /);
  const json = JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '{}') as { error?: { code: string } };
  expect(json.error?.code).toBe(code);
}

describe.skipIf(!canMountReadOnly)('an archive on read-only media', () => {
  it('can be searched, listed, counted, checked and backed up, straight from a backup with no -wal/-shm', () => {
    const { backup } = archiveAndBackup();
    expect(fs.readdirSync(backup).sort()).toEqual(['archive.sqlite', 'files', 'tmp']);
    withReadOnlyView(backup, (cd) => {
      const search = runMuragat(['--data', cd, 'search', 'бюджет', '--json']);
      expect(search.stderr).toBe('');
      expect(search.status).toBe(0);
      expect((JSON.parse(search.stdout) as { total: number }).total).toBe(2);
      const list = runMuragat(['--data', cd, 'list', '--json']);
      expect(list.status).toBe(0);
      expect(JSON.parse(list.stdout)).toHaveLength(3);
      expect(runMuragat(['--data', cd, 'stats']).status).toBe(0);
      const check = runMuragat(['--data', cd, 'check', '--json']);
      expect(JSON.parse(check.stdout)).toMatchObject({ ok: true, documents: 3, filesChecked: 3, problems: [] });
      expect(check.status).toBe(0);
      const copy = path.join(tempDir(), 'copy');
      const backedUp = runMuragat(['--data', cd, 'backup', copy]);
      expect(backedUp.stderr).toBe('');
      expect(backedUp.status).toBe(0);
      expect(JSON.parse(runMuragat(['--data', copy, 'check', '--json']).stdout)).toMatchObject({ ok: true, documents: 3 });
    });
  });

  it('works on a copy of a live archive that still has its -wal and -shm files', () => {
    const { live } = archiveAndBackup();
    // A read-only command leaves the WAL in place (it may not checkpoint): copy it as it is.
    expect(runMuragat(['--data', live, 'list']).status).toBe(0);
    expect(fs.existsSync(path.join(live, 'archive.sqlite-wal'))).toBe(true);
    withReadOnlyView(live, (cd) => {
      const search = runMuragat(['--data', cd, 'search', 'бюджет', '--json']);
      expect(search.status).toBe(0);
      expect((JSON.parse(search.stdout) as { total: number }).total).toBe(2);
      expect(JSON.parse(runMuragat(['--data', cd, 'check', '--json']).stdout)).toMatchObject({ ok: true, documents: 3 });
    });
  });

  it('refuses a copy taken while in use whose -wal holds changes it cannot read without -shm, instead of hiding them', () => {
    const { live } = archiveAndBackup();
    const copy = path.join(tempDir(), 'copy');
    fs.mkdirSync(copy);
    // Another program is writing: its last commit is still in the -wal when the folder is copied.
    const writer = new Database(path.join(live, 'archive.sqlite'));
    writer.pragma('wal_autocheckpoint = 0');
    writer.prepare("UPDATE archive_meta SET value = 'Renamed' WHERE key = 'name'").run();
    fs.cpSync(path.join(live, 'files'), path.join(copy, 'files'), { recursive: true });
    fs.copyFileSync(path.join(live, 'archive.sqlite'), path.join(copy, 'archive.sqlite'));
    fs.copyFileSync(path.join(live, 'archive.sqlite-wal'), path.join(copy, 'archive.sqlite-wal'));
    writer.close();
    expect(fs.statSync(path.join(copy, 'archive.sqlite-wal')).size).toBeGreaterThan(0);
    withReadOnlyView(copy, (cd) => {
      const list = runMuragat(['--data', cd, 'list', '--json']);
      expectOneCleanLine(list, 'ARCHIVE_READ_ONLY');
      expect(list.stderr).toMatch(/copy the whole folder to a writable disk/);
    });
    // Where it can be written, the copy opens with every change.
    expect(runMuragat(['--data', copy, 'stats']).stdout).toMatch(/archive\s+Renamed/);
  });

  it('still checks the search index there (a read-only open cannot run FTS5\'s own check, which writes)', () => {
    const { backup } = archiveAndBackup();
    const damaged = path.join(tempDir(), 'damaged');
    fs.cpSync(backup, damaged, { recursive: true });
    const db = new Database(path.join(damaged, 'archive.sqlite'));
    db.unsafeMode(true); // lets the test damage FTS5's own tables, as a bad sector would
    db.prepare('DELETE FROM search_fts_data WHERE id = (SELECT max(id) FROM search_fts_data)').run();
    db.close();
    withReadOnlyView(damaged, (cd) => {
      const check = runMuragat(['--data', cd, 'check', '--json']);
      expect(check.status).toBe(1);
      const report = JSON.parse(check.stdout) as { problems: Array<{ code: string; message: string }> };
      expect(report.problems.map((problem) => problem.code)).toContain('INDEX_INTEGRITY');
      expect(report.problems.find((problem) => problem.code === 'INDEX_INTEGRITY')?.message).toMatch(/muragat reindex/);
    });
  });

  it('refuses commands that write with ARCHIVE_READ_ONLY, in one line and exit 1', () => {
    const { backup } = archiveAndBackup();
    const more = tempDir();
    fs.writeFileSync(path.join(more, 'new.txt'), 'Жаңа құжат мәтіні.\n');
    withReadOnlyView(backup, (cd) => {
      const id = (JSON.parse(runMuragat(['--data', cd, 'list', '--json']).stdout) as Array<{ id: string }>)[0]!.id;
      expectOneCleanLine(runMuragat(['--data', cd, 'import', more, '--json']), 'ARCHIVE_READ_ONLY');
      expectOneCleanLine(runMuragat(['--data', cd, 'edit', id, '--title', 'Other', '--json']), 'ARCHIVE_READ_ONLY');
      expectOneCleanLine(runMuragat(['--data', cd, 'reindex', '--json']), 'ARCHIVE_READ_ONLY');
    });
  });

  it('says why when the archive needs an upgrade or its index a rebuild, which read-only media cannot do', () => {
    const { backup } = archiveAndBackup();
    const stale = path.join(tempDir(), 'stale');
    fs.cpSync(backup, stale, { recursive: true });
    const db = new Database(path.join(stale, 'archive.sqlite'));
    db.prepare("UPDATE archive_meta SET value = 'an older analyzer' WHERE key = 'analyzer_version'").run();
    db.close();
    withReadOnlyView(stale, (cd) => {
      expectOneCleanLine(runMuragat(['--data', cd, 'search', 'бюджет', '--json']), 'ARCHIVE_READ_ONLY');
      expect(runMuragat(['--data', cd, 'list']).status).toBe(0);
      expect(runMuragat(['--data', cd, 'check']).status).toBe(0);
    });
    // Where it can be written, the same archive rebuilds its index once and searches.
    const search = runMuragat(['--data', stale, 'search', 'бюджет', '--json']);
    expect((JSON.parse(search.stdout) as { total: number }).total).toBe(2);

    const old = path.join(tempDir(), 'old');
    fs.cpSync(backup, old, { recursive: true });
    const olderDb = new Database(path.join(old, 'archive.sqlite'));
    olderDb.pragma(`user_version = ${LATEST_SCHEMA_VERSION - 1}`);
    olderDb.close();
    withReadOnlyView(old, (cd) => {
      const list = runMuragat(['--data', cd, 'list', '--json']);
      expectOneCleanLine(list, 'ARCHIVE_READ_ONLY');
      expect(list.stderr).toMatch(/older version/);
    });
  });
});
