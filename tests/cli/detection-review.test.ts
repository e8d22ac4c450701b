/**
 * Issue 12, point 6 on the command line: `import --json` and `show --json` carry each field's
 * confidence (show also the candidates), the plain `show` marks uncertain fields with `?`, and a
 * document with an uncertain field waits in the review list after a CLI import too. The real
 * CLI in its own process, on a real archive, with the real detector (the notice is ambiguous for
 * any detector: tests/fixtures/detection/README.md).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DETECTED_FIELDS } from '../../shared/metadata';
import { jsonLines, runMuragat } from '../helpers/cli';
import { FIXTURES_DIR, tempDir } from '../helpers/temp-dir';

const NOTICE = path.join(FIXTURES_DIR, 'detection/ambiguous-notice.txt');

describe('muragat import/show: confidence and candidates', () => {
  it('prints confidence per field in import --json and show --json, candidates in show --json, and marks uncertain fields in show', () => {
    const data = path.join(tempDir(), 'archive');
    const docs = tempDir();
    fs.copyFileSync(NOTICE, path.join(docs, 'notice.txt'));
    fs.copyFileSync(path.join(FIXTURES_DIR, 'import/kk-order-110.pdf'), path.join(docs, 'order.pdf'));

    const imported = runMuragat(['--data', data, 'import', docs, '--json', '--ocr', 'never']);
    expect(imported.stderr).toBe('');
    expect(imported.status).toBe(0);
    const files = jsonLines(imported.stdout).filter((line) => 'status' in line);
    expect(files).toHaveLength(2);
    for (const line of files) {
      const confidence = line.confidence as Record<string, number>;
      expect(Object.keys(confidence).sort()).toEqual([...DETECTED_FIELDS].sort());
      for (const value of Object.values(confidence)) {
        expect(value).toBeGreaterThanOrEqual(0);
        expect(value).toBeLessThanOrEqual(1);
      }
      expect(Array.isArray(line.uncertain)).toBe(true);
    }
    const notice = files.find((line) => path.basename(String(line.path)) === 'notice.txt')!;
    const uncertain = notice.uncertain as string[];
    expect(uncertain.length).toBeGreaterThan(0);

    const shown = JSON.parse(runMuragat(['--data', data, 'show', String(notice.id), '--json']).stdout) as Record<string, unknown>;
    expect(shown.confidence).toEqual(notice.confidence);
    expect(shown.uncertain).toEqual(uncertain);
    expect(shown.reviewPending).toBe(true);
    expect(typeof shown.candidates).toBe('object');
    for (const list of Object.values(shown.candidates as Record<string, Array<{ value: string; score: number }>>)) {
      for (const candidate of list) expect(candidate).toMatchObject({ value: expect.any(String), score: expect.any(Number) });
    }

    const text = runMuragat(['--data', data, 'show', String(notice.id)]).stdout;
    const label = { kind: 'kind', number: 'number', date: 'date', lang: 'language', title: 'title', issuer: 'issuer' } as Record<string, string>;
    for (const field of DETECTED_FIELDS) {
      const marked = new RegExp(`^${label[field]}\\?\\s`, 'm');
      if (uncertain.includes(field)) expect(text).toMatch(marked);
      else expect(text).not.toMatch(marked);
    }
    expect(text).toMatch(/uncertain, \d\.\d\d/);
    expect(text).toMatch(/^review\s+waiting/m);

    // The review list holds it (a CLI import), and an edit of the doubted field settles it.
    const field = uncertain[0]!;
    const edits: Record<string, string[]> = { kind: ['--kind', 'announcement'], number: ['--number', '15'], date: ['--date', '2024-03-19'], lang: ['--lang', 'kk'], title: ['--title', 'Хабарландыру'], issuer: ['--issuer', 'Қоғамдық кеңес'] };
    const edited = runMuragat(['--data', data, 'edit', String(notice.id), ...edits[field]!]);
    expect(edited.stderr).toBe('');
    const after = JSON.parse(runMuragat(['--data', data, 'show', String(notice.id), '--json']).stdout) as { uncertain: string[] };
    expect(after.uncertain).toEqual(uncertain.slice(1));
  });
});
