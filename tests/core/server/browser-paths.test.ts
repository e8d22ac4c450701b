/**
 * Browser mode reads and writes only where it should (issue 11, point 3): over real HTTP to a
 * real server, a page with the token cannot import a file of the server by path, export a bundle
 * into any folder, read a bundle from any folder, or choose the sync folder; the desktop core
 * keeps its paths (they come from native dialogs).
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCoreService, serveMethod, type CoreService } from '../../../electron/core/api/handlers';
import { UploadStore } from '../../../electron/core/api/uploads';
import type { Archive } from '../../../electron/core/archive';
import { startHttpServer, type RunningServer } from '../../../electron/core/server/http-server';
import { tempArchive } from '../../helpers/archive';
import { suiteTempDir } from '../../helpers/temp-dir';

const TOKEN = 'browser-paths-token';
let archive: Archive;
let browserService: CoreService;
let desktopService: CoreService;
let server: RunningServer;
let root: string;
let syncFolder: string;

function post(method: string, params: unknown): Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string } }> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${server.origin}api/${method}`, { method: 'POST', headers: { 'x-muragat': '1', authorization: `Bearer ${TOKEN}` } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as { ok: boolean; value?: unknown; error?: { code: string; message: string } }));
    });
    req.on('error', reject);
    req.end(JSON.stringify(params));
  });
}

const desktop = (method: string, params: unknown): Promise<unknown> => serveMethod(desktopService.handlers, method, params);

function filesIn(dir: string): string[] {
  return fs.existsSync(dir) ? fs.readdirSync(dir, { recursive: true }).map(String) : [];
}

beforeAll(async () => {
  archive = await tempArchive();
  root = suiteTempDir();
  const rendererDir = path.join(root, 'renderer');
  fs.mkdirSync(rendererDir, { recursive: true });
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html>');
  const uploads = new UploadStore(archive.dataDir);
  browserService = createCoreService(archive, { host: 'browser', version: 'test', uploads, emit: () => undefined, resumeOcr: false });
  desktopService = createCoreService(archive, { host: 'desktop', version: 'test', uploads: null, emit: () => undefined, resumeOcr: false });
  server = await startHttpServer({ archive, handlers: browserService.handlers, uploads, rendererDir, token: TOKEN });
  await archive.importPaths([path.resolve(import.meta.dirname, '../../fixtures/extract/kaz.md')]);
  syncFolder = path.join(root, 'sync');
  // The sync folder is chosen at the server (desktop app or CLI), never by a page.
  await desktop('exchange.setSyncFolder', { folder: syncFolder });
});

afterAll(async () => {
  await server.close();
  await browserService.close();
  await desktopService.close();
  await archive.close();
});

describe('browser mode and paths of the serving computer', () => {
  it('refuses to import a file by path (a chmod 600 file stays private); uploads remain the way in', async () => {
    const secret = path.join(root, 'private', 'salary.txt');
    fs.mkdirSync(path.dirname(secret), { recursive: true });
    fs.writeFileSync(secret, 'Жалақы тізімі: құпия');
    fs.chmodSync(secret, 0o600);
    const before = archive.stats().documents;
    for (const sources of [[{ type: 'path', path: secret }], [{ type: 'path', path: path.dirname(secret) }], [{ type: 'upload', uploadId: '0123456789abcdef' }, { type: 'path', path: secret }]]) {
      expect(await post('import.start', { sources })).toMatchObject({ ok: false, error: { code: 'NOT_SUPPORTED' } });
    }
    expect(await post('import.list', null)).toMatchObject({ ok: true, value: [] });
    expect(archive.stats().documents).toBe(before);
    expect(JSON.stringify(await post('search.query', { query: 'Жалақы' }))).not.toContain('salary');
    // The desktop core, same archive, still imports the paths its native dialogs give it.
    const started = (await desktop('import.start', { sources: [{ type: 'path', path: secret }] })) as { jobId: string };
    expect((await desktopService.jobs.settled(started.jobId)).files[0]).toMatchObject({ status: 'imported' });
  });

  it('refuses to export into a folder other than the outbox or the sync folder, and writes nothing there', async () => {
    const elsewhere = path.join(root, 'elsewhere');
    const outbox = path.join(archive.dataDir, 'outbox');
    for (const folder of [elsewhere, '/tmp/elsewhere', path.join(outbox, 'sub'), path.join(syncFolder, '..'), archive.dataDir]) {
      const reply = await post('exchange.export', { selection: { kind: 'all' }, folder });
      expect(reply, folder).toMatchObject({ ok: false, error: { code: 'NOT_SUPPORTED' } });
    }
    expect(fs.existsSync(elsewhere)).toBe(false);
    expect(filesIn(outbox).filter((name) => name !== 'sub')).toEqual([]);
    expect(fs.existsSync(path.join(outbox, 'sub'))).toBe(false);

    const intoOutbox = await post('exchange.export', { selection: { kind: 'all' } });
    expect(intoOutbox).toMatchObject({ ok: true });
    expect(filesIn(outbox)).toEqual([(intoOutbox.value as { fileName: string }).fileName]);
    // The page learns the bundle's name, not where the server keeps its archive.
    expect(JSON.stringify(intoOutbox)).not.toContain(archive.dataDir);
    expect((intoOutbox.value as { path: string }).path).toBe((intoOutbox.value as { fileName: string }).fileName);
    const intoSync = await post('exchange.export', { selection: { kind: 'all' }, folder: `${syncFolder}${path.sep}` });
    expect(intoSync).toMatchObject({ ok: true });
    expect(filesIn(syncFolder)).toEqual([(intoSync.value as { fileName: string }).fileName]);
  });

  it('opens a bundle by path only from the sync folder or the outbox, never through a link out of them', async () => {
    const [inSync] = filesIn(syncFolder);
    const bundle = path.join(syncFolder, inSync!);
    expect(await post('exchange.inspect', { source: { type: 'path', path: bundle } })).toMatchObject({ ok: true, value: { signer: 'self' } });
    const outside = path.join(root, 'outside', inSync!);
    fs.mkdirSync(path.dirname(outside), { recursive: true });
    fs.copyFileSync(bundle, outside);
    fs.symlinkSync(outside, path.join(syncFolder, 'link.muragat'));
    for (const file of [outside, path.join(syncFolder, 'link.muragat'), path.join(syncFolder, '..', 'outside', inSync!), '/etc/passwd']) {
      for (const method of ['exchange.inspect', 'exchange.import']) {
        expect(await post(method, { source: { type: 'path', path: file } }), `${method} ${file}`).toMatchObject({ ok: false, error: { code: 'NOT_SUPPORTED' } });
      }
    }
    expect(await post('exchange.inspect', { source: { type: 'path', path: path.join(syncFolder, 'gone.muragat') } })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    fs.rmSync(path.join(syncFolder, 'link.muragat'));
  });

  it('does not tell a page where the archive folder is', async () => {
    const info = await post('app.info', null);
    expect(info).toMatchObject({ ok: true, value: { host: 'browser', dataDir: '' } });
    expect(((await desktop('app.info', null)) as { dataDir: string }).dataDir).toBe(archive.dataDir);
  });

  it('does not let a page choose the sync folder', async () => {
    for (const folder of [path.join(root, 'hijack'), null]) {
      expect(await post('exchange.setSyncFolder', { folder })).toMatchObject({ ok: false, error: { code: 'NOT_SUPPORTED' } });
    }
    expect(fs.existsSync(path.join(root, 'hijack'))).toBe(false);
    expect(await post('exchange.syncFolder', null)).toMatchObject({ ok: true, value: { folder: syncFolder } });
  });
});
