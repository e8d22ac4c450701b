/**
 * Files the browser sends in browser mode (drag and drop gives the page bytes, not paths). Each
 * upload is streamed to `uploads/<id>/<original name>` under the data folder, so the importer
 * sees the original file name, and removed when its import job ends. Uploads left behind by a
 * crash are swept at start.
 */
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as fsp from 'node:fs/promises';
import * as path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import { MuragatError } from '../../../shared/errors';
import { UPLOADS_DIR } from '../layout';
import { storedFileName } from '../ingest/file-name';
import { DEFAULT_MAX_FILE_BYTES } from '../ingest/import-files';

const UPLOAD_ID = /^[0-9a-f-]{8,64}$/;

/**
 * What a failed write of an upload means for the user: a full disk and a read-only archive
 * have their own codes (the upload is not "unreadable"); anything else is the transfer itself.
 */
function uploadWriteError(error: unknown, name: string): MuragatError {
  if (error instanceof MuragatError) return error;
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === 'ENOSPC' || code === 'EDQUOT') return new MuragatError('DISK_FULL', `no room for the upload of ${name}`, { name }, { cause: error });
  if (code === 'EROFS' || code === 'EACCES' || code === 'EPERM') return new MuragatError('ARCHIVE_READ_ONLY', `the archive folder cannot be written, so ${name} cannot be received`, { name }, { cause: error });
  // The message names no path: it goes to a browser.
  return new MuragatError('FILE_UNREADABLE', `the upload of ${name} did not complete${code ? ` (${code})` : ''}`, { name }, { cause: error });
}

export class UploadStore {
  private readonly dir: string;

  constructor(
    dataDir: string,
    private readonly maxBytes = DEFAULT_MAX_FILE_BYTES,
  ) {
    this.dir = path.join(dataDir, UPLOADS_DIR);
  }

  /** Streams one upload to disk; a body over the limit or cut short leaves nothing behind. */
  async receive(body: Readable, originalName: string, declaredBytes?: number): Promise<{ uploadId: string; name: string; size: number }> {
    if (declaredBytes !== undefined && declaredBytes > this.maxBytes) {
      body.resume();
      throw new MuragatError('FILE_TOO_LARGE', `the file is larger than ${this.maxBytes} bytes`, { limit: this.maxBytes });
    }
    const uploadId = randomUUID();
    const name = storedFileName(originalName);
    const folder = path.join(this.dir, uploadId);
    try {
      await fsp.mkdir(folder, { recursive: true });
    } catch (error) {
      body.resume();
      // A recursive mkdir on a read-only file system says ENOENT; one level at a time says why.
      const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? await fsp.mkdir(this.dir).then(() => error, (direct: unknown) => direct) : error;
      throw uploadWriteError(reason, name);
    }
    const target = path.join(folder, name);
    let size = 0;
    const limit = this.maxBytes;
    const counter = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        size += chunk.length;
        if (size > limit) callback(new MuragatError('FILE_TOO_LARGE', `the file is larger than ${limit} bytes`, { limit }));
        else callback(null, chunk);
      },
    });
    try {
      await pipeline(body, counter, fs.createWriteStream(target, { flags: 'wx' }));
    } catch (error) {
      await fsp.rm(folder, { recursive: true, force: true }).catch(() => undefined);
      throw uploadWriteError(error, name);
    }
    return { uploadId, name, size };
  }

  /** The stored path of an upload, or NOT_FOUND (never a path outside the uploads folder). */
  async resolve(uploadId: string): Promise<string> {
    if (!UPLOAD_ID.test(uploadId)) throw new MuragatError('INVALID_INPUT', 'malformed upload id', { field: 'uploadId' });
    const folder = path.join(this.dir, uploadId);
    let names: string[];
    try {
      names = await fsp.readdir(folder);
    } catch {
      throw new MuragatError('NOT_FOUND', `no upload ${uploadId} (it was imported or expired)`, { uploadId });
    }
    const name = names[0];
    if (!name) throw new MuragatError('NOT_FOUND', `no upload ${uploadId}`, { uploadId });
    return path.join(folder, name);
  }

  async remove(uploadId: string): Promise<void> {
    if (!UPLOAD_ID.test(uploadId)) return;
    await fsp.rm(path.join(this.dir, uploadId), { recursive: true, force: true });
  }

  /** Removes uploads older than `olderThanMs` (left by a crash or a page closed before importing). */
  async sweep(olderThanMs: number): Promise<void> {
    let names: string[];
    try {
      names = await fsp.readdir(this.dir);
    } catch {
      return;
    }
    const cutoff = Date.now() - olderThanMs;
    for (const name of names) {
      const folder = path.join(this.dir, name);
      try {
        if ((await fsp.stat(folder)).mtimeMs < cutoff) await fsp.rm(folder, { recursive: true, force: true });
      } catch {
        // vanished meanwhile
      }
    }
  }
}
