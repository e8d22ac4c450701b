/**
 * The archive's structured log (one per data folder, `<data>/logs/`): one JSON object per line,
 * `{ time, level, event, pid, fields }`. `event` is a stable dotted name (`archive.open`,
 * `job.import`, `error.internal`); `fields` are counts, codes and timings, made safe by the
 * redaction rule (redact.ts) — never document text, queries, passwords or keys.
 *
 * Not a singleton: `openArchive` creates one and carries it in the `ArchiveContext`, so two
 * archives open in one process (tests, the sample archive) write to their own folders. Logging
 * never throws and never slows work down noticeably (a handful of lines per job, not per page).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isMuragatError } from '../../../shared/errors';
import { ARCHIVE_DB_FILE } from '../layout';
import { LogFile, type LogFileOptions } from './log-file';
import { redactFields, serializeError, type LogJson } from './redact';

export const LOGS_DIR = 'logs';

export type LogLevel = 'info' | 'warn' | 'error';
export type LogFields = Readonly<Record<string, unknown>>;

/** What a job reports when it ends (import, OCR run, reindex, bundle export or import). */
export interface JobOutcome {
  status: 'done' | 'failed' | 'cancelled';
  ms: number;
  /** What was done: files, documents, pages, bytes… */
  counts?: Readonly<Record<string, number>>;
  /** Error code → how many items failed with it (FILE_UNREADABLE: 2). */
  errorCodes?: Readonly<Record<string, number>>;
  /** Why the whole job failed. */
  error?: unknown;
}

export interface Timer {
  /** Logs `event` with `ms` at info level; returns the milliseconds. */
  end(fields?: LogFields): number;
  /** Logs `event` with `ms` and the error (warn for a coded refusal, error with the stack for a bug). */
  fail(error: unknown, fields?: LogFields): number;
  /** Milliseconds so far. */
  elapsed(): number;
}

export interface Logger {
  info(event: string, fields?: LogFields): void;
  warn(event: string, fields?: LogFields): void;
  error(event: string, fields?: LogFields): void;
  /** A logger that adds `fields` to every line (e.g. `{ job: 'import', jobId }`). */
  child(fields: LogFields): Logger;
  /** Starts timing `event`; end it with `.end()` or `.fail(error)`. */
  time(event: string, fields?: LogFields): Timer;
  /**
   * One line per finished job, as `job.<kind>`: info when done, warn when cancelled, error when
   * failed (with the stack when the failure is a bug). The jobs mechanism calls this at its end.
   */
  job(kind: string, outcome: JobOutcome): void;
  /**
   * An error that reached a host's boundary (CLI, HTTP, core host). INTERNAL ones (bugs) are
   * logged with their stack as `error.internal`; coded refusals only by code, at info level.
   */
  failure(where: string, error: unknown, fields?: LogFields): void;
}

export interface FileLoggerOptions extends LogFileOptions {
  /** Bound to every line (e.g. `{ app: 'cli', command: 'search' }`). */
  fields?: LogFields;
  now?: () => Date;
}

type Sink = (level: LogLevel, event: string, fields: { [key: string]: LogJson }) => void;

class SinkLogger implements Logger {
  constructor(
    private readonly sink: Sink,
    private readonly bound: LogFields,
  ) {}

  private write(level: LogLevel, event: string, fields?: LogFields): void {
    try {
      this.sink(level, event, redactFields(fields ? { ...this.bound, ...fields } : this.bound));
    } catch {
      // A log must never break the work it describes.
    }
  }

  info(event: string, fields?: LogFields): void {
    this.write('info', event, fields);
  }

  warn(event: string, fields?: LogFields): void {
    this.write('warn', event, fields);
  }

  error(event: string, fields?: LogFields): void {
    this.write('error', event, fields);
  }

  child(fields: LogFields): Logger {
    return new SinkLogger(this.sink, { ...this.bound, ...fields });
  }

  time(event: string, fields?: LogFields): Timer {
    const start = performance.now();
    const elapsed = (): number => Math.round(performance.now() - start);
    return {
      elapsed,
      end: (more) => {
        const ms = elapsed();
        this.info(event, { ...fields, ...more, ms });
        return ms;
      },
      fail: (error, more) => {
        const ms = elapsed();
        this.write(isBug(error) ? 'error' : 'warn', event, { ...fields, ...more, ms, error });
        return ms;
      },
    };
  }

  job(kind: string, outcome: JobOutcome): void {
    const level: LogLevel = outcome.status === 'done' ? 'info' : outcome.status === 'cancelled' ? 'warn' : isBug(outcome.error) ? 'error' : 'warn';
    this.write(level, `job.${kind}`, {
      status: outcome.status,
      ms: Math.round(outcome.ms),
      ...(outcome.counts ? { counts: outcome.counts } : {}),
      ...(outcome.errorCodes && Object.keys(outcome.errorCodes).length ? { errorCodes: outcome.errorCodes } : {}),
      ...(outcome.error !== undefined ? { error: outcome.error } : {}),
    });
  }

  failure(where: string, error: unknown, fields?: LogFields): void {
    if (isBug(error)) this.write('error', 'error.internal', { ...fields, where, error });
    else this.write('info', 'error.refused', { ...fields, where, code: serializeError(error).code });
  }
}

/** Anything but a coded refusal: the errors support needs a stack for. */
function isBug(error: unknown): boolean {
  return !isMuragatError(error) || error.code === 'INTERNAL';
}

/**
 * The log of a data folder that could not be opened as an archive (damaged, newer, locked), so
 * the failure is still recorded for support; null when the folder holds no archive at all (a
 * mistyped folder must not grow a `logs` folder).
 */
export function createLoggerIfArchive(dataDir: string, options: FileLoggerOptions = {}): Logger | null {
  return fs.existsSync(path.join(dataDir, ARCHIVE_DB_FILE)) ? createArchiveLogger(dataDir, options) : null;
}

/** The log of the data folder `dataDir` (in `<dataDir>/logs/`). */
export function createArchiveLogger(dataDir: string, options: FileLoggerOptions = {}): Logger {
  return createFileLogger(path.join(dataDir, LOGS_DIR), options);
}

export function createFileLogger(dir: string, options: FileLoggerOptions = {}): Logger {
  const file = new LogFile(dir, options);
  const now = options.now ?? (() => new Date());
  const pid = process.pid;
  return new SinkLogger((level, event, fields) => {
    file.append(JSON.stringify({ time: now().toISOString(), level, event, pid, fields }));
  }, options.fields ?? {});
}

/** A logger that writes nowhere (tests of code that takes one, tools that must not log). */
export const NULL_LOGGER: Logger = new SinkLogger(() => undefined, {});

/** Collects lines in memory (tests and the diagnostics of a log that cannot be written). */
export function createMemoryLogger(): { logger: Logger; lines: Array<{ level: LogLevel; event: string; fields: { [key: string]: LogJson } }> } {
  const lines: Array<{ level: LogLevel; event: string; fields: { [key: string]: LogJson } }> = [];
  return { logger: new SinkLogger((level, event, fields) => lines.push({ level, event, fields }), {}), lines };
}
