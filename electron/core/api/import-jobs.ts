/**
 * Background import jobs for the UI: a job of the archive's JobRunner (jobs/runner.ts) imports
 * its sources with the archive's importer (extraction in worker threads taking permits from the
 * shared budget, one transaction per file), reports progress as events at most a few times a
 * second (`import.progress` with the import's own counters, and the runner's `job.progress`),
 * can be cancelled between files (by `import.cancel` or `jobs.cancel`: the same id), and keeps
 * every file's outcome so a reloaded page can ask for it. Documents imported here all wait in the
 * review list (the importer flags them in the commit: documents/detection.ts).
 *
 * Uploads of a job that a restart interrupted are not resumed: they wait in `<data>/uploads/`
 * without the job that knew their names and review list, and `serve` sweeps them (a day old) at
 * start. The files a person dropped again import as before, and those already imported come
 * back as duplicates.
 */
import * as path from 'node:path';
import type { ContractEvent } from '../../../shared/contract';
import type { ImportFileOutcome, ImportJob, ImportJobProgress, ImportSource } from '../../../shared/domain/import';
import { MuragatError, toErrorInfo } from '../../../shared/errors';
import type { Archive } from '../archive';
import type { JobHandle } from '../jobs/runner';
import type { ImportFileResult } from '../ingest/import-files';
import type { UploadStore } from './uploads';

/** Progress events are coalesced to this interval: a batch of 500 small files must not flood the UI. */
const PROGRESS_INTERVAL_MS = 200;
/** Finished jobs kept for `import.get` / `import.list`. */
const KEEP_FINISHED = 20;

interface RunningJob {
  job: ImportJob;
  started: number;
  done: Promise<void>;
}

export function toOutcome(result: ImportFileResult): ImportFileOutcome {
  const outcome: ImportFileOutcome = { name: path.basename(result.path), status: result.status };
  if (result.id) outcome.documentId = result.id;
  if (result.title !== undefined) outcome.title = result.title;
  if (result.kind) outcome.kind = result.kind;
  if (result.number !== undefined) outcome.number = result.number;
  if (result.date !== undefined) outcome.date = result.date;
  if (result.lang !== undefined) outcome.lang = result.lang;
  if (result.pages !== undefined) outcome.pages = result.pages;
  if (result.needsOcr !== undefined) outcome.needsOcr = result.needsOcr;
  if (result.detection) outcome.detection = { confidence: result.detection.confidence, uncertain: result.detection.uncertain };
  if (result.duplicateOf) outcome.duplicateOf = result.duplicateOf;
  if (result.reason) outcome.reason = result.reason;
  // An unexpected error's message may name files of the serving computer; its stack is in the
  // archive log, and the page shows the code's message in the user's language anyway.
  if (result.error) outcome.error = result.error.code === 'INTERNAL' ? { code: 'INTERNAL', message: 'an unexpected error (the archive log has the details)' } : result.error;
  return outcome;
}

function progressOf(job: ImportJob, started: number): ImportJobProgress {
  const { files: _files, ...progress } = job;
  void _files;
  // A finished job keeps the duration it had when it ended.
  const elapsedMs = job.state === 'running' ? Date.now() - started : job.elapsedMs;
  return { ...progress, elapsedMs, counts: { ...progress.counts } };
}

export class ImportJobs {
  private readonly jobs = new Map<string, RunningJob>();

  constructor(
    private readonly archive: Archive,
    private readonly emit: (event: ContractEvent) => void,
    private readonly uploads: UploadStore | null,
  ) {}

  async start(sources: readonly ImportSource[]): Promise<string> {
    const paths: string[] = [];
    const uploadIds: string[] = [];
    for (const source of sources) {
      if (source.type === 'path') {
        if (!path.isAbsolute(source.path)) throw new MuragatError('INVALID_INPUT', `not an absolute path: ${source.path}`, { field: 'path' });
        paths.push(source.path);
      } else {
        if (!this.uploads) throw new MuragatError('NOT_SUPPORTED', 'this host takes file paths, not uploads');
        paths.push(await this.uploads.resolve(source.uploadId));
        uploadIds.push(source.uploadId);
      }
    }
    const uploadPaths = new Set(paths.filter((_, index) => sources[index]?.type === 'upload'));
    const started = Date.now();
    const job: ImportJob = {
      jobId: '',
      state: 'running',
      filesTotal: 0,
      filesDone: 0,
      bytesTotal: 0,
      bytesDone: 0,
      pagesDone: 0,
      current: null,
      startedAt: new Date(started).toISOString(),
      elapsedMs: 0,
      counts: { imported: 0, duplicate: 0, skipped: 0, failed: 0 },
      files: [],
    };
    let lastEmit = 0;
    let pendingTimer: NodeJS.Timeout | null = null;
    const emitProgress = (force = false): void => {
      const now = Date.now();
      if (!force && now - lastEmit < PROGRESS_INTERVAL_MS) {
        pendingTimer ??= setTimeout(() => {
          pendingTimer = null;
          emitProgress(true);
        }, PROGRESS_INTERVAL_MS);
        return;
      }
      if (pendingTimer) clearTimeout(pendingTimer);
      pendingTimer = null;
      lastEmit = now;
      this.emit({ name: 'import.progress', payload: progressOf(job, started) });
    };

    const work = async (handle: JobHandle): Promise<void> => {
      try {
        const summary = await this.archive.importPaths(paths, {
          signal: handle.signal,
          // Everything imported here waits in the review list, checked as a batch.
          review: 'all',
          sourceOf: (filePath) => (uploadPaths.has(filePath) ? path.basename(filePath) : filePath),
          onFile: (result) => {
            const outcome = toOutcome(result);
            job.files.push(outcome);
            job.counts[outcome.status]++;
            handle.count(outcome.status);
            this.emit({ name: 'import.file', payload: { jobId: job.jobId, file: outcome } });
          },
          onProgress: (progress) => {
            job.filesTotal = progress.filesTotal;
            job.filesDone = progress.filesDone;
            job.bytesTotal = progress.bytesTotal;
            job.bytesDone = progress.bytesDone;
            job.pagesDone = progress.pagesDone;
            job.current = progress.current ? path.basename(progress.current) : null;
            handle.progress({ done: progress.filesDone, total: progress.filesTotal, current: job.current });
            emitProgress();
          },
        });
        if (summary.stoppedBy) {
          // A full disk or a database held by another process stopped the batch: that is a
          // failure the user must act on, not a cancel they asked for.
          job.state = 'failed';
          job.files.push({ name: '', status: 'failed', error: summary.stoppedBy });
        } else job.state = summary.cancelled ? 'cancelled' : 'finished';
      } catch (error) {
        job.state = 'failed';
        job.files.push({ name: '', status: 'failed', error: toErrorInfo(error) });
        throw error;
      } finally {
        job.current = null;
        job.elapsedMs = Date.now() - started;
        emitProgress(true);
        if (job.counts.imported > 0) this.emit({ name: 'archive.changed', payload: { reason: 'import' } });
        for (const uploadId of uploadIds) await this.uploads?.remove(uploadId).catch(() => undefined);
        this.forgetOldJobs();
      }
    };
    // The runner calls `work` at once, so the job's id must be known before: it is taken from the handle.
    const { jobId, result } = this.archive.jobs.start('import', { unit: 'files' }, (handle) => {
      job.jobId = handle.jobId;
      return work(handle);
    });
    const entry: RunningJob = { job, started, done: result.catch(() => undefined) };
    this.jobs.set(jobId, entry);
    emitProgress(true);
    return jobId;
  }

  cancel(jobId: string): void {
    this.require(jobId);
    this.archive.jobs.cancel(jobId);
  }

  get(jobId: string): ImportJob {
    const { job, started } = this.require(jobId);
    return { ...progressOf(job, started), files: [...job.files] };
  }

  list(): ImportJobProgress[] {
    return [...this.jobs.values()].map(({ job, started }) => progressOf(job, started)).reverse();
  }

  /** Waits for running jobs (after cancelling them) before the archive closes. */
  async close(): Promise<void> {
    for (const [jobId, entry] of this.jobs) if (entry.job.state === 'running') this.archive.jobs.cancel(jobId);
    await Promise.all([...this.jobs.values()].map((entry) => entry.done));
  }

  /** Resolves when the job ends (tests and the CLI). */
  async settled(jobId: string): Promise<ImportJob> {
    await this.require(jobId).done;
    return this.get(jobId);
  }

  private require(jobId: string): RunningJob {
    const entry = this.jobs.get(jobId);
    if (!entry) throw new MuragatError('NOT_FOUND', `no import job ${jobId}`, { jobId });
    return entry;
  }

  private forgetOldJobs(): void {
    const finished = [...this.jobs.entries()].filter(([, entry]) => entry.job.state !== 'running');
    for (const [jobId] of finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED))) this.jobs.delete(jobId);
  }
}
