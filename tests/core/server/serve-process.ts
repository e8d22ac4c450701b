/**
 * A real `muragat serve` child process on an archive, and raw-socket requests to it: what the
 * crash and fuzz tests need to prove the process itself survives (an in-process server would
 * take the test worker down with it instead).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { CLI, REPO_ROOT } from '../../helpers/cli';

export interface ServeProcess {
  child: ChildProcess;
  /** The address printed, with the token. */
  url: string;
  origin: string;
  port: number;
  token: string;
  output(): string;
  alive(): boolean;
  stop(): Promise<number | null>;
}

/** `muragat serve --no-build` needs the built UI; builds it once when missing (a few seconds). */
export function ensureUiBuilt(): void {
  if (fs.existsSync(path.join(REPO_ROOT, 'out', 'renderer', 'index.html'))) return;
  const result = spawnSync(process.execPath, [path.join(REPO_ROOT, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' },
  });
  if (result.status !== 0) throw new Error(`electron-vite build failed:\n${result.stderr}`);
}

export async function startServeProcess(dataDir: string, extraArgs: readonly string[] = []): Promise<ServeProcess> {
  ensureUiBuilt();
  const child = spawn(process.execPath, [CLI, '--data', dataDir, 'serve', '--port', '0', '--no-build', ...extraArgs], {
    cwd: REPO_ROOT,
    env: { ...process.env, MURAGAT_DATA: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`muragat serve did not start in time:\n${output}`)), 60_000);
    child.stdout.on('data', () => {
      const match = /Open (http:\/\/\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`muragat serve exited with ${code}:\n${output}`));
    });
  });
  const printed = new URL(url);
  return {
    child,
    url,
    origin: `${printed.origin}/`,
    port: Number(printed.port),
    token: printed.searchParams.get('token') ?? '',
    output: () => output,
    alive: () => child.exitCode === null && child.signalCode === null,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve(child.exitCode);
        child.once('exit', (code) => resolve(code));
        child.kill('SIGTERM');
      }),
  };
}

export interface RawReply {
  status: number;
  text: string;
}

/**
 * Writes raw bytes (in pieces when given several, to cut bodies and headers at odd places) and
 * reads until the server closes the connection or `timeoutMs` passes.
 */
export function rawRequest(port: number, pieces: ReadonlyArray<string | Buffer>, options: { timeoutMs?: number; halfClose?: boolean } = {}): Promise<RawReply> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => socket.destroy(), options.timeoutMs ?? 5000);
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      const text = Buffer.concat(chunks).toString('latin1');
      resolve({ status: Number(/^HTTP\/1\.[01] (\d{3})/.exec(text)?.[1] ?? 0), text: Buffer.concat(chunks).toString('utf8') });
    });
    socket.on('connect', () => {
      for (const piece of pieces) socket.write(piece);
      // Node's server drops a pending reply when the client half-closes first: only on request.
      if (options.halfClose === true) socket.end();
    });
  });
}
