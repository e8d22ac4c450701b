import type { ErrorInfo } from '../errors';
import type { DetectionSummary } from './detection';
import type { KindCode, LanguageCode } from './kinds';

/** What to import: a path on this computer (desktop, CLI) or a file uploaded in browser mode. */
export type ImportSource = { type: 'path'; path: string } | { type: 'upload'; uploadId: string };

export type ImportFileStatus = 'imported' | 'duplicate' | 'skipped' | 'failed';

/** One file's outcome, as the import screen lists it. */
export interface ImportFileOutcome {
  /** The file's name as the user knows it (the original name of an upload). */
  name: string;
  status: ImportFileStatus;
  documentId?: string;
  title?: string;
  kind?: KindCode;
  number?: string | null;
  date?: string | null;
  lang?: LanguageCode | null;
  pages?: number;
  needsOcr?: boolean;
  /** For imported files: per-field confidence and the fields left for the reviewer. */
  detection?: DetectionSummary;
  /** For duplicates: the document that already holds the same bytes. */
  duplicateOf?: string;
  /** For skipped files: why Muragat does not read them. */
  reason?: string;
  error?: ErrorInfo;
}

export type ImportJobState = 'running' | 'finished' | 'cancelled' | 'failed';

export interface ImportJobProgress {
  jobId: string;
  state: ImportJobState;
  filesTotal: number;
  filesDone: number;
  bytesTotal: number;
  bytesDone: number;
  pagesDone: number;
  /** The file being read now. */
  current: string | null;
  startedAt: string;
  elapsedMs: number;
  counts: { imported: number; duplicate: number; skipped: number; failed: number };
}

export interface ImportJob extends ImportJobProgress {
  files: ImportFileOutcome[];
}
