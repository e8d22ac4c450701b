import { availableParallelism } from 'node:os';
import { WorkerPool } from '../workers/worker-pool';
import type { ExtractRequest, ExtractResult } from './extract-protocol';

export type ExtractPool = WorkerPool<ExtractRequest, ExtractResult>;

/**
 * The worker script next to this module: the bundled `extract-worker.js` in a build, or the
 * bootstrap that loads the TypeScript source when running from source.
 */
export function defaultExtractWorkerUrl(): URL {
  const fromSource = import.meta.url.endsWith('.ts');
  return new URL(fromSource ? './extract-worker.bootstrap.mjs' : './extract-worker.js', import.meta.url);
}

export interface ExtractPoolOptions {
  workerUrl?: URL;
  size?: number;
}

export function createExtractPool(options: ExtractPoolOptions = {}): ExtractPool {
  return new WorkerPool<ExtractRequest, ExtractResult>({
    workerUrl: options.workerUrl ?? defaultExtractWorkerUrl(),
    size: options.size ?? Math.max(1, Math.min(availableParallelism(), 4)),
    // Two minutes, plus a second per megabyte: a 500-page report is fine, a PDF that loops is not.
    taskTimeoutMs: (bytes) => 120_000 + Math.ceil(bytes / 1_000_000) * 1_000,
    resourceLimits: { maxOldGenerationSizeMb: 1536 },
  });
}
