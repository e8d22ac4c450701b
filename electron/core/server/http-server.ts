/**
 * Browser mode: the same renderer and the same contract as the desktop app, served by the core
 * over HTTP (the Trilium model: IPC or HTTP, one contract).
 *
 *   GET  /                    the built renderer (out/renderer), CSP as a header
 *   POST /api/<method>        body = params as JSON → `Result` envelope (always HTTP 200 once
 *                             authorised: errors are codes inside the envelope)
 *   GET  /api/events          server-sent events: one `ContractEvent` per message
 *   POST /api/upload          raw bytes of one file (name in `x-file-name`, URI-encoded) →
 *                             `Result<{ uploadId, name, size }>` for `import.start`
 *   GET  /files/<documentId>  the document's original file (`?download=1` as an attachment)
 *   GET  /outbox/<name>       a bundle the Sync screen just wrote into the archive's outbox
 *
 * Safety: it binds to 127.0.0.1 unless told otherwise. Requests must name this server in `Host`
 * (defeats DNS rebinding), API calls must carry `x-muragat: 1` (a custom header: a page of
 * another site cannot send it without a CORS preflight, which is never granted) and, when a
 * token is set (any `--host`), the token — from `?token=` once, then an HttpOnly cookie.
 */
import { contentDisposition } from '../../../shared/content-disposition';
import { timingSafeEqual } from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { SHELL_INTERNAL_METHODS, type ContractEvent, type ContractMethod, type Result } from '../../../shared/contract';
import { CONTENT_SECURITY_POLICY } from '../../../shared/csp';
import { MuragatError, toErrorInfo } from '../../../shared/errors';
import type { Archive } from '../archive';
import type { ContractHandlers } from '../api/handlers';
import { serveMethod } from '../api/handlers';
import type { UploadStore } from '../api/uploads';
import { OUTBOX_DIR } from '../layout';

export interface HttpServerOptions {
  archive: Archive;
  handlers: ContractHandlers;
  uploads: UploadStore;
  /** The built renderer (index.html and assets). */
  rendererDir: string;
  host?: string;
  /** 0 = a free port. */
  port?: number;
  /** Required on every request when set. */
  token?: string;
}

export interface RunningServer {
  url: string;
  port: number;
  host: string;
  /** Sends an event to every open page. */
  broadcast(event: ContractEvent): void;
  close(): Promise<void>;
}

const MAX_JSON_BYTES = 2 * 1024 * 1024;
const TOKEN_COOKIE = 'muragat_token';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.pfb': 'application/octet-stream',
  '.bcmap': 'application/octet-stream',
  '.wasm': 'application/wasm',
};

const SECURITY_HEADERS: Record<string, string> = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
};

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function cookieToken(request: http.IncomingMessage): string | null {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === TOKEN_COOKIE) return decodeURIComponent(rest.join('='));
  }
  return null;
}

function sendJson(response: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { ...SECURITY_HEADERS, 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'content-length': Buffer.byteLength(text) });
  response.end(text);
}

function sendError(response: http.ServerResponse, status: number, error: unknown): void {
  const envelope: Result<never> = { ok: false, error: toErrorInfo(error) };
  sendJson(response, status, envelope);
}

async function readJsonBody(request: http.IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_JSON_BYTES) throw new MuragatError('INVALID_INPUT', `the request is larger than ${MAX_JSON_BYTES} bytes`);
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text.trim()) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new MuragatError('INVALID_INPUT', 'the request body is not JSON');
  }
}

/** A file under `root` for a URL path, or null: never a path outside it (`..`, encoded or not). */
export function resolveStatic(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const target = path.resolve(root, `.${path.posix.normalize(`/${decoded}`)}`);
  const relative = path.relative(root, target);
  if (relative.startsWith('..') || path.isAbsolute(relative)) return null;
  return target;
}

export async function startHttpServer(options: HttpServerOptions): Promise<RunningServer> {
  const { archive, handlers, uploads, rendererDir, token } = options;
  const bindHost = options.host ?? '127.0.0.1';
  const indexHtml = path.join(rendererDir, 'index.html');
  if (!fs.existsSync(indexHtml)) throw new MuragatError('NOT_FOUND', `the UI is not built (no ${indexHtml}); run npm run build`);
  const eventClients = new Set<http.ServerResponse>();
  let port = 0;

  const allowedHosts = (): Set<string> => {
    const names = new Set(['127.0.0.1', 'localhost', '[::1]']);
    if (bindHost !== '127.0.0.1' && bindHost !== 'localhost') names.add(bindHost.includes(':') ? `[${bindHost}]` : bindHost);
    return new Set([...names].map((name) => `${name}:${port}`));
  };

  /** True when the request may proceed; otherwise the reply is already sent. */
  const authorise = (request: http.IncomingMessage, response: http.ServerResponse, url: URL): boolean => {
    const hostHeader = (request.headers.host ?? '').toLowerCase();
    // With --host 0.0.0.0 the name other machines use is not known: the token guards instead.
    const anyHost = bindHost === '0.0.0.0' || bindHost === '::';
    if (!anyHost && !allowedHosts().has(hostHeader)) {
      sendError(response, 403, new MuragatError('UNAUTHORIZED', 'unexpected Host header'));
      return false;
    }
    if (!token) return true;
    const fromQuery = url.searchParams.get('token');
    const fromHeader = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1] ?? null;
    const given = fromHeader ?? cookieToken(request) ?? fromQuery;
    if (given && sameSecret(given, token)) {
      if (fromQuery) response.setHeader('set-cookie', `${TOKEN_COOKIE}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/`);
      return true;
    }
    sendError(response, 401, new MuragatError('UNAUTHORIZED', 'open the address printed by `muragat serve`, with its token'));
    return false;
  };

  const serveStatic = (response: http.ServerResponse, urlPath: string): void => {
    let file = resolveStatic(rendererDir, urlPath === '/' ? '/index.html' : urlPath);
    let isFile: boolean;
    try {
      isFile = !!file && fs.statSync(file).isFile();
    } catch {
      isFile = false;
    }
    // The UI is one page: unknown paths without an extension get index.html.
    if (!isFile) {
      if (path.extname(urlPath)) {
        sendError(response, 404, new MuragatError('NOT_FOUND', `no such file: ${urlPath}`));
        return;
      }
      file = indexHtml;
    }
    const target = file ?? indexHtml;
    const type = CONTENT_TYPES[path.extname(target).toLowerCase()] ?? 'application/octet-stream';
    const isHtml = target === indexHtml;
    response.writeHead(200, {
      ...SECURITY_HEADERS,
      'content-type': type,
      'content-security-policy': CONTENT_SECURITY_POLICY,
      // Built assets have content hashes in their names; the page itself must always be fresh.
      'cache-control': isHtml ? 'no-store' : 'public, max-age=31536000, immutable',
    });
    fs.createReadStream(target).pipe(response);
  };

  const serveDocumentFile = (response: http.ServerResponse, documentId: string, download: boolean): void => {
    const details = archive.get(documentId);
    const file = details.files[0];
    if (!file) throw new MuragatError('NOT_FOUND', `document ${documentId} has no stored file`);
    const blob = archive.context.store.pathOf(file.sha256);
    const stat = fs.statSync(blob);
    response.writeHead(200, {
      ...SECURITY_HEADERS,
      'content-type': file.mediaType || 'application/octet-stream',
      'content-length': stat.size,
      'content-disposition': contentDisposition(download ? 'attachment' : 'inline', file.originalName),
      'cache-control': 'private, max-age=3600',
      // A stored HTML or SVG file must never run as a page of this origin.
      'content-security-policy': "default-src 'none'; sandbox",
    });
    fs.createReadStream(blob).pipe(response);
  };

  /** Only a plain `<name>.muragat` in the outbox folder itself: no path can reach anything else. */
  const serveOutbox = (response: http.ServerResponse, encodedName: string): void => {
    let name: string;
    try {
      name = decodeURIComponent(encodedName);
    } catch {
      name = '';
    }
    if (!/^[\w.-]+\.muragat$/.test(name) || name.startsWith('.')) throw new MuragatError('NOT_FOUND', 'no such bundle');
    const file = path.join(archive.dataDir, OUTBOX_DIR, name);
    let size: number;
    try {
      size = fs.statSync(file).size;
    } catch {
      throw new MuragatError('NOT_FOUND', `no bundle ${name}`);
    }
    response.writeHead(200, {
      ...SECURITY_HEADERS,
      'content-type': 'application/zip',
      'content-length': size,
      'content-disposition': contentDisposition('attachment', name),
      'cache-control': 'no-store',
    });
    fs.createReadStream(file).pipe(response);
  };

  const serveEvents = (request: http.IncomingMessage, response: http.ServerResponse): void => {
    response.writeHead(200, { ...SECURITY_HEADERS, 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive' });
    response.write(': connected\n\n');
    eventClients.add(response);
    const keepAlive = setInterval(() => response.write(': ping\n\n'), 25_000);
    request.on('close', () => {
      clearInterval(keepAlive);
      eventClients.delete(response);
    });
  };

  const handleApi = async (request: http.IncomingMessage, response: http.ServerResponse, method: string): Promise<void> => {
    if (request.method !== 'POST') {
      sendError(response, 405, new MuragatError('INVALID_INPUT', 'use POST'));
      return;
    }
    if (request.headers['x-muragat'] !== '1') {
      sendError(response, 403, new MuragatError('UNAUTHORIZED', 'missing x-muragat header'));
      return;
    }
    if (method === 'upload') {
      const rawName = String(request.headers['x-file-name'] ?? '');
      let name: string;
      try {
        name = decodeURIComponent(rawName);
      } catch {
        name = rawName;
      }
      const declared = request.headers['content-length'] ? Number(request.headers['content-length']) : undefined;
      const value = await uploads.receive(request, name || 'file', declared);
      sendJson(response, 200, { ok: true, value });
      return;
    }
    const params = await readJsonBody(request);
    try {
      // Paths on this computer are the desktop shell's business, not a browser's.
      if (SHELL_INTERNAL_METHODS.includes(method as ContractMethod)) throw new MuragatError('NOT_SUPPORTED', `${method} is not served over HTTP`);
      const value = await serveMethod(handlers, method, params ?? undefined);
      sendJson(response, 200, { ok: true, value: value ?? null });
    } catch (error) {
      sendError(response, 200, error);
    }
  };

  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://muragat.invalid');
    if (!authorise(request, response, url)) {
      request.resume();
      return;
    }
    const route = url.pathname;
    const respond = async (): Promise<void> => {
      if (route === '/api/events' && request.method === 'GET') return serveEvents(request, response);
      if (route.startsWith('/api/')) return handleApi(request, response, decodeURIComponent(route.slice('/api/'.length)));
      if (route.startsWith('/outbox/') && request.method === 'GET') return serveOutbox(response, route.slice('/outbox/'.length));
      if (route.startsWith('/files/') && (request.method === 'GET' || request.method === 'HEAD')) {
        return serveDocumentFile(response, decodeURIComponent(route.slice('/files/'.length)), url.searchParams.get('download') === '1');
      }
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        sendError(response, 405, new MuragatError('INVALID_INPUT', 'method not allowed'));
        return;
      }
      serveStatic(response, route);
    };
    respond().catch((error: unknown) => {
      if (response.headersSent) {
        response.destroy();
        return;
      }
      const info = toErrorInfo(error);
      sendError(response, info.code === 'NOT_FOUND' ? 404 : info.code === 'INVALID_INPUT' || info.code === 'FILE_TOO_LARGE' ? 400 : 500, error);
    });
  });
  // Large uploads and slow disks: no request timeout, but headers must arrive promptly.
  server.requestTimeout = 0;
  server.headersTimeout = 30_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, bindHost, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  const shownHost = bindHost === '0.0.0.0' || bindHost === '::' ? '127.0.0.1' : bindHost.includes(':') ? `[${bindHost}]` : bindHost;
  const url = `http://${shownHost}:${port}/${token ? `?token=${encodeURIComponent(token)}` : ''}`;

  return {
    url,
    port,
    host: bindHost,
    broadcast(event) {
      const message = `data: ${JSON.stringify(event)}\n\n`;
      for (const client of eventClients) client.write(message);
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of eventClients) client.end();
        eventClients.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
