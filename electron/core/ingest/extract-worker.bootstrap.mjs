// Development entry for the extraction worker: lets a worker thread load the TypeScript sources
// (CLI via tsx, tests via Vitest). The desktop build bundles extract-worker.ts to plain JS instead.
import { register } from 'tsx/esm/api';

// pdf.js is plain JavaScript. Loaded before tsx is registered, it skips tsx's transform, which
// costs ~190 MB per worker for its 8 MB of code; pdf.ts's own import then finds it in the module
// cache, and pdf.js uses the worker module it finds on globalThis instead of importing it again.
await import('pdfjs-dist/legacy/build/pdf.mjs');
globalThis.pdfjsWorker ??= await import('pdfjs-dist/legacy/build/pdf.worker.mjs');

register();
await import('./extract-worker.ts');
