/**
 * Long work of an open archive, seen from the UI: one shape for imports, OCR runs, reindexing
 * and bundle export/import (electron/core/jobs/runner.ts runs them; see docs/ARCHITECTURE.md,
 * "Jobs"). Progress arrives as `job.progress` events, at most a few per second per job, and
 * always once more when the job ends.
 */
import type { ErrorCode } from '../errors';

export const JOB_KINDS = ['import', 'ocr', 'reindex', 'bundle-export', 'bundle-import'] as const;
export type JobKind = (typeof JOB_KINDS)[number];

export type JobState = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';

/** What `done` and `total` count. */
export type JobUnit = 'files' | 'pages' | 'documents' | 'entries';

export interface JobProgress {
  done: number;
  /** 0 while not known yet. */
  total: number;
  unit: JobUnit;
  /** The item being worked on (a file or document name, never a path or text). */
  current: string | null;
}

export interface JobInfo {
  jobId: string;
  kind: JobKind;
  state: JobState;
  progress: JobProgress;
  startedAt: string;
  finishedAt: string | null;
  elapsedMs: number;
  /** Counts by outcome, e.g. imported/duplicate/failed files or read/failed pages. */
  outcome: Record<string, number>;
  /** The code only: messages may name server paths, and the UI words the code itself. */
  error: { code: ErrorCode } | null;
  /** Whether `jobs.cancel` stops it (every kind can, between its items). */
  cancellable: boolean;
}

export function isFinished(state: JobState): boolean {
  return state === 'done' || state === 'failed' || state === 'cancelled';
}
