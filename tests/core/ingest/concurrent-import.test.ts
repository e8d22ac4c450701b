/**
 * Issue 11 point 2: the same files imported at the same time must not become two documents,
 * whether by two processes (two CLI runs, the app and a CLI) or by two batches in one process
 * (two drops of the same folder in the window). The database enforces it (migration 80); the
 * importer turns the loser's constraint hit into "duplicate" and never removes the winner's blob.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import { hostname } from 'node:os';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openArchive, type Archive } from '../../../electron/core/archive';
import type { ImportFileResult } from '../../../electron/core/ingest/import-files';
import { recoverPendingBlobs } from '../../../electron/core/maintenance/recovery';
import { sha256Hex } from '../../../electron/core/store/file-store';
import { CLI, REPO_ROOT, jsonLines, runMuragat } from '../../helpers/cli';
import { writeImportFolder } from '../../helpers/import-folder';
import { storedBlobCount } from '../../helpers/archive';
import { tempDir } from '../../helpers/temp-dir';

const opened: Archive[] = [];
afterEach(async () => {
  for (const archive of opened.splice(0)) await archive.close();
});

async function open(dataDir: string): Promise<Archive> {
  const archive = await openArchive({ dataDir, extractWorkers: 1 });
  opened.push(archive);
  return archive;
}

function runCli(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: REPO_ROOT, env: { ...process.env, MURAGAT_DATA: '' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('exit', (status) => resolve({ status, stdout, stderr }));
  });
}

function liveDocumentsPerContent(archive: Archive): Map<string, number> {
  const rows = archive.context.db
    .prepare('SELECT f.sha256 AS sha256, count(*) AS n FROM files f JOIN documents d ON d.id = f.document_id WHERE d.deleted = 0 GROUP BY f.sha256')
    .all() as Array<{ sha256: string; n: number }>;
  return new Map(rows.map((row) => [row.sha256, row.n]));
}

describe('concurrent imports of the same files', () => {
  it('two CLI processes importing one folder at once make exactly one document per content', async () => {
    const docs = tempDir();
    const { files, distinct } = await writeImportFolder(docs);
    expect(files).toBeGreaterThanOrEqual(40);
    const data = path.join(tempDir(), 'archive');
    // The archive exists before the race (creating it is not what this test is about).
    expect(runMuragat(['--data', data, 'stats']).status).toBe(0);

    const [first, second] = await Promise.all([runCli(['--data', data, 'import', docs, '--json', '--ocr', 'never']), runCli(['--data', data, 'import', docs, '--json', '--ocr', 'never'])]);
    for (const run of [first, second]) {
      expect(run.stderr).not.toMatch(/INTERNAL|constraint/i);
      const lines = jsonLines(run.stdout).filter((line) => 'status' in line);
      // Every file got exactly one status, and only these two.
      expect(lines).toHaveLength(files);
      expect(new Set(lines.map((line) => line.path)).size).toBe(files);
      for (const line of lines) expect(['imported', 'duplicate']).toContain(line.status);
      expect(run.status).toBe(0);
    }
    const imported = [first, second].flatMap((run) => jsonLines(run.stdout).filter((line) => line.status === 'imported'));
    expect(imported).toHaveLength(distinct);

    const archive = await open(data);
    expect(archive.stats().documents).toBe(distinct);
    const perContent = liveDocumentsPerContent(archive);
    expect(perContent.size).toBe(distinct);
    expect([...perContent.values()].every((n) => n === 1)).toBe(true);
    // Every content has its blob, and there is nothing else in the store.
    expect(storedBlobCount(archive)).toBe(distinct);
    await archive.close();
    opened.splice(0);
    const check = runMuragat(['--data', data, 'check']);
    expect(check.stdout + check.stderr).not.toMatch(/orphan|missing/i);
    expect(check.status).toBe(0);
  }, 240_000);

  it('two imports into a new archive at once both open it (the second skips the migrations the first applied)', async () => {
    const file = path.join(tempDir(), 'act.txt');
    fs.writeFileSync(file, 'Қоғамдық кеңестің № 3 шешімі\nМәслихат отырысы өтті.');
    for (let round = 0; round < 4; round++) {
      const data = path.join(tempDir(), `archive-${round}`);
      const runs = await Promise.all([runCli(['--data', data, 'import', file, '--json', '--ocr', 'never']), runCli(['--data', data, 'import', file, '--json', '--ocr', 'never'])]);
      for (const run of runs) expect(run.status, run.stdout + run.stderr).toBe(0);
      const statuses = runs.flatMap((run) => jsonLines(run.stdout).filter((line) => 'status' in line).map((line) => String(line.status))).sort();
      expect(statuses).toEqual(['duplicate', 'imported']);
    }
  }, 120_000);

  it('two batches of the same folder in one process (two drops) wait for each other per file', async () => {
    const docs = tempDir();
    const { files, distinct } = await writeImportFolder(docs, { txt: 20, docx: 4 });
    const archive = await open(path.join(tempDir(), 'archive'));
    const results: ImportFileResult[] = [];
    const [a, b] = await Promise.all([archive.importPaths([docs], { onFile: (r) => results.push(r) }), archive.importPaths([docs], { onFile: (r) => results.push(r) })]);
    expect(a.total + b.total).toBe(2 * files);
    expect(results).toHaveLength(2 * files);
    expect(a.imported + b.imported).toBe(distinct);
    expect(a.duplicate + b.duplicate).toBe(2 * files - distinct);
    expect(a.failed + b.failed + a.skipped + b.skipped).toBe(0);
    expect(archive.stats().documents).toBe(distinct);
    // A duplicate names the document that holds its bytes.
    const ids = new Set(archive.list().map((doc) => doc.id));
    for (const result of results.filter((r) => r.status === 'duplicate')) expect(ids.has(result.duplicateOf!)).toBe(true);
    expect((await archive.check()).ok).toBe(true);
  }, 120_000);

  it('two connections racing on one file: the loser reports the winner and keeps its blob', async () => {
    const docs = tempDir();
    const file = path.join(docs, 'act.txt');
    fs.writeFileSync(file, 'Қоғамдық кеңестің № 7 шешімі\nМәслихат отырысы өтті.');
    const dataDir = path.join(tempDir(), 'archive');
    // Two archives open on one folder: two connections, two in-flight maps, as two processes.
    const left = await open(dataDir);
    const right = await open(dataDir);
    for (let round = 0; round < 5; round++) {
      const copy = path.join(docs, `act-${round}.txt`);
      fs.writeFileSync(copy, `Қоғамдық кеңестің № ${round} шешімі\nМәслихат отырысы өтті.`);
      const results: ImportFileResult[] = [];
      await Promise.all([left.importPaths([copy], { onFile: (r) => results.push(r) }), right.importPaths([copy], { onFile: (r) => results.push(r) })]);
      expect(results.map((r) => r.status).sort()).toEqual(['duplicate', 'imported']);
      const winner = results.find((r) => r.status === 'imported')!;
      expect(results.find((r) => r.status === 'duplicate')!.duplicateOf).toBe(winner.id);
    }
    expect(left.stats().documents).toBe(5);
    expect(storedBlobCount(left)).toBe(5);
    expect(left.context.db.prepare('SELECT count(*) FROM pending_blobs').pluck().get()).toBe(0);
    expect((await left.check()).ok).toBe(true);
  }, 60_000);

  it('the database itself refuses a second live local copy, and the bin releases the claim', async () => {
    const docs = tempDir();
    const file = path.join(docs, 'act.txt');
    fs.writeFileSync(file, 'Қоғамдық кеңестің № 8 шешімі');
    const archive = await open(path.join(tempDir(), 'archive'));
    const results: ImportFileResult[] = [];
    await archive.importPaths([file], { onFile: (r) => results.push(r) });
    const { db } = archive.context;
    const row = db.prepare('SELECT * FROM files').get() as Record<string, unknown>;
    expect(row.claim).toBe('held');
    const copy = db.prepare(
      'INSERT INTO files (document_id, sha256, size, media_type, format, original_name, added_at, claim) VALUES (@document_id, @sha256, @size, @media_type, @format, @original_name, @added_at, ?)',
    );
    expect(() => copy.run('held', row)).toThrow(/UNIQUE constraint failed: files\.sha256/);
    // A row without the claim (a document received from another office) is allowed.
    expect(() => copy.run(null, row)).not.toThrow();
    db.prepare('DELETE FROM files WHERE claim IS NULL').run();

    // In the bin, the file no longer blocks a new import of the same bytes (as before).
    db.prepare('UPDATE documents SET deleted = 1 WHERE id = ?').run(results[0]!.id);
    expect(db.prepare('SELECT claim FROM files').pluck().get()).toBe('released');
    const again: ImportFileResult[] = [];
    await archive.importPaths([file], { onFile: (r) => again.push(r) });
    expect(again[0]).toMatchObject({ status: 'imported' });
    // Restoring the first copy keeps both (the user chose to) without breaking the constraint.
    db.prepare('UPDATE documents SET deleted = 0 WHERE id = ?').run(results[0]!.id);
    expect(db.prepare('SELECT claim FROM files ORDER BY id').pluck().all()).toEqual(['released', 'held']);
    // check lists such copies (and those an old archive holds from before migration 80) without
    // calling them damage.
    const report = await archive.check();
    expect(report.ok).toBe(true);
    expect(report.duplicateContent).toEqual([{ sha256: row.sha256, documentIds: [results[0]!.id!, again[0]!.id!].sort() }]);
  });

  it('recovery after a killed import does not remove a blob another writer is still committing', async () => {
    const archive = await open(path.join(tempDir(), 'archive'));
    const { db, store } = archive.context;
    const bytes = Buffer.from('Қоғамдық кеңестің № 9 шешімі');
    const sha256 = sha256Hex(bytes);
    await store.put(sha256, bytes);
    const register = db.prepare('INSERT INTO pending_blobs (sha256, pid, host, started_at) VALUES (?, ?, ?, ?)');
    // A killed process (pid that cannot exist) and this live one wrote the same bytes.
    register.run(sha256, 2 ** 22 + 12345, hostname(), new Date().toISOString());
    register.run(sha256, process.pid, hostname(), new Date().toISOString());
    expect(await recoverPendingBlobs(db, store)).toBe(0);
    expect(await store.has(sha256)).toBe(true);
    expect(db.prepare('SELECT pid FROM pending_blobs').pluck().all()).toEqual([process.pid]);
  });
});
