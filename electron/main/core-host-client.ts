/**
 * Runs the archive core in an Electron utility process (out/main/core-host.js) so that database
 * work never blocks the UI thread, relays requests to it with sequence ids, forwards its push
 * events, and restarts it when it crashes.
 *
 * Requests made before the host reports `ready` (or while it restarts) wait in a queue. Requests
 * already sent to a host that dies fail with INTERNAL rather than being re-sent: they may have
 * had effects.
 */
import { utilityProcess, type UtilityProcess } from 'electron';
import type { ContractEvent, HostInbound, HostOutbound, Result } from '../../shared/contract';
import type { ErrorInfo } from '../../shared/errors';

export interface CoreHostOptions {
  /** The built host entry. */
  modulePath: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  onEvent(event: ContractEvent): void;
  log?(message: string): void;
}

interface PendingRequest {
  method: string;
  params: unknown;
  sent: boolean;
  resolve(result: Result<unknown>): void;
}

/** Delay before each restart after consecutive crashes. */
const RESTART_DELAYS_MS = [200, 1_000, 3_000, 10_000] as const;
/** More crashes than this within the window and the host is given up (until the app restarts). */
const MAX_CRASHES = 5;
const CRASH_WINDOW_MS = 60_000;
const SHUTDOWN_TIMEOUT_MS = 5_000;

function failure(message: string, details?: Record<string, string | number>): Result<never> {
  const error: ErrorInfo = { code: 'INTERNAL', message, ...(details ? { details } : {}) };
  return { ok: false, error };
}

function isHostOutbound(value: unknown): value is HostOutbound {
  if (typeof value !== 'object' || value === null) return false;
  const type = (value as { type?: unknown }).type;
  return type === 'ready' || type === 'reply' || type === 'event';
}

export class CoreHostClient {
  private child: UtilityProcess | null = null;
  private ready = false;
  private stopping = false;
  private givenUp = false;
  private nextId = 1;
  private readonly pending = new Map<number, PendingRequest>();
  private crashTimes: number[] = [];
  private restartTimer: NodeJS.Timeout | undefined;
  private stopped: Promise<void> | undefined;
  private readonly log: (message: string) => void;

  constructor(private readonly options: CoreHostOptions) {
    this.log = options.log ?? ((message) => console.log(`[muragat:core-host] ${message}`));
  }

  get running(): boolean {
    return this.child !== null;
  }

  start(): void {
    if (this.child || this.stopping || this.givenUp) return;
    this.ready = false;
    const child = utilityProcess.fork(this.options.modulePath, this.options.args, {
      serviceName: 'Muragat core',
      stdio: 'inherit',
      env: this.options.env,
    });
    this.child = child;
    child.on('message', (message: unknown) => this.onMessage(child, message));
    child.on('exit', (code) => this.onExit(child, code));
    child.on('error', (type, location) => this.log(`fatal error in the core host (${type}) at ${location}`));
  }

  /** Sends one contract call to the host; never rejects. */
  request(method: string, params: unknown): Promise<Result<unknown>> {
    if (this.givenUp) return Promise.resolve(failure('The archive process keeps stopping; restart the application.', { reason: 'host-gave-up' }));
    if (this.stopping) return Promise.resolve(failure('The application is shutting down.', { reason: 'host-stopping' }));
    const id = this.nextId++;
    return new Promise((resolve) => {
      const request: PendingRequest = { method, params, sent: false, resolve };
      this.pending.set(id, request);
      if (this.ready) this.send(id, request);
    });
  }

  /** Asks the host to close the archive and exit; kills it if it does not within a few seconds. */
  stop(): Promise<void> {
    if (this.stopped) return this.stopped;
    this.stopping = true;
    clearTimeout(this.restartTimer);
    for (const [id, request] of this.pending) {
      if (!request.sent) {
        this.pending.delete(id);
        request.resolve(failure('The application is shutting down.', { reason: 'host-stopping' }));
      }
    }
    const child = this.child;
    if (!child) return (this.stopped = Promise.resolve());
    this.stopped = new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        this.log('the core host did not exit in time; killing it');
        child.kill();
      }, SHUTDOWN_TIMEOUT_MS);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      this.post(child, { type: 'shutdown' });
    });
    return this.stopped;
  }

  private send(id: number, request: PendingRequest): void {
    if (!this.child) return;
    request.sent = true;
    this.post(this.child, { type: 'request', id, method: request.method, params: request.params });
  }

  private post(child: UtilityProcess, message: HostInbound): void {
    child.postMessage(message);
  }

  private onMessage(child: UtilityProcess, message: unknown): void {
    if (child !== this.child) return;
    if (!isHostOutbound(message)) {
      this.log('ignored a malformed message from the core host');
      return;
    }
    switch (message.type) {
      case 'ready':
        this.ready = true;
        for (const [id, request] of this.pending) if (!request.sent) this.send(id, request);
        break;
      case 'reply': {
        const request = this.pending.get(message.id);
        if (!request) return;
        this.pending.delete(message.id);
        request.resolve(message.ok ? { ok: true, value: message.value } : { ok: false, error: message.error });
        break;
      }
      case 'event':
        this.options.onEvent(message.event);
        break;
    }
  }

  private onExit(child: UtilityProcess, code: number): void {
    if (child !== this.child) return;
    this.child = null;
    this.ready = false;

    for (const [id, request] of this.pending) {
      if (request.sent) {
        this.pending.delete(id);
        request.resolve(failure(`The archive process stopped (exit code ${code}) before answering.`, { reason: 'host-exited', exitCode: code }));
      }
    }
    if (this.stopping) return;

    const now = Date.now();
    this.crashTimes = [...this.crashTimes.filter((time) => now - time < CRASH_WINDOW_MS), now];
    if (this.crashTimes.length > MAX_CRASHES) {
      this.givenUp = true;
      this.log(`the core host stopped ${this.crashTimes.length} times within a minute; not restarting it`);
      for (const [id, request] of this.pending) {
        this.pending.delete(id);
        request.resolve(failure('The archive process keeps stopping; restart the application.', { reason: 'host-gave-up' }));
      }
      return;
    }
    const delay = RESTART_DELAYS_MS[Math.min(this.crashTimes.length - 1, RESTART_DELAYS_MS.length - 1)] ?? 1_000;
    this.log(`the core host exited with code ${code}; restarting in ${delay} ms`);
    this.restartTimer = setTimeout(() => this.start(), delay);
  }
}
