import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs/promises';
import { hostname } from 'node:os';
import * as path from 'node:path';
import { processAlive } from '../maintenance/recovery';

/**
 * Half-written outputs (a bundle's `OUT.muragat.partial-…`, a backup's staging folder) are made
 * beside their target, which can be any folder: one the user chose, the outbox, the sync
 * folder. If the process is killed they stay there forever, and nothing else knows about them.
 * So each is registered first, here: one small record in the archive's `tmp/partials/` naming
 * the path and its owner (pid and host). Whoever opens the archive for writing next, or starts
 * the next export or backup, removes the partials of owners that are gone. The record is
 * written before the partial is created and removed after it was renamed or deleted, so a
 * partial never exists unregistered.
 */
export const PARTIALS_SUBDIR = 'partials';

interface PartialRecord {
  path: string;
  pid: number;
  host: string;
  startedAt: string;
}

/** A process on another machine (a shared folder) is given this long before its partials count as abandoned. */
const FOREIGN_HOST_GRACE_MS = 24 * 60 * 60 * 1000;

export class PartialFiles {
  /** `tmpDir`: the archive's tmp folder (`<data>/tmp`). */
  constructor(private readonly tmpDir: string) {}

  private get registryDir(): string {
    return path.join(this.tmpDir, PARTIALS_SUBDIR);
  }

  /** A fresh partial name beside `target`, owned by this process. */
  static nameFor(target: string): string {
    return `${target}.partial-${process.pid}-${randomBytes(6).toString('hex')}`;
  }

  /**
   * Records `partial` before it is created; the returned function removes the record (call it
   * once the partial was renamed into place or deleted).
   */
  async register(partial: string, now: Date = new Date()): Promise<() => Promise<void>> {
    await fs.mkdir(this.registryDir, { recursive: true });
    const record = path.join(this.registryDir, `${process.pid}-${randomBytes(6).toString('hex')}.json`);
    const value: PartialRecord = { path: path.resolve(partial), pid: process.pid, host: hostname(), startedAt: now.toISOString() };
    await fs.writeFile(record, JSON.stringify(value));
    return async () => {
      await fs.rm(record, { force: true });
    };
  }

  /**
   * Removes unregistered partials older than `olderThanMs` from a folder this archive owns (the
   * outbox): those of versions before the registry, or whose record was lost. A registered
   * partial is left to `sweep`, which knows whether its owner still runs.
   */
  async sweepFolder(dir: string, olderThanMs: number, now: Date = new Date()): Promise<number> {
    let names: string[];
    try {
      names = await fs.readdir(dir);
    } catch {
      return 0;
    }
    const registered = new Set<string>();
    for (const record of await fs.readdir(this.registryDir).catch(() => [] as string[])) {
      try {
        registered.add(path.resolve((JSON.parse(await fs.readFile(path.join(this.registryDir, record), 'utf8')) as PartialRecord).path));
      } catch {
        // unreadable: `sweep` removes it
      }
    }
    let removed = 0;
    for (const name of names) {
      const file = path.resolve(dir, name);
      if (!/\.partial-[0-9a-f-]+$/.test(name) || registered.has(file)) continue;
      try {
        if (now.getTime() - (await fs.stat(file)).mtimeMs < olderThanMs) continue;
        await fs.rm(file, { recursive: true, force: true });
        removed++;
      } catch {
        // vanished meanwhile
      }
    }
    return removed;
  }

  /** Removes the partials (files or folders) of owners that are gone, and their records. */
  async sweep(now: Date = new Date()): Promise<number> {
    let names: string[];
    try {
      names = await fs.readdir(this.registryDir);
    } catch {
      return 0;
    }
    let removed = 0;
    for (const name of names) {
      if (!name.endsWith('.json')) continue;
      const record = path.join(this.registryDir, name);
      let value: PartialRecord;
      try {
        value = JSON.parse(await fs.readFile(record, 'utf8')) as PartialRecord;
      } catch {
        // A record cut short by the kill that made it stale: nothing it names can be trusted.
        await fs.rm(record, { force: true }).catch(() => undefined);
        continue;
      }
      const gone = value.host === hostname() ? value.pid !== process.pid && !processAlive(value.pid) : now.getTime() - Date.parse(value.startedAt) > FOREIGN_HOST_GRACE_MS;
      if (!gone) continue;
      // Only ever a name this code made (`….partial-…`), never whatever a damaged record says.
      if (/\.partial-[0-9a-f-]+$/.test(path.basename(value.path ?? ''))) {
        await fs.rm(value.path, { recursive: true, force: true }).catch(() => undefined);
        removed++;
      }
      await fs.rm(record, { force: true }).catch(() => undefined);
    }
    return removed;
  }
}
