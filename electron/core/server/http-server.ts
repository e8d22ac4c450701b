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
 * Safety:
 * - It binds to 127.0.0.1 unless told otherwise. Requests must name this server in `Host`
 *   (defeats DNS rebinding) and API calls must carry `x-muragat: 1` (a custom header: a page of
 *   another site cannot send it without a CORS preflight, which is never granted).
 * - Every request, the UI's own files included, must carry the session's secret token, even on
 *   loopback: another account on the same PC can reach 127.0.0.1 too. The printed address has it
 *   as `?token=`; the server answers that once with an HttpOnly SameSite=Strict cookie and a
 *   redirect to the same page without it (so the secret leaves the address bar and the history),
 *   and the page's fetch, XHR and EventSource send the cookie by themselves (same origin). Scripts
 *   may send `Authorization: Bearer <token>` instead.
 * - No request can throw past the handler's guard: a malformed target, a bad `%` escape, a file
 *   that vanished or cannot be read become coded errors, never a crash; an INTERNAL error reaches
 *   the browser with a generic message (the real one goes to `onInternalError`), and no message
 *   carries a path of the archive's folder.
 */
import { contentDisposition } from '../../../shared/content-disposition';
import { timingSafeEqual } from 'node:crypto';
import * as fs from 'node:fs';
import * as fsp from 'node:fs/promises';
import * as http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import * as path from 'node:path';
import { pipeline } from 'node:stream';
import { SHELL_INTERNAL_METHODS, type ContractEvent, type ContractMethod, type Result } from '../../../shared/contract';
import { CONTENT_SECURITY_POLICY } from '../../../shared/csp';
import { LOCALES, translate } from '../../../shared/i18n';
import { MuragatError, toErrorInfo, type ErrorInfo } from '../../../shared/errors';
import type { Archive } from '../archive';
import type { ContractHandlers } from '../api/handlers';
import { serveMethod } from '../api/handlers';
import type { UploadStore } from '../api/uploads';
import { OUTBOX_DIR } from '../layout';
import { DIAGNOSTICS_NAME } from '../log/diagnostics';

export interface HttpServerOptions {
  archive: Archive;
  handlers: ContractHandlers;
  uploads: UploadStore;
  /** The built renderer (index.html and assets). */
  rendererDir: string;
  host?: string;
  /** 0 = a free port. */
  port?: number;
  /** The session's secret, required on every request (see the file comment). */
  token: string;
  /**
   * Called with every INTERNAL error (its stack and where it happened) before the browser gets
   * a generic message: the server's log. Default: nothing is recorded.
   */
  onInternalError?: (error: unknown, where: { route: string; method?: string }) => void;
  /** Connection limits (defaults: SERVER_LIMITS); tests shorten the timeouts. */
  limits?: Partial<ServerLimits>;
}

/**
 * What one client can hold on the server. A browser on this computer never comes near these; a
 * client that opens connections and never finishes them (slowloris) or never reads its event
 * stream is cut off instead of holding sockets and buffers for ever.
 */
export interface ServerLimits {
  /** Headers must arrive within this (Node's headersTimeout). */
  headersMs: number;
  /**
   * A request body with no byte for this long ends the connection. Idle, not total: an upload
   * of a big file over a slow link keeps going as long as bytes arrive.
   */
  bodyIdleMs: number;
  /** A contract call's JSON body (at most 2 MiB) must arrive whole within this. */
  jsonBodyMs: number;
  /** Open event streams (`/api/events`); one per open page or tab. */
  maxEventClients: number;
  /** Bytes written to an event stream and not yet taken by its client before it is dropped. */
  maxEventBacklogBytes: number;
  /** Open connections at once; past it the server closes new ones. */
  maxConnections: number;
}

export const SERVER_LIMITS: ServerLimits = {
  headersMs: 30_000,
  bodyIdleMs: 120_000,
  jsonBodyMs: 60_000,
  maxEventClients: 64,
  maxEventBacklogBytes: 1024 * 1024,
  maxConnections: 1024,
};

export interface RunningServer {
  /** The address to open, with the session's token. */
  url: string;
  /** The same address without the token (for building API and file URLs). */
  origin: string;
  port: number;
  host: string;
  /** Sends an event to every open page. */
  broadcast(event: ContractEvent): void;
  close(): Promise<void>;
}

const MAX_JSON_BYTES = 2 * 1024 * 1024;
/**
 * Cookies are shared by every port of a host, so each server names its own: two `muragat serve`
 * at once (the sample and a real archive) must not log each other's pages out.
 */
const tokenCookie = (port: number): string => `muragat_token_${port}`;
/** What the browser reads for an INTERNAL error: the details belong in the log, not in a page. */
const INTERNAL_MESSAGE = 'internal error in the archive service (the details are in its log)';

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

/** `decodeURIComponent` that turns a bad `%` escape into the client's error, not a URIError. */
function decodeComponent(text: string, what: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw new MuragatError('INVALID_INPUT', `malformed percent-encoding in the ${what}`, { field: what });
  }
}

function cookieToken(request: http.IncomingMessage, cookieName: string): string | null {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name !== cookieName) continue;
    try {
      return decodeURIComponent(rest.join('='));
    } catch {
      return null;
    }
  }
  return null;
}

function statusOf(info: ErrorInfo): number {
  switch (info.code) {
    case 'NOT_FOUND':
      return 404;
    case 'UNAUTHORIZED':
      return 401;
    case 'FILE_TOO_LARGE':
      return 413;
    case 'DATABASE_BUSY':
      return 503;
    case 'DISK_FULL':
      return 507;
    case 'INTERNAL':
      return 500;
    default:
      return 400;
  }
}

function sendJson(response: http.ServerResponse, status: number, body: unknown): void {
  // Serialised before the head is written, so a value that cannot be serialised is still an error reply.
  const text = JSON.stringify(body);
  response.writeHead(status, { ...SECURITY_HEADERS, 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'content-length': Buffer.byteLength(text) });
  response.end(text);
}

/**
 * Reads a JSON body up to MAX_JSON_BYTES; a larger body is refused without buffering it. A body
 * not whole within `deadlineMs` (sent a byte at a time, or never finished) ends the connection.
 */
function readJsonBody(request: http.IncomingMessage, deadlineMs: number): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const deadline = setTimeout(() => {
      cleanup();
      request.pause();
      reject(new MuragatError('INVALID_INPUT', `the request body did not arrive within ${Math.round(deadlineMs / 1000)} s`));
    }, deadlineMs);
    const cleanup = (): void => {
      clearTimeout(deadline);
      request.off('data', onData);
      request.off('end', onEnd);
      request.off('error', onError);
      request.off('aborted', onAborted);
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > MAX_JSON_BYTES) {
        cleanup();
        // Stop reading: the reply says so and the connection closes after it (see `fail`).
        request.pause();
        reject(new MuragatError('INVALID_INPUT', `the request is larger than ${MAX_JSON_BYTES} bytes`));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = (): void => {
      cleanup();
      const text = Buffer.concat(chunks).toString('utf8');
      if (!text.trim()) return resolve(undefined);
      try {
        resolve(JSON.parse(text) as unknown);
      } catch {
        reject(new MuragatError('INVALID_INPUT', 'the request body is not JSON'));
      }
    };
    const onError = (): void => {
      cleanup();
      reject(new MuragatError('INVALID_INPUT', 'the request body was cut short'));
    };
    const onAborted = onError;
    request.on('data', onData);
    request.on('end', onEnd);
    request.on('error', onError);
    request.on('aborted', onAborted);
  });
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

/** The size of a regular file, or null (missing, a folder, a device, unreadable). */
async function regularFileSize(file: string): Promise<number | null> {
  try {
    const stat = await fsp.stat(file);
    return stat.isFile() ? stat.size : null;
  } catch {
    return null;
  }
}

/**
 * Streams a file as the reply. Opened before the head is written, so a file that cannot be
 * opened is still a coded error; a read error later (the disk, a file removed meanwhile) can
 * only cut the reply short, which destroys it instead of throwing.
 */
async function sendFile(request: http.IncomingMessage, response: http.ServerResponse, file: string, headers: http.OutgoingHttpHeaders, missing: () => MuragatError): Promise<void> {
  if ((await regularFileSize(file)) === null) throw missing();
  let handle: fsp.FileHandle;
  try {
    handle = await fsp.open(file, 'r');
  } catch {
    throw missing();
  }
  let size: number;
  try {
    size = (await handle.stat()).size;
  } catch (error) {
    await handle.close().catch(() => undefined);
    throw error;
  }
  response.writeHead(200, { ...SECURITY_HEADERS, ...headers, 'content-length': size });
  if (request.method === 'HEAD') {
    await handle.close().catch(() => undefined);
    response.end();
    return;
  }
  pipeline(handle.createReadStream(), response, (error) => {
    if (error) response.destroy();
  });
}

/** A person opening a page (not the UI's own calls): they get a page, not JSON. */
function wantsPage(request: http.IncomingMessage, url: URL): boolean {
  return request.method === 'GET' && !url.pathname.startsWith('/api/') && (request.headers.accept ?? '').includes('text/html');
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/**
 * The page for an address without its token (typically yesterday's bookmark: the token is new at
 * every start). No script, no style from elsewhere; in the three UI languages, since the page
 * cannot know the reader's choice before the UI loads.
 */
function sendNoAccessPage(response: http.ServerResponse): void {
  const sections = LOCALES.map((locale) => `<section lang="${locale}"><h1>${escapeHtml(translate(locale, 'server.noAccess.title'))}</h1><p>${escapeHtml(translate(locale, 'server.noAccess.body'))}</p></section>`).join('');
  const html = `<!doctype html><html lang="kk"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Muragat</title><style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;color:#1f2933}h1{font-size:1.25rem;margin:2rem 0 .5rem}</style></head><body>${sections}</body></html>`;
  response.writeHead(401, {
    ...SECURITY_HEADERS,
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'content-length': Buffer.byteLength(html),
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
  });
  response.end(html);
}

export async function startHttpServer(options: HttpServerOptions): Promise<RunningServer> {
  const { archive, handlers, uploads, rendererDir, token } = options;
  if (!token) throw new MuragatError('INVALID_INPUT', 'browser mode needs a session token', { field: 'token' });
  const bindHost = options.host ?? '127.0.0.1';
  const indexHtml = path.join(rendererDir, 'index.html');
  if (!fs.existsSync(indexHtml)) throw new MuragatError('NOT_FOUND', `the UI is not built (no ${indexHtml}); run npm run build`);
  const eventClients = new Set<http.ServerResponse>();
  const limits: ServerLimits = { ...SERVER_LIMITS, ...options.limits };
  let port = 0;

  // The archive folder as the browser must never see it (messages of coded errors may name files in it).
  const hiddenPrefixes = [...new Set([archive.dataDir, safeRealpath(archive.dataDir)])].filter((prefix) => prefix.length > 1).sort((a, b) => b.length - a.length);
  const scrub = (text: string): string => hiddenPrefixes.reduce((result, prefix) => result.split(prefix).join('<archive>'), text);

  /** The error as the browser may see it: INTERNAL errors are logged and replaced by a generic message. */
  const publicError = (error: unknown, where: { route: string; method?: string }): ErrorInfo => {
    const info = toErrorInfo(error);
    if (info.code === 'INTERNAL') {
      try {
        options.onInternalError?.(error, where);
      } catch {
        // A failing log must not turn one failed request into a crashed server.
      }
      return { code: 'INTERNAL', message: INTERNAL_MESSAGE };
    }
    const details = info.details ? Object.fromEntries(Object.entries(info.details).map(([key, value]) => [key, typeof value === 'string' ? scrub(value) : value])) : undefined;
    return { code: info.code, message: scrub(info.message), ...(details ? { details } : {}) };
  };

  const sendError = (response: http.ServerResponse, status: number | null, error: unknown, where: { route: string; method?: string }): void => {
    const info = publicError(error, where);
    const envelope: Result<never> = { ok: false, error: info };
    sendJson(response, status ?? statusOf(info), envelope);
  };

  /** The last resort of every request: an error reply if nothing was sent yet, else the connection ends. */
  const fail = (request: http.IncomingMessage, response: http.ServerResponse, error: unknown, route: string): void => {
    try {
      if (response.headersSent || response.writableEnded || response.destroyed) {
        publicError(error, { route });
        response.destroy();
        return;
      }
      // A body left unread (too large, refused before reading) is not drained: the connection closes.
      if (!request.complete) response.setHeader('connection', 'close');
      sendError(response, null, error, { route });
    } catch {
      response.destroy();
    }
  };

  const allowedHosts = (): Set<string> => {
    const names = new Set(['127.0.0.1', 'localhost', '[::1]']);
    if (bindHost !== '127.0.0.1' && bindHost !== 'localhost') names.add(bindHost.includes(':') ? `[${bindHost}]` : bindHost);
    return new Set([...names].map((name) => `${name}:${port}`));
  };

  /** True when the request may proceed; throws UNAUTHORIZED otherwise. */
  const authorise = (request: http.IncomingMessage, response: http.ServerResponse, url: URL): boolean => {
    const hostHeader = (request.headers.host ?? '').toLowerCase();
    // With --host 0.0.0.0 the name other machines use is not known: the token guards instead.
    const anyHost = bindHost === '0.0.0.0' || bindHost === '::';
    if (!anyHost && !allowedHosts().has(hostHeader)) {
      sendError(response, 403, new MuragatError('UNAUTHORIZED', 'unexpected Host header'), { route: url.pathname });
      return false;
    }
    const fromQuery = url.searchParams.get('token');
    const fromHeader = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1] ?? null;
    const given = fromHeader ?? cookieToken(request, tokenCookie(port)) ?? fromQuery;
    if (given && sameSecret(given, token)) {
      if (fromQuery !== null && sameSecret(fromQuery, token)) response.setHeader('set-cookie', `${tokenCookie(port)}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/`);
      return true;
    }
    if (wantsPage(request, url)) sendNoAccessPage(response);
    else sendError(response, 401, new MuragatError('UNAUTHORIZED', 'open the address printed by `muragat serve`, with its token'), { route: url.pathname });
    return false;
  };

  const serveStatic = async (request: http.IncomingMessage, response: http.ServerResponse, urlPath: string): Promise<void> => {
    let file = resolveStatic(rendererDir, urlPath === '/' ? '/index.html' : urlPath);
    // The UI is one page: unknown paths without an extension get index.html.
    if (!file || (await regularFileSize(file)) === null) {
      if (path.extname(urlPath)) throw new MuragatError('NOT_FOUND', `no such file: ${urlPath}`);
      file = indexHtml;
    }
    const isHtml = file === indexHtml;
    await sendFile(
      request,
      response,
      file,
      {
        'content-type': CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
        'content-security-policy': CONTENT_SECURITY_POLICY,
        // Built assets have content hashes in their names; the page itself must always be fresh.
        'cache-control': isHtml ? 'no-store' : 'public, max-age=31536000, immutable',
      },
      () => new MuragatError('NOT_FOUND', `no such file: ${urlPath}`),
    );
  };

  const serveDocumentFile = async (request: http.IncomingMessage, response: http.ServerResponse, documentId: string, download: boolean): Promise<void> => {
    const details = archive.get(documentId);
    const file = details.files[0];
    if (!file) throw new MuragatError('NOT_FOUND', `document ${documentId} has no stored file`, { id: documentId });
    await sendFile(
      request,
      response,
      archive.context.store.pathOf(file.sha256),
      {
        'content-type': file.mediaType || 'application/octet-stream',
        'content-disposition': contentDisposition(download ? 'attachment' : 'inline', file.originalName),
        'cache-control': 'private, max-age=3600',
        // A stored HTML or SVG file must never run as a page of this origin.
        'content-security-policy': "default-src 'none'; sandbox",
      },
      // `check` reports the missing blob; the browser learns only that the file is not there.
      () => new MuragatError('NOT_FOUND', `the stored file of document ${documentId} is missing`, { id: documentId }),
    );
  };

  /**
   * Only a plain `<name>.muragat` bundle or a `muragat-diagnostics-<time>.zip` (Settings) in the
   * outbox folder itself: no path can reach anything else.
   */
  const serveOutbox = async (request: http.IncomingMessage, response: http.ServerResponse, encodedName: string): Promise<void> => {
    const name = decodeComponent(encodedName, 'path');
    if (!(/^[\w.-]+\.muragat$/.test(name) || DIAGNOSTICS_NAME.test(name)) || name.startsWith('.')) throw new MuragatError('NOT_FOUND', 'no such bundle');
    await sendFile(
      request,
      response,
      path.join(archive.dataDir, OUTBOX_DIR, name),
      {
        'content-type': 'application/zip',
        'content-disposition': contentDisposition('attachment', name),
        'cache-control': 'no-store',
      },
      () => new MuragatError('NOT_FOUND', `no bundle ${name}`),
    );
  };

  /**
   * One write to an event stream. A client that does not read (a stuck or hostile page) would
   * otherwise make the server buffer every event for it without end: past the backlog it is
   * dropped, and a real page's EventSource reconnects.
   */
  const sendEvent = (client: http.ServerResponse, message: string): void => {
    if (client.destroyed) return;
    if (client.writableLength + message.length > limits.maxEventBacklogBytes) {
      eventClients.delete(client);
      client.destroy();
      return;
    }
    client.write(message);
  };

  const serveEvents = (response: http.ServerResponse): void => {
    if (eventClients.size >= limits.maxEventClients) {
      // Pages reconnect on their own (EventSource), so a refused one retries once a tab closes.
      response.setHeader('connection', 'close');
      sendError(response, 503, new MuragatError('NOT_SUPPORTED', `too many open pages (${limits.maxEventClients}): close some tabs`), { route: '/api/events' });
      return;
    }
    // The stream's socket stays open without a request timeout; the backlog check (sendEvent) bounds it.
    response.socket?.setTimeout(0);
    response.writeHead(200, { ...SECURITY_HEADERS, 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive' });
    response.write(': connected\n\n');
    eventClients.add(response);
    const keepAlive = setInterval(() => sendEvent(response, ': ping\n\n'), 25_000);
    // The response's 'close' (not the request's, which fires once its empty body is read) is the page going away.
    response.on('close', () => {
      clearInterval(keepAlive);
      eventClients.delete(response);
    });
  };

  const handleApi = async (request: http.IncomingMessage, response: http.ServerResponse, method: string, route: string): Promise<void> => {
    if (request.method !== 'POST') throw new MuragatError('INVALID_INPUT', 'use POST');
    if (request.headers['x-muragat'] !== '1') {
      sendError(response, 403, new MuragatError('UNAUTHORIZED', 'missing x-muragat header'), { route });
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
      const length = request.headers['content-length'];
      const declared = length !== undefined && /^\d+$/.test(length) ? Number(length) : undefined;
      const value = await uploads.receive(request, name || 'file', declared);
      sendJson(response, 200, { ok: true, value });
      return;
    }
    const params = await readJsonBody(request, limits.jsonBodyMs);
    let reply: Result<unknown>;
    try {
      // Paths on this computer are the desktop shell's business, not a browser's.
      if (SHELL_INTERNAL_METHODS.includes(method as ContractMethod)) throw new MuragatError('NOT_SUPPORTED', `${method} is not served over HTTP`);
      const value = await serveMethod(handlers, method, params ?? undefined);
      reply = { ok: true, value: value ?? null };
    } catch (error) {
      reply = { ok: false, error: publicError(error, { route, method }) };
    }
    sendJson(response, 200, reply);
  };

  const handle = async (request: http.IncomingMessage, response: http.ServerResponse): Promise<void> => {
    let route = '';
    try {
      let url: URL;
      try {
        url = new URL(request.url ?? '/', 'http://muragat.invalid');
      } catch {
        throw new MuragatError('INVALID_INPUT', 'malformed request target', { field: 'url' });
      }
      route = url.pathname;
      if (!authorise(request, response, url)) {
        request.resume();
        return;
      }
      // One check for every route: a bad `%` escape is the client's error, wherever it is.
      decodeComponent(route, 'path');
      const isRead = request.method === 'GET' || request.method === 'HEAD';
      if (route === '/api/events' && request.method === 'GET') return serveEvents(response);
      if (route.startsWith('/api/')) return await handleApi(request, response, decodeComponent(route.slice('/api/'.length), 'path'), route);
      if (route.startsWith('/outbox/') && isRead) return await serveOutbox(request, response, route.slice('/outbox/'.length));
      if (route.startsWith('/files/') && isRead) {
        return await serveDocumentFile(request, response, decodeComponent(route.slice('/files/'.length), 'path'), url.searchParams.get('download') === '1');
      }
      if (!isRead) {
        sendError(response, 405, new MuragatError('INVALID_INPUT', 'method not allowed'), { route });
        return;
      }
      if (url.searchParams.has('token')) {
        // The cookie is set (see authorise): the same page again, without the secret in the address.
        url.searchParams.delete('token');
        response.writeHead(303, { ...SECURITY_HEADERS, location: `${url.pathname}${url.search}`, 'cache-control': 'no-store', 'content-length': 0 });
        response.end();
        return;
      }
      await serveStatic(request, response, route);
    } catch (error) {
      fail(request, response, error, route);
    }
  };

  // Node checks the headers timeout on this period (default 30 s, which doubles the timeout).
  const server = http.createServer({ connectionsCheckingInterval: Math.max(250, Math.min(30_000, limits.headersMs / 4)) }, (request, response) => {
    // An aborted upload or a reset connection emits 'error' on these streams; the handler's own
    // reading sees it, and an unlistened 'error' would otherwise end the process.
    request.on('error', () => undefined);
    response.on('error', () => undefined);
    if (!request.complete) {
      // A body that stops arriving ends its connection (Node destroys a socket whose timeout
      // nobody handles); once it is read, a slow handler or a download is not cut short.
      request.socket.setTimeout(limits.bodyIdleMs);
      request.once('end', () => request.socket?.setTimeout(0));
    }
    void handle(request, response);
  });
  // A request the HTTP parser rejects (a bad request line, huge headers) never reaches the handler.
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const status = error.code === 'HPE_HEADER_OVERFLOW' ? '431 Request Header Fields Too Large' : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? '408 Request Timeout' : '400 Bad Request';
    const body = JSON.stringify({ ok: false, error: { code: 'INVALID_INPUT', message: 'malformed HTTP request' } });
    socket.end(`HTTP/1.1 ${status}\r\ncontent-type: application/json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`);
  });
  // Large uploads and slow disks: no request timeout, but headers must arrive promptly.
  server.requestTimeout = 0;
  server.headersTimeout = limits.headersMs;
  server.maxConnections = limits.maxConnections;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, bindHost, () => {
      server.off('error', reject);
      resolve();
    });
  });
  // A listening server's later errors (e.g. too many open files on accept) must not end the process.
  server.on('error', (error) => publicError(error, { route: '(server)' }));
  port = (server.address() as AddressInfo).port;
  const shownHost = bindHost === '0.0.0.0' || bindHost === '::' ? '127.0.0.1' : bindHost.includes(':') ? `[${bindHost}]` : bindHost;
  const origin = `http://${shownHost}:${port}/`;

  return {
    url: `${origin}?token=${encodeURIComponent(token)}`,
    origin,
    port,
    host: bindHost,
    broadcast(event) {
      const message = `data: ${JSON.stringify(event)}\n\n`;
      for (const client of eventClients) sendEvent(client, message);
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

function safeRealpath(file: string): string {
  try {
    return fs.realpathSync(file);
  } catch {
    return file;
  }
}
