import { describe, expect, it } from 'vitest';
import { WorkerPool } from '../../electron/core/workers/worker-pool';
import { MuragatError } from '../../shared/errors';

type Request = { action: 'echo' | 'fail' | 'hang' | 'crash' | 'oom'; value?: string };
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

  it('survives a crashing worker and a worker that runs out of memory', async () => {
    const workers = pool();
    expect(await codeOf(workers.run({ action: 'crash' }))).toBe('EXTRACTION_FAILED');
    expect(await codeOf(workers.run({ action: 'oom' }))).toBe('EXTRACTION_FAILED');
    expect((await workers.run({ action: 'echo', value: 'still here' })).echoed).toBe('still here');
    await workers.close();
  });

  it('fails queued work with CANCELLED once closed', async () => {
    const workers = pool();
    await workers.close();
    expect(await codeOf(workers.run({ action: 'echo', value: 'x' }))).toBe('CANCELLED');
  });
});
