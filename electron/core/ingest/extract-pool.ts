import { availableParallelism, totalmem } from 'node:os';
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
  /** The machine's memory, in bytes (tests pass a small machine). */
  totalMemoryBytes?: number;
  /** The permit of the budget shared with OCR (jobs/budget.ts), taken before each file. */
  gate?: (payloadBytes: number) => Promise<() => void>;
  /** Workers idle this long are terminated (default EXTRACT_WORKER_IDLE_MS). */
  idleMs?: number;
}

/** Between two files of a batch workers stay; a minute after the last one they go. */
export const EXTRACT_WORKER_IDLE_MS = 60_000;

const MiB = 1024 * 1024;

/** The JavaScript heap of one extraction worker (pdf.js, mammoth and the indexer's strings). */
export const EXTRACT_WORKER_HEAP_MB = 1024;

/** The share of the machine's memory that all extraction workers together may count on. */
export const EXTRACTION_MEMORY_SHARE = 0.5;

/**
 * The worst case of one extraction, in bytes: the heap cap, V8's young generation and code
 * (~128 MiB), what pdf.js holds outside the heap while decoding one stream (2.5 × the 128 MiB
 * stream cap of pdf-limits.ts, ~320 MiB), and the file itself three times (the importer's copy,
 * the worker's, the copy pdf.js takes). About 1.4 GiB plus 3× the file.
 */
export function extractionWorstCaseBytes(fileBytes: number): number {
  return EXTRACT_WORKER_HEAP_MB * MiB + 128 * MiB + 320 * MiB + 3 * fileBytes;
}

/**
 * Workers: one per core, at most 4, and no more than the memory share holds at their worst case
 * (a 4 GB office PC gets 1, 8 GB gets 2, 16 GB gets 4); always at least one.
 */
export function extractPoolSize(totalMemoryBytes: number, cores: number): number {
  const byMemory = Math.floor((totalMemoryBytes * EXTRACTION_MEMORY_SHARE) / extractionWorstCaseBytes(0));
  return Math.max(1, Math.min(cores, 4, byMemory));
}

export function createExtractPool(options: ExtractPoolOptions = {}): ExtractPool {
  const memoryBytes = options.totalMemoryBytes ?? totalmem();
  return new WorkerPool<ExtractRequest, ExtractResult>({
    workerUrl: options.workerUrl ?? defaultExtractWorkerUrl(),
    size: options.size ?? extractPoolSize(memoryBytes, availableParallelism()),
    // Two minutes, plus a second per megabyte: a 500-page report is fine, a PDF that loops is not.
    taskTimeoutMs: (bytes) => 120_000 + Math.ceil(bytes / 1_000_000) * 1_000,
    resourceLimits: { maxOldGenerationSizeMb: EXTRACT_WORKER_HEAP_MB },
    // Large files wait for memory rather than running side by side past the share.
    memory: { budgetBytes: memoryBytes * EXTRACTION_MEMORY_SHARE, taskBytes: extractionWorstCaseBytes },
    ...(options.gate ? { gate: options.gate } : {}),
    // An idle server gives the extraction workers' memory back; the next import starts new ones.
    idleMs: options.idleMs ?? EXTRACT_WORKER_IDLE_MS,
  });
}
