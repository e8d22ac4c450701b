/**
 * Errors reaching a boundary are logged: a contract handler's bug with its stack (the core host
 * and the HTTP server serve the same handlers), a CLI command that cannot open its archive by its
 * code, and nothing at all in a folder that is not an archive.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createCoreService } from '../../../electron/core/api/handlers';
import { openArchive } from '../../../electron/core/archive';
import { LOGS_DIR } from '../../../electron/core/log/logger';
import { CLI, REPO_ROOT, runMuragat } from '../../helpers/cli';
import { FIXTURES_DIR, tempDir } from '../../helpers/temp-dir';

function logLines(dataDir: string): Array<{ level: string; event: string; fields: Record<string, unknown> }> {
  const file = path.join(dataDir, LOGS_DIR, 'muragat.log');
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { level: string; event: string; fields: Record<string, unknown> });
}

describe('errors at the boundaries go into the archive log', () => {
  it('a contract handler that fails with a bug: error.internal with the method and its stack', async () => {
    const dataDir = tempDir();
    const archive = await openArchive({ dataDir, extractWorkers: 1, logFields: { app: 'desktop' } });
    const service = createCoreService(archive, { host: 'desktop', version: 'test', emit: () => undefined, uploads: null, resumeOcr: false });
    try {
      // A table gone from under the code: the kind of bug only a stack explains.
      archive.context.db.exec('DROP TABLE document_tags');
      await expect(Promise.resolve().then(() => service.handlers['documents.tags']())).rejects.toThrow(/no such table/);
    } finally {
      await service.close();
      await archive.close();
    }
    const bug = logLines(dataDir).find((line) => line.event === 'error.internal');
    expect(bug).toMatchObject({ level: 'error', fields: { app: 'desktop', where: 'desktop', method: 'documents.tags', error: { code: 'INTERNAL' } } });
    expect(String((bug?.fields.error as { stack?: string }).stack)).toMatch(/\n\s+at /);
  });

  it('a CLI command on an archive it cannot open: the refusal by its code, in that archive\'s log', () => {
    const dataDir = tempDir();
    expect(runMuragat(['--data', dataDir, 'stats']).status).toBe(0);
    const db = new Database(path.join(dataDir, 'archive.sqlite'));
    db.pragma('user_version = 999999');
    db.close();
    const run = runMuragat(['--data', dataDir, 'list']);
    expect(run.status).toBe(1);
    expect(logLines(dataDir).at(-1)).toMatchObject({ level: 'info', event: 'error.refused', fields: { app: 'cli', command: 'list', where: 'cli', code: 'ARCHIVE_NEWER_VERSION' } });
  }, 60_000);

  it('a --data that is not an archive grows no logs folder when the command fails', () => {
    const parent = tempDir();
    const notAFolder = path.join(parent, 'notes.txt');
    fs.writeFileSync(notAFolder, 'a file given as --data by mistake');
    expect(runMuragat(['--data', notAFolder, 'import', parent]).status).not.toBe(0);
    expect(fs.readdirSync(parent)).toEqual(['notes.txt']);
  }, 60_000);
});

describe('a crash', () => {
  it('of a CLI command leaves the uncaught error and its stack in the archive log', () => {
    const dataDir = tempDir();
    const docs = tempDir();
    // A scan: the import goes on reading it (OCR) for seconds after the archive is open.
    fs.copyFileSync(path.join(FIXTURES_DIR, 'import', 'kk-order-110-scan.pdf'), path.join(docs, 'scan.pdf'));
    const run = spawnSync(process.execPath, ['--import', path.join(FIXTURES_DIR, 'log', 'crash-later.mjs'), CLI, '--data', dataDir, 'import', docs], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      env: { ...process.env, MURAGAT_DATA: '', MURAGAT_TEST_CRASH_WHEN: path.join(dataDir, LOGS_DIR, 'muragat.log') },
      timeout: 120_000,
    });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain('a bug nobody caught');
    const crash = logLines(dataDir).find((line) => line.event === 'error.internal' && line.fields.where === 'process');
    expect(crash).toMatchObject({ level: 'error', fields: { app: 'cli', command: 'import', origin: 'uncaughtException', error: { code: 'INTERNAL', message: 'a bug nobody caught (crash-later fixture)' } } });
    expect(String((crash?.fields.error as { stack?: string }).stack)).toContain('crash-later.mjs');
  }, 120_000);
});
