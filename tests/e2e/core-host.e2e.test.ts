/**
 * The desktop app's core process as built (out/main/core-host.js, what `utilityProcess.fork`
 * runs), started here with Node's fork and spoken to over the same message protocol main uses:
 * it opens the archive, serves the contract with validation, pushes import events, locates
 * stored files for the file protocol, and closes cleanly on shutdown. Electron itself cannot run
 * on this machine; everything below the thin shell does.
 */
import { fork, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContractEvent, HostOutbound } from '../../shared/contract';
import { ensureBuilt, ROOT } from './harness';

const ORDER_PDF = path.join(ROOT, 'tests/fixtures/import/kk-order-110.pdf');

let host: ChildProcess;
let dataDir: string;
const events: ContractEvent[] = [];
const waiting = new Map<number, (reply: HostOutbound) => void>();
let nextId = 1;
let ready: Promise<void>;

function request(method: string, params?: unknown): Promise<{ ok: boolean; value?: unknown; error?: { code: string } }> {
  const id = nextId++;
  return new Promise((resolve) => {
    waiting.set(id, (reply) => resolve(reply as unknown as { ok: boolean; value?: unknown; error?: { code: string } }));
    host.send({ type: 'request', id, method, params });
  });
}

beforeAll(async () => {
  ensureBuilt();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'muragat-host-'));
  host = fork(path.join(ROOT, 'out/main/core-host.js'), [`--data-dir=${dataDir}`, '--app-version=9.9.9'], { stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
  ready = new Promise((resolve) => {
    host.on('message', (message: HostOutbound) => {
      if (message.type === 'ready') resolve();
      if (message.type === 'event') events.push(message.event);
      if (message.type === 'reply') waiting.get(message.id)?.(message);
    });
  });
  await ready;
});

afterAll(() => {
  if (host.exitCode === null) host.kill();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('the desktop core host', () => {
  it('opens the archive and answers app.info as the desktop host', async () => {
    const info = await request('app.info');
    expect(info).toMatchObject({ ok: true, value: { version: '9.9.9', dataDir, host: 'desktop', sample: false } });
  });

  it('validates every call: unknown methods and bad params are refused with codes', async () => {
    expect(await request('documents.drop', {})).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await request('search.query', { query: ['not', 'text'] })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('imports a path in the background with progress events, then locates the stored file', async () => {
    const started = await request('import.start', { sources: [{ type: 'path', path: ORDER_PDF }] });
    expect(started.ok).toBe(true);
    await expect.poll(() => events.some((event) => event.name === 'import.progress' && event.payload.state === 'finished'), { timeout: 60_000 }).toBe(true);
    const file = events.find((event) => event.name === 'import.file');
    expect(file?.payload).toMatchObject({ file: { name: 'kk-order-110.pdf', status: 'imported' } });
    const documentId = (file?.payload as { file: { documentId: string } }).file.documentId;
    const located = (await request('files.locate', { documentId })) as { ok: boolean; value: { path: string; originalName: string; mediaType: string } };
    expect(located.value).toMatchObject({ originalName: 'kk-order-110.pdf', mediaType: 'application/pdf' });
    expect(located.value.path.startsWith(dataDir)).toBe(true);
    expect(fs.readFileSync(located.value.path).equals(fs.readFileSync(ORDER_PDF))).toBe(true);
    const found = (await request('search.query', { query: 'академиялык демалыс' })) as { value: { total: number } };
    expect(found.value.total).toBe(1);
  });

  it('collects diagnostics into the outbox and says where (the desktop shows the path); its log is the desktop\'s', async () => {
    const reply = await request('diagnostics.create');
    expect(reply).toMatchObject({ ok: true, value: { fileName: expect.stringMatching(/^muragat-diagnostics-.+\.zip$/), path: expect.any(String) } });
    const { path: zip } = reply.value as { path: string };
    expect(path.dirname(zip)).toBe(path.join(dataDir, 'outbox'));
    expect(fs.statSync(zip).size).toBeGreaterThan(0);
    const log = fs.readFileSync(path.join(dataDir, 'logs', 'muragat.log'), 'utf8');
    expect(log).toMatch(/"event":"archive.open".*"app":"desktop","version":"9.9.9"/);
    expect(log).toContain('"event":"diagnostics.created"');
  });

  it('closes the archive and exits on shutdown', async () => {
    const exited = new Promise<number | null>((resolve) => host.once('exit', (code) => resolve(code)));
    host.send({ type: 'shutdown' });
    expect(await exited).toBe(0);
    // Closed cleanly: no WAL left to replay.
    expect(fs.existsSync(path.join(dataDir, 'archive.sqlite-wal')) ? fs.statSync(path.join(dataDir, 'archive.sqlite-wal')).size : 0).toBe(0);
  });
});

describe('a crash of the desktop core host', () => {
  it('leaves the uncaught error and its stack in the archive log', async () => {
    const crashDir = fs.mkdtempSync(path.join(os.tmpdir(), 'muragat-host-crash-'));
    try {
      const child = fork(path.join(ROOT, 'out/main/core-host.js'), [`--data-dir=${crashDir}`, '--app-version=9.9.9'], {
        stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
        execArgv: ['--import', path.join(ROOT, 'tests/fixtures/log/crash-later.mjs')],
        env: { ...process.env, MURAGAT_TEST_CRASH_WHEN: path.join(crashDir, 'logs', 'muragat.log') },
      });
      const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
      expect(code).not.toBe(0);
      const crash = fs
        .readFileSync(path.join(crashDir, 'logs', 'muragat.log'), 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as { event: string; fields: Record<string, unknown> })
        .find((line) => line.event === 'error.internal' && line.fields.where === 'process');
      expect(crash?.fields).toMatchObject({ app: 'desktop', origin: 'uncaughtException', error: { message: 'a bug nobody caught (crash-later fixture)' } });
      expect(String((crash?.fields.error as { stack?: string }).stack)).toContain('crash-later.mjs');
    } finally {
      fs.rmSync(crashDir, { recursive: true, force: true });
    }
  });
});
