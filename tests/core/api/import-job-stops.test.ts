/**
 * An import job in the app that cannot write (another process holds the archive's write lock
 * past the busy timeout) ends as *failed* with DATABASE_BUSY said once for the job, not as a
 * cancel the user never asked for and not as one INTERNAL "database is locked" per file.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openArchive } from '../../../electron/core/archive';
import { createCoreService, serveMethod } from '../../../electron/core/api/handlers';
import { tempDir } from '../../helpers/temp-dir';

describe('an import job that cannot write', () => {
  it('fails with DATABASE_BUSY once, leaves nothing half-imported, and works once the lock is gone', async () => {
    const dataDir = tempDir('muragat-job-busy-');
    const archive = await openArchive({ dataDir, extractWorkers: 1, busyTimeoutMs: 150 });
    const service = createCoreService(archive, { host: 'desktop', version: 'test', uploads: null, emit: () => undefined, resumeOcr: false });
    const source = tempDir('muragat-job-busy-src-');
    for (let i = 0; i < 6; i++) fs.writeFileSync(path.join(source, `шешім-${i}.txt`), `Шешім № ${i}-38. ${'Мәслихат шешім қабылдады. '.repeat(20 + i)}`);
    const holder = new Database(path.join(dataDir, 'archive.sqlite'));
    try {
      holder.prepare('BEGIN IMMEDIATE').run();
      const { jobId } = (await serveMethod(service.handlers, 'import.start', { sources: [{ type: 'path', path: source }] })) as { jobId: string };
      const job = await service.jobs.settled(jobId);
      expect(job.state).toBe('failed');
      const jobErrors = job.files.filter((file) => file.name === '' && file.status === 'failed');
      expect(jobErrors.map((file) => file.error?.code)).toEqual(['DATABASE_BUSY']);
      expect(job.files.filter((file) => file.error?.code === 'INTERNAL')).toEqual([]);
      holder.prepare('ROLLBACK').run();
      expect(archive.list()).toEqual([]);

      const again = (await serveMethod(service.handlers, 'import.start', { sources: [{ type: 'path', path: source }] })) as { jobId: string };
      const done = await service.jobs.settled(again.jobId);
      expect(done.state).toBe('finished');
      expect(done.counts.imported).toBe(6);
      expect((await archive.check()).problems).toEqual([]);
    } finally {
      holder.close();
      await service.close();
      await archive.close();
    }
  });
});
