/**
 * The message channel to whoever started this process, without importing `electron`:
 * - under Electron's `utilityProcess.fork`: `process.parentPort` (messages arrive as `{ data }`);
 * - under Node's `child_process.fork` (tests, tools): the IPC channel (`process.send`).
 */
export interface ParentChannel {
  onMessage(listener: (message: unknown) => void): void;
  postMessage(message: unknown): void;
  readonly kind: 'electron' | 'node-ipc';
}

/** The part of Electron's `ParentPort` (a utility process's `process.parentPort`) we use. */
interface ElectronParentPort {
  on(event: 'message', listener: (messageEvent: { data: unknown }) => void): unknown;
  postMessage(message: unknown): void;
}

export function connectToParent(): ParentChannel {
  const parentPort = (process as NodeJS.Process & { parentPort?: ElectronParentPort }).parentPort;
  if (parentPort) {
    return {
      kind: 'electron',
      onMessage: (listener) => void parentPort.on('message', (event) => listener(event.data)),
      postMessage: (message) => parentPort.postMessage(message),
    };
  }
  const send = process.send?.bind(process);
  if (send) {
    return {
      kind: 'node-ipc',
      onMessage: (listener) => void process.on('message', (message: unknown) => listener(message)),
      postMessage: (message) => void send(message),
    };
  }
  throw new Error('The core host must be started by the Muragat app (utilityProcess) or with an IPC channel.');
}
