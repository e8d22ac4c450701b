/**
 * The sandboxed preload: exposes `window.muragat = { invoke, onEvent, pathForFile }` and nothing else.
 * Built as one CommonJS file (out/preload/index.cjs); it may only use the sandbox's `electron`
 * subset (contextBridge, ipcRenderer) and code bundled into it.
 *
 * `invoke` refuses method names outside the contract's allow-list before anything crosses to
 * main (main checks again). Events that arrive before the UI subscribes are kept and handed to
 * the first subscriber, so a file opened at launch is not lost while React mounts.
 */
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import {
  RENDERER_METHODS,
  IPC_EVENT_CHANNEL,
  IPC_INVOKE_CHANNEL,
  type ContractEvent,
  type InvokeRequest,
  type MuragatBridge,
  type Result,
} from '../../shared/contract';

const allowedMethods = new Set<string>(RENDERER_METHODS);
const MAX_BUFFERED_EVENTS = 100;

const listeners = new Set<(event: ContractEvent) => void>();
const buffered: ContractEvent[] = [];

ipcRenderer.on(IPC_EVENT_CHANNEL, (_event, payload: ContractEvent) => {
  if (listeners.size === 0) {
    if (buffered.length < MAX_BUFFERED_EVENTS) buffered.push(payload);
    return;
  }
  for (const listener of listeners) listener(payload);
});

const bridge: MuragatBridge = {
  invoke(method, ...args) {
    if (typeof method !== 'string' || !allowedMethods.has(method)) {
      const refused: Result<never> = { ok: false, error: { code: 'INVALID_INPUT', message: `Unknown method: ${String(method)}` } };
      return Promise.resolve(refused);
    }
    const request: InvokeRequest = { method, params: args[0] };
    return ipcRenderer.invoke(IPC_INVOKE_CHANNEL, request);
  },
  onEvent(listener) {
    if (typeof listener !== 'function') return () => undefined;
    listeners.add(listener);
    for (const event of buffered.splice(0)) listener(event);
    return () => {
      listeners.delete(listener);
    };
  },
  pathForFile(file) {
    // Only real File objects from a drop or an <input type=file> have a path; anything else gets ''.
    try {
      return file instanceof File ? webUtils.getPathForFile(file) : '';
    } catch {
      return '';
    }
  },
};

contextBridge.exposeInMainWorld('muragat', bridge);
