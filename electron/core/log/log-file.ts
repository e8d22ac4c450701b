/**
 * The archive log's files: `<data>/logs/muragat.log`, rotated by size into `muragat.1.log` …
 * `muragat.<maxFiles-1>.log`, so the whole log never holds more than maxFiles × maxBytes (a hard
 * cap: an office PC runs for years without anyone looking at this folder; writers appending at the
 * same instant may each add one line past a file's limit).
 *
 * Several processes append at once (the desktop app, a CLI `import`, `serve`). Each line is one
 * `write` on a file opened in append mode, so lines never interleave or overwrite. The file is
 * opened per line: a process whose neighbour rotated writes to the new file at once, and no
 * descriptor is held open (Windows could not rename the file under another process).
 *
 * Rotation tolerates a race: the writer that finds the file full renames it to a name of its own,
 * then checks it took the very file it measured (same inode). Only that winner shifts the numbered
 * files; a loser that grabbed a fresh file puts it back. Nothing here ever throws: a log that
 * cannot be written (read-only medium, full disk) drops the line and the work goes on.
 */
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

export const LOG_BASE_NAME = 'muragat';
export const DEFAULT_MAX_LOG_BYTES = 1024 * 1024;
export const DEFAULT_MAX_LOG_FILES = 5;

/** `muragat.log` (index 0), `muragat.1.log`, … */
export function logFileName(index: number): string {
  return index === 0 ? `${LOG_BASE_NAME}.log` : `${LOG_BASE_NAME}.${index}.log`;
}

/** The log files present in a folder, newest first. */
export function listLogFiles(dir: string, maxFiles = DEFAULT_MAX_LOG_FILES): string[] {
  const files: string[] = [];
  for (let index = 0; index < maxFiles; index++) {
    const file = path.join(dir, logFileName(index));
    if (fs.existsSync(file)) files.push(file);
  }
  return files;
}

export interface LogFileOptions {
  maxBytes?: number;
  maxFiles?: number;
}

/** Errors that mean "this medium cannot take a log at all": stop trying for this process. */
const PERMANENT = new Set(['EROFS', 'EACCES', 'EPERM', 'ENOTDIR']);

export class LogFile {
  readonly dir: string;
  private readonly file: string;
  private readonly maxBytes: number;
  private readonly maxFiles: number;
  private disabled = false;
  private dirReady = false;

  constructor(dir: string, options: LogFileOptions = {}) {
    this.dir = dir;
    this.file = path.join(dir, logFileName(0));
    this.maxBytes = Math.max(1024, options.maxBytes ?? DEFAULT_MAX_LOG_BYTES);
    this.maxFiles = Math.max(1, options.maxFiles ?? DEFAULT_MAX_LOG_FILES);
  }

  /** False once the medium refused a log (read-only): lines are dropped silently. */
  get writable(): boolean {
    return !this.disabled;
  }

  append(line: string): void {
    if (this.disabled) return;
    try {
      if (!this.dirReady) {
        fs.mkdirSync(this.dir, { recursive: true });
        this.dirReady = true;
      }
      const bytes = Buffer.from(line.endsWith('\n') ? line : `${line}\n`, 'utf8');
      // A line bigger than a whole file would rotate forever; it is cut instead.
      const data = bytes.length > this.maxBytes ? Buffer.concat([bytes.subarray(0, this.maxBytes - 2), Buffer.from('…\n')]) : bytes;
      this.writeLine(data, true);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code && PERMANENT.has(code)) this.disabled = true;
      // ENOSPC and the like: this line is lost, the next may fit.
    }
  }

  private writeLine(data: Buffer, mayRotate: boolean): void {
    const fd = fs.openSync(this.file, 'a');
    let rotate = false;
    try {
      const stat = fs.fstatSync(fd);
      if (stat.size > 0 && stat.size + data.length > this.maxBytes && mayRotate) rotate = true;
      else {
        fs.writeSync(fd, data);
        return;
      }
    } finally {
      if (!rotate) fs.closeSync(fd);
    }
    let rotated: boolean;
    try {
      rotated = this.rotate(fd);
    } finally {
      fs.closeSync(fd);
    }
    // After our rotation, or another process's, the current file has room. If rotation is
    // impossible (the folder refuses renames), the line is dropped: the cap is a hard one.
    if (rotated) this.writeLine(data, false);
  }

  /** Rotates the file `fd` is open on, unless another process already did. */
  private rotate(fd: number): boolean {
    const measured = fs.fstatSync(fd);
    const claimed = path.join(this.dir, `.${LOG_BASE_NAME}.rotating-${process.pid}-${randomBytes(4).toString('hex')}`);
    try {
      fs.renameSync(this.file, claimed);
    } catch (error) {
      // Gone: another process rotated it a moment ago; its fresh file takes the line.
      return (error as NodeJS.ErrnoException).code === 'ENOENT';
    }
    const got = fs.statSync(claimed);
    if (got.ino !== measured.ino || got.dev !== measured.dev) {
      // We took a neighbour's fresh file: put it back (link never overwrites a newer one).
      try {
        fs.linkSync(claimed, this.file);
      } catch {
        // A third writer already started a file; this one's few lines are folded into the archive.
        this.shiftInto(claimed);
        return true;
      }
      fs.rmSync(claimed, { force: true });
      return true;
    }
    this.shiftInto(claimed);
    return true;
  }

  /** muragat.(n-2) → (n-1) … 1 → 2, then `claimed` → 1; the oldest falls off. */
  private shiftInto(claimed: string): void {
    if (this.maxFiles === 1) {
      fs.rmSync(claimed, { force: true });
      return;
    }
    fs.rmSync(path.join(this.dir, logFileName(this.maxFiles - 1)), { force: true });
    for (let index = this.maxFiles - 2; index >= 1; index--) {
      try {
        fs.renameSync(path.join(this.dir, logFileName(index)), path.join(this.dir, logFileName(index + 1)));
      } catch {
        // missing: fewer files so far
      }
    }
    fs.renameSync(claimed, path.join(this.dir, logFileName(1)));
  }
}
