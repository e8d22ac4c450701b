/**
 * The core host's message loop, independent of what the core serves (see core-host.ts for the
 * protocol and the entry point). Importable by tests: nothing runs on import.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { AppInfo, ContractEvent, HostInbound, HostOutbound } from '../../shared/contract';
import { MuragatError, toErrorInfo, type ErrorInfo } from '../../shared/errors';
import { serveMethod, type ContractHandlers } from '../core/api/handlers';
import { resolveNativeBinding } from './native-binding';
import type { ParentChannel } from './parent-channel';

export interface HostConfig {
  dataDir: string;
  version: string;
  /** better-sqlite3 binary built for Electron's ABI, when running unpackaged under Electron. */
  nativeBinding: string | undefined;
}

/** What the archive contributes: handlers for its methods, and how to close it. */
export interface CoreSession {
  handlers: Partial<ContractHandlers>;
  close(): void | Promise<void>;
}

export type OpenCore = (config: HostConfig, emit: (event: ContractEvent) => void) => CoreSession | Promise<CoreSession>;

export function readHostConfig(argv: readonly string[], env: NodeJS.ProcessEnv): HostConfig {
  const { values } = parseArgs({
    args: [...argv],
    options: { 'data-dir': { type: 'string' }, 'app-version': { type: 'string' } },
    strict: false,
    allowPositionals: true,
  });
  const dataDirArg = typeof values['data-dir'] === 'string' ? values['data-dir'] : undefined;
  const dataDir = dataDirArg ?? env.MURAGAT_DATA;
  if (!dataDir) throw new Error('core-host: no data folder (pass --data-dir=<folder> or set MURAGAT_DATA).');
  const versionArg = typeof values['app-version'] === 'string' ? values['app-version'] : undefined;
  return {
    dataDir: resolve(dataDir),
    version: versionArg ?? env.MURAGAT_APP_VERSION ?? 'unknown',
    nativeBinding: resolveNativeBinding({ env }),
  };
}

export function startHost(channel: ParentChannel, config: HostConfig, openCore: OpenCore): void {
  const post = (message: HostOutbound): void => channel.postMessage(message);
  const emit = (event: ContractEvent): void => post({ type: 'event', event });

  let core: CoreSession | undefined;
  let startupError: ErrorInfo | undefined;
  // Listen before opening (so an early 'shutdown' is not lost); requests wait for the opening.
  const opened = Promise.resolve()
    .then(() => openCore(config, emit))
    .then(
      (session) => {
        core = session;
      },
      (error: unknown) => {
        startupError = toErrorInfo(error);
        console.error('[muragat:core-host] could not open the archive:', error);
      },
    );

  /**
   * Answered by the host itself when the archive failed to open, so the UI can still show the
   * version and folder next to the error.
   */
  const fallbackHandlers: Pick<ContractHandlers, 'app.info' | 'app.setLocale'> = {
    'app.info': (): AppInfo => ({ version: config.version, dataDir: config.dataDir, archiveId: '', archiveName: '', host: 'desktop', sample: false }),
    'app.setLocale': () => undefined,
  };

  const handle = async (method: string, params: unknown): Promise<unknown> => {
    await opened;
    if (core) return serveMethod(core.handlers, method, params);
    if (method in fallbackHandlers) return serveMethod(fallbackHandlers, method, params);
    if (startupError) throw new MuragatError(startupError.code, startupError.message, startupError.details ?? {});
    throw new MuragatError('INTERNAL', `Method not served by the core host: ${method}`);
  };

  let shuttingDown = false;
  channel.onMessage((raw) => {
    const message = raw as HostInbound | null;
    if (!message || typeof message !== 'object') return;
    if (message.type === 'shutdown') {
      if (shuttingDown) return;
      shuttingDown = true;
      void opened
        .then(() => core?.close())
        .catch((error: unknown) => console.error('[muragat:core-host] error while closing the archive:', error))
        .finally(() => process.exit(0));
      return;
    }
    if (message.type !== 'request' || typeof message.id !== 'number') return;
    const { id, method, params } = message;
    handle(method, params).then(
      (value) => post({ type: 'reply', id, ok: true, value }),
      (error: unknown) => post({ type: 'reply', id, ok: false, error: toErrorInfo(error) }),
    );
  });

  void opened.then(() => post({ type: 'ready' }));
}
