/**
 * A file name is data, not terminal control: names holding an ESC sequence, a newline or a
 * direction override must not recolour the terminal, forge an output line or reverse the text
 * after them when `muragat import` prints its plain (non-JSON) lines.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { terminalSafe } from '../../electron/cli/output';
import { runMuragat } from '../helpers/cli';
import { tempDir } from '../helpers/temp-dir';

describe('plain CLI output of hostile names', () => {
  it('escapes control and direction characters in the lines muragat import prints', () => {
    const source = tempDir('muragat-term-src-');
    const names = ['esc\x1b[31mred\x07.txt', 'forged\nimported  fake.txt', 'rlo\u202etxt.exe.txt', 'plain.txt'];
    names.forEach((name, index) => fs.writeFileSync(path.join(source, name), `Шешім № ${index}-38. Мәслихат сессиясы бюджетті бекітті ${index}.\n`));
    const run = runMuragat(['--data', path.join(tempDir(), 'archive'), 'import', source]);
    expect(run.status).toBe(0);
    const output = run.stdout + run.stderr;
    // eslint-disable-next-line no-control-regex -- control characters are what must not appear
    expect(output).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f\u202e]/);
    const lines = run.stdout.split('\n').filter((line) => line.startsWith('imported'));
    // One line per file: the newline in a name did not make a second "imported" line.
    expect(lines).toHaveLength(names.length);
    expect(run.stdout).toContain('esc\\u001b[31mred\\u0007.txt');
    expect(run.stdout).toContain('forged\\nimported  fake.txt');
  });

  it('leaves ordinary Kazakh and Russian text as it is', () => {
    expect(terminalSafe('Қаулы № 6-38 «Бюджет туралы» — решение')).toBe('Қаулы № 6-38 «Бюджет туралы» — решение');
    expect(terminalSafe('a\tb\u200fc')).toBe('a\\tb\\u200fc');
  });
});
