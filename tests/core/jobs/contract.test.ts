/**
 * The jobs over the UI contract: `jobs.list`, `jobs.cancel` and the `job.progress` event, for an
 * import started with `import.start` and a bundle export from the Sync screen. Real archive,
 * real workers, the same handlers both hosts serve.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ContractEvent } from '../../../shared/contract';
import type { JobInfo } from '../../../shared/domain/jobs';
import { openArchive } from '../../../electron/core/archive';
import { createCoreService, serveMethod } from '../../../electron/core/api/handlers';
import { tempDir } from '../../helpers/temp-dir';

describe('jobs over the contract', () => {
  it('lists an import and a bundle export as jobs, cancels by jobs.cancel, and pushes job.progress ending in the final state', async () => {
    const archive = await openArchive({ dataDir: tempDir('muragat-jobs-api-'), extractWorkers: 1 });
    const events: ContractEvent[] = [];
    const service = createCoreService(archive, { host: 'desktop', version: 'test', uploads: null, emit: (event) => events.push(event), resumeOcr: false });
    const call = (method: string, params?: unknown): Promise<unknown> => serveMethod(service.handlers, method, params);
    try {
      const source = tempDir('muragat-jobs-src-');
      for (let i = 0; i < 30; i++) fs.writeFileSync(path.join(source, `хат-${i}.txt`), `Хат № ${i}: ${'ауыл шаруашылығы '.repeat(30 + i)}`);

      const { jobId } = (await call('import.start', { sources: [{ type: 'path', path: source }] })) as { jobId: string };
      const listed = (await call('jobs.list')) as JobInfo[];
      expect(listed[0]).toMatchObject({ jobId, kind: 'import', state: 'running', cancellable: true, progress: { unit: 'files' } });
      while (service.jobs.get(jobId).counts.imported < 2) await new Promise((resolve) => setTimeout(resolve, 5));
      const cancelled = (await call('jobs.cancel', { jobId })) as JobInfo;
      expect(cancelled.jobId).toBe(jobId);
      const job = await service.jobs.settled(jobId);
      expect(job.state).toBe('cancelled');

      const progress = events.filter((event): event is Extract<ContractEvent, { name: 'job.progress' }> => event.name === 'job.progress' && event.payload.jobId === jobId);
      expect(progress.length).toBeGreaterThan(1);
      expect(progress.at(-1)!.payload).toMatchObject({ state: 'cancelled', outcome: { imported: job.counts.imported } });
      // The import's own event, kept for the Import screen, ends the same way.
      const importEvents = events.filter((event) => event.name === 'import.progress');
      expect(importEvents.at(-1)!.payload).toMatchObject({ jobId, state: 'cancelled' });
      // Nothing a browser must not see: no path of this computer and no error message text.
      expect(JSON.stringify(progress.map((event) => event.payload))).not.toContain(source);

      // A bundle export from the Sync screen is a job too.
      const exported = (await call('exchange.export', { selection: { kind: 'all' } })) as { documents: number };
      expect(exported.documents).toBe(job.counts.imported);
      const jobs = (await call('jobs.list')) as JobInfo[];
      const exportJob = jobs.find((entry) => entry.kind === 'bundle-export');
      expect(exportJob).toMatchObject({ state: 'done', progress: { unit: 'entries' } });
      expect(exportJob!.progress.done).toBe(exportJob!.progress.total);
      await expect(call('jobs.cancel', { jobId: 'not-a-job' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    } finally {
      await service.close();
      await archive.close();
    }
  }, 120_000);
});
