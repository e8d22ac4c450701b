/**
 * The core host: the utility process (Electron `utilityProcess.fork`) that owns the archive, so
 * database and import work never runs on the UI's main thread.
 *
 * Wire protocol (types in shared/contract.ts, peer in electron/main/core-host-client.ts):
 *   main → host  { type: 'request', id, method, params } | { type: 'shutdown' }
 *   host → main  { type: 'ready' }
 *                { type: 'reply', id, ok: true, value } | { type: 'reply', id, ok: false, error: { code, message } }
 *                { type: 'event', event: { name, payload } }
 *
 * Started as `core-host.js --data-dir=<folder> [--app-version=<x.y.z>]` (MURAGAT_DATA and
 * MURAGAT_APP_VERSION are the fallbacks). Plain Node: it must not import `electron`.
 */
import type { ContractEvent } from '../../shared/contract';
import { createCoreService } from '../core/api/handlers';
import { openArchive, type Archive } from '../core/archive';
import { createLoggerIfArchive } from '../core/log/logger';
import { readHostConfig, startHost, type CoreSession, type HostConfig } from './host-runtime';
import { connectToParent } from './parent-channel';

/**
 * Opens the archive of the data folder. A throw here is not fatal: the host stays up and answers
 * every archive call with that error (e.g. ARCHIVE_NEWER_VERSION), so the UI can explain it
 * instead of watching the process restart. The extraction workers are bundled next to this file
 * (see OPTIONAL_MAIN_ENTRIES in electron.vite.config.ts).
 */
async function openCore(config: HostConfig, emit: (event: ContractEvent) => void): Promise<CoreSession> {
  const logFields = { app: 'desktop', version: config.version };
  const opened: { archive?: Archive } = {};
  // A crash of this process (while opening too) still leaves its stack in the archive log; the
  // monitor only watches, the process then exits as it would have and main restarts it.
  process.on('uncaughtExceptionMonitor', (error, origin) => {
    (opened.archive?.context.log ?? createLoggerIfArchive(config.dataDir, { fields: logFields }))?.failure('process', error, { origin });
  });
  const archive = await openArchive({
    dataDir: config.dataDir,
    logFields,
    extractWorkerUrl: new URL('./extract-worker.js', import.meta.url),
    ocrWorkerUrl: new URL('./ocr-worker.js', import.meta.url),
    ...(config.nativeBinding ? { nativeBinding: config.nativeBinding } : {}),
  }).catch((error: unknown) => {
    // The UI shows the code; the log keeps it (and a bug's stack) for support.
    createLoggerIfArchive(config.dataDir, { fields: logFields })?.failure('core-host', error);
    throw error;
  });
  opened.archive = archive;
  // The desktop imports paths (from dialogs and drag and drop): no upload store.
  const service = createCoreService(archive, { host: 'desktop', version: config.version, emit, uploads: null });
  return {
    handlers: service.handlers,
    async close() {
      await service.close();
      await archive.close();
    },
  };
}

let config: HostConfig;
try {
  config = readHostConfig(process.argv.slice(2), process.env);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(2);
}
startHost(connectToParent(), config, openCore);
