/**
 * Idle workers give their memory back (issue 11, point 13): a pool's worker that has had no task
 * for `idleMs` is terminated, and the next task starts a new one. Real extraction workers.
 */
import { describe, expect, it } from 'vitest';
import { createExtractPool } from '../../../electron/core/ingest/extract-pool';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function textFile(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

describe('idle workers', () => {
  it('terminates extraction workers after the idle time and starts new ones for the next file', async () => {
    const pool = createExtractPool({ size: 2, idleMs: 300 });
    try {
      const first = await Promise.all([
        pool.run({ bytes: textFile('Шешім № 1: мектеп жөндеу'), fileName: 'a.txt' }),
        pool.run({ bytes: textFile('Шешім № 2: жол салу'), fileName: 'b.txt' }),
      ]);
      expect(first.map((result) => result.kind)).toEqual(['extracted', 'extracted']);
      expect(pool.liveWorkers()).toBe(2);
      // Busy back to back: a worker is not stopped while files keep coming.
      await sleep(100);
      await pool.run({ bytes: textFile('Шешім № 3'), fileName: 'c.txt' });
      expect(pool.liveWorkers()).toBeGreaterThanOrEqual(1);
      const deadline = Date.now() + 10_000;
      while (pool.liveWorkers() > 0) {
        expect(Date.now()).toBeLessThan(deadline);
        await sleep(50);
      }
      const again = await pool.run({ bytes: textFile('Шешім № 4: саябақ'), fileName: 'd.txt' });
      expect(again.kind).toBe('extracted');
      expect(pool.liveWorkers()).toBe(1);
    } finally {
      await pool.close();
    }
  }, 60_000);
});
