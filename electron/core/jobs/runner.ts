/**
 * One job mechanism per open archive: imports, OCR runs, reindexing and bundle export/import
 * each run as a job with an id, a kind, a state, progress, outcome counts and an error code.
 * Every job gets an AbortSignal that the work checks between its items (files, pages, index
 * batches, bundle entries) and cleans up after; `cancel` aborts it. Progress is pushed to the
 * listeners (the UI's `job.progress` event) at most five times a second per job, and always on
 * a change of state, so the last event of a job carries its final state.
 *
 * Heavy work inside the jobs (extraction and OCR workers) shares one WorkBudget (budget.ts).
 * See docs/ARCHITECTURE.md, "Jobs".
 */
import { MuragatError, toErrorInfo } from '../../../shared/errors';
import { uuidV7 } from '../../../shared/ids';
import { isFinished, type JobInfo, type JobKind, type JobProgress, type JobUnit } from '../../../shared/domain/jobs';
import type { JobOutcome } from '../log/logger';
import { WorkBudget } from './budget';
import { asMuragatError } from '../db/sqlite';

/** Events per job are coalesced to this interval (≤ 5 a second). */
export const JOB_PROGRESS_INTERVAL_MS = 200;
/** Finished jobs kept for `jobs.list`. */
const KEEP_FINISHED = 30;

/** What a job's work is given. */
export interface JobHandle {
  readonly jobId: string;
  readonly signal: AbortSignal;
  /** Updates the progress (coalesced before it reaches the listeners). */
  progress(update: Partial<JobProgress>): void;
  /** Adds to an outcome count (`imported`, `failed`, `pages`…). */
  count(key: string, by?: number): void;
  /** Throws CANCELLED when the job was cancelled: call it between items. */
  throwIfCancelled(): void;
}

export interface StartJobOptions {
  unit: JobUnit;
  total?: number;
  /** Whether `cancel` applies (default true). */
  cancellable?: boolean;
  /** An outside signal that cancels the job too (the CLI's Ctrl+C). */
  signal?: AbortSignal;
}

export interface StartedJob<T> {
  jobId: string;
  /** The work's result; rejects with its error (CANCELLED when cancelled). */
  result: Promise<T>;
}

export type JobListener = (job: JobInfo) => void;

interface Entry {
  info: JobInfo;
  controller: AbortController;
  started: number;
  lastEmit: number;
  timer: NodeJS.Timeout | null;
  settled: Promise<void>;
}

/** Where a finished job's outcome goes (the archive's log). */
export interface JobLog {
  job(kind: string, outcome: JobOutcome): void;
}

export interface JobRunnerOptions {
  budget?: WorkBudget;
  log?: JobLog;
  now?: () => Date;
}

export class JobRunner {
  readonly budget: WorkBudget;
  private readonly jobs = new Map<string, Entry>();
  private readonly listeners = new Set<JobListener>();
  private closed = false;

  constructor(private readonly options: JobRunnerOptions = {}) {
    this.budget = options.budget ?? new WorkBudget();
  }

  /** Subscribes to job events; returns the function that unsubscribes. */
  listen(listener: JobListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Runs `work` as a job of `kind`; returns its id at once and its result as a promise. */
  start<T>(kind: JobKind, options: StartJobOptions, work: (job: JobHandle) => Promise<T>): StartedJob<T> {
    if (this.closed) throw new MuragatError('CANCELLED', 'the archive is closing');
    const now = this.options.now ?? (() => new Date());
    const started = Date.now();
    const controller = new AbortController();
    if (options.signal) {
      if (options.signal.aborted) controller.abort();
      else options.signal.addEventListener('abort', () => controller.abort(), { once: true });
    }
    const info: JobInfo = {
      jobId: uuidV7(),
      kind,
      state: 'running',
      progress: { done: 0, total: options.total ?? 0, unit: options.unit, current: null },
      startedAt: now().toISOString(),
      finishedAt: null,
      elapsedMs: 0,
      outcome: {},
      error: null,
      cancellable: options.cancellable !== false,
    };
    const entry: Entry = { info, controller, started, lastEmit: 0, timer: null, settled: Promise.resolve() };
    this.jobs.set(info.jobId, entry);
    const handle: JobHandle = {
      jobId: info.jobId,
      signal: controller.signal,
      progress: (update) => {
        if (isFinished(info.state)) return;
        Object.assign(info.progress, update);
        this.emit(entry);
      },
      count: (key, by = 1) => {
        info.outcome[key] = (info.outcome[key] ?? 0) + by;
        this.emit(entry);
      },
      throwIfCancelled: () => {
        if (controller.signal.aborted) throw new MuragatError('CANCELLED', 'cancelled');
      },
    };
    this.emit(entry, true);
    const result = (async () => {
      try {
        const value = await work(handle);
        this.finish(entry, controller.signal.aborted ? 'cancelled' : 'done');
        return value;
      } catch (error) {
        const info = toErrorInfo(error);
        if (info.code === 'CANCELLED' || controller.signal.aborted) this.finish(entry, 'cancelled');
        else this.finish(entry, 'failed', error);
        throw error;
      }
    })();
    entry.settled = result.then(
      () => undefined,
      () => undefined,
    );
    return { jobId: info.jobId, result };
  }

  /** Runs a job and waits for it (the CLI). */
  run<T>(kind: JobKind, options: StartJobOptions, work: (job: JobHandle) => Promise<T>): Promise<T> {
    return this.start(kind, options, work).result;
  }

  cancel(jobId: string): JobInfo {
    const entry = this.require(jobId);
    if (!entry.info.cancellable) throw new MuragatError('NOT_SUPPORTED', `a ${entry.info.kind} job cannot be cancelled`, { jobId });
    if (!isFinished(entry.info.state)) entry.controller.abort();
    return this.snapshot(entry);
  }

  get(jobId: string): JobInfo {
    return this.snapshot(this.require(jobId));
  }

  /** Running jobs first, then finished ones, newest first. */
  list(): JobInfo[] {
    const all = [...this.jobs.values()].reverse().map((entry) => this.snapshot(entry));
    return [...all.filter((job) => !isFinished(job.state)), ...all.filter((job) => isFinished(job.state))];
  }

  /** Resolves when the job has ended, whatever its outcome. */
  async settled(jobId: string): Promise<JobInfo> {
    const entry = this.require(jobId);
    await entry.settled;
    return this.snapshot(entry);
  }

  /** Cancels every running job and waits for them (before the archive closes). */
  async close(): Promise<void> {
    this.closed = true;
    for (const entry of this.jobs.values()) if (!isFinished(entry.info.state)) entry.controller.abort();
    await Promise.all([...this.jobs.values()].map((entry) => entry.settled));
  }

  private require(jobId: string): Entry {
    const entry = this.jobs.get(jobId);
    if (!entry) throw new MuragatError('NOT_FOUND', `no job ${jobId}`, { jobId });
    return entry;
  }

  private snapshot(entry: Entry): JobInfo {
    const { info } = entry;
    return {
      ...info,
      progress: { ...info.progress },
      outcome: { ...info.outcome },
      error: info.error ? { ...info.error } : null,
      elapsedMs: isFinished(info.state) ? info.elapsedMs : Date.now() - entry.started,
    };
  }

  private finish(entry: Entry, state: 'done' | 'failed' | 'cancelled', error?: unknown): void {
    const { info } = entry;
    info.state = state;
    info.progress.current = null;
    info.finishedAt = (this.options.now ?? (() => new Date()))().toISOString();
    info.elapsedMs = Date.now() - entry.started;
    if (error !== undefined) info.error = { code: toErrorInfo(asMuragatError(error)).code };
    this.emit(entry, true);
    try {
      this.options.log?.job(info.kind, {
        status: state,
        ms: info.elapsedMs,
        counts: { ...info.outcome, done: info.progress.done, total: info.progress.total },
        ...(error !== undefined ? { error } : {}),
      });
    } catch {
      // A log must never break the work it describes.
    }
    this.forgetOldJobs();
  }

  /** Coalesced: at most one event per JOB_PROGRESS_INTERVAL_MS per job; `force` sends now. */
  private emit(entry: Entry, force = false): void {
    const now = Date.now();
    if (!force && now - entry.lastEmit < JOB_PROGRESS_INTERVAL_MS) {
      entry.timer ??= setTimeout(() => {
        entry.timer = null;
        this.emit(entry, true);
      }, JOB_PROGRESS_INTERVAL_MS - (now - entry.lastEmit));
      entry.timer.unref();
      return;
    }
    if (entry.timer) clearTimeout(entry.timer);
    entry.timer = null;
    entry.lastEmit = now;
    if (this.listeners.size === 0) return;
    const snapshot = this.snapshot(entry);
    for (const listener of this.listeners) {
      try {
        listener(snapshot);
      } catch {
        // One listener's failure (a closed connection) must not stop the job or the others.
      }
    }
  }

  private forgetOldJobs(): void {
    const finished = [...this.jobs.entries()].filter(([, entry]) => isFinished(entry.info.state));
    for (const [jobId] of finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED))) this.jobs.delete(jobId);
  }
}
