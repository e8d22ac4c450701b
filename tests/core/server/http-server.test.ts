/**
 * Browser mode's HTTP server on a real archive: the contract over POST, uploads into import,
 * the stored file by id, server-sent events, and the guards (Host header, the CSRF header, the
 * session token on every request, no path outside the UI folder), and requests that must not
 * crash it or show a path of the server (raw sockets).
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContractEvent } from '../../../shared/contract';
import { createCoreService, type CoreService } from '../../../electron/core/api/handlers';
import { UploadStore } from '../../../electron/core/api/uploads';
import { storedFileName as safeFileName } from '../../../electron/core/ingest/file-name';
import type { Archive } from '../../../electron/core/archive';
import { resolveStatic, startHttpServer, type RunningServer } from '../../../electron/core/server/http-server';
import { tempArchive } from '../../helpers/archive';
import { suiteTempDir } from '../../helpers/temp-dir';

const ORDER_PDF = path.resolve(import.meta.dirname, '../../fixtures/import/kk-order-110.pdf');

let archive: Archive;
let service: CoreService;
let server: RunningServer;
const TOKEN = 'sesame-token';
const AUTH = { authorization: `Bearer ${TOKEN}` };
let rendererDir: string;
let root: string;
let base: string;
const internalErrors: unknown[] = [];

interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** One request with the session's token (as a Bearer header) unless `anonymous`. */
function request(url: string, options: { method?: string; headers?: Record<string, string>; body?: Buffer | string; anonymous?: boolean } = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const headers = { ...(options.anonymous ? {} : AUTH), ...(options.headers ?? {}) };
    const req = http.request(url, { method: options.method ?? 'GET', headers }, (res) => {
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
  server = await startHttpServer({ archive, handlers: service.handlers, uploads, rendererDir, token: TOKEN, onInternalError: (error) => internalErrors.push(error) });
  broadcast = (event) => server.broadcast(event);
  base = server.origin;
});

afterAll(async () => {
  await server.close();
  await service.close();
  await archive.close();
});

describe('serving the UI', () => {
  it('binds to loopback on a free port and serves the page with the CSP header', async () => {
    expect(server.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(server.url).toBe(`${server.origin}?token=${TOKEN}`);
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

  it('refuses every route without the token, even on loopback, and accepts it once in the address, then the cookie', async () => {
    for (const route of ['', 'library', 'assets/app.js', 'files/x', 'outbox/a.muragat', 'api/events']) {
      expect((await request(`${base}${route}`, { anonymous: true })).status).toBe(401);
    }
    const anonymousCall = await request(`${base}api/app.info`, { method: 'POST', headers: { 'x-muragat': '1' }, body: 'null', anonymous: true });
    expect(anonymousCall.status).toBe(401);
    expect(JSON.parse(anonymousCall.body.toString())).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    // A person opening an old bookmark (the token is new at every start) reads why, in the three
    // UI languages, on a page with no script; the UI's own calls keep getting the coded JSON.
    const page = await request(base, { headers: { accept: 'text/html,application/xhtml+xml' }, anonymous: true });
    expect(page.status).toBe(401);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
    const html = page.body.toString();
    for (const words of ['Кіру рұқсаты жоқ', 'Нет доступа', 'No access', 'muragat serve']) expect(html).toContain(words);
    expect(html).not.toContain(TOKEN);
    expect(html).not.toMatch(/<script/i);
    // The printed address: a cookie, and the same page again without the secret in the address bar.
    const first = await request(server.url, { anonymous: true });
    expect(first.status).toBe(303);
    expect(first.headers.location).toBe('/');
    const setCookie = String(first.headers['set-cookie']);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    const cookie = setCookie.split(';')[0]!;
    expect((await request(base, { headers: { cookie }, anonymous: true })).status).toBe(200);
    const again = await request(`${base}api/app.info`, { method: 'POST', headers: { 'x-muragat': '1', cookie }, body: 'null', anonymous: true });
    expect(again.status).toBe(200);
    expect((await request(`${base}?token=nope`, { anonymous: true })).status).toBe(401);
    expect((await request(base, { headers: { cookie: `muragat_token_${server.port}=%zz` }, anonymous: true })).status).toBe(401);
    expect((await request(base, { headers: { authorization: 'Bearer nope' }, anonymous: true })).status).toBe(401);
    await expect(startHttpServer({ archive, handlers: service.handlers, uploads: new UploadStore(archive.dataDir), rendererDir, token: '' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    // A second server on another port (the sample and a real archive at once): its own cookie, so
    // signing in to one does not log the other's page out (cookies do not keep ports apart).
    const second = await startHttpServer({ archive, handlers: service.handlers, uploads: new UploadStore(archive.dataDir), rendererDir, token: 'another-token' });
    try {
      const secondCookie = String((await request(second.url, { anonymous: true })).headers['set-cookie']).split(';')[0]!;
      expect(secondCookie.split('=')[0]).not.toBe(cookie.split('=')[0]);
      const both = `${cookie}; ${secondCookie}`;
      expect((await request(base, { headers: { cookie: both }, anonymous: true })).status).toBe(200);
      expect((await request(second.origin, { headers: { cookie: both }, anonymous: true })).status).toBe(200);
      expect((await request(second.origin, { headers: { cookie }, anonymous: true })).status).toBe(401);
    } finally {
      await second.close();
    }
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
    const events = http.get(`${base}api/events`, { headers: AUTH }, (res) => res.on('data', (chunk: Buffer) => received.push(chunk.toString())));
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
    // The document remembers the name the user uploaded, not where the upload waited on the server
    // (the source travels to the page and, in bundles, to other offices).
    const document = (await api('documents.get', { id })).value as { source: string };
    expect(document.source).toBe(name);
    expect(JSON.stringify(document)).not.toContain(archive.dataDir);
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

/** Writes raw bytes to the server and reads until it closes the connection (no client-side parsing). */
function raw(port: number, text: string | Buffer, timeoutMs = 5000): Promise<{ status: number; text: string }> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => socket.destroy(), timeoutMs);
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      const reply = Buffer.concat(chunks).toString('utf8');
      resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(reply)?.[1] ?? 0), text: reply });
    });
    socket.on('connect', () => socket.end(text));
  });
}

const rawGet = (target: string, headers = `Host: 127.0.0.1:${server.port}\r\nAuthorization: Bearer ${TOKEN}\r\n`): string =>
  `GET ${target} HTTP/1.1\r\n${headers}Connection: close\r\n\r\n`;

describe('requests that must not crash the server or show its paths', () => {
  it('answers a request target the URL parser rejects with 400 INVALID_INPUT, before and after authorisation', async () => {
    for (const target of ['http://a:99999/', 'http://[::1/', 'http://x:-1/', 'http://%zz/', 'http://a:99999/api/app.info']) {
      for (const headers of [undefined, `Host: 127.0.0.1:${server.port}\r\n`, 'Host: evil\r\n']) {
        const reply = await raw(server.port, rawGet(target, headers));
        expect(reply.status, `${target} ${headers}`).toBe(400);
        expect(reply.text).toContain('"code":"INVALID_INPUT"');
      }
    }
    expect((await request(base)).status).toBe(200);
  });

  it('answers a bad % escape anywhere with 400 INVALID_INPUT, not 500 "URI malformed"', async () => {
    for (const target of ['/%zz', '/assets/%E0%A4%A.js', '/files/%zz', '/outbox/%zz.muragat', '/library/%']) {
      const reply = await request(`${base}${target.slice(1)}`);
      expect(reply.status, target).toBe(400);
      expect(JSON.parse(reply.body.toString())).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    }
    const call = await request(`${base}api/%zz`, { method: 'POST', headers: { 'x-muragat': '1' }, body: 'null' });
    expect(call.status).toBe(400);
    expect(JSON.parse(call.body.toString())).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('answers requests the HTTP parser rejects (garbage, huge headers, bad lengths) with 400/431 and keeps serving', async () => {
    expect((await raw(server.port, 'GARBAGE\r\n\r\n')).status).toBe(400);
    expect((await raw(server.port, 'GET / HTTP/1.1\r\nHost: a\r\nContent-Length: -5\r\n\r\n')).status).toBe(400);
    expect((await raw(server.port, `GET / HTTP/1.1\r\nHost: a\r\nX-Big: ${'x'.repeat(100_000)}\r\n\r\n`)).status).toBe(431);
    expect((await raw(server.port, Buffer.from([0, 1, 2, 0xff, 0xfe, 13, 10, 13, 10]))).status).toBe(400);
    // A body cut short, and a connection dropped mid-request.
    await raw(server.port, `POST /api/app.info HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nAuthorization: Bearer ${TOKEN}\r\nx-muragat: 1\r\nContent-Length: 100\r\n\r\n{"a":`, 500);
    await raw(server.port, `POST /api/upload HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nAuthorization: Bearer ${TOKEN}\r\nx-muragat: 1\r\nx-file-name: a.pdf\r\nContent-Length: 100000\r\n\r\n%PDF-1.7`, 500);
    expect((await request(base)).status).toBe(200);
    await expect.poll(() => fs.readdirSync(path.join(archive.dataDir, 'uploads')).length).toBe(0);
  });

  it('refuses a JSON body over the limit with a reply, without reading it all', async () => {
    const reply = await request(`${base}api/search.query`, { method: 'POST', headers: { 'x-muragat': '1' }, body: Buffer.alloc(3 * 1024 * 1024, 0x20) }).catch(() => null);
    // Either the 400 reply arrives or the connection is closed while the client still writes: never a crash.
    if (reply) expect(JSON.parse(reply.body.toString())).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect((await request(base)).status).toBe(200);
  });

  it('answers a missing stored file with 404 NOT_FOUND and no path of the server', async () => {
    const summary = await archive.importPaths([path.resolve(import.meta.dirname, '../../fixtures/extract/kaz.md')]);
    expect(summary.imported).toBe(1);
    const document = archive.list().find((each) => archive.get(each.id).files[0]?.originalName === 'kaz.md')!;
    const blob = archive.context.store.pathOf(archive.get(document.id).files[0]!.sha256);
    const saved = fs.readFileSync(blob);
    fs.rmSync(blob);
    try {
      for (const suffix of ['', '?download=1']) {
        const reply = await request(`${base}files/${document.id}${suffix}`);
        expect(reply.status).toBe(404);
        const body = reply.body.toString();
        expect(JSON.parse(body)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
        expect(body).not.toContain(archive.dataDir);
        expect(body).not.toContain(root);
      }
      // A folder where the file should be: the same answer, not a stream error.
      fs.mkdirSync(blob);
      expect((await request(`${base}files/${document.id}`)).status).toBe(404);
      fs.rmdirSync(blob);
    } finally {
      fs.writeFileSync(blob, saved);
    }
    expect((await request(`${base}files/${document.id}`)).status).toBe(200);
    expect((await request(`${base}files/${document.id}`, { method: 'HEAD' })).headers['content-length']).toBe(String(saved.length));
  });

  it('gives the browser a generic message for an INTERNAL error and the real one to onInternalError', async () => {
    const logged: unknown[] = [];
    const failing = await startHttpServer({
      archive,
      handlers: { ...service.handlers, 'archive.stats': () => { throw new Error(`SQLITE_CORRUPT in ${archive.dataDir}/archive.db`); } },
      uploads: new UploadStore(archive.dataDir),
      rendererDir,
      token: TOKEN,
      onInternalError: (error) => logged.push(error),
    });
    try {
      const reply = await request(`${failing.origin}api/archive.stats`, { method: 'POST', headers: { 'x-muragat': '1' }, body: 'null' });
      const body = reply.body.toString();
      expect(JSON.parse(body)).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
      expect(body).not.toContain(archive.dataDir);
      expect(body).not.toContain('SQLITE_CORRUPT');
      expect(body).not.toMatch(/\bat .+:\d+:\d+/);
      expect(String(logged[0])).toContain('SQLITE_CORRUPT');
    } finally {
      await failing.close();
    }
  });
});
