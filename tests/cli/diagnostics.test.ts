/**
 * `muragat diagnostics OUT.zip` and the Settings button's `diagnostics.create`: a zip for support
 * with the log, versions, the check report, counts and settings, and nothing of what the archive
 * holds (no document text, no private key).
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import Database from 'better-sqlite3';
import yauzl from 'yauzl';
import { describe, expect, it } from 'vitest';
import { createCoreService } from '../../electron/core/api/handlers';
import { UploadStore } from '../../electron/core/api/uploads';
import { openArchive } from '../../electron/core/archive';
import { IDENTITY_DIR, PRIVATE_KEY_FILE } from '../../electron/core/bundles/identity';
import { LATEST_SCHEMA_VERSION } from '../../electron/core/db/migrations';
import { OUTBOX_DIR } from '../../electron/core/layout';
import { startHttpServer } from '../../electron/core/server/http-server';
import { runMuragat } from '../helpers/cli';
import { canMountReadOnly, mountReadOnlyView, unmount } from '../helpers/mounts';
import { FIXTURES_DIR, tempDir } from '../helpers/temp-dir';

function unzip(file: string): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true }, (error, zip) => {
      if (error) return reject(error);
      const entries = new Map<string, Buffer>();
      zip.on('error', reject);
      zip.on('end', () => resolve(entries));
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError) return reject(streamError);
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('end', () => {
            entries.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.readEntry();
    });
  });
}

function documentsFolder(): string {
  const docs = tempDir();
  fs.copyFileSync(path.join(FIXTURES_DIR, 'import', 'kk-order-110.pdf'), path.join(docs, 'kk-order-110.pdf'));
  fs.writeFileSync(path.join(docs, 'minutes.txt'), 'Хаттама: облыстық қоғамдық кеңестің отырысы. Күн тәртібі: ауылдық жолдарды жөндеу және балабақша салу.\n');
  return docs;
}

/** Every distinct word (5+ letters) of the stored pages and titles. */
function storedWords(dataDir: string): string[] {
  const db = new Database(path.join(dataDir, 'archive.sqlite'), { readonly: true });
  try {
    const text = [
      ...(db.prepare('SELECT text FROM pages').all() as Array<{ text: string }>).map((row) => row.text),
      ...(db.prepare('SELECT title FROM documents').all() as Array<{ title: string }>).map((row) => row.title),
    ].join(' ');
    return [...new Set(text.toLowerCase().match(/\p{L}{5,}/gu) ?? [])];
  } finally {
    db.close();
  }
}

function assertNothingSecret(entries: Map<string, Buffer>, dataDir: string): void {
  const all = [...entries.values()].map((data) => data.toString('utf8')).join('\n').toLowerCase();
  const words = storedWords(dataDir);
  expect(words.length).toBeGreaterThan(20);
  expect(words.filter((word) => all.includes(word))).toEqual([]);
  const pem = fs.readFileSync(path.join(dataDir, IDENTITY_DIR, PRIVATE_KEY_FILE), 'utf8');
  const keyBody = pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, '');
  expect(all).not.toContain(keyBody.toLowerCase());
  expect(all).not.toContain('private key-----');
  expect(all).not.toContain(dataDir.toLowerCase());
}

describe('muragat diagnostics', () => {
  it('packs the log, versions, check report, counts and settings of a real archive, and no document text or key', async () => {
    const dataDir = path.join(tempDir(), 'archive');
    expect(runMuragat(['--data', dataDir, 'import', documentsFolder()]).status).toBe(0);
    expect(runMuragat(['--data', dataDir, 'identity']).status).toBe(0); // creates the private key
    const out = path.join(tempDir(), 'support.zip');
    const run = runMuragat(['--data', dataDir, 'diagnostics', out]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('diagnostics written to');

    const entries = await unzip(out);
    expect([...entries.keys()].sort()).toEqual(['README.txt', 'archive.json', 'check.json', 'logs/muragat.log', 'versions.json']);
    const versions = JSON.parse(entries.get('versions.json')!.toString('utf8')) as Record<string, unknown>;
    expect(versions).toMatchObject({ node: process.versions.node, sqlite: expect.stringMatching(/^3\.\d+/), betterSqlite3: expect.stringMatching(/^12\./), pdfjs: expect.stringMatching(/^\d/), tesseract: expect.stringMatching(/^\d/) });
    expect(versions.cpu).toMatchObject({ count: expect.any(Number) });
    expect(versions.memory).toMatchObject({ totalBytes: expect.any(Number) });
    const facts = JSON.parse(entries.get('archive.json')!.toString('utf8')) as { schemaVersion: number; counts: unknown; disk: { freeBytes: number }; settings: unknown };
    expect(facts.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    expect(facts.counts).toMatchObject({ documents: 2, pages: expect.any(Number), pagesWaitingForOcr: expect.any(Number) });
    expect(facts.disk.freeBytes).toBeGreaterThan(0);
    expect(facts.settings).toMatchObject({ archive_id: expect.any(String), name: expect.any(String) });
    expect(JSON.parse(entries.get('check.json')!.toString('utf8'))).toMatchObject({ ok: true, documents: 2 });
    const log = entries.get('logs/muragat.log')!.toString('utf8');
    expect(log).toContain('"event":"job.import"');
    assertNothingSecret(entries, dataDir);
  }, 180_000);

  it('still packs the log and versions when the archive does not open (written by a newer version)', async () => {
    const dataDir = path.join(tempDir(), 'archive');
    expect(runMuragat(['--data', dataDir, 'import', documentsFolder()]).status).toBe(0);
    const db = new Database(path.join(dataDir, 'archive.sqlite'));
    db.pragma('user_version = 999999');
    db.close();
    const out = path.join(tempDir(), 'support.zip');
    const run = runMuragat(['--data', dataDir, 'diagnostics', out]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('did not open (ARCHIVE_NEWER_VERSION)');
    const entries = await unzip(out);
    expect([...entries.keys()].sort()).toEqual(['README.txt', 'archive.json', 'logs/muragat.log', 'versions.json']);
    expect(JSON.parse(entries.get('archive.json')!.toString('utf8'))).toMatchObject({ opened: false, error: { code: 'ARCHIVE_NEWER_VERSION' } });
    const log = entries.get('logs/muragat.log')!.toString('utf8');
    expect(log).toContain('"event":"job.import"');
    expect(log).toMatch(/"event":"error.refused".*"code":"ARCHIVE_NEWER_VERSION"/);
    expect(runMuragat(['--data', dataDir, 'diagnostics']).status).toBe(2);
  }, 180_000);

  it('refuses a missing OUT with a usage error', () => {
    const dataDir = path.join(tempDir(), 'archive');
    const run = runMuragat(['--data', dataDir, 'diagnostics']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('give the zip file');
  });

  it('Settings: diagnostics.create writes into the outbox and browser mode downloads it from /outbox/<name>', async () => {
    const dataDir = path.join(tempDir(), 'archive');
    const archive = await openArchive({ dataDir, extractWorkers: 1 });
    const uploads = new UploadStore(archive.dataDir);
    const service = createCoreService(archive, { host: 'browser', version: 'test', uploads, emit: () => undefined, resumeOcr: false });
    const rendererDir = tempDir();
    fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html>');
    const server = await startHttpServer({ archive, handlers: service.handlers, uploads, rendererDir, token: 'diag-token' });
    try {
      await archive.importPaths([documentsFolder()]);
      const outcome = await service.handlers['diagnostics.create']();
      expect(outcome.fileName).toMatch(/^muragat-diagnostics-\d{8}T\d{6}Z\.zip$/);
      expect(outcome.path).toBeNull(); // a browser learns no path of the serving computer
      expect(fs.existsSync(path.join(dataDir, OUTBOX_DIR, outcome.fileName))).toBe(true);

      const body = await new Promise<{ status: number; type: string; data: Buffer }>((resolve, reject) => {
        http
          .get(`${server.origin}outbox/${outcome.fileName}`, { headers: { authorization: 'Bearer diag-token' } }, (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (chunk: Buffer) => chunks.push(chunk));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type']), data: Buffer.concat(chunks) }));
          })
          .on('error', reject);
      });
      expect(body.status).toBe(200);
      expect(body.type).toBe('application/zip');
      const saved = path.join(tempDir(), outcome.fileName);
      fs.writeFileSync(saved, body.data);
      const entries = await unzip(saved);
      expect(entries.has('check.json')).toBe(true);
      expect(entries.get('logs/muragat.log')?.toString('utf8')).toContain('job.import');
    } finally {
      await server.close();
      await service.close();
      await archive.close();
    }
  }, 120_000);
});

/*
 * An archive on read-only media. We run as root, which ignores permission bits, so the archive is
 * shown through a read-only bind mount (EROFS for everyone); where mounting is not allowed the
 * test skips (tests/helpers/mounts.ts).
 */
describe.skipIf(!canMountReadOnly)('muragat diagnostics on a read-only archive', () => {
  it('collects everything (the log included) and writes the zip where the user said', async () => {
    const dataDir = path.join(tempDir(), 'archive');
    expect(runMuragat(['--data', dataDir, 'import', documentsFolder()]).status).toBe(0);
    expect(runMuragat(['--data', dataDir, 'identity']).status).toBe(0);
    const view = tempDir('muragat-ro-view-');
    mountReadOnlyView(dataDir, view);
    try {
      const out = path.join(tempDir(), 'support.zip');
      const run = runMuragat(['--data', view, 'diagnostics', out]);
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      const entries = await unzip(out);
      expect(JSON.parse(entries.get('check.json')!.toString('utf8'))).toMatchObject({ ok: true, documents: 2 });
      expect(entries.get('logs/muragat.log')?.toString('utf8')).toContain('job.import');
      assertNothingSecret(entries, dataDir);
    } finally {
      unmount(view);
    }
  }, 180_000);
});
