import { describe, expect, it } from 'vitest';
import { extractPoolSize, extractionWorstCaseBytes } from '../../electron/core/ingest/extract-pool';
import { WorkerPool } from '../../electron/core/workers/worker-pool';
import { MuragatError } from '../../shared/errors';

type Request = { action: 'echo' | 'fail' | 'hang' | 'crash' | 'oom' | 'sleep'; value?: string; ms?: number };
const workerUrl = new URL('../fixtures/workers/behaving-worker.mjs', import.meta.url);

function pool(timeoutMs = 5_000) {
  return new WorkerPool<Request, { echoed: string }>({ workerUrl, size: 2, taskTimeoutMs: () => timeoutMs, resourceLimits: { maxOldGenerationSizeMb: 64 } });
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'resolved';
  } catch (error) {
    return error instanceof MuragatError ? error.code : `other: ${String(error)}`;
  }
}

describe('worker pool', () => {
  it('runs tasks on several workers and returns every answer to its caller', async () => {
    const workers = pool();
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => workers.run({ action: 'echo', value: `v${i}` })));
    expect(answers.map((a) => a.echoed)).toEqual(Array.from({ length: 20 }, (_, i) => `v${i}`));
    await workers.close();
  });

  it('passes coded errors through', async () => {
    const workers = pool();
    expect(await codeOf(workers.run({ action: 'fail' }))).toBe('PDF_CORRUPT');
    await workers.close();
  });

  it('times out a hanging task, replaces the worker and goes on with the queue', async () => {
    const workers = pool(300);
    const results = await Promise.all([codeOf(workers.run({ action: 'hang' })), workers.run({ action: 'echo', value: 'after' })]);
    expect(results[0]).toBe('EXTRACTION_TIMEOUT');
    expect(results[1]).toEqual(expect.objectContaining({ echoed: 'after' }));
    expect((await workers.run({ action: 'echo', value: 'again' })).echoed).toBe('again');
    await workers.close();
  });

  it('survives a crashing worker and a worker that runs out of memory (a limit: EXTRACTION_LIMIT)', async () => {
    const workers = pool();
    expect(await codeOf(workers.run({ action: 'crash' }))).toBe('EXTRACTION_FAILED');
    expect(await codeOf(workers.run({ action: 'oom' }))).toBe('EXTRACTION_LIMIT');
    expect((await workers.run({ action: 'echo', value: 'still here' })).echoed).toBe('still here');
    await workers.close();
  });

  it('fails queued work with CANCELLED once closed', async () => {
    const workers = pool();
    await workers.close();
    expect(await codeOf(workers.run({ action: 'echo', value: 'x' }))).toBe('CANCELLED');
  });

  it('starts a task only while the running tasks\' worst cases fit in the memory budget', async () => {
    type Timed = { echoed: string; started: number; ended: number };
    const workers = new WorkerPool<Request, Timed>({ workerUrl, size: 3, taskTimeoutMs: () => 5_000, memory: { budgetBytes: 100, taskBytes: (bytes) => bytes } });
    // Most tasks running at one moment (an end and a start at the same millisecond do not overlap).
    const overlaps = (runs: Timed[]): number => {
      const events = runs.flatMap((run) => [{ at: run.started, step: 1 }, { at: run.ended, step: -1 }]).sort((a, b) => a.at - b.at || a.step - b.step);
      let running = 0;
      let most = 0;
      for (const event of events) most = Math.max(most, (running += event.step));
      return most;
    };
    // Three tasks of 60 "bytes" with a budget of 100: one at a time, although three workers exist.
    const large = await Promise.all(['a', 'b', 'c'].map((value) => workers.run({ action: 'sleep', ms: 150, value }, [], 60)));
    expect(large.map((run) => run.echoed)).toEqual(['a', 'b', 'c']);
    expect(overlaps(large)).toBe(1);
    // Tasks of 40: two fit side by side, never three.
    const small = await Promise.all(['d', 'e', 'f', 'g'].map((value) => workers.run({ action: 'sleep', ms: 150, value }, [], 40)));
    expect(overlaps(small)).toBe(2);
    // A task larger than the whole budget still runs (alone), rather than waiting for ever.
    expect((await workers.run({ action: 'sleep', ms: 10, value: 'huge' }, [], 500)).echoed).toBe('huge');
    await workers.close();
  });

  it('sizes the extraction pool by the machine: cores, at most 4, and half the memory at the worst case', () => {
    const GiB = 1024 ** 3;
    expect(extractionWorstCaseBytes(0)).toBeGreaterThan(1.4 * GiB);
    expect(extractPoolSize(4 * GiB, 4)).toBe(1);
    expect(extractPoolSize(8 * GiB, 4)).toBe(2);
    expect(extractPoolSize(16 * GiB, 8)).toBe(4);
    expect(extractPoolSize(64 * GiB, 2)).toBe(2);
    expect(extractPoolSize(1 * GiB, 2)).toBe(1);
    for (const memory of [4, 8, 16, 32].map((g) => g * GiB)) {
      const size = extractPoolSize(memory, 16);
      expect(size === 1 || size * extractionWorstCaseBytes(0) <= memory / 2).toBe(true);
    }
  });
});
