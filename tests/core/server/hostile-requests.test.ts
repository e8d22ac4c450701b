/**
 * Browser mode against clients that hold the server instead of using it: connections whose
 * headers or body never finish (slowloris), event streams opened and never read, too many event
 * streams. Real sockets against the real server on a real archive, with the limits shortened
 * so each case takes seconds; a normal request must be answered all along, and a slow but
 * moving upload must still go through.
 */
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContractEvent } from '../../../shared/contract';
import { createCoreService, type CoreService } from '../../../electron/core/api/handlers';
import { UploadStore } from '../../../electron/core/api/uploads';
import type { Archive } from '../../../electron/core/archive';
import { startHttpServer, type RunningServer } from '../../../electron/core/server/http-server';
import { tempArchive } from '../../helpers/archive';
import { suiteTempDir } from '../../helpers/temp-dir';

const TOKEN = 'hostile-token';
const LIMITS = { headersMs: 1000, bodyIdleMs: 1000, jsonBodyMs: 2000, maxEventClients: 4, maxEventBacklogBytes: 64 * 1024 };

let archive: Archive;
let service: CoreService;
let server: RunningServer;
const sockets: net.Socket[] = [];

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** A raw connection that records when the server closes it, and what it sent. */
function connect(): { socket: net.Socket; closed: () => boolean; received: () => string } {
  const socket = net.connect(server.port, '127.0.0.1');
  sockets.push(socket);
  let closed = false;
  const chunks: Buffer[] = [];
  socket.on('data', (chunk: Buffer) => chunks.push(chunk));
  socket.on('error', () => undefined);
  socket.on('close', () => (closed = true));
  return { socket, closed: () => closed, received: () => Buffer.concat(chunks).toString('utf8') };
}

/** An ordinary contract call, timed: what a real page does while the hostile clients wait. */
async function normalCall(): Promise<{ ok: boolean; ms: number }> {
  const started = Date.now();
  const response = await fetch(`${server.origin}api/app.info`, {
    method: 'POST',
    headers: { 'x-muragat': '1', authorization: `Bearer ${TOKEN}` },
    body: 'null',
    signal: AbortSignal.timeout(5000),
  });
  const body = (await response.json()) as { ok: boolean };
  return { ok: body.ok, ms: Date.now() - started };
}

async function until(condition: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (condition()) return true;
    await sleep(50);
  }
  return condition();
}

beforeAll(async () => {
  archive = await tempArchive();
  const rendererDir = path.join(suiteTempDir(), 'renderer');
  fs.mkdirSync(rendererDir, { recursive: true });
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Мұрағат</title>');
  const uploads = new UploadStore(archive.dataDir);
  service = createCoreService(archive, { host: 'browser', version: 'test', uploads, emit: () => undefined });
  server = await startHttpServer({ archive, handlers: service.handlers, uploads, rendererDir, token: TOKEN, limits: LIMITS });
});

afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await server.close();
  await service.close();
  await archive.close();
});

describe('slow and unfinished requests', () => {
  it('closes connections whose headers arrive a byte at a time, and answers a normal request meanwhile', async () => {
    const head = `GET / HTTP/1.1\r\nhost: 127.0.0.1:${server.port}\r\nx-padding: ${'b'.repeat(200)}\r\n`;
    const clients = Array.from({ length: 100 }, () => connect());
    let index = 0;
    const dribble = setInterval(() => {
      for (const client of clients) if (!client.closed() && index < head.length) client.socket.write(head[index] as string);
      index++;
    }, 100);
    try {
      const call = await normalCall();
      expect(call.ok).toBe(true);
      expect(call.ms).toBeLessThan(2000);
      // headersMs (1 s) plus Node's check period: every one is cut off long before its headers end (20 s).
      expect(await until(() => clients.every((client) => client.closed()), 5000)).toBe(true);
      expect(clients[0]?.received()).toMatch(/^HTTP\/1\.1 408/);
    } finally {
      clearInterval(dribble);
    }
  });

  it('closes connections whose body never finishes (contract call and upload), instead of holding them for ever', async () => {
    const clients = Array.from({ length: 60 }, (_, i) => {
      const client = connect();
      const isUpload = i % 2 === 0;
      client.socket.write(
        `POST /api/${isUpload ? 'upload' : 'search.query'} HTTP/1.1\r\nhost: 127.0.0.1:${server.port}\r\nx-muragat: 1\r\nauthorization: Bearer ${TOKEN}\r\n` +
          `${isUpload ? 'x-file-name: a.txt\r\n' : 'content-type: application/json\r\n'}content-length: 100000\r\n\r\n{"query":"бюдж`,
      );
      return client;
    });
    const call = await normalCall();
    expect(call.ok).toBe(true);
    // Before the limits they stayed open (a real `muragat serve` held 300 of them for as long as we waited).
    expect(await until(() => clients.every((client) => client.closed()), 5000)).toBe(true);
    // No half-received upload is left behind.
    const uploadsDir = path.join(archive.dataDir, 'uploads');
    const leftovers = fs.existsSync(uploadsDir) ? fs.readdirSync(uploadsDir, { recursive: true }).filter((name) => String(name).endsWith('a.txt')) : [];
    expect(leftovers).toEqual([]);
  });

  it('answers a contract call whose JSON trickles in past its deadline with a coded error, not a held connection', async () => {
    const client = connect();
    const body = JSON.stringify({ query: 'бюджет шешімі туралы' });
    client.socket.write(`POST /api/search.query HTTP/1.1\r\nhost: 127.0.0.1:${server.port}\r\nx-muragat: 1\r\nauthorization: Bearer ${TOKEN}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n`);
    // A byte every 300 ms is never idle for bodyIdleMs, but never finishes either.
    const bytes = Buffer.from(body);
    let index = 0;
    const trickle = setInterval(() => {
      if (index < bytes.length && !client.closed()) client.socket.write(bytes.subarray(index, ++index));
    }, 300);
    try {
      expect(await until(() => client.received().length > 0, 6000)).toBe(true);
      expect(client.received()).toMatch(/^HTTP\/1\.1 400/);
      expect(client.received()).toContain('"code":"INVALID_INPUT"');
      expect(client.received()).toContain('did not arrive within');
      expect(await until(() => client.closed(), 3000)).toBe(true);
    } finally {
      clearInterval(trickle);
    }
  });

  it('still receives an upload that is slow but keeps moving, for longer than the idle limit', async () => {
    const client = connect();
    const chunks = 12;
    const chunk = 'строка документа\n';
    const total = Buffer.byteLength(chunk) * chunks;
    client.socket.write(`POST /api/upload HTTP/1.1\r\nhost: 127.0.0.1:${server.port}\r\nx-muragat: 1\r\nauthorization: Bearer ${TOKEN}\r\nx-file-name: slow.txt\r\ncontent-length: ${total}\r\n\r\n`);
    for (let i = 0; i < chunks; i++) {
      await sleep(300); // 3.6 s in all: more than bodyIdleMs and jsonBodyMs, never idle for either
      client.socket.write(chunk);
    }
    expect(await until(() => client.received().includes('"ok":true'), 5000)).toBe(true);
    expect(client.received()).toMatch(/^HTTP\/1\.1 200/);
    expect(client.received()).toContain(`"size":${total}`);
  });
});

describe('event streams', () => {
  const openStream = (): ReturnType<typeof connect> => {
    const client = connect();
    client.socket.write(`GET /api/events HTTP/1.1\r\nhost: 127.0.0.1:${server.port}\r\nauthorization: Bearer ${TOKEN}\r\n\r\n`);
    return client;
  };
  const event = (i: number): ContractEvent => ({ name: 'import.progress', payload: { jobId: `job-${i}`, note: 'x'.repeat(8000) } }) as unknown as ContractEvent;

  it('drops a stream whose client never reads, keeps the one that reads, and refuses streams past the cap', async () => {
    const reader = openStream();
    const stuck = openStream();
    expect(await until(() => reader.received().includes(': connected') && stuck.received().includes(': connected'), 3000)).toBe(true);
    // The stuck client stops reading: the kernel's buffers fill, then the server's would grow per event.
    stuck.socket.pause();
    // 1500 events of 8 KB (12 MB), paced so that a client that reads keeps up.
    for (let sent = 0; sent < 1500; sent++) {
      server.broadcast(event(sent));
      if (sent % 4 === 3) await sleep(5);
    }
    // Reading again, the stuck client finds its stream ended long before the last event: the
    // server dropped it at 64 KB of backlog instead of holding 12 MB for it.
    stuck.socket.resume();
    expect(await until(() => stuck.closed(), 5000)).toBe(true);
    expect(stuck.received()).not.toContain('"jobId":"job-1499"');
    expect(stuck.received().length).toBeLessThan(6 * 1024 * 1024);
    expect(reader.received()).toContain('"jobId":"job-1499"');
    expect(reader.closed()).toBe(false);
    server.broadcast(event(-1));
    expect(await until(() => reader.received().includes('"jobId":"job--1"'), 3000)).toBe(true);

    // The cap: with `reader` open, three more fit (4) and the next is refused, and the page's
    // normal calls go on.
    const more = [openStream(), openStream(), openStream()];
    expect(await until(() => more.every((client) => client.received().includes(': connected')), 3000)).toBe(true);
    const refused = openStream();
    expect(await until(() => refused.closed(), 3000)).toBe(true);
    expect(refused.received()).toMatch(/^HTTP\/1\.1 503/);
    expect(refused.received()).toContain('"code":"NOT_SUPPORTED"');
    expect((await normalCall()).ok).toBe(true);
    // A closed tab frees its place.
    more[0]?.socket.destroy();
    await sleep(200);
    const again = openStream();
    expect(await until(() => again.received().includes(': connected'), 3000)).toBe(true);
  });
});

describe('upload names', () => {
  /** One upload over a raw socket; the name goes in `x-file-name` percent-encoded, as the UI sends it. */
  async function upload(encodedName: string): Promise<{ ok: boolean; value?: { name: string; size: number }; error?: { code: string } }> {
    const client = connect();
    client.socket.write(
      `POST /api/upload HTTP/1.1\r\nhost: 127.0.0.1:${server.port}\r\nx-muragat: 1\r\nauthorization: Bearer ${TOKEN}\r\nconnection: close\r\n` +
        `x-file-name: ${encodedName}\r\ncontent-length: 5\r\n\r\nhello`,
    );
    expect(await until(() => client.closed(), 5000)).toBe(true);
    return JSON.parse(client.received().split('\r\n\r\n').slice(1).join('')) as { ok: boolean; value?: { name: string; size: number }; error?: { code: string } };
  }

  it('receives a file with a long Kazakh or emoji name (more bytes than a file system allows) under a shortened name that keeps its extension', async () => {
    // 150 Kazakh letters are 300 bytes of UTF-8: before, the upload failed with FILE_UNREADABLE (ENAMETOOLONG).
    const kazakh = `${'Қаулы '.repeat(25)}.pdf`;
    const emoji = `${'😀'.repeat(100)}.docx`;
    for (const name of [kazakh, emoji, `${'a'.repeat(179)}😀.txt`]) {
      const reply = await upload(encodeURIComponent(name));
      expect(reply.ok, `${name.slice(0, 20)}: ${JSON.stringify(reply.error)}`).toBe(true);
      const stored = reply.value?.name ?? '';
      expect(Buffer.byteLength(stored)).toBeLessThanOrEqual(200);
      expect(stored.endsWith(path.extname(name))).toBe(true);
      expect(stored).not.toMatch(/[\uD800-\uDFFF](?![\uDC00-\uDFFF])|\uFFFD/u);
      expect(name.startsWith(stored.slice(0, -path.extname(name).length).trimEnd())).toBe(true);
    }
  });

  it('never stores outside its upload folder nor under a device name, whatever the name says', async () => {
    const cases: Array<[string, string]> = [
      ['..%2F..%2F..%2Fetc%2Fpasswd', 'passwd'],
      ['C%3A%5CWindows%5Cwin.ini', 'win.ini'],
      ['a%00b.txt', 'a_b.txt'],
      ['%2e%2e', 'file'],
      ['CON', '_CON'],
      ['con%20.txt', '_con .txt'],
      ['COM%C2%B9.pdf', '_COM¹.pdf'],
      ['%E0%A4%A', '%E0%A4%A'], // an invalid escape is taken as written, not an error
      ['a%0d%0aset-cookie%3A%20x%3D1', 'a__set-cookie_ x=1'],
    ];
    for (const [encoded, expected] of cases) {
      const reply = await upload(encoded);
      expect(reply.value?.name, encoded).toBe(expected);
    }
    const uploadsDir = path.join(archive.dataDir, 'uploads');
    for (const entry of fs.readdirSync(uploadsDir)) {
      // One folder per upload, each holding exactly its one file.
      expect(fs.statSync(path.join(uploadsDir, entry)).isDirectory()).toBe(true);
    }
    expect(fs.existsSync(path.join(archive.dataDir, 'passwd'))).toBe(false);
  });
});
