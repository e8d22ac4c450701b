/**
 * The real `muragat serve` process (issue 11, points 1 and 3): one malformed request used to end
 * it, before any Host or token check; and on loopback it answered anyone, so another account on
 * the same PC could use the archive. Now it prints an address with a per-session token, answers
 * nothing without it, and survives what the URL parser and the HTTP parser reject.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMuragat } from '../../helpers/cli';
import { suiteTempDir } from '../../helpers/temp-dir';
import { rawRequest, startServeProcess, type ServeProcess } from './serve-process';

let serve: ServeProcess;
let dataDir: string;

beforeAll(async () => {
  dataDir = path.join(suiteTempDir(), 'archive');
  const imported = runMuragat(['--data', dataDir, 'import', path.resolve(import.meta.dirname, '../../fixtures/extract/kaz.md')]);
  expect(imported.status, imported.stderr).toBe(0);
  serve = await startServeProcess(dataDir);
}, 120_000);

afterAll(async () => {
  await serve?.stop();
});

const get = (target: string, headers: string): string => `GET ${target} HTTP/1.1\r\n${headers}Connection: close\r\n\r\n`;

describe('muragat serve', () => {
  it('prints its address with a per-session token and answers nothing without it, even on loopback', async () => {
    expect(serve.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{24,}$/);
    const host = `Host: 127.0.0.1:${serve.port}\r\n`;
    // Another local account knows the port (it can list sockets) but not the token.
    for (const target of ['/', '/index.html', '/api/events', '/files/x', '/outbox/a.muragat']) {
      const reply = await rawRequest(serve.port, [get(target, host)]);
      expect(reply.status, target).toBe(401);
      expect(reply.text).toContain('"code":"UNAUTHORIZED"');
    }
    const call = await rawRequest(serve.port, [`POST /api/documents.delete HTTP/1.1\r\n${host}x-muragat: 1\r\nContent-Length: 4\r\nConnection: close\r\n\r\nnull`]);
    expect(call.status).toBe(401);
    // With the token: the page, and the contract.
    const page = await fetch(serve.url, { redirect: 'manual' });
    expect(page.status).toBe(303);
    const cookie = page.headers.get('set-cookie')!.split(';')[0]!;
    expect((await fetch(serve.origin, { headers: { cookie } })).status).toBe(200);
    const info = await fetch(`${serve.origin}api/archive.stats`, { method: 'POST', headers: { 'x-muragat': '1', authorization: `Bearer ${serve.token}` }, body: 'null' });
    expect(await info.json()).toMatchObject({ ok: true, value: { documents: 1 } });
  });

  it('survives request targets the URL parser rejects, with or without the token, and says 400', async () => {
    const headerSets = ['', `Host: 127.0.0.1:${serve.port}\r\n`, `Host: 127.0.0.1:${serve.port}\r\nAuthorization: Bearer ${serve.token}\r\n`];
    for (const target of ['http://a:99999/', 'http://[::1/', 'http://x:-1/', 'http://%zz/', 'http://a:99999/api/events']) {
      for (const headers of headerSets) {
        const reply = await rawRequest(serve.port, [get(target, headers)]);
        expect(reply.status, `${target} ${JSON.stringify(headers)}`).toBe(400);
        expect(serve.alive()).toBe(true);
      }
    }
    for (const target of ['/%zz', '/files/%zz', '/api/%zz']) {
      const reply = await rawRequest(serve.port, [get(target, headerSets[2]!)]);
      expect(reply.status, target).toBe(400);
      expect(reply.text).toContain('"code":"INVALID_INPUT"');
    }
    expect(serve.alive()).toBe(true);
    const after = await fetch(`${serve.origin}api/app.info`, { method: 'POST', headers: { 'x-muragat': '1', authorization: `Bearer ${serve.token}` }, body: 'null' });
    expect(after.status).toBe(200);
    expect(serve.output()).not.toContain('Invalid URL');
  });

  it('answers a missing stored file with 404 and no path of the server', async () => {
    const stats = (await (await fetch(`${serve.origin}api/library.browse`, { method: 'POST', headers: { 'x-muragat': '1', authorization: `Bearer ${serve.token}` }, body: '{}' })).json()) as {
      value: { items: Array<{ id: string }> };
    };
    const id = stats.value.items[0]!.id;
    const blobs = path.join(dataDir, 'files');
    const moved: Array<[string, string]> = [];
    for (const entry of fs.readdirSync(blobs, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile()) continue;
      const file = path.join(entry.parentPath, entry.name);
      moved.push([file, `${file}.away`]);
    }
    for (const [from, to] of moved) fs.renameSync(from, to);
    try {
      const reply = await rawRequest(serve.port, [get(`/files/${id}`, `Host: 127.0.0.1:${serve.port}\r\nAuthorization: Bearer ${serve.token}\r\n`)]);
      expect(reply.status, `${reply.text}\n${serve.output()}`).toBe(404);
      expect(reply.text).toContain('"code":"NOT_FOUND"');
      expect(reply.text).not.toContain(dataDir);
      expect(reply.text).not.toContain(fs.realpathSync(dataDir));
    } finally {
      for (const [from, to] of moved) fs.renameSync(to, from);
    }
  });

  it('takes the sync folder from whoever starts it (--sync-folder), which a page may then export into', async () => {
    const root = suiteTempDir();
    const folder = path.join(root, 'sync');
    const other = await startServeProcess(path.join(root, 'archive'), ['--sync-folder', folder]);
    try {
      expect(other.output()).toContain(`Sync folder: ${folder}`);
      const call = async (method: string, params: unknown): Promise<unknown> =>
        (await fetch(`${other.origin}api/${method}`, { method: 'POST', headers: { 'x-muragat': '1', authorization: `Bearer ${other.token}` }, body: JSON.stringify(params) })).json();
      expect(await call('exchange.syncFolder', null)).toMatchObject({ ok: true, value: { folder } });
      const exported = await call('exchange.export', { selection: { kind: 'all' }, folder });
      expect(exported, `${JSON.stringify(exported)}\n${other.output()}`).toMatchObject({ ok: true });
      expect(fs.readdirSync(folder).filter((name) => name.endsWith('.muragat'))).toHaveLength(1);
    } finally {
      await other.stop();
    }
  });
});
