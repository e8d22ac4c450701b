/**
 * How the UI reaches the core. In the desktop app the preload exposes `window.muragat` (IPC);
 * in browser mode the page is served by the loopback server and calls `POST /api/<method>`.
 * Both speak shared/contract.ts and return its `Result` envelope, which is unwrapped here: a
 * failed call throws an `ApiError` carrying the error code for the UI to translate.
 *
 * HTTP shape: request body = the method's params as JSON (`null` when it takes none), header
 * `x-muragat: 1`; response body = `{ ok: true, value } | { ok: false, error: { code, message } }`.
 * Events arrive over server-sent events from `/api/events`.
 */
import {
  FILE_PROTOCOL,
  type ContractEvent,
  type ContractMethod,
  type ContractOutput,
  type InvokeArgs,
  type MuragatBridge,
  type Result,
} from '../../../shared/contract';
import type { ImportSource } from '../../../shared/domain/import';
import type { ErrorCode, ErrorInfo } from '../../../shared/errors';

declare global {
  interface Window {
    /** Present only inside the desktop app (set by the preload). */
    muragat?: MuragatBridge;
  }
}

export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly details: Readonly<Record<string, string | number>>;
  /** True when the core could not be reached at all (no answer, not a refusal). */
  readonly unreachable: boolean;

  constructor(info: ErrorInfo, options: { unreachable?: boolean; cause?: unknown } = {}) {
    super(info.message, { cause: options.cause });
    this.name = 'ApiError';
    this.code = info.code;
    this.details = info.details ?? {};
    this.unreachable = options.unreachable ?? false;
  }
}

/** Options of one call: a signal aborts a stale request (a search superseded by the next keystroke). */
export interface CallOptions {
  signal?: AbortSignal;
}

export interface Transport {
  readonly kind: 'ipc' | 'http';
  invoke<M extends ContractMethod>(method: M, ...args: InvokeArgs<M>): Promise<ContractOutput<M>>;
  /** The same transport, with every call tied to `signal` (aborted calls reject with AbortError). */
  withSignal(signal: AbortSignal): Transport;
  /** Subscribes to push events; returns the function that unsubscribes. */
  onEvent(listener: (event: ContractEvent) => void): () => void;
  /** Address of a document's original file, for the PDF viewer and "download". */
  fileUrl(documentId: string, options?: { download?: boolean }): string;
  /**
   * Where the browser downloads a bundle written into the archive's outbox (browser mode); null
   * in the desktop app, where the bundle is a file on this computer already.
   */
  bundleUrl(fileName: string): string | null;
  /**
   * Turns files dropped on or picked in the page into import sources: their paths in the desktop
   * app, uploads in browser mode. `onUploaded` reports bytes sent so far.
   */
  sourcesForFiles(files: readonly File[], onUploaded?: (bytes: number) => void, signal?: AbortSignal): Promise<ImportSource[]>;
}

function isResult(value: unknown): value is Result<unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const ok = (value as { ok?: unknown }).ok;
  if (ok === true) return true;
  const error = (value as { error?: unknown }).error;
  return ok === false && typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'string';
}

function unwrap<T>(result: unknown): T {
  if (!isResult(result)) throw new ApiError({ code: 'INTERNAL', message: 'Malformed reply from the archive.' }, { unreachable: true });
  if (!result.ok) {
    // The desktop shell marks "the core process is down" with details.reason = 'host-…'.
    const reason = result.error.details?.reason;
    throw new ApiError(result.error, { unreachable: typeof reason === 'string' && reason.startsWith('host-') });
  }
  return result.value as T;
}

function unreachable(cause: unknown): ApiError {
  const message = cause instanceof Error ? cause.message : String(cause);
  return new ApiError({ code: 'INTERNAL', message: `The archive could not be reached: ${message}` }, { unreachable: true, cause });
}

function abortError(): DOMException {
  return new DOMException('The request was superseded.', 'AbortError');
}

export function isAbortError(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

export function ipcTransport(bridge: MuragatBridge, signal?: AbortSignal): Transport {
  return {
    kind: 'ipc',
    async invoke(method, ...args) {
      if (signal?.aborted) throw abortError();
      let result: unknown;
      try {
        result = await bridge.invoke(method, ...args);
      } catch (cause) {
        throw unreachable(cause);
      }
      // IPC cannot be interrupted; a superseded answer is dropped instead.
      if (signal?.aborted) throw abortError();
      return unwrap(result);
    },
    withSignal: (next) => ipcTransport(bridge, next),
    onEvent: (listener) => bridge.onEvent(listener),
    fileUrl: (documentId, options) => `${FILE_PROTOCOL}://document/${encodeURIComponent(documentId)}${options?.download ? '?download=1' : ''}`,
    bundleUrl: () => null,
    async sourcesForFiles(files) {
      const sources: ImportSource[] = [];
      for (const file of files) {
        const path = bridge.pathForFile(file);
        if (path) sources.push({ type: 'path', path });
      }
      return sources;
    },
  };
}

/** Browser mode's push events: one EventSource shared by every subscriber, reconnecting by itself. */
function eventHub(baseUrl: string): (listener: (event: ContractEvent) => void) => () => void {
  const listeners = new Set<(event: ContractEvent) => void>();
  let source: EventSource | null = null;
  return (listener) => {
    listeners.add(listener);
    if (!source && typeof EventSource !== 'undefined') {
      source = new EventSource(`${baseUrl}/api/events`);
      source.onmessage = (message: MessageEvent<string>) => {
        let event: ContractEvent;
        try {
          event = JSON.parse(message.data) as ContractEvent;
        } catch {
          return;
        }
        for (const each of listeners) each(event);
      };
    }
    return () => {
      listeners.delete(listener);
      if (listeners.size === 0 && source) {
        source.close();
        source = null;
      }
    };
  };
}

const API_HEADERS = { 'content-type': 'application/json', 'x-muragat': '1' };

function uploadOne(baseUrl: string, file: File, onProgress: (loaded: number) => void, signal?: AbortSignal): Promise<ImportSource> {
  // XMLHttpRequest, not fetch: it reports upload progress, which a 50 MB scan needs.
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', `${baseUrl}/api/upload`);
    request.setRequestHeader('x-muragat', '1');
    request.setRequestHeader('x-file-name', encodeURIComponent(file.name));
    request.upload.onprogress = (event) => onProgress(event.loaded);
    request.onload = () => {
      try {
        const value = unwrap<{ uploadId: string }>(JSON.parse(String(request.responseText)));
        onProgress(file.size);
        resolve({ type: 'upload', uploadId: value.uploadId });
      } catch (error) {
        reject(error instanceof ApiError ? error : unreachable(error));
      }
    };
    request.onerror = () => reject(unreachable(new Error('upload failed')));
    request.onabort = () => reject(abortError());
    signal?.addEventListener('abort', () => request.abort(), { once: true });
    request.send(file);
  });
}

export function httpTransport(baseUrl = '', signal?: AbortSignal, subscribe = eventHub(baseUrl)): Transport {
  return {
    kind: 'http',
    async invoke(method, ...args) {
      let result: unknown;
      try {
        const response = await fetch(`${baseUrl}/api/${encodeURIComponent(method)}`, {
          method: 'POST',
          headers: API_HEADERS,
          body: JSON.stringify(args[0] ?? null),
          ...(signal ? { signal } : {}),
        });
        result = await response.json();
      } catch (cause) {
        if (isAbortError(cause) || signal?.aborted) throw abortError();
        throw unreachable(cause);
      }
      return unwrap(result);
    },
    withSignal: (next) => httpTransport(baseUrl, next, subscribe),
    onEvent: subscribe,
    fileUrl: (documentId, options) => `${baseUrl}/files/${encodeURIComponent(documentId)}${options?.download ? '?download=1' : ''}`,
    bundleUrl: (fileName) => `${baseUrl}/outbox/${encodeURIComponent(fileName)}`,
    async sourcesForFiles(files, onUploaded, uploadSignal) {
      const sources: ImportSource[] = [];
      let before = 0;
      for (const file of files) {
        sources.push(await uploadOne(baseUrl, file, (loaded) => onUploaded?.(before + loaded), uploadSignal));
        before += file.size;
      }
      return sources;
    },
  };
}

/** IPC inside the desktop app, HTTP everywhere else. */
export function createTransport(): Transport {
  return window.muragat ? ipcTransport(window.muragat) : httpTransport();
}
