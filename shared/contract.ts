/**
 * The contract between the UI and the archive core: one typed map from method name to input and
 * output, plus the push events. Every transport (Electron IPC through the preload, HTTP in
 * browser mode) and every host (the Electron utility process, the loopback server) speaks it.
 *
 * To add a method: add an entry to `Contract` and its name to `METHOD_FLAGS` (TypeScript refuses
 * the build until both agree), then serve it in the host.
 *
 * Pure TypeScript: no Node, DOM or Electron imports (this file is bundled into the sandboxed
 * preload too).
 */
import type { ErrorInfo } from './errors';
import type { Locale } from './i18n';

// ---------------------------------------------------------------------------------------------
// Methods
// ---------------------------------------------------------------------------------------------

export interface AppInfo {
  /** Application version (package.json). */
  version: string;
  /** Absolute path of the archive data folder in use. */
  dataDir: string;
}

export interface Contract {
  /** Version of the application and the archive folder it uses. */
  'app.info': { input: void; output: AppInfo };
  /**
   * The UI language changed. The desktop shell relabels its native menu and remembers the choice;
   * hosts without a native menu (browser mode) accept it and do nothing.
   */
  'app.setLocale': { input: { locale: Locale }; output: void };
}

export type ContractMethod = keyof Contract;
export type ContractInput<M extends ContractMethod> = Contract[M]['input'];
export type ContractOutput<M extends ContractMethod> = Contract[M]['output'];

/**
 * Parameters of `invoke` for a method: none when the input is `void`, otherwise exactly one.
 */
export type InvokeArgs<M extends ContractMethod> = [ContractInput<M>] extends [void]
  ? [params?: undefined]
  : [params: ContractInput<M>];

/** Every method name, once. A `Record` so that a missing or an extra name is a type error. */
const METHOD_FLAGS: Readonly<Record<ContractMethod, true>> = {
  'app.info': true,
  'app.setLocale': true,
};

/** The allow-list of method names (the preload and the hosts refuse anything else). */
export const CONTRACT_METHODS: readonly ContractMethod[] = Object.freeze(Object.keys(METHOD_FLAGS) as ContractMethod[]);

export function isContractMethod(value: unknown): value is ContractMethod {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(METHOD_FLAGS, value);
}

// ---------------------------------------------------------------------------------------------
// Results
// ---------------------------------------------------------------------------------------------

/** What crosses a process boundary: a value or a serialisable error, never a thrown exception. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorInfo };
export type ContractResult<M extends ContractMethod> = Result<ContractOutput<M>>;

// ---------------------------------------------------------------------------------------------
// Push events (host or shell → UI)
// ---------------------------------------------------------------------------------------------

/** Commands the native menu sends to the UI. */
export type AppCommand = 'focusSearch';

export interface ContractEvents {
  /**
   * Files or folders to import, from the native menu's dialogs, a file association (a `.pdf` or a
   * `.muragat` bundle opened with the app) or a second launch with paths on its command line.
   */
  'app.openFiles': { paths: string[] };
  /** A native menu item that the UI carries out. */
  'app.command': { command: AppCommand };
}

export type ContractEventName = keyof ContractEvents;
export type ContractEvent = {
  [E in ContractEventName]: { name: E; payload: ContractEvents[E] };
}[ContractEventName];

// ---------------------------------------------------------------------------------------------
// Electron IPC (renderer ↔ preload ↔ main)
// ---------------------------------------------------------------------------------------------

/** The only channel the renderer may invoke: `{ method, params }` → `Result`. */
export const IPC_INVOKE_CHANNEL = 'muragat:invoke';
/** The only channel main pushes events on: payload is a `ContractEvent`. */
export const IPC_EVENT_CHANNEL = 'muragat:event';

export interface InvokeRequest {
  method: ContractMethod;
  params?: unknown;
}

/** What the preload exposes as `window.muragat`. */
export interface MuragatBridge {
  invoke<M extends ContractMethod>(method: M, ...args: InvokeArgs<M>): Promise<ContractResult<M>>;
  /** Subscribes to push events; returns the function that unsubscribes. */
  onEvent(listener: (event: ContractEvent) => void): () => void;
}

// ---------------------------------------------------------------------------------------------
// Core host wire protocol (main ↔ the utility process running the core)
// ---------------------------------------------------------------------------------------------

/** main → host */
export type HostInbound =
  | { type: 'request'; id: number; method: string; params: unknown }
  /** Close the archive and exit. */
  | { type: 'shutdown' };

/** host → main */
export type HostOutbound =
  /** The host opened the archive and accepts requests. */
  | { type: 'ready' }
  | ({ type: 'reply'; id: number } & Result<unknown>)
  | { type: 'event'; event: ContractEvent };
