// Development entry for the extraction worker: lets a worker thread load the TypeScript sources
// (CLI via tsx, tests via Vitest). The desktop build bundles extract-worker.ts to plain JS instead.
import { register } from 'tsx/esm/api';

register();
await import('./extract-worker.ts');
