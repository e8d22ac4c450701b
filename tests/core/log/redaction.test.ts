import * as fs from 'node:fs';
import * as path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MuragatError } from '../../../shared/errors';
import { openArchive } from '../../../electron/core/archive';
import { createFileLogger, LOGS_DIR } from '../../../electron/core/log/logger';
import { redactFields, serializeError } from '../../../electron/core/log/redact';
import { runMuragat } from '../../helpers/cli';
import { FIXTURES_DIR, tempDir } from '../../helpers/temp-dir';

function logText(dataDir: string): string {
  const dir = path.join(dataDir, LOGS_DIR);
  return fs
    .readdirSync(dir)
    .map((name) => fs.readFileSync(path.join(dir, name), 'utf8'))
    .join('');
}

describe('the redaction rule', () => {
  it('keeps the length and word count of text fields, never their words', () => {
    const out = redactFields({ query: 'бюджет жобасы', title: 'Шешім №5', words: 3, password: 'hunter2', privateKey: 'AAAA', pages: 4, status: 'done' });
    expect(out).toEqual({
      query: '[redacted: 13 chars, 2 words]',
      title: '[redacted: 8 chars, 2 words]',
      words: 3,
      password: '[redacted: 7 chars, 1 words]',
      privateKey: '[redacted: 4 chars, 1 words]',
      pages: 4,
      status: 'done',
    });
    expect(JSON.stringify(redactFields({ nested: { text: ['a b', 'c'] } }))).not.toContain('a b');
  });

  it('drops quoted input and folders from error messages and stacks, keeps the stack of a bug', () => {
    const bug = new Error('fts5: syntax error near "жасырынсөз" in /home/secretary/Құжаттар/archive/archive.sqlite');
    const logged = serializeError(bug);
    expect(logged.code).toBe('INTERNAL');
    expect(String(logged.stack)).toContain('redaction.test.ts');
    const text = JSON.stringify(logged);
    expect(text).not.toContain('жасырынсөз');
    expect(text).not.toContain('secretary');
    expect(text).toContain('…/archive.sqlite');
    // An expected refusal is logged by its code, without a stack.
    expect(serializeError(new MuragatError('NOT_FOUND', 'no document with id "abc"'))).toEqual({ code: 'NOT_FOUND', message: 'no document with id "…"' });
  });

  it('logs a bug reaching a boundary with its stack, a refusal by its code only', () => {
    const dir = tempDir();
    const log = createFileLogger(dir);
    log.failure('cli', new TypeError("Cannot read properties of undefined (reading 'жоба')"), { command: 'search' });
    log.failure('cli', new MuragatError('DATABASE_BUSY', 'busy'));
    const [bug, refusal] = fs.readFileSync(path.join(dir, 'muragat.log'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { level: string; event: string; fields: Record<string, unknown> });
    expect(bug).toMatchObject({ level: 'error', event: 'error.internal', fields: { where: 'cli', command: 'search', error: { code: 'INTERNAL', name: 'TypeError' } } });
    expect(String((bug?.fields.error as { stack: string }).stack)).toMatch(/at .+redaction\.test\.ts/);
    expect(JSON.stringify(bug)).not.toContain('жоба');
    expect(refusal).toMatchObject({ level: 'info', event: 'error.refused', fields: { where: 'cli', code: 'DATABASE_BUSY' } });
  });
});

describe('the log after a real import and search', () => {
  it('holds no word of the documents and no word of the queries', () => {
    const dataDir = tempDir();
    const docs = tempDir();
    fs.copyFileSync(path.join(FIXTURES_DIR, 'import', 'kk-order-110.pdf'), path.join(docs, 'kk-order-110.pdf'));
    fs.writeFileSync(path.join(docs, 'minutes.txt'), 'Хаттама: облыстық қоғамдық кеңестің отырысы. Тақырыбы: ауылдық жолдарды жөндеу және балабақша салу.\n');
    fs.writeFileSync(path.join(docs, 'empty.txt'), '');
    expect(runMuragat(['--data', dataDir, 'import', docs]).status).toBe(1); // the empty file fails
    const found = runMuragat(['--data', dataDir, '--json', 'search', 'балабақша']);
    expect(found.status).toBe(0);
    expect(JSON.parse(found.stdout).total).toBe(1);
    expect(runMuragat(['--data', dataDir, 'search', 'жасырынсөзіздеу', '-"жолдарды жөндеу"']).status).toBe(0);
    expect(runMuragat(['--data', dataDir, 'show', 'ffffffffff']).status).toBe(1);

    const log = logText(dataDir);
    expect(log).toContain('"event":"job.import"');
    expect(log).toContain('"code":"NOT_FOUND"');
    // Every distinct word of the stored pages and titles, as the archive itself holds them.
    const db = new Database(path.join(dataDir, 'archive.sqlite'), { readonly: true });
    const stored = [
      ...(db.prepare('SELECT text FROM pages').all() as Array<{ text: string }>).map((row) => row.text),
      ...(db.prepare('SELECT title FROM documents').all() as Array<{ title: string }>).map((row) => row.title),
    ].join(' ');
    db.close();
    const words = [...new Set(stored.toLowerCase().match(/[\p{L}]{5,}/gu) ?? [])];
    expect(words.length).toBeGreaterThan(20);
    const lowerLog = log.toLowerCase();
    expect(words.filter((word) => lowerLog.includes(word))).toEqual([]);
    for (const queryWord of ['балабақша', 'жасырынсөзіздеу', 'жолдарды']) expect(lowerLog).not.toContain(queryWord);
    // No absolute path of this machine either (rule 4).
    expect(log).not.toContain(dataDir);
    expect(log).not.toContain(docs);
  }, 120_000);

  it('logs a slow search by its length, word count and timing, never its words', async () => {
    const dataDir = tempDir();
    const docs = tempDir();
    fs.writeFileSync(path.join(docs, 'minutes.txt'), 'Хаттама: ауылдық жолдарды жөндеу және балабақша салу туралы шешім.\n');
    // Every search counts as slow here, so every query goes through the log.
    const archive = await openArchive({ dataDir, extractWorkers: 1, slowSearchMs: 0 });
    try {
      await archive.importPaths([docs]);
      expect(archive.search({ query: 'балабақша салу' }).total).toBe(1);
      archive.search({ query: '"жолдарды жөндеу" -құпия' });
    } finally {
      await archive.close();
    }
    const log = logText(dataDir);
    const slow = log
      .split('\n')
      .filter((line) => line.includes('"search.slow"'))
      .map((line) => (JSON.parse(line) as { fields: Record<string, unknown> }).fields);
    expect(slow).toEqual([
      { query: '[redacted: 14 chars, 2 words]', ms: expect.any(Number), total: 1 },
      { query: '[redacted: 24 chars, 3 words]', ms: expect.any(Number), total: expect.any(Number) },
    ]);
    for (const word of ['балабақша', 'салу', 'жолдарды', 'жөндеу', 'құпия', 'хаттама']) expect(log.toLowerCase()).not.toContain(word);
  }, 60_000);
});
