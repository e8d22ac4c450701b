import { createHash, randomBytes } from 'node:crypto';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { MuragatError } from '../../../shared/errors';

const SHA256_PATTERN = /^[0-9a-f]{64}$/;

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function assertSha256(sha256: string): void {
  if (!SHA256_PATTERN.test(sha256)) throw new MuragatError('INVALID_INPUT', `not a SHA-256 digest: ${sha256.slice(0, 80)}`);
}

/**
 * Content-addressed store: `files/ab/abcdef…` named by the SHA-256 of the bytes. Blobs are
 * immutable, written to `tmp/` first, fsynced and renamed, so a crash never leaves a blob
 * with the right name and the wrong bytes.
 */
export class FileStore {
  constructor(
    readonly filesDir: string,
    readonly tmpDir: string,
  ) {}

  pathOf(sha256: string): string {
    assertSha256(sha256);
    return path.join(this.filesDir, sha256.slice(0, 2), sha256);
  }

  async has(sha256: string): Promise<boolean> {
    try {
      await fs.access(this.pathOf(sha256));
      return true;
    } catch {
      return false;
    }
  }

  /** Stores bytes whose digest the caller computed; the digest is checked again here. */
  async put(sha256: string, bytes: Uint8Array): Promise<string> {
    const target = this.pathOf(sha256);
    if (sha256Hex(bytes) !== sha256) throw new MuragatError('STORE_FAILED', 'the bytes do not match their SHA-256 digest');
    if (await this.has(sha256)) return target;
    await fs.mkdir(path.dirname(target), { recursive: true });
    // The temp area may have been removed by hand since the archive was opened.
    await fs.mkdir(this.tmpDir, { recursive: true });
    const temp = path.join(this.tmpDir, `blob-${process.pid}-${randomBytes(6).toString('hex')}`);
    try {
      const handle = await fs.open(temp, 'wx');
      try {
        await handle.writeFile(bytes);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await fs.rename(temp, target);
      await syncDirectory(path.dirname(target));
    } catch (error) {
      await fs.rm(temp, { force: true });
      const code = (error as NodeJS.ErrnoException).code;
      // A full disk is the user's to fix, and stops an import (it would fail every next file too).
      if (code === 'ENOSPC' || code === 'EDQUOT') throw new MuragatError('DISK_FULL', 'the disk holding the archive is full; free some space and try again', {}, { cause: error });
      throw new MuragatError('STORE_FAILED', `could not store the file: ${(error as Error).message}`, {}, { cause: error });
    }
    return target;
  }

  /**
   * Moves a file the caller has already verified (e.g. extracted from a bundle and hashed while
   * streaming) into the store under its digest: renamed, never read into memory. The file must
   * be on the same disk (the archive's tmp folder). A blob already stored wins.
   *
   * With `sync: false` the caller promises to call `syncBlobs` before anything refers to the
   * blob: a batch of files is then flushed at the end, while the disk writes back in the
   * background instead of waiting after each file.
   */
  async adopt(sha256: string, verifiedFile: string, options: { sync?: boolean } = {}): Promise<string> {
    const target = this.pathOf(sha256);
    if (await this.has(sha256)) {
      await fs.rm(verifiedFile, { force: true });
      return target;
    }
    try {
      await fs.mkdir(path.dirname(target), { recursive: true });
      if (options.sync !== false) await fsyncFile(verifiedFile);
      await fs.rename(verifiedFile, target);
      if (options.sync !== false) await syncDirectory(path.dirname(target));
    } catch (error) {
      await fs.rm(verifiedFile, { force: true });
      throw new MuragatError('STORE_FAILED', `could not store the file: ${(error as Error).message}`, {}, { cause: error });
    }
    return target;
  }

  /** Makes adopted blobs durable (their data and their folder entries). */
  async syncBlobs(sha256s: Iterable<string>): Promise<void> {
    const folders = new Set<string>();
    try {
      for (const sha256 of sha256s) {
        const target = this.pathOf(sha256);
        await fsyncFile(target);
        folders.add(path.dirname(target));
      }
      for (const folder of folders) await syncDirectory(folder);
    } catch (error) {
      throw new MuragatError('STORE_FAILED', `could not store the files durably: ${(error as Error).message}`, {}, { cause: error });
    }
  }

  /** A fresh path in the archive's temp folder (same disk as the store, so `adopt` is a rename). */
  async tempPath(prefix: string): Promise<string> {
    await fs.mkdir(this.tmpDir, { recursive: true });
    return path.join(this.tmpDir, `${prefix}-${process.pid}-${randomBytes(6).toString('hex')}`);
  }

  async read(sha256: string): Promise<Buffer> {
    return fs.readFile(this.pathOf(sha256));
  }

  async remove(sha256: string): Promise<void> {
    await fs.rm(this.pathOf(sha256), { force: true });
  }

  /** Every digest present in the store (for integrity checks and garbage collection). */
  async list(): Promise<string[]> {
    const result: string[] = [];
    let shards: string[];
    try {
      shards = await fs.readdir(this.filesDir);
    } catch {
      return result;
    }
    for (const shard of shards) {
      if (!/^[0-9a-f]{2}$/.test(shard)) continue;
      for (const name of await fs.readdir(path.join(this.filesDir, shard))) {
        if (SHA256_PATTERN.test(name) && name.startsWith(shard)) result.push(name);
      }
    }
    return result.sort();
  }

  /** Removes temp files left by a process that died mid-write (older than `olderThanMs`). */
  async sweepTemp(olderThanMs: number): Promise<number> {
    let removed = 0;
    let names: string[];
    try {
      names = await fs.readdir(this.tmpDir);
    } catch {
      return 0;
    }
    const cutoff = Date.now() - olderThanMs;
    for (const name of names) {
      const file = path.join(this.tmpDir, name);
      try {
        const stat = await fs.stat(file);
        if (stat.isFile() && stat.mtimeMs < cutoff) {
          await fs.rm(file, { force: true });
          removed++;
        }
      } catch {
        // vanished meanwhile: nothing to do
      }
    }
    return removed;
  }
}

async function fsyncFile(file: string): Promise<void> {
  const handle = await fs.open(file, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function syncDirectory(dir: string): Promise<void> {
  // Makes the rename durable on Linux; Windows cannot open directories and does not need it.
  if (process.platform === 'win32') return;
  try {
    const handle = await fs.open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // best effort: some file systems (network shares) refuse fsync on directories
  }
}
