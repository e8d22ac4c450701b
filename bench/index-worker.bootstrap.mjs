// Loads the TypeScript bench worker through tsx (see electron/core/ingest/extract-worker.bootstrap.mjs).
import { register } from 'tsx/esm/api';

register();
await import('./index-worker.ts');
