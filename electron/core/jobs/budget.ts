/**
 * One throttle for heavy work: every extraction and OCR task takes a permit from the same budget
 * before it runs in a worker thread, so an import and an OCR run at once share the machine
 * instead of each sizing itself to all of it. The budget is sized from the machine: at most one
 * task per core, and the tasks' estimated peak memory within a share of the RAM.
 *
 * Permits are granted first come, first served (a waiting OCR page is not starved by a stream of
 * small extractions), and one task may always run when nothing else does, so a machine smaller
 * than one worker's estimate still makes progress.
 */
import { availableParallelism, freemem, totalmem } from 'node:os';
import { MuragatError } from '../../../shared/errors';

export type HeavyWorkKind = 'extract' | 'ocr';

/**
 * Estimated peak memory of one task, per kind. OCR: 630–670 MB measured (`npm run bench -- ocr`:
 * pdf.js at 300 dpi, the LSTM recogniser with three languages, orientation detection).
 */
export const TASK_MEMORY_BYTES: Readonly<Record<HeavyWorkKind, number>> = {
  // The extraction pool passes its own worst case per file (extract-pool.ts); this is the fallback.
  extract: 1_500 * 2 ** 20,
  ocr: 680 * 2 ** 20,
};

export interface BudgetCapacity {
  /** Tasks at once (cores). */
  slots: number;
  /** Estimated memory all running tasks may take together. */
  memoryBytes: number;
}

/**
 * Sized from the machine: one task per core (at most 8), and half the RAM — or what is free when
 * the archive opens, if that is less (other programs run on an office PC too), but never below a
 * quarter of the RAM (a momentarily full page cache must not shrink the budget to nothing).
 */
export function machineCapacity(cores = availableParallelism(), total = totalmem(), free = freemem()): BudgetCapacity {
  return {
    slots: Math.max(1, Math.min(cores, 8)),
    memoryBytes: Math.max(total / 4, Math.min(total / 2, free)),
  };
}

export interface BudgetUsage {
  capacity: BudgetCapacity;
  running: Record<HeavyWorkKind, number>;
  /** Most tasks that ever ran at once, per kind and in all (tests, diagnostics). */
  peak: Record<HeavyWorkKind | 'all', number>;
  waiting: number;
}

interface Waiter {
  kind: HeavyWorkKind;
  bytes: number;
  grant: () => void;
}

/** A permit: call it once when the task ends (it is idempotent). */
export type Release = () => void;

export class WorkBudget {
  private readonly running: Record<HeavyWorkKind, number> = { extract: 0, ocr: 0 };
  private readonly peak: Record<HeavyWorkKind | 'all', number> = { extract: 0, ocr: 0, all: 0 };
  private memoryInUse = 0;
  private readonly waiters: Waiter[] = [];

  constructor(readonly capacity: BudgetCapacity = machineCapacity()) {}

  /** How many tasks of a kind fit when nothing else runs (a pool never needs more workers). */
  widthFor(kind: HeavyWorkKind): number {
    const byMemory = Math.floor(this.capacity.memoryBytes / TASK_MEMORY_BYTES[kind]);
    return Math.max(1, Math.min(this.capacity.slots, byMemory));
  }

  /**
   * Waits for a permit for one task of `kind` expected to take up to `bytes` (default: the
   * kind's estimate); rejects with CANCELLED if the signal aborts first.
   */
  acquire(kind: HeavyWorkKind, options: { bytes?: number; signal?: AbortSignal } = {}): Promise<Release> {
    const { signal } = options;
    const bytes = options.bytes ?? TASK_MEMORY_BYTES[kind];
    if (signal?.aborted) return Promise.reject(new MuragatError('CANCELLED', 'cancelled'));
    return new Promise<Release>((resolve, reject) => {
      const waiter: Waiter = {
        kind,
        bytes,
        grant: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve(this.take(kind, bytes));
        },
      };
      const onAbort = (): void => {
        const index = this.waiters.indexOf(waiter);
        if (index >= 0) this.waiters.splice(index, 1);
        reject(new MuragatError('CANCELLED', 'cancelled'));
        this.pump();
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiters.push(waiter);
      this.pump();
    });
  }

  usage(): BudgetUsage {
    return { capacity: { ...this.capacity }, running: { ...this.running }, peak: { ...this.peak }, waiting: this.waiters.length };
  }

  private fits(bytes: number): boolean {
    const total = this.running.extract + this.running.ocr;
    if (total === 0) return true;
    return total < this.capacity.slots && this.memoryInUse + bytes <= this.capacity.memoryBytes;
  }

  private pump(): void {
    while (this.waiters.length > 0 && this.fits(this.waiters[0]!.bytes)) this.waiters.shift()!.grant();
  }

  private take(kind: HeavyWorkKind, bytes: number): Release {
    this.running[kind]++;
    this.memoryInUse += bytes;
    this.peak[kind] = Math.max(this.peak[kind], this.running[kind]);
    this.peak.all = Math.max(this.peak.all, this.running.extract + this.running.ocr);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.running[kind]--;
      this.memoryInUse -= bytes;
      this.pump();
    };
  }
}
