/**
 * An upload onto a full disk or a read-only archive folder (issue 11, point 7: "the UI upload
 * says FILE_UNREADABLE"): over real HTTP into a real small tmpfs, the page gets DISK_FULL or
 * ARCHIVE_READ_ONLY, no partial upload is left, no path of the server is in the reply, and the
 * server keeps serving. Needs mounting a tmpfs (root); skipped cleanly where not permitted.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCoreService, type CoreService } from '../../../electron/core/api/handlers';
import { UploadStore } from '../../../electron/core/api/uploads';
import type { Archive } from '../../../electron/core/archive';
import { startHttpServer, type RunningServer } from '../../../electron/core/server/http-server';
import { tempArchive } from '../../helpers/archive';
import { suiteTempDir } from '../../helpers/temp-dir';

function mount(options: string): string | null {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'muragat-upload-disk-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', dir], { stdio: 'ignore' });
    return dir;
  } catch {
    fs.rmdirSync(dir);
    return null;
  }
}

function unmount(dir: string | null): void {
  if (!dir) return;
  try {
    execFileSync('umount', [dir], { stdio: 'ignore' });
    fs.rmdirSync(dir);
  } catch {
    // left for the OS temp cleaner
  }
}

const full = mount('size=1m');
const readOnly = full ? mount('size=1m,ro') : null;
const TOKEN = 'upload-disk-token';
let archive: Archive;
let service: CoreService;
const servers: RunningServer[] = [];
let rendererDir: string;

beforeAll(async () => {
  if (!full) return;
  archive = await tempArchive();
  rendererDir = path.join(suiteTempDir(), 'renderer');
  fs.mkdirSync(rendererDir, { recursive: true });
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html>');
  service = createCoreService(archive, { host: 'browser', version: 'test', uploads: null, emit: () => undefined, resumeOcr: false });
});

afterAll(async () => {
  for (const server of servers) await server.close();
  await service?.close();
  await archive?.close();
  unmount(full);
  unmount(readOnly);
});

async function upload(dataDir: string, bytes: number): Promise<{ status: number; text: string }> {
  const server = await startHttpServer({ archive, handlers: service.handlers, uploads: new UploadStore(dataDir), rendererDir, token: TOKEN });
  servers.push(server);
  const response = await fetch(`${server.origin}api/upload`, {
    method: 'POST',
    headers: { 'x-muragat': '1', authorization: `Bearer ${TOKEN}`, 'x-file-name': encodeURIComponent('Хаттама.pdf') },
    body: Buffer.alloc(bytes, 0x25),
  });
  const text = await response.text();
  // The same server still answers.
  expect((await fetch(`${server.origin}api/app.info`, { method: 'POST', headers: { 'x-muragat': '1', authorization: `Bearer ${TOKEN}` }, body: 'null' })).status).toBe(200);
  return { status: response.status, text };
}

describe.skipIf(!full)('uploads when the archive folder cannot take them', () => {
  it('says DISK_FULL (507) on a full disk and leaves no partial upload', async () => {
    const reply = await upload(full!, 3 * 1024 * 1024);
    expect(reply.status).toBe(507);
    expect(JSON.parse(reply.text)).toMatchObject({ ok: false, error: { code: 'DISK_FULL', details: { name: 'Хаттама.pdf' } } });
    expect(reply.text).not.toContain(full!);
    expect(fs.readdirSync(path.join(full!, 'uploads'))).toEqual([]);
  });

  it.skipIf(!readOnly)('says ARCHIVE_READ_ONLY on a read-only archive folder', async () => {
    const reply = await upload(readOnly!, 1000);
    expect(JSON.parse(reply.text)).toMatchObject({ ok: false, error: { code: 'ARCHIVE_READ_ONLY' } });
    expect(reply.text).not.toContain(readOnly!);
  });
});
