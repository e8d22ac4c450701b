// Development entry for the OCR worker: lets a worker thread load the TypeScript sources (CLI via
// tsx, tests via Vitest). The desktop build bundles ocr-worker.ts to plain JS instead.
import { register } from 'tsx/esm/api';

register();
await import('./ocr-worker.ts');
