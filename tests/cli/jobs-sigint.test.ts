/**
 * Ctrl+C on the long commands (issue 11, one job mechanism): `export-bundle` and `reindex` stop
 * between their items, say so, exit 1, and leave no partial output — no bundle, no
 * `.partial-*` file, the old search index whole. Real `muragat` processes, real SIGINT.
 */
import { createHash, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openArchive } from '../../electron/core/archive';
import { writeSyntheticDocument } from '../../bench/archive-writer';
import { runMuragat, startMuragat } from '../helpers/cli';
import { tempDir } from '../helpers/temp-dir';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** An archive whose export takes seconds: documents with large stored files, written directly. */
async function bulkyArchive(files: number, megabytes: number): Promise<string> {
  const data = tempDir('muragat-sigint-');
  const archive = await openArchive({ dataDir: data });
  try {
    for (let i = 0; i < files; i++) {
      const bytes = randomBytes(megabytes * 2 ** 20);
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      await archive.context.store.put(sha256, bytes);
      archive.context.db.transaction(() => {
        writeSyntheticDocument(
          archive,
          { title: `Есеп ${i}`, kind: 'report', lang: 'kk', date: '2024-01-01', number: String(i), issuer: 'Мәслихат', pages: [`жол жөндеу есебі ${i}`] },
          { file: { sha256, size: bytes.length, name: `esep-${i}.pdf` } },
        );
      })();
    }
  } finally {
    await archive.close();
  }
  return data;
}

async function exitOf(child: ReturnType<typeof startMuragat>): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null) return { code: child.exitCode, signal: child.signalCode };
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}

describe.skipIf(process.platform === 'win32')('Ctrl+C on long commands', () => {
  it('export-bundle stops between entries: exit 1, a clear line, no bundle and no partial file', async () => {
    const data = await bulkyArchive(24, 16);
    const out = tempDir('muragat-sigint-out-');
    const child = startMuragat(['--data', data, 'export-bundle', path.join(out, 'all.muragat'), '--all']);
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout?.resume();
    // Once the partial file exists the export is streaming its entries: interrupt it there.
    const deadline = Date.now() + 60_000;
    while (!fs.readdirSync(out).some((name) => name.includes('.partial-'))) {
      expect(child.exitCode, `the export ended before it could be interrupted: ${stderr}`).toBeNull();
      expect(Date.now()).toBeLessThan(deadline);
      await sleep(10);
    }
    child.kill('SIGINT');
    const exit = await exitOf(child);
    expect(exit, stderr).toEqual({ code: 1, signal: null });
    expect(stderr).toContain('export cancelled');
    expect(stderr).not.toMatch(/at .+\.ts:\d+/);
    expect(fs.readdirSync(out)).toEqual([]);
    // The archive is intact.
    const checked = runMuragat(['--data', data, 'check', '--json']);
    expect(checked.status, checked.stderr).toBe(0);
  }, 180_000);

  it('reindex stops between batches: exit 1, and search still finds every document', async () => {
    const data = tempDir('muragat-sigint-');
    const archive = await openArchive({ dataDir: data });
    try {
      archive.context.db.transaction(() => {
        for (let i = 0; i < 6000; i++) {
          writeSyntheticDocument(archive, {
            title: `Шешім ${i}`,
            kind: 'decision',
            lang: 'kk',
            date: '2024-01-01',
            number: String(i),
            issuer: 'Мәслихат',
            pages: [`мектеп құрылысы туралы шешім ${i}. ${'Аудан әкімдігі жол жөндеу жұмыстарын жүргізеді. '.repeat(30)}`],
          });
        }
      })();
    } finally {
      await archive.close();
    }
    const child = startMuragat(['--data', data, 'reindex']);
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout?.resume();
    // The shadow index (search_fts_next) appears once the rebuild has begun (its first batch is being written).
    const db = path.join(data, 'archive.sqlite');
    const Database = (await import('better-sqlite3')).default;
    const deadline = Date.now() + 60_000;
    for (;;) {
      expect(child.exitCode, `reindex ended before it could be interrupted: ${stderr}`).toBeNull();
      expect(Date.now()).toBeLessThan(deadline);
      const reader = new Database(db, { readonly: true });
      const shadows = (reader.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'search_fts_next'").get() as { n: number }).n;
      reader.close();
      if (shadows > 0) break;
      await sleep(20);
    }
    child.kill('SIGINT');
    const exit = await exitOf(child);
    expect(exit, stderr).toEqual({ code: 1, signal: null });
    expect(stderr).toContain('reindex cancelled');
    const found = runMuragat(['--data', data, 'search', 'мектеп', '--json']);
    expect(found.status, found.stderr).toBe(0);
    expect((JSON.parse(found.stdout) as { total: number }).total).toBe(6000);
  }, 240_000);
});
