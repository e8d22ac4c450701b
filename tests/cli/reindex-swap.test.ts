import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CLI, REPO_ROOT, runMuragat } from '../helpers/cli';
import { suiteTempDir, tempDir } from '../helpers/temp-dir';

const running: ChildProcess[] = [];
afterEach(() => {
  for (const child of running.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

const DOCUMENTS = 300;
const WORDS = 'қоғамдық кеңес шешім бюджет аудан мектеп жол құрылыс жоба ұсыным отырыс депутат әкімдік тексеру есеп бағдарлама денсаулық білім мәдениет спорт'.split(' ');

/** An archive big enough that a rebuild of its index takes a while (seconds, not milliseconds). */
function buildArchive(): string {
  const docs = suiteTempDir();
  for (let i = 0; i < DOCUMENTS; i++) {
    let text = `Құжат ${i}: мәслихат\n`;
    let r = i * 7919 + 1;
    for (let j = 0; j < 3000; j++) {
      r = (r * 1103515245 + 12345) % 2147483648;
      text += WORDS[r % WORDS.length] + (j % 17 === 0 ? '.\n' : ' ');
    }
    fs.writeFileSync(path.join(docs, `d${i}.txt`), text);
  }
  const data = path.join(suiteTempDir(), 'archive');
  const run = runMuragat(['--data', data, 'import', docs]);
  expect(run.status).toBe(0);
  return data;
}

function start(args: string[], script = CLI): ChildProcess {
  const child = spawn(process.execPath, [script, ...args], { cwd: REPO_ROOT, env: { ...process.env, MURAGAT_DATA: '' }, stdio: ['pipe', 'pipe', 'pipe'] });
  running.push(child);
  return child;
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve(child.exitCode) : child.once('exit', (code) => resolve(code))));
}

/** A reader process that keeps one archive open and searches in a loop (like `serve`). */
function startReader(data: string): { child: ChildProcess; totals: () => Array<number | string> } {
  const child = start([data, 'мәслихат'], path.join(REPO_ROOT, 'tests/helpers/search-loop.mjs'));
  let out = '';
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  const totals = (): Array<number | string> =>
    out
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => {
        const parsed = JSON.parse(line) as { total?: number; error?: string };
        return parsed.total ?? parsed.error ?? 'none';
      });
  return { child, totals };
}

async function waitFor(condition: () => boolean, timeoutMs = 60_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function shadowRows(data: string): number {
  const db = new Database(path.join(data, 'archive.sqlite'), { readonly: true });
  try {
    const exists = db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'search_chunks_next'").get();
    return exists ? (db.prepare('SELECT count(*) AS n FROM search_chunks_next').get() as { n: number }).n : -1;
  } finally {
    db.close();
  }
}

describe('reindex while others search', () => {
  let data: string;
  beforeAll(() => {
    data = buildArchive();
  }, 300_000);

  it('never shows a reader another total than the full one, before, during and after the swap', async () => {
    const reader = startReader(data);
    await waitFor(() => reader.totals().length >= 3);
    const reindex = start(['--data', data, 'reindex']);
    let rebuilding = 0;
    // Sample while the rebuild runs: the shadow fills while the reader keeps searching.
    const sampled = (async () => {
      while (reindex.exitCode === null) {
        if (shadowRows(data) > 0) rebuilding = reader.totals().length;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    })();
    expect(await exited(reindex)).toBe(0);
    await sampled;
    const afterSwap = reader.totals().length;
    await waitFor(() => reader.totals().length >= afterSwap + 20);
    reader.child.stdin!.end();
    await exited(reader.child);
    const totals = reader.totals();
    expect(new Set(totals)).toEqual(new Set([DOCUMENTS]));
    // …and some of those searches ran while the new index was being built.
    expect(rebuilding).toBeGreaterThan(0);
  });

  it('leaves the old index whole when killed midway; the next writable open drops the shadow', async () => {
    const reindex = start(['--data', data, 'reindex']);
    await waitFor(() => shadowRows(data) > 0);
    reindex.kill('SIGKILL');
    await exited(reindex);
    expect(shadowRows(data)).toBeGreaterThan(0);

    const search = runMuragat(['--data', data, 'search', 'мәслихат', '--json']);
    expect(search.status).toBe(0);
    expect((JSON.parse(search.stdout) as { total: number }).total).toBe(DOCUMENTS);
    expect(JSON.parse(runMuragat(['--data', data, 'check', '--json']).stdout)).toMatchObject({ ok: true, documents: DOCUMENTS });

    // Any writing command cleans up; a new document is indexed in the live index as usual.
    const more = tempDir();
    fs.writeFileSync(path.join(more, 'new.txt'), 'Жаңа мәслихат шешімі.\n');
    expect(runMuragat(['--data', data, 'import', more]).status).toBe(0);
    expect(shadowRows(data)).toBe(-1);
    const after = runMuragat(['--data', data, 'search', 'мәслихат', '--json']);
    expect((JSON.parse(after.stdout) as { total: number }).total).toBe(DOCUMENTS + 1);
  });

  it('keeps documents imported while it runs (they are redone in the swap)', async () => {
    const more = tempDir();
    for (let i = 0; i < 5; i++) fs.writeFileSync(path.join(more, `late-${i}.txt`), `Кешіккен құжат ${i}: ерекшесөз мәслихат.\n`);
    const before = (JSON.parse(runMuragat(['--data', data, 'search', 'мәслихат', '--json']).stdout) as { total: number }).total;
    const reindex = start(['--data', data, 'reindex']);
    await waitFor(() => shadowRows(data) > 0);
    const imported = runMuragat(['--data', data, 'import', more]);
    expect(imported.status).toBe(0);
    expect(await exited(reindex)).toBe(0);
    const search = (query: string): number => (JSON.parse(runMuragat(['--data', data, 'search', query, '--json']).stdout) as { total: number }).total;
    expect(search('ерекшесөз')).toBe(5);
    expect(search('мәслихат')).toBe(before + 5);
    expect(JSON.parse(runMuragat(['--data', data, 'check', '--json']).stdout)).toMatchObject({ ok: true });
  });
});
