/**
 * The real `muragat` CLI with arguments nobody should type: huge and operator-only queries,
 * numbers that are not whole numbers, ids that are SQL or LIKE wildcards, and titles carrying
 * terminal escape sequences. Every answer is a result or a one-line coded message: no stack, no
 * hang, and nothing from the archive that could drive the terminal.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runMuragat, type CliRun } from '../helpers/cli';
import { suiteTempDir } from '../helpers/temp-dir';

let data: string;
let firstId: string;

const muragat = (...args: string[]): CliRun => runMuragat(['--data', data, ...args]);
const STACK = /\n\s+at .+:\d+:\d+|TypeError|RangeError|SqliteError/;
// eslint-disable-next-line no-control-regex -- what must never reach the terminal
const TERMINAL_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

beforeAll(() => {
  const root = suiteTempDir();
  data = path.join(root, 'archive');
  const source = path.join(root, 'src');
  fs.mkdirSync(source);
  fs.writeFileSync(path.join(source, 'a.txt'), 'Мәслихат шешімі № 6-38: бюджет туралы.');
  fs.writeFileSync(path.join(source, 'b.txt'), 'Решение маслихата № 7-12 о бюджете района.');
  expect(muragat('import', source).status).toBe(0);
  const listed = muragat('list', '--json');
  firstId = (JSON.parse(listed.stdout) as Array<{ id: string }>)[0]?.id ?? '';
  expect(firstId).toMatch(/^[0-9a-f-]{36}$/);
});

describe('hostile search arguments', () => {
  it('a 120 KB query is answered in bounded time and not printed back whole', () => {
    const started = Date.now();
    // 60,000 Cyrillic letters: 120 KB, just under what Linux allows in one argument.
    const run = muragat('search', 'ж'.repeat(60_000));
    expect(run.status).toBe(0);
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(run.stdout).toContain('Nothing found');
    // Before: the whole query was echoed.
    expect(run.stdout.length).toBeLessThan(1000);
    expect(run.stderr).not.toMatch(STACK);
  });

  it('queries of operators, quotes, wildcards and control characters are answered, never a stack', () => {
    for (const query of ['"', '"""', '*', 'OR OR OR', 'NOT', 'AND', '(((', ')', 'NEAR(', '^', 'a:', '\u0001\u0002\u007f', 'q\u001b[31m', '-- -']) {
      const run = muragat('search', '--', query);
      expect(run.status, `${JSON.stringify(query)}: ${run.stderr}`).toBe(0);
      expect(run.stderr).not.toMatch(STACK);
      expect(run.stdout, JSON.stringify(query)).not.toMatch(TERMINAL_CONTROL);
    }
  });

  it('--limit and --offset take digits only: -1, 1e9, 0x10 and an empty value are usage errors; a huge offset finds nothing', () => {
    for (const args of [['--limit=-1'], ['--limit', '1e9'], ['--limit', '0x10'], ['--limit', ''], ['--offset', '1.5'], ['--offset', '1e400'], ['--limit', '0']]) {
      const run = muragat('search', 'бюджет', ...args);
      expect(run.status, `${args.join(' ')}: ${run.stdout}`).toBe(2);
      expect(run.stderr).toMatch(/--(limit|offset)/);
      expect(run.stderr).not.toMatch(STACK);
    }
    const far = muragat('search', 'бюджет', '--offset', '99999999999', '--json');
    expect(far.status).toBe(0);
    expect(JSON.parse(far.stdout)).toMatchObject({ hits: [] });
    expect(muragat('list', '--limit', '0x10').status).toBe(2);
  });
});

describe('hostile ids and values', () => {
  it('ids that are LIKE wildcards or SQL find no document', () => {
    const hostileIds = ['%', '_', '%%', "' OR 1=1 --", '" OR ""="', `${firstId.slice(0, 8)}%`];
    const runs = [...hostileIds.map((id) => ['show', id]), ['edit', '%', '--title', 'x'], ['edit', "' OR 1=1 --", '--title', 'x'], ['delete', '%', '_', "' OR 1=1 --"]];
    for (const command of runs) {
      const run = muragat(...command);
      expect(run.status, `${command.join(' ')}: ${run.stdout}`).toBe(1);
      expect(run.stderr).toContain(`no document with id`);
      expect(run.stderr).not.toMatch(STACK);
    }
    // Nothing was changed or deleted by any of them.
    expect((JSON.parse(muragat('list', '--json').stdout) as unknown[]).length).toBe(2);
  });

  it('page text and a detected title carrying terminal escape sequences (an imported page) are printed without them', () => {
    const source = path.join(suiteTempDir(), 'escapes');
    fs.mkdirSync(source, { recursive: true });
    // Plain text with control characters is refused as not text; an HTML page can carry them as
    // character references, and they reach the stored page text and the detected title.
    fs.writeFileSync(path.join(source, 'c.html'), '<html><body><p>Хаттама &#27;]0;pwned&#7; отырыс &#27;[2J&#27;[31m кеңестің қызыл хаттамасы.</p></body></html>');
    const imported = muragat('import', source, '--json');
    expect(imported.status).toBe(0);
    const id = (JSON.parse(imported.stdout.split('\n')[0]!) as { id: string }).id;
    for (const command of [['show', id, '--pages'], ['search', 'хаттамасы'], ['list']]) {
      const run = muragat(...command);
      expect(run.status).toBe(0);
      expect(run.stdout, command.join(' ')).toContain('pwned');
      expect(run.stdout, command.join(' ')).not.toMatch(TERMINAL_CONTROL);
    }
  });

  it('a title with terminal escape sequences is stored and printed without them', () => {
    const title = 'Шешім \u001b[2J\u001b]0;pwned\u0007 бюджет';
    expect(muragat('edit', firstId, '--title', title, '--number', '\u001b[31m7').status).toBe(0);
    for (const command of [['show', firstId, '--pages'], ['list'], ['search', 'бюджет']]) {
      const run = muragat(...command);
      expect(run.status).toBe(0);
      expect(run.stdout, command.join(' ')).toContain('pwned');
      // Before: the ESC and BEL went to the terminal as they were (clear the screen, retitle the window).
      expect(run.stdout, command.join(' ')).not.toMatch(TERMINAL_CONTROL);
    }
    // The edit stored the title with its control characters turned into spaces (the core's edit
    // rule); --json shows the stored value exactly.
    const stored = (JSON.parse(muragat('show', firstId, '--json').stdout) as { title: string; number: string });
    expect(stored.title).toBe('Шешім [2J ]0;pwned бюджет');
    expect(stored.number).toBe('[31m7');
  });
});
