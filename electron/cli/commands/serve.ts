import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createExchangeHandlers } from '../../core/api/exchange-handlers';
import { createCoreService } from '../../core/api/handlers';
import { UploadStore } from '../../core/api/uploads';
import { startHttpServer } from '../../core/server/http-server';
import { EXIT_FAILED, EXIT_OK, usageError, type Command } from '../command';

const PACKAGE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const RENDERER_DIR = path.join(PACKAGE_ROOT, 'out', 'renderer');
export const SAMPLE_DIR = path.join(PACKAGE_ROOT, 'resources', 'sample');
const UI_SOURCES = ['renderer', 'shared'].map((dir) => path.join(PACKAGE_ROOT, dir));

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    newest = Math.max(newest, fs.statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/** True when out/renderer is missing or older than a source of the UI (a fresh clone, a pull). */
export function uiBuildIsStale(): boolean {
  const index = path.join(RENDERER_DIR, 'index.html');
  if (!fs.existsSync(index)) return true;
  // Only a source checkout can rebuild; an installed package ships its build.
  if (!UI_SOURCES.every((dir) => fs.existsSync(dir))) return false;
  const built = fs.statSync(index).mtimeMs;
  return UI_SOURCES.some((dir) => newestMtime(dir) > built);
}

function buildUi(log: (line: string) => void): boolean {
  log('muragat serve: building the UI (electron-vite build)…\n');
  const cli = path.join(PACKAGE_ROOT, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
  const result = spawnSync(process.execPath, [cli, 'build'], { cwd: PACKAGE_ROOT, stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' } });
  return result.status === 0;
}

export const serveCommand: Command = {
  name: 'serve',
  summary: 'browser mode: serve the UI on 127.0.0.1 (the sample archive when no --data is given)',
  usage: 'serve [--port N] [--host H] [--sync-folder DIR] [--no-build]',
  options: {
    port: { type: 'string' },
    'sync-folder': { type: 'string' },
    host: { type: 'string' },
    'no-build': { type: 'boolean', default: false },
  },
  sampleWhenNoData: true,
  async run({ archive, values, io, sample, version }) {
    const port = values.port === undefined ? 0 : Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw usageError('--port takes a port number (0 = any free port)');
    const host = typeof values.host === 'string' ? values.host : '127.0.0.1';
    // A new secret per session, required even on loopback: other accounts on this PC reach 127.0.0.1 too.
    const token = randomBytes(24).toString('base64url');

    if (values['no-build'] !== true && uiBuildIsStale() && !buildUi(io.err)) {
      io.err('muragat serve: the UI build failed (see above)\n');
      return EXIT_FAILED;
    }
    if (typeof values['sync-folder'] === 'string') {
      // A page may not choose which folder of this computer is shared; whoever starts the server may.
      const folder = path.resolve(values['sync-folder']);
      await createExchangeHandlers(archive, null, () => undefined)['exchange.setSyncFolder']({ folder });
      io.out(`Sync folder: ${folder}\n`);
    }
    const uploads = new UploadStore(archive.dataDir);
    await uploads.sweep(24 * 60 * 60 * 1000);
    let broadcast: (event: Parameters<Parameters<typeof createCoreService>[1]['emit']>[0]) => void = () => undefined;
    const service = createCoreService(archive, { host: 'browser', version, sample, uploads, emit: (event) => broadcast(event) });
    const server = await startHttpServer({
      archive,
      handlers: service.handlers,
      uploads,
      rendererDir: RENDERER_DIR,
      host,
      port,
      token,
      // The browser gets a generic message; the cause is for whoever runs the server.
      onInternalError: (error, where) => {
        io.err(`muragat serve: internal error in ${where.method ?? where.route}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
        // Contract methods log their own errors (createCoreService); files, uploads and the UI's pages here.
        if (!where.method) archive.context.log.failure('http', error, { route: where.route.split('/')[1] ?? '' });
      },
    });
    broadcast = (event) => server.broadcast(event);

    io.out(`Muragat is serving ${sample ? 'the sample archive' : 'the archive'} at ${archive.dataDir}\n`);
    io.out(`Open ${server.url}\n`);
    io.out('That address carries a secret for this session: open it as it is, and keep it private.\n');
    io.out('Press Ctrl+C to stop.\n');

    await new Promise<void>((resolve) => {
      const stop = (): void => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        resolve();
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
    io.out('Stopping…\n');
    await server.close();
    await service.close();
    return EXIT_OK;
  },
};
