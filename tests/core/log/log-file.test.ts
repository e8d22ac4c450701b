import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openArchive } from '../../../electron/core/archive';
import { LogFile, listLogFiles, logFileName } from '../../../electron/core/log/log-file';
import { createArchiveLogger, LOGS_DIR } from '../../../electron/core/log/logger';
import { REPO_ROOT } from '../../helpers/cli';
import { tempDir } from '../../helpers/temp-dir';

function readLines(dir: string): Array<Record<string, unknown>> {
  // Oldest file first, so lines come out in the order they were written.
  return listLogFiles(dir)
    .reverse()
    .flatMap((file) => fs.readFileSync(file, 'utf8').split('\n').filter(Boolean))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

function runWriter(dir: string, writer: string, count: number, maxBytes: number): Promise<number | null> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'append-lines.ts'), dir, writer, String(count), String(maxBytes)], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return new Promise((resolve) => child.on('exit', resolve));
}

describe('archive log files', () => {
  it('rotates by size and never holds more than maxFiles × maxBytes, newest lines kept in order', () => {
    const dir = tempDir();
    const maxBytes = 4096;
    const file = new LogFile(dir, { maxBytes, maxFiles: 5 });
    for (let i = 0; i < 2000; i++) file.append(JSON.stringify({ i, padding: 'y'.repeat(50) }));

    const names = fs.readdirSync(dir).sort();
    expect(names).toEqual([logFileName(0), logFileName(1), logFileName(2), logFileName(3), logFileName(4)].sort());
    for (const name of names) expect(fs.statSync(path.join(dir, name)).size).toBeLessThanOrEqual(maxBytes);
    const kept = readLines(dir).map((line) => line.i as number);
    // The newest line is there, the kept ones are consecutive (nothing lost in the middle), the oldest fell off.
    expect(kept.at(-1)).toBe(1999);
    expect(kept).toEqual(kept.map((_, index) => (kept[0] as number) + index));
    expect(kept[0]).toBeGreaterThan(0);
  });

  it('takes lines from two processes appending at once: none torn, none lost, none twice', async () => {
    const dir = tempDir();
    const lines = 4000;
    // Rotation happens a few times during the race (each line is ~100 bytes), never so often that
    // the 5-file cap drops a line.
    const maxBytes = 256 * 1024;
    const exits = await Promise.all([runWriter(dir, 'a', lines, maxBytes), runWriter(dir, 'b', lines, maxBytes)]);
    expect(exits).toEqual([0, 0]);

    const all = readLines(dir);
    for (const writer of ['a', 'b']) {
      const seen = all.filter((line) => line.writer === writer).map((line) => line.i as number);
      expect(seen.length).toBe(lines);
      expect(new Set(seen).size).toBe(lines);
      // Each process's own lines stay in its order.
      expect(seen).toEqual([...seen].sort((x, y) => x - y));
    }
    expect(listLogFiles(dir).length).toBeGreaterThan(1);
    expect(fs.readdirSync(dir).filter((name) => name.includes('rotating'))).toEqual([]);
  }, 60_000);

  it('degrades silently where the log cannot be written: the archive opens, imports and searches', async () => {
    const dataDir = tempDir();
    // A file where the logs folder should be: mkdir fails (ENOTDIR/EEXIST) as on read-only media.
    fs.writeFileSync(path.join(dataDir, LOGS_DIR), 'not a folder');
    const logger = createArchiveLogger(dataDir);
    expect(() => logger.error('error.internal', { error: new Error('boom') })).not.toThrow();

    const docs = tempDir();
    fs.writeFileSync(path.join(docs, 'a.txt'), 'Қоғамдық кеңестің шешімі: бюджет жобасы мақұлданды.\n');
    const archive = await openArchive({ dataDir, extractWorkers: 1 });
    try {
      const summary = await archive.importPaths([docs]);
      expect(summary.imported).toBe(1);
      expect(archive.search({ query: 'бюджет' }).total).toBe(1);
    } finally {
      await archive.close();
    }
    expect(fs.readFileSync(path.join(dataDir, LOGS_DIR), 'utf8')).toBe('not a folder');
  }, 60_000);

  it('writes open, migrations, job outcomes and close of a real archive as JSON lines', async () => {
    const dataDir = tempDir();
    const docs = tempDir();
    fs.writeFileSync(path.join(docs, 'a.txt'), 'Решение общественного совета о ремонте дорог.\n');
    fs.writeFileSync(path.join(docs, 'empty.txt'), '');
    const archive = await openArchive({ dataDir, extractWorkers: 1, logFields: { app: 'test' } });
    await archive.importPaths([docs]);
    archive.reindex();
    await archive.close();

    const lines = readLines(path.join(dataDir, LOGS_DIR));
    const events = lines.map((line) => line.event);
    expect(events[0]).toBe('db.migration');
    expect(events).toEqual(expect.arrayContaining(['db.migrate', 'archive.open', 'job.import', 'job.reindex', 'archive.close']));
    for (const line of lines) {
      expect(line).toMatchObject({ level: expect.any(String), pid: process.pid, fields: expect.objectContaining({ app: 'test' }) });
      expect(Number.isNaN(Date.parse(line.time as string))).toBe(false);
    }
    const job = lines.find((line) => line.event === 'job.import')?.fields as Record<string, unknown>;
    expect(job).toMatchObject({ status: 'done', counts: expect.objectContaining({ imported: 1, failed: 1 }), errorCodes: { FILE_EMPTY: 1 } });
    expect(typeof job.ms).toBe('number');
    const migrate = lines.find((line) => line.event === 'db.migrate')?.fields as Record<string, unknown>;
    expect(migrate.from).toBe(0);
  }, 60_000);
});
