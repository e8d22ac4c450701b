/**
 * The one job mechanism (issue 11): imports, reindexing and bundle export run as jobs of the
 * archive's JobRunner, with progress events in order ending in a final state, cancellation that
 * leaves nothing half done, and one budget of heavy work shared by extraction and OCR.
 * Real archives, real worker threads, real files.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { JobInfo } from '../../../shared/domain/jobs';
import { openArchive, type Archive } from '../../../electron/core/archive';
import { exportBundle } from '../../../electron/core/bundles/export';
import { ImportJobs } from '../../../electron/core/api/import-jobs';
import { WorkBudget } from '../../../electron/core/jobs/budget';
import { JOB_PROGRESS_INTERVAL_MS } from '../../../electron/core/jobs/runner';
import { writeSyntheticDocument } from '../../../bench/archive-writer';
import { REPO_ROOT } from '../../helpers/cli';
import { tempDir } from '../../helpers/temp-dir';

const SCAN = path.join(REPO_ROOT, 'tests/fixtures/import/kk-order-110-scan.pdf');

/** A folder of small, distinct text documents. */
function textFolder(count: number): string {
  const dir = tempDir('muragat-jobs-src-');
  for (let i = 0; i < count; i++) {
    fs.writeFileSync(path.join(dir, `шешім-${String(i).padStart(3, '0')}.txt`), `Аудандық мәслихаттың шешімі № ${i}\nЖоба ${i}: ${'мектеп жөндеу '.repeat(20 + i)}\n`);
  }
  return dir;
}

function recordJobs(archive: Archive): JobInfo[] {
  const events: JobInfo[] = [];
  archive.jobs.listen((job) => events.push(job));
  return events;
}

function searchTotal(archive: Archive, text: string): number {
  return archive.search({ query: text, limit: 1 }).total;
}

describe('job runner', () => {
  it('an import job cancelled midway stops between files, leaves no half document, and its events end with the final state', async () => {
    const archive = await openArchive({ dataDir: tempDir('muragat-jobs-'), extractWorkers: 1 });
    try {
      const events = recordJobs(archive);
      const importJobs = new ImportJobs(archive, () => undefined, null);
      const source = textFolder(40);
      const jobId = await importJobs.start([{ type: 'path', path: source }]);
      // Cancel once some files are in: by `jobs.cancel`, the same id as the import's.
      const deadline = Date.now() + 60_000;
      while (importJobs.get(jobId).counts.imported < 3) {
        expect(Date.now()).toBeLessThan(deadline);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      archive.jobs.cancel(jobId);
      const finished = await importJobs.settled(jobId);
      expect(finished.state).toBe('cancelled');
      const imported = finished.counts.imported;
      expect(imported).toBeGreaterThan(0);
      expect(imported).toBeLessThan(40);

      // Every document is whole: its file stored, its pages written and searchable; no other rows.
      const { db } = archive.context;
      const docs = db.prepare('SELECT id FROM documents').all() as Array<{ id: string }>;
      expect(docs).toHaveLength(imported);
      for (const { id } of docs) {
        const details = archive.get(id);
        expect(details.files.length).toBe(1);
        expect(archive.pages(id).length).toBeGreaterThan(0);
      }
      expect(searchTotal(archive, 'мектеп')).toBe(imported);
      const report = await archive.check();
      expect(report.ok, JSON.stringify(report)).toBe(true);

      // Events of the job: in order, its progress never going back, the last one final.
      const mine = events.filter((event) => event.jobId === jobId);
      expect(mine[0]!.state).toBe('running');
      expect(mine.at(-1)!.state).toBe('cancelled');
      expect(mine.at(-1)!.finishedAt).not.toBeNull();
      expect(mine.at(-1)!.outcome.imported).toBe(imported);
      for (let i = 1; i < mine.length; i++) expect(mine[i]!.progress.done).toBeGreaterThanOrEqual(mine[i - 1]!.progress.done);
      expect(mine.slice(0, -1).every((event) => event.state === 'running')).toBe(true);
      expect(archive.jobs.list().find((job) => job.jobId === jobId)?.state).toBe('cancelled');
    } finally {
      await archive.close();
    }
  }, 120_000);

  it('progress events are coalesced to at most five a second per job, and a finished job sends one last event', async () => {
    const archive = await openArchive({ dataDir: tempDir('muragat-jobs-') });
    try {
      const events: Array<{ at: number; job: JobInfo }> = [];
      archive.jobs.listen((job) => events.push({ at: Date.now(), job }));
      const result = await archive.jobs.run('reindex', { unit: 'documents' }, async (job) => {
        for (let i = 1; i <= 300; i++) {
          job.progress({ done: i, total: 300 });
          await new Promise((resolve) => setTimeout(resolve, 2));
        }
        return 'ok';
      });
      expect(result).toBe('ok');
      const running = events.filter((event) => event.job.state === 'running');
      const spanMs = running.at(-1)!.at - running[0]!.at;
      // ≤ 5 a second (+1 for the first, sent at once), far fewer than the 300 updates.
      expect(running.length).toBeLessThanOrEqual(Math.floor(spanMs / JOB_PROGRESS_INTERVAL_MS) + 2);
      expect(running.length).toBeLessThan(300);
      expect(events.at(-1)!.job.state).toBe('done');
      expect(events.at(-1)!.job.progress).toMatchObject({ done: 300, total: 300, unit: 'documents' });
      expect(events.filter((event) => event.job.state === 'done')).toHaveLength(1);
    } finally {
      await archive.close();
    }
  }, 60_000);

  it('a reindex job cancelled midway leaves the old index whole and searchable', async () => {
    const archive = await openArchive({ dataDir: tempDir('muragat-jobs-') });
    try {
      // More than one batch (200 documents), written straight into the archive.
      archive.context.db.transaction(() => {
        for (let i = 0; i < 450; i++) {
          writeSyntheticDocument(archive, { title: `Шешім ${i}`, kind: 'decision', lang: 'kk', date: '2024-01-01', number: String(i), issuer: 'Мәслихат', pages: [`мектеп құрылысы туралы ${i}`] });
        }
      })();
      const before = searchTotal(archive, 'мектеп');
      expect(before).toBe(450);
      const events = recordJobs(archive);
      const controller = new AbortController();
      let batches = 0;
      const reindex = archive.reindexJob({
        signal: controller.signal,
        onProgress: () => {
          batches++;
          // A reader between the batches still sees the whole old index.
          expect(searchTotal(archive, 'мектеп')).toBe(450);
          if (batches === 1) controller.abort();
        },
      });
      await expect(reindex).rejects.toMatchObject({ code: 'CANCELLED' });
      expect(batches).toBe(1);
      expect(searchTotal(archive, 'мектеп')).toBe(before);
      expect(events.at(-1)).toMatchObject({ kind: 'reindex', state: 'cancelled' });
      // No shadow left: a full reindex afterwards works and finds the same.
      const rebuilt = await archive.reindexJob();
      expect(rebuilt.documents).toBe(450);
      expect(searchTotal(archive, 'мектеп')).toBe(450);
      expect(events.at(-1)).toMatchObject({ kind: 'reindex', state: 'done', progress: { done: 450, total: 450 } });
    } finally {
      await archive.close();
    }
  }, 120_000);

  it('a bundle export cancelled midway leaves no file and no partial file, and is not logged as sent', async () => {
    const archive = await openArchive({ dataDir: tempDir('muragat-jobs-'), extractWorkers: 1 });
    try {
      const summary = await archive.importPaths([textFolder(12)]);
      expect(summary.imported).toBe(12);
      const out = tempDir('muragat-jobs-out-');
      const target = path.join(out, 'all.muragat');
      const seen: number[] = [];
      const run = archive.jobs.run('bundle-export', { unit: 'entries' }, (job) =>
        exportBundle(archive.context, target, { kind: 'all' }, {
          signal: job.signal,
          onProgress: (done, total) => {
            seen.push(done);
            job.progress({ done, total });
            // Midway through the files (after the records).
            if (done === 12 + 3) archive.jobs.cancel(job.jobId);
          },
        }),
      );
      await expect(run).rejects.toMatchObject({ code: 'CANCELLED' });
      expect(seen).toContain(15);
      expect(fs.readdirSync(out)).toEqual([]);
      const sent = archive.context.db.prepare("SELECT count(*) AS n FROM bundle_log WHERE direction = 'sent'").get() as { n: number };
      expect(sent.n).toBe(0);
      expect(archive.jobs.list()[0]).toMatchObject({ kind: 'bundle-export', state: 'cancelled' });
      // And uncancelled, the same export is written whole.
      const whole = await exportBundle(archive.context, target, { kind: 'all' });
      expect(whole.documents).toBe(12);
      expect(fs.readdirSync(out)).toEqual(['all.muragat']);
    } finally {
      await archive.close();
    }
  }, 120_000);

  it('an import and an OCR run at once share one budget: never more heavy tasks than it allows', async () => {
    // A machine with room for one heavy task at a time.
    const budget = new WorkBudget({ slots: 1, memoryBytes: 4 * 2 ** 30 });
    const archive = await openArchive({ dataDir: tempDir('muragat-jobs-'), budget, extractWorkers: 2, ocrWorkers: 2 });
    try {
      const scan = await archive.importPaths([SCAN]);
      expect(scan.needsOcr).toBe(1);
      const ocr = archive.ocr.runQueue({});
      const imported = archive.importPaths([textFolder(6)]);
      const [ocrSummary, importSummary] = await Promise.all([ocr, imported]);
      expect(ocrSummary.pages).toBe(1);
      expect(importSummary.imported).toBe(6);
      const usage = budget.usage();
      expect(usage.peak.ocr).toBe(1);
      expect(usage.peak.extract).toBeGreaterThanOrEqual(1);
      expect(usage.peak.all).toBe(1);
      expect(usage.running).toEqual({ extract: 0, ocr: 0 });
      // The OCR run was a job of the runner too.
      expect(archive.jobs.list().some((job) => job.kind === 'ocr' && job.state === 'done' && job.outcome.read === 1)).toBe(true);
    } finally {
      await archive.close();
    }
  }, 180_000);
});
