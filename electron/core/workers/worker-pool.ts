import { Worker, type ResourceLimits, type TransferListItem } from 'node:worker_threads';
import { MuragatError, type ErrorCode, type ErrorInfo } from '../../../shared/errors';

/** What a pooled worker posts back for each task. */
export type WorkerReply<TResult> = { id: number; ok: true; value: TResult } | { id: number; ok: false; error: ErrorInfo };

export interface WorkerPoolOptions {
  /** Script the workers run (a built .js file, or a bootstrap .mjs that loads TypeScript). */
  workerUrl: URL;
  size: number;
  /** A task running longer than this is abandoned and its worker replaced (hostile or huge files). */
  taskTimeoutMs: (payloadBytes: number) => number;
  /** Caps worker memory so a decompression bomb kills the worker, not the archive process. */
  resourceLimits?: ResourceLimits;
  /**
   * Swallow what the workers print. The OCR engine (WebAssembly tesseract) prints diagnostics
   * such as "Invalid resolution 0 dpi" on stdout, which would corrupt the CLI's JSON output.
   */
  silent?: boolean;
  /** How a dead or stopped worker's task fails (defaults: the extraction codes and wording). */
  failure?: { code: ErrorCode; timeoutCode: ErrorCode; doing: string; memoryCode?: ErrorCode };
  /**
   * Memory the running tasks may reserve together. A task is started only while the worst cases
   * of the running tasks plus its own fit in `budgetBytes` (one task always runs, however large),
   * so N workers × their worst case never exceed what the machine can give.
   */
  memory?: { budgetBytes: number; taskBytes: (payloadBytes: number) => number };
  /**
   * A permit from the budget all heavy work shares (jobs/budget.ts), taken before each task is
   * queued and given back when it ends, so extraction and OCR pools together stay within what
   * the machine has. Resolves with the function that gives the permit back.
   */
  gate?: (payloadBytes: number) => Promise<() => void>;
  /**
   * A worker idle this long is terminated, giving its memory back (an OCR worker holds ~650 MB);
   * the next task starts a new one. Default: workers live until `close`.
   */
  idleMs?: number;
}

interface PendingTask<TRequest, TResult> {
  id: number;
  request: TRequest;
  transfer: TransferListItem[];
  payloadBytes: number;
  resolve: (value: TResult) => void;
  reject: (error: Error) => void;
}

interface Slot<TRequest, TResult> {
  worker: Worker;
  task: PendingTask<TRequest, TResult> | null;
  timer: NodeJS.Timeout | null;
  idle: NodeJS.Timeout | null;
}

/**
 * A fixed pool of worker threads running one task at a time each. Workers that crash, run out
 * of memory or time out are replaced; their task fails with a coded error and the rest of the
 * queue goes on, so one bad file never stops a batch.
 */
export class WorkerPool<TRequest extends object, TResult> {
  private readonly slots: Array<Slot<TRequest, TResult> | null>;
  private readonly queue: Array<PendingTask<TRequest, TResult>> = [];
  private nextId = 1;
  private closed = false;

  constructor(private readonly options: WorkerPoolOptions) {
    this.slots = Array.from({ length: Math.max(1, options.size) }, () => null);
  }

  async run(request: TRequest, transfer: TransferListItem[] = [], payloadBytes = 0): Promise<TResult> {
    if (!this.options.gate) return this.enqueue(request, transfer, payloadBytes);
    const release = await this.options.gate(payloadBytes);
    try {
      return await this.enqueue(request, transfer, payloadBytes);
    } finally {
      release();
    }
  }

  private enqueue(request: TRequest, transfer: TransferListItem[], payloadBytes: number): Promise<TResult> {
    if (this.closed) return Promise.reject(new MuragatError('CANCELLED', 'the worker pool is closed'));
    return new Promise<TResult>((resolve, reject) => {
      this.queue.push({ id: this.nextId++, request, transfer, payloadBytes, resolve, reject });
      this.dispatch();
    });
  }

  /** Stops every worker; queued and running tasks fail with CANCELLED. */
  async close(): Promise<void> {
    this.closed = true;
    for (const task of this.queue.splice(0)) task.reject(new MuragatError('CANCELLED', 'cancelled'));
    await Promise.all(
      this.slots.map(async (slot, index) => {
        if (!slot) return;
        this.slots[index] = null;
        if (slot.timer) clearTimeout(slot.timer);
        if (slot.idle) clearTimeout(slot.idle);
        slot.task?.reject(new MuragatError('CANCELLED', 'cancelled'));
        await slot.worker.terminate();
      }),
    );
  }

  private dispatch(): void {
    for (let index = 0; index < this.slots.length && this.queue.length > 0; index++) {
      let slot = this.slots[index];
      if (slot?.task) continue;
      // In order: a large file waits for memory rather than being overtaken for ever.
      if (!this.fitsInMemory(this.queue[0]!)) return;
      slot ??= this.spawn(index);
      const task = this.queue.shift();
      if (!task) return;
      this.start(slot, task);
    }
  }

  private fitsInMemory(task: PendingTask<TRequest, TResult>): boolean {
    const memory = this.options.memory;
    if (!memory) return true;
    let reserved = 0;
    let running = 0;
    for (const slot of this.slots) {
      if (!slot?.task) continue;
      running++;
      reserved += memory.taskBytes(slot.task.payloadBytes);
    }
    return running === 0 || reserved + memory.taskBytes(task.payloadBytes) <= memory.budgetBytes;
  }

  private spawn(index: number): Slot<TRequest, TResult> {
    const worker = new Worker(this.options.workerUrl, {
      ...(this.options.resourceLimits ? { resourceLimits: this.options.resourceLimits } : {}),
      ...(this.options.silent ? { stdout: true, stderr: true } : {}),
    });
    if (this.options.silent) {
      worker.stdout.resume();
      worker.stderr.resume();
    }
    const slot: Slot<TRequest, TResult> = { worker, task: null, timer: null, idle: null };
    this.slots[index] = slot;
    worker.on('message', (reply: WorkerReply<TResult>) => {
      const task = slot.task;
      if (!task || reply.id !== task.id) return;
      this.finish(slot);
      if (reply.ok) task.resolve(reply.value);
      else task.reject(new MuragatError(reply.error.code, reply.error.message, reply.error.details ?? {}));
      this.dispatch();
    });
    const onDeath = (error: Error | null): void => {
      if (this.slots[index] === slot) this.slots[index] = null;
      const task = slot.task;
      this.finish(slot);
      if (task) {
        const failure = this.failureKind();
        const reason = error?.message ?? 'the worker stopped';
        const outOfMemory = /memory/i.test(reason) || (error as { code?: string } | null)?.code === 'ERR_WORKER_OUT_OF_MEMORY';
        // Running out of the worker's heap is hitting a limit, not a bug: its own code when given.
        task.reject(
          outOfMemory
            ? new MuragatError(failure.memoryCode ?? failure.code, `${failure.doing} needs more memory than is allowed (it may be a decompression bomb)`)
            : new MuragatError(failure.code, `${failure.doing} failed: ${reason}`),
        );
      }
      if (!this.closed) this.dispatch();
    };
    worker.on('error', (error) => onDeath(error));
    worker.on('exit', () => onDeath(null));
    worker.unref();
    return slot;
  }

  private start(slot: Slot<TRequest, TResult>, task: PendingTask<TRequest, TResult>): void {
    if (slot.idle) clearTimeout(slot.idle);
    slot.idle = null;
    slot.task = task;
    slot.worker.ref();
    slot.timer = setTimeout(() => {
      slot.task = null;
      slot.timer = null;
      const failure = this.failureKind();
      task.reject(new MuragatError(failure.timeoutCode, `${failure.doing} took too long and was stopped`));
      const index = this.slots.indexOf(slot);
      if (index >= 0) this.slots[index] = null;
      void slot.worker.terminate();
      this.dispatch();
    }, this.options.taskTimeoutMs(task.payloadBytes));
    slot.worker.postMessage({ ...task.request, id: task.id }, task.transfer);
  }

  private failureKind(): { code: ErrorCode; timeoutCode: ErrorCode; doing: string; memoryCode?: ErrorCode } {
    return this.options.failure ?? { code: 'EXTRACTION_FAILED', timeoutCode: 'EXTRACTION_TIMEOUT', memoryCode: 'EXTRACTION_LIMIT', doing: 'reading the file' };
  }

  private finish(slot: Slot<TRequest, TResult>): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    slot.task = null;
    slot.worker.unref();
    const idleMs = this.options.idleMs;
    if (idleMs === undefined || this.closed || slot.idle) return;
    slot.idle = setTimeout(() => {
      slot.idle = null;
      const index = this.slots.indexOf(slot);
      if (slot.task || index < 0) return;
      this.slots[index] = null;
      void slot.worker.terminate();
    }, idleMs);
    slot.idle.unref();
  }

  /** Workers alive now (tests and diagnostics). */
  liveWorkers(): number {
    return this.slots.filter((slot) => slot !== null).length;
  }
}
