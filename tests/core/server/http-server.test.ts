/**
 * Browser mode's HTTP server on a real archive: the contract over POST, uploads into import,
 * the stored file by id, server-sent events, and the guards (Host header, the CSRF header, the
 * token when serving beyond loopback, no path outside the UI folder).
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContractEvent } from '../../../shared/contract';
import { createCoreService, type CoreService } from '../../../electron/core/api/handlers';
import { UploadStore, safeFileName } from '../../../electron/core/api/uploads';
import type { Archive } from '../../../electron/core/archive';
import { resolveStatic, startHttpServer, type RunningServer } from '../../../electron/core/server/http-server';
import { tempArchive } from '../../helpers/archive';
import { suiteTempDir } from '../../helpers/temp-dir';

const ORDER_PDF = path.resolve(import.meta.dirname, '../../fixtures/import/kk-order-110.pdf');

let archive: Archive;
let service: CoreService;
let server: RunningServer;
let guarded: RunningServer;
let rendererDir: string;
let root: string;
let base: string;

interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

function request(url: string, options: { method?: string; headers?: Record<string, string>; body?: Buffer | string } = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: options.method ?? 'GET', headers: options.headers ?? {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

async function api(method: string, params: unknown, url = base): Promise<{ ok: boolean; value?: unknown; error?: { code: string } }> {
  const response = await request(`${url}api/${method}`, { method: 'POST', headers: { 'x-muragat': '1', 'content-type': 'application/json' }, body: JSON.stringify(params ?? null) });
  return JSON.parse(response.body.toString('utf8')) as { ok: boolean; value?: unknown; error?: { code: string } };
}

beforeAll(async () => {
  archive = await tempArchive();
  root = suiteTempDir();
  rendererDir = path.join(root, 'renderer');
  fs.mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Мұрағат</title>');
  fs.writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  fs.writeFileSync(path.join(root, 'secret.txt'), 'outside the UI folder');
  const uploads = new UploadStore(archive.dataDir);
  let broadcast: (event: ContractEvent) => void = () => undefined;
  service = createCoreService(archive, { host: 'browser', version: 'test', uploads, emit: (event) => broadcast(event) });
  server = await startHttpServer({ archive, handlers: service.handlers, uploads, rendererDir });
  broadcast = (event) => server.broadcast(event);
  guarded = await startHttpServer({ archive, handlers: service.handlers, uploads, rendererDir, host: '127.0.0.1', token: 'sesame-token' });
  base = server.url;
});

afterAll(async () => {
  await server.close();
  await guarded.close();
  await service.close();
  await archive.close();
});

describe('serving the UI', () => {
  it('binds to loopback on a free port and serves the page with the CSP header', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const page = await request(base);
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.body.toString()).toContain('Мұрағат');
    // Any route of the one-page app gets index.html; a missing asset is a 404.
    expect((await request(`${base}library`)).body.toString()).toContain('Мұрағат');
    expect((await request(`${base}assets/missing.js`)).status).toBe(404);
  });

  it('never serves a file outside the UI folder, however the path is spelled', async () => {
    for (const evil of ['../secret.txt', '..%2fsecret.txt', '%2e%2e/secret.txt', 'assets/../../secret.txt', '....//secret.txt']) {
      const response = await request(`${base}${evil}`);
      expect(response.body.toString()).not.toContain('outside the UI folder');
    }
    // `..` at the root stays at the root (as in a browser): the UI folder's own secret.txt, never the parent's.
    expect(resolveStatic(rendererDir, '/../secret.txt')).toBe(path.join(rendererDir, 'secret.txt'));
    expect(resolveStatic(rendererDir, '/a%00b')).toBeNull();
  });

  it('refuses a foreign Host header (DNS rebinding) and API calls without the x-muragat header (CSRF)', async () => {
    const rebound = await request(base, { headers: { host: 'evil.example:80' } });
    expect(rebound.status).toBe(403);
    const noHeader = await request(`${base}api/app.info`, { method: 'POST', body: 'null' });
    expect(noHeader.status).toBe(403);
  });

  it('with a token, refuses requests without it and accepts the token once, then the cookie', async () => {
    expect((await request(guarded.url.split('?')[0]!)).status).toBe(401);
    const first = await request(guarded.url);
    expect(first.status).toBe(200);
    const cookie = String(first.headers['set-cookie']).split(';')[0]!;
    const again = await request(`${guarded.url.split('?')[0]}api/app.info`, { method: 'POST', headers: { 'x-muragat': '1', cookie }, body: 'null' });
    expect(again.status).toBe(200);
    const wrong = await request(`${guarded.url.split('?')[0]}?token=nope`);
    expect(wrong.status).toBe(401);
  });
});

describe('the contract over HTTP', () => {
  it('answers a method with the Result envelope and bad params with INVALID_INPUT', async () => {
    const info = await api('app.info', null);
    expect(info).toMatchObject({ ok: true, value: { host: 'browser', version: 'test' } });
    expect(await api('search.query', { query: 42 })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await api('no.such.method', {})).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const malformed = await request(`${base}api/app.info`, { method: 'POST', headers: { 'x-muragat': '1' }, body: '{not json' });
    expect(JSON.parse(malformed.body.toString())).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('imports an uploaded PDF with its Kazakh file name, pushes events over SSE, and serves the file back', async () => {
    const received: string[] = [];
    const events = http.get(`${base}api/events`, (res) => res.on('data', (chunk: Buffer) => received.push(chunk.toString())));
    const name = 'Бұйрық № 110 (көшірме).pdf';
    const uploaded = await request(`${base}api/upload`, { method: 'POST', headers: { 'x-muragat': '1', 'x-file-name': encodeURIComponent(name) }, body: fs.readFileSync(ORDER_PDF) });
    const { value } = JSON.parse(uploaded.body.toString()) as { value: { uploadId: string; name: string } };
    expect(value.name).toBe(name);
    const started = await api('import.start', { sources: [{ type: 'upload', uploadId: value.uploadId }] });
    const job = await service.jobs.settled((started.value as { jobId: string }).jobId);
    expect(job.files[0]).toMatchObject({ status: 'imported', name });
    // The upload is gone once imported: the archive keeps its own copy.
    expect(fs.readdirSync(path.join(archive.dataDir, 'uploads'))).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    events.destroy();
    expect(received.join('')).toContain('"name":"import.file"');

    const id = job.files[0]!.documentId!;
    const file = await request(`${base}files/${id}`);
    expect(file.status).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.body.equals(fs.readFileSync(ORDER_PDF))).toBe(true);
    const download = await request(`${base}files/${id}?download=1`);
    expect(download.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent(name)}`);
    expect((await request(`${base}files/not-a-document`)).status).toBe(404);
  });

  it('an upload over the size limit leaves nothing behind', async () => {
    const small = new UploadStore(path.join(root, 'small-uploads'), 1000);
    await expect(small.receive((await import('node:stream')).Readable.from([Buffer.alloc(5000)]), 'big.pdf')).rejects.toMatchObject({ code: 'FILE_TOO_LARGE' });
    expect(fs.readdirSync(path.join(root, 'small-uploads', 'uploads'))).toEqual([]);
  });

  it('keeps uploaded names safe on Windows without losing Kazakh letters', () => {
    expect(safeFileName('..\\..\\Windows\\system32.dll')).toBe('system32.dll');
    expect(safeFileName('Қаулы: №5 "жоба"?.docx')).toBe('Қаулы_ №5 _жоба__.docx');
    expect(safeFileName('CON.txt')).toBe('_CON.txt');
    expect(safeFileName('')).toBe('file');
  });
});
