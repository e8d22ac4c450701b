/**
 * How the UI reaches the core. In the desktop app the preload exposes `window.muragat` (IPC);
 * in browser mode the page is served by the loopback server and calls `POST /api/<method>`.
 * Both speak shared/contract.ts and return its `Result` envelope, which is unwrapped here: a
 * failed call throws an `ApiError` carrying the error code for the UI to translate.
 *
 * HTTP shape: request body = the method's params as JSON (`null` when it takes none);
 * response body = `{ ok: true, value } | { ok: false, error: { code, message } }`.
 */
import type {
  ContractEvent,
  ContractMethod,
  ContractOutput,
  InvokeArgs,
  MuragatBridge,
  Result,
} from '../../../shared/contract';
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

export interface Transport {
  readonly kind: 'ipc' | 'http';
  invoke<M extends ContractMethod>(method: M, ...args: InvokeArgs<M>): Promise<ContractOutput<M>>;
  /** Subscribes to push events; returns the function that unsubscribes. */
  onEvent(listener: (event: ContractEvent) => void): () => void;
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

export function ipcTransport(bridge: MuragatBridge): Transport {
  return {
    kind: 'ipc',
    async invoke(method, ...args) {
      let result: unknown;
      try {
        result = await bridge.invoke(method, ...args);
      } catch (cause) {
        throw unreachable(cause);
      }
      return unwrap(result);
    },
    onEvent: (listener) => bridge.onEvent(listener),
  };
}

export function httpTransport(baseUrl = ''): Transport {
  return {
    kind: 'http',
    async invoke(method, ...args) {
      let result: unknown;
      try {
        const response = await fetch(`${baseUrl}/api/${encodeURIComponent(method)}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(args[0] ?? null),
        });
        result = await response.json();
      } catch (cause) {
        throw unreachable(cause);
      }
      return unwrap(result);
    },
    // Push events over HTTP (e.g. server-sent events from /api/events) come with browser mode.
    onEvent: () => () => undefined,
  };
}

/** IPC inside the desktop app, HTTP everywhere else. */
export function createTransport(): Transport {
  return window.muragat ? ipcTransport(window.muragat) : httpTransport();
}
