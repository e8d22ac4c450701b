/**
 * HTTP fuzz of browser mode (issue 11, done-when): a few thousand raw requests from a seeded
 * generator — malformed request lines, targets, methods, headers, huge headers, bad lengths,
 * truncated and chunked bodies, bad JSON, random contract methods and params, with and without
 * the token — sent over raw sockets to a real `muragat serve` process. Afterwards the process is
 * alive and answers a normal request, no reply carried the archive's path or a stack trace, and
 * `muragat check` is green.
 *
 * A failure prints the seed and the request; replay with MURAGAT_FUZZ_SEED=<seed> (and
 * MURAGAT_FUZZ_REQUESTS=<n> for a longer run).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTRACT_METHODS } from '../../../shared/contract';
import { runMuragat } from '../../helpers/cli';
import { prng } from '../../helpers/prng';
import { suiteTempDir } from '../../helpers/temp-dir';
import { rawRequest, startServeProcess, type RawReply, type ServeProcess } from './serve-process';

const SEED = Number(process.env.MURAGAT_FUZZ_SEED ?? 20261107);
const REQUESTS = Number(process.env.MURAGAT_FUZZ_REQUESTS ?? 3000);
const CONCURRENCY = 12;


interface FuzzCase {
  index: number;
  /** A well-formed, authorised contract call: it must get a 200 envelope, never INTERNAL. */
  wellFormed: boolean;
  pieces: Array<string | Buffer>;
  /** Expected to stall (a body shorter than announced): wait briefly, then drop the connection. */
  stalls: boolean;
  summary: string;
}

class Generator {
  readonly ids: string[] = [];

  constructor(
    private readonly random: () => number,
    private readonly port: number,
    private readonly token: string,
    /** A folder outside the archive that requests name: nothing may appear in it. */
    private readonly outside: string,
  ) {}

  int(max: number): number {
    return Math.floor(this.random() * max);
  }

  chance(p: number): boolean {
    return this.random() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }

  text(max = 20): string {
    const alphabet = ['a', 'Z', '0', '/', '%', '.', '-', '_', '?', '&', '=', '#', ' ', '\t', 'ә', 'Қ', 'ж', '"', "'", '\\', '\u0000', '\u202e', '😀', '{', '}', '[', ']', ':', ',', '~'];
    let out = '';
    const length = this.int(max + 1);
    for (let i = 0; i < length; i++) out += this.pick(alphabet);
    return out;
  }

  bytes(max = 64): Buffer {
    const buffer = Buffer.alloc(this.int(max + 1));
    for (let i = 0; i < buffer.length; i++) buffer[i] = this.int(256);
    return buffer;
  }

  /** Any JSON value, nested a little. */
  json(depth = 0): unknown {
    switch (this.int(depth > 2 ? 6 : 9)) {
      case 0:
        return null;
      case 1:
        return this.chance(0.5);
      case 2:
        return this.pick([0, -1, 1.5, 1e308, -1e308, 2 ** 53, Number.MAX_SAFE_INTEGER, 42, 1000000]);
      case 3:
        return this.text(30);
      case 4:
        return this.pick(this.ids.length ? this.ids : ['x']);
      case 5:
        return this.pick(['', 'all', 'office', 'ids', 'path', 'upload', 'mine', 'theirs', 'kk', 'ru', 'en', 'kaz', '/etc/passwd', `${this.outside}/elsewhere`, '..', 'C:\\Windows']);
      case 6:
        return Array.from({ length: this.int(4) }, () => this.json(depth + 1));
      default: {
        const keys = ['id', 'ids', 'query', 'limit', 'offset', 'sources', 'selection', 'folder', 'source', 'jobId', 'patch', 'expectedVersion', 'name', 'locale', 'languages', 'text', 'pageNo', 'kind', 'type', 'path', 'uploadId', 'keep', 'archiveId', 'publicKey', 'office', 'offices', 'add', 'remove', 'fromId', 'toId', 'trustSigner', 'filters', 'sort', '__proto__', 'constructor'];
        const value: Record<string, unknown> = {};
        for (let i = this.int(5); i > 0; i--) value[this.pick(keys)] = this.json(depth + 1);
        return value;
      }
    }
  }

  /** Params shaped like the real ones often enough to reach the handlers. */
  params(method: string): unknown {
    if (this.chance(0.4)) return this.json();
    const id = this.pick(this.ids.length ? this.ids : ['nope']);
    const shaped: Record<string, unknown> = {
      'search.query': { query: this.pick(['білім', 'закон', '"', '*', 'NEAR(', '-', 'a OR', '(((', this.text(10)]), limit: this.pick([1, 20, 0, -1, 100000]) },
      'search.quickFind': { text: this.text(8), limit: this.pick([1, 10, -5]) },
      'documents.get': { id },
      'documents.pages': { id },
      'documents.pageOcr': { id, pageNo: this.pick([1, 0, -1, 99999]) },
      'documents.update': { id, patch: { title: this.text(12), number: this.pick([null, '5', this.text(5)]) }, expectedVersion: this.pick([1, 2, 999]) },
      'documents.tag': { ids: [id], add: [this.text(6)], remove: [] },
      'import.start': { sources: [this.pick([{ type: 'path', path: '/etc/passwd' }, { type: 'upload', uploadId: '0123456789abcdef' }, { type: 'upload', uploadId: '../../etc' }])] },
      'import.get': { jobId: this.text(10) },
      'exchange.export': { selection: { kind: 'all' }, ...(this.chance(0.7) ? { folder: this.pick([`${this.outside}/elsewhere`, this.outside, '/', '.', '..', this.text(10)]) } : {}) },
      'exchange.inspect': { source: { type: 'path', path: this.pick(['/etc/passwd', '/tmp', '/dev/zero', this.text(10)]) } },
      'exchange.import': { source: { type: 'path', path: this.pick(['/etc/passwd', '/proc/self/environ']) } },
      'exchange.setSyncFolder': { folder: this.pick([`${this.outside}/hijack`, null]) },
      'files.locate': { documentId: id },
      'library.browse': this.pick([{}, { limit: 5 }, { sort: this.text(4) }]),
    };
    return shaped[method] ?? this.json();
  }

  next(index: number): FuzzCase {
    if (this.chance(0.45)) {
      // Well-formed and authorised, so the random part reaches the contract's validation and handlers.
      const method = this.pick(CONTRACT_METHODS);
      const body = Buffer.from(JSON.stringify(this.params(method)) ?? 'null');
      const auth = this.chance(0.8) ? `Authorization: Bearer ${this.token}` : `Cookie: muragat_token_${this.port}=${this.token}`;
      const head = `POST /api/${method} HTTP/1.1\r\nHost: 127.0.0.1:${this.port}\r\n${auth}\r\nx-muragat: 1\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n`;
      return { index, wellFormed: true, pieces: [Buffer.concat([Buffer.from(head), body])], stalls: false, summary: `POST /api/${method} ${body.subarray(0, 300).toString('utf8')}` };
    }
    const methods = ['GET', 'POST', 'HEAD', 'PUT', 'DELETE', 'OPTIONS', 'PATCH', 'CONNECT', 'TRACE', 'get', 'G ET', '', 'POSTX', 'M'.repeat(300)];
    const contract = this.chance(0.85) ? this.pick(CONTRACT_METHODS) : this.pick(['no.such', '__proto__', 'constructor', 'toString', 'upload', 'events', '', '%zz', '%2e%2e%2f', this.text(12)]);
    const targets = [
      '/',
      '/index.html',
      '/library',
      '/assets/missing.js',
      `/api/${contract}`,
      `/api/${encodeURIComponent(contract)}`,
      '/api/events',
      '/api/upload',
      `/files/${this.pick(this.ids.length ? this.ids : ['x'])}`,
      `/files/${this.text(8)}`,
      '/outbox/a.muragat',
      `/outbox/${this.text(10)}`,
      '/../../../../etc/passwd',
      '/%2e%2e/%2e%2e/etc/passwd',
      '/%zz',
      '/%',
      '/a%00b',
      'http://a:99999/',
      'http://[::1/',
      'http://x:-1/',
      'http://%zz/',
      `http://127.0.0.1:${this.port}/api/app.info`,
      '*',
      '',
      '//',
      `/${'a'.repeat(this.pick([100, 5000, 70000]))}`,
      `/?token=${this.pick([this.token, 'nope', '%zz', ''])}`,
      `/api/app.info?token=${this.token}`,
      this.text(30),
    ];
    const method = this.chance(0.8) ? this.pick(['GET', 'POST', 'POST', 'HEAD']) : this.pick(methods);
    const target = this.pick(targets);
    const version = this.chance(0.9) ? 'HTTP/1.1' : this.pick(['HTTP/1.0', 'HTTP/2.0', 'HTTP/1.1x', '', 'HTTP/9']);
    const headers: string[] = [];
    const hostChoice = this.int(10);
    if (hostChoice < 7) headers.push(`Host: 127.0.0.1:${this.port}`);
    else if (hostChoice === 7) headers.push('Host: evil.example');
    else if (hostChoice === 8) headers.push(`Host: 127.0.0.1:${this.port}`, 'Host: evil');
    const authChoice = this.int(10);
    if (authChoice < 5) headers.push(`Authorization: Bearer ${this.token}`);
    else if (authChoice === 5) headers.push(`Cookie: muragat_token_${this.port}=${this.token}`);
    else if (authChoice === 6) headers.push(`Cookie: muragat_token_${this.port}=${this.pick(['%zz', 'nope', '', '%'])}; other=1`);
    else if (authChoice === 7) headers.push(`Authorization: ${this.pick(['Bearer', 'Bearer ', 'Basic eDp5', `Bearer ${this.token}x`, this.text(10)])}`);
    if (this.chance(0.8)) headers.push(`x-muragat: ${this.pick(['1', '1', '1', '0', ''])}`);
    if (this.chance(0.2)) headers.push(`x-file-name: ${this.pick(['%zz', '..%2F..%2Fetc%2Fpasswd', 'CON', encodeURIComponent('Бұйрық.pdf'), this.text(10), '%00'])}`);
    if (this.chance(0.05)) headers.push(`X-Huge: ${'h'.repeat(this.pick([9000, 20000, 90000]))}`);
    if (this.chance(0.05)) for (let i = 0; i < 200; i++) headers.push(`X-Many-${i}: ${i}`);
    if (this.chance(0.03)) headers.push(this.pick(['NoColonHere', ': empty-name', 'Bad Name: 1', 'X-Ctl: a\u0001b', 'X-Bare-CR: a\rb']));

    let body: Buffer = Buffer.alloc(0);
    const bodyChoice = this.int(10);
    if (bodyChoice < 5) body = Buffer.from(JSON.stringify(this.params(contract)) ?? 'null');
    else if (bodyChoice === 5) body = Buffer.from(this.pick(['{not json', '{"a":', '[', 'nul', '"\\ud800"', '{"__proto__":{"x":1}}', '1e999', '{}'.repeat(1000)]));
    else if (bodyChoice === 6) body = this.bytes(2000);
    else if (bodyChoice === 7 && this.chance(0.3)) body = Buffer.alloc(this.pick([2 * 1024 * 1024 + 10, 300_000]), 0x20);

    let stalls = false;
    const lengthChoice = this.int(12);
    let framing: string[] = [];
    let payload: Buffer = body;
    if (lengthChoice < 7) framing = [`Content-Length: ${body.length}`];
    else if (lengthChoice === 7) {
      framing = [`Content-Length: ${body.length + 1 + this.int(1000)}`];
      stalls = true;
    } else if (lengthChoice === 8) framing = [`Content-Length: ${this.pick(['-1', 'abc', '1e3', '99999999999999999999', ' 5', '0x10'])}`];
    else if (lengthChoice === 9) framing = [`Content-Length: ${body.length}`, `Content-Length: ${body.length + 1}`];
    else if (lengthChoice === 10) {
      framing = ['Transfer-Encoding: chunked'];
      const valid = this.chance(0.6);
      payload = Buffer.concat([Buffer.from(valid ? `${body.length.toString(16)}\r\n` : `${this.pick(['zz', '-1', 'ffffffffffffffff', ''])}\r\n`), body, Buffer.from(valid ? '\r\n0\r\n\r\n' : '\r\n')]);
      stalls = !valid;
    } else if (lengthChoice === 11) framing = ['Transfer-Encoding: chunked', `Content-Length: ${body.length}`];
    if (body.length === 0 && lengthChoice !== 10 && this.chance(0.5)) framing = [];
    const head = `${method} ${target} ${version}`.replace(/ +$/, '');
    const close = this.chance(0.85) ? ['Connection: close'] : [];
    const headText = `${[head, ...headers, ...framing, ...close].join('\r\n')}\r\n\r\n`;
    const full = Buffer.concat([Buffer.from(headText, 'utf8'), payload]);
    // Sometimes cut the whole request at a random point, or send it in two pieces.
    let pieces: Buffer[] = [full];
    if (this.chance(0.08)) {
      pieces = [full.subarray(0, this.int(full.length))];
      stalls = true;
    } else if (this.chance(0.15)) {
      const cut = this.int(full.length);
      pieces = [full.subarray(0, cut), full.subarray(cut)];
    }
    if (close.length === 0) stalls = true;
    return { index, wellFormed: false, pieces, stalls, summary: `${head.slice(0, 120)} | ${[...headers, ...framing].join(' | ').slice(0, 300)} | body ${payload.length} bytes: ${payload.subarray(0, 120).toString('utf8')}` };
  }
}

let serve: ServeProcess;
let dataDir: string;
let outside: string;

beforeAll(async () => {
  dataDir = path.join(suiteTempDir(), 'archive');
  outside = suiteTempDir('muragat-fuzz-outside-');
  const fixtures = path.resolve(import.meta.dirname, '../../fixtures');
  const imported = runMuragat(['--data', dataDir, 'import', path.join(fixtures, 'extract/kaz.md'), path.join(fixtures, 'extract/kaz.docx'), path.join(fixtures, 'import/kk-order-110.pdf')]);
  expect(imported.status, imported.stderr).toBe(0);
  serve = await startServeProcess(dataDir);
}, 120_000);

afterAll(async () => {
  await serve?.stop();
});

describe('HTTP fuzz against muragat serve', () => {
  it(`survives ${REQUESTS} malformed and hostile requests (seed ${SEED}) with no path or stack in any reply, and check stays green`, async () => {
    const listed = await fetch(`${serve.origin}api/library.browse`, { method: 'POST', headers: { 'x-muragat': '1', authorization: `Bearer ${serve.token}` }, body: '{}' });
    const generator = new Generator(prng(SEED), serve.port, serve.token, outside);
    generator.ids.push(...((await listed.json()) as { value: { items: Array<{ id: string }> } }).value.items.map((item) => item.id));
    expect(generator.ids.length).toBe(3);

    const hidden = [dataDir, fs.realpathSync(dataDir)];
    const stack = /\bat (?:[\w$.<>[\] ]+ )?\(?(?:file:\/\/|node:|\/)[^\s)]*:\d+:\d+/;
    const problems: string[] = [];
    const statuses = new Map<number, number>();
    const codes = new Map<string, number>();
    let next = 0;
    const started = Date.now();
    const worker = async (): Promise<void> => {
      while (next < REQUESTS && problems.length < 5) {
        const fuzzCase = generator.next(next++);
        let reply: RawReply;
        try {
          reply = await rawRequest(serve.port, fuzzCase.pieces, { timeoutMs: fuzzCase.stalls ? 400 : 10_000, halfClose: false });
        } catch (error) {
          problems.push(`#${fuzzCase.index} client error ${String(error)}: ${fuzzCase.summary}`);
          continue;
        }
        statuses.set(reply.status, (statuses.get(reply.status) ?? 0) + 1);
        const leaked = hidden.find((dir) => reply.text.includes(dir));
        if (leaked) problems.push(`#${fuzzCase.index} reply contains the archive path: ${fuzzCase.summary}\n${reply.text.slice(0, 600)}`);
        if (stack.test(reply.text) || /URI malformed|Invalid URL|TypeError|ReferenceError/.test(reply.text)) problems.push(`#${fuzzCase.index} reply contains a stack or a raw error: ${fuzzCase.summary}\n${reply.text.slice(0, 600)}`);
        if (reply.status >= 500 && reply.status !== 503 && reply.status !== 507) problems.push(`#${fuzzCase.index} answered ${reply.status}: ${fuzzCase.summary}\n${reply.text.slice(0, 600)}`);
        if (fuzzCase.wellFormed) {
          const envelope = /\r\n\r\n([\s\S]*)$/.exec(reply.text)?.[1] ?? '';
          let code: string | null;
          try {
            const parsed = JSON.parse(envelope) as { ok: boolean; error?: { code: string } };
            code = parsed.ok ? 'ok' : (parsed.error?.code ?? null);
          } catch {
            code = null;
          }
          codes.set(String(code), (codes.get(String(code)) ?? 0) + 1);
          if (reply.status !== 200 || code === null || code === 'INTERNAL') problems.push(`#${fuzzCase.index} a contract call got ${reply.status} ${String(code)}: ${fuzzCase.summary}\n${reply.text.slice(0, 600)}\n${serve.output().slice(-1500)}`);
        }
        if (!serve.alive()) problems.push(`#${fuzzCase.index} the server exited: ${fuzzCase.summary}\n${serve.output().slice(-2000)}`);
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, () => worker()));
    const seconds = (Date.now() - started) / 1000;
    console.log(`HTTP fuzz: seed ${SEED}, ${next} requests in ${seconds.toFixed(1)} s; statuses ${JSON.stringify(Object.fromEntries([...statuses].sort((a, b) => a[0] - b[0])))}; contract calls ${JSON.stringify(Object.fromEntries(codes))}`);
    expect(problems, `seed ${SEED} (replay: MURAGAT_FUZZ_SEED=${SEED})\n${problems.join('\n\n')}`).toEqual([]);

    // Still alive and serving a normal request.
    expect(serve.alive()).toBe(true);
    const info = await fetch(`${serve.origin}api/archive.stats`, { method: 'POST', headers: { 'x-muragat': '1', authorization: `Bearer ${serve.token}` }, body: 'null' });
    expect(info.status).toBe(200);
    expect(await info.json()).toMatchObject({ ok: true });
    const page = await fetch(serve.origin, { headers: { authorization: `Bearer ${serve.token}` } });
    expect(page.status).toBe(200);
    // Nothing was written outside the archive, and the archive is sound.
    expect(fs.readdirSync(outside)).toEqual([]);
    expect(await serve.stop()).toBe(0);
    const check = runMuragat(['--data', dataDir, 'check']);
    expect(check.status, `${check.stdout}\n${check.stderr}`).toBe(0);
  }, 180_000);
});
