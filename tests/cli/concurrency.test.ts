import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { jsonLines, REPO_ROOT, runMuragat, type CliRun } from '../helpers/cli';
import { tempDir } from '../helpers/temp-dir';

const running: ChildProcess[] = [];

afterEach(() => {
  for (const child of running.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

/**
 * Another process (another CLI, the desktop app) holding the archive's write lock: a real
 * process with `BEGIN IMMEDIATE` open for `holdMs`. Resolves once the lock is taken.
 */
async function holdWriteLock(dbFile: string, holdMs: number): Promise<ChildProcess> {
  const script = `
    const Database = require('better-sqlite3');
    const db = new Database(${JSON.stringify(dbFile)});
    db.exec('BEGIN IMMEDIATE');
    process.stdout.write('locked\\n');
    setTimeout(() => { db.exec('COMMIT'); db.close(); }, ${holdMs});
  `;
  const child = spawn(process.execPath, ['-e', script], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  running.push(child);
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('locked')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`lock holder exited early (${code})`)));
  });
  return child;
}

function archiveWith(texts: Record<string, string>): string {
  const docs = tempDir();
  for (const [name, text] of Object.entries(texts)) fs.writeFileSync(path.join(docs, name), text);
  const data = path.join(tempDir(), 'archive');
  expect(runMuragat(['--data', data, 'import', docs]).status).toBe(0);
  return data;
}

function expectBusy(run: CliRun): void {
  expect(run.status).toBe(1);
  expect(run.stderr).not.toMatch(/\n\s+at /);
  expect(run.stderr).not.toMatch(/database is locked/);
}

const TEXTS = {
  'budget-project.txt': 'Аудандық бюджет жобасы туралы қоғамдық кеңестің шешімі.\n',
  'budget.txt': 'Аудандық бюджет орындалды: қоғамдық кеңестің есебі.\n',
  'roads.txt': 'Жолдарды жөндеу туралы ұсыным.\n',
};

describe('a second process holding the write lock', () => {
  const env = { MURAGAT_BUSY_TIMEOUT_MS: '300' };

  it('does not stop search, list, show or stats: readers never wait for the write lock', async () => {
    const data = archiveWith(TEXTS);
    const id = (JSON.parse(runMuragat(['--data', data, 'list', '--json']).stdout) as Array<{ id: string }>)[0]!.id;
    await holdWriteLock(path.join(data, 'archive.sqlite'), 30_000);
    const search = runMuragat(['--data', data, 'search', 'бюджет', '--json'], env);
    expect(search.stderr).toBe('');
    expect(search.status).toBe(0);
    expect((JSON.parse(search.stdout) as { total: number }).total).toBe(2);
    const list = runMuragat(['--data', data, 'list', '--json'], env);
    expect(list.status).toBe(0);
    expect(JSON.parse(list.stdout)).toHaveLength(3);
    expect(runMuragat(['--data', data, 'show', id], env).status).toBe(0);
    expect(runMuragat(['--data', data, 'stats'], env).status).toBe(0);
  });

  it('makes an edit end with DATABASE_BUSY in one clear line, exit 1, after the busy timeout', async () => {
    const data = archiveWith(TEXTS);
    const id = (JSON.parse(runMuragat(['--data', data, 'list', '--json']).stdout) as Array<{ id: string }>)[0]!.id;
    await holdWriteLock(path.join(data, 'archive.sqlite'), 30_000);
    const edit = runMuragat(['--data', data, 'edit', id, '--title', 'Жаңа атау', '--json'], env);
    expectBusy(edit);
    expect(edit.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^muragat edit: another process is writing to the archive; try again/)]);
    expect((JSON.parse(edit.stdout) as { error: { code: string } }).error.code).toBe('DATABASE_BUSY');
  });

  it('makes an import of new files end with DATABASE_BUSY, exit 1, no stack', async () => {
    const data = archiveWith(TEXTS);
    const more = tempDir();
    fs.writeFileSync(path.join(more, 'new.txt'), 'Жаңа құжат мәтіні.\n');
    await holdWriteLock(path.join(data, 'archive.sqlite'), 30_000);
    const run = runMuragat(['--data', data, 'import', more, '--json'], env);
    expectBusy(run);
    // Per file (`errorCode`), as the reason the job stopped (`summary.stoppedBy`), or as the command's error.
    const codes = jsonLines(run.stdout).flatMap((line) => {
      const stoppedBy = (line.summary as { stoppedBy?: { code?: string } } | undefined)?.stoppedBy;
      return [line.errorCode, stoppedBy?.code, (line.error as { code?: string } | undefined)?.code].filter((code): code is string => typeof code === 'string');
    });
    expect(codes).toContain('DATABASE_BUSY');
  });
});

describe('search queries that start with a dash', () => {
  it('reads -word as the exclude operator, without and with --', () => {
    const data = archiveWith(TEXTS);
    const total = (args: string[]): number => {
      const run = runMuragat(['--data', data, 'search', '--json', ...args]);
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      return (JSON.parse(run.stdout) as { total: number }).total;
    };
    expect(total(['бюджет'])).toBe(2);
    expect(total(['бюджет', '-жобасы'])).toBe(1);
    expect(total(['бюджет -жобасы'])).toBe(1);
    expect(total(['--limit', '5', 'бюджет', '-жобасы'])).toBe(1);
    // Before the fix: "Unknown option '-ж'" and exit 2.
    const leading = runMuragat(['--data', data, 'search', '-жобасы', '--json']);
    expect(leading.status).toBe(0);
    expect(leading.stderr).not.toMatch(/Unknown option/);
    // `--` ends the options: what follows is query, even what looks like an option.
    expect(total(['--', '-жобасы', 'бюджет'])).toBe(1);
    const afterDoubleDash = runMuragat(['--data', data, 'search', '--', '--limit', '--json']);
    expect(afterDoubleDash.status).toBe(0);
    expect(afterDoubleDash.stdout).toMatch(/--limit --json/);
  });
});

describe('check while an import runs', () => {
  it('reports no orphan files for documents being committed meanwhile', async () => {
    const docs = tempDir();
    for (let i = 0; i < 250; i++) fs.writeFileSync(path.join(docs, `decision-${i}.txt`), `Қоғамдық кеңестің № ${i} шешімі\n${'Мәслихат отырысы өтті. '.repeat(400 + i)}`);
    const data = path.join(tempDir(), 'archive');
    // Something to check from the start (the first check must not race the archive's creation).
    const first = tempDir();
    fs.writeFileSync(path.join(first, 'first.txt'), 'Бірінші құжат.\n');
    expect(runMuragat(['--data', data, 'import', first]).status).toBe(0);

    const importer = spawn(process.execPath, [path.join(REPO_ROOT, 'bin/muragat.mjs'), '--data', data, 'import', docs], { cwd: REPO_ROOT, stdio: 'ignore' });
    running.push(importer);
    const finished = new Promise<number | null>((resolve) => importer.once('exit', resolve));
    const reports: Array<{ ok: boolean; documents: number; problems: Array<{ code: string; message: string }> }> = [];
    while (importer.exitCode === null) {
      const check = runMuragat(['--data', data, 'check', '--json']);
      reports.push(JSON.parse(check.stdout) as (typeof reports)[number]);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(await finished).toBe(0);
    // Checks that overlapped the import (saw some of its documents but not all).
    expect(reports.filter((report) => report.documents > 1 && report.documents < 251).length).toBeGreaterThan(0);
    expect(reports.flatMap((report) => report.problems)).toEqual([]);
    expect(JSON.parse(runMuragat(['--data', data, 'check', '--json']).stdout)).toMatchObject({ ok: true, documents: 251, filesChecked: 251 });
  });
});
