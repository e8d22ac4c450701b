/**
 * What the end-to-end tests need: the UI built, `muragat serve` running on a temporary archive,
 * and Debian's Chromium. Chromium is required, not optional: `.ci/run` installs it with apt,
 * and a machine without it fails here with a message that says so.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const ARTIFACTS = path.join(ROOT, 'test-results', 'e2e');
export const CHROMIUM = process.env.MURAGAT_CHROMIUM ?? '/usr/bin/chromium';

/** Builds the UI once per run (the e2e tests exercise the built renderer, as users get it). */
export function ensureBuilt(): void {
  const result = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' },
  });
  if (result.status !== 0) throw new Error(`electron-vite build failed:\n${result.stderr}`);
}

export interface ServeHandle {
  /** The address `muragat serve` printed, with its session token (what a user opens). */
  url: string;
  /** The same address without the token, for API and file URLs (send `authorization` with them). */
  origin: string;
  /** The session token, also as a ready `Authorization` header. */
  token: string;
  authorization: { authorization: string };
  process: ChildProcess;
  output: () => string;
  stop(): Promise<void>;
}

/** Starts `muragat serve` (sample archive when `dataDir` is null) and waits for its address. */
export async function startServe(dataDir: string | null, extraEnv: NodeJS.ProcessEnv = {}): Promise<ServeHandle> {
  const args = [path.join(ROOT, 'bin/muragat.mjs'), ...(dataDir ? ['--data', dataDir] : []), 'serve', '--port', '0', '--no-build'];
  const env = { ...process.env, ...extraEnv };
  if (!dataDir) delete env.MURAGAT_DATA;
  const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`muragat serve did not start in time:\n${output}`)), 120_000);
    const check = (): void => {
      const match = /Open (http:\/\/\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout.on('data', check);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`muragat serve exited with ${code}:\n${output}`));
    });
  });
  const printed = new URL(url);
  const token = printed.searchParams.get('token') ?? '';
  return {
    url,
    origin: `${printed.origin}/`,
    token,
    authorization: { authorization: `Bearer ${token}` },
    process: child,
    output: () => output,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

export async function launchChromium(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: install Debian's package (apt-get install -y chromium) or set MURAGAT_CHROMIUM.`);
  }
  return chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
}

export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`) });
}

/** Pixels of a canvas that are not (nearly) white: a rendered page has thousands. */
export async function inkedPixels(page: Page, selector: string): Promise<number> {
  return page.evaluate((canvasSelector) => {
    const canvas = document.querySelector(canvasSelector);
    if (!(canvas instanceof HTMLCanvasElement)) return -1;
    const context = canvas.getContext('2d');
    if (!context) return -1;
    const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
    let inked = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i]! < 200 || data[i + 1]! < 200 || data[i + 2]! < 200) inked++;
    return inked;
  }, selector);
}

/** Calls a contract method on the server over HTTP, as the UI does; throws on an error result. */
export async function apiCall(server: ServeHandle, method: string, params: unknown = null): Promise<unknown> {
  const response = await fetch(`${server.origin}api/${method}`, { method: 'POST', headers: { 'x-muragat': '1', ...server.authorization }, body: JSON.stringify(params) });
  const body = (await response.json()) as { ok: boolean; value: unknown };
  if (!body.ok) throw new Error(`${method} failed: ${JSON.stringify(body)}`);
  return body.value;
}
