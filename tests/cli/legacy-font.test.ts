/**
 * Issue 12, point 5, end to end with the real CLI: files typed in a legacy 8-bit Kazakh font
 * (a Word 97 DOC, a Windows-1251 text file and the same text saved as UTF-8) are imported as
 * Unicode Kazakh, found by their Unicode words, shown as repaired, and their originals are kept
 * byte for byte.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { jsonLines, runMuragat } from '../helpers/cli';
import { FIXTURES_DIR, tempDir } from '../helpers/temp-dir';

const LEGACY = path.join(FIXTURES_DIR, 'legacy-font');
const FILES = ['ereje-kz1048.doc', 'ereje-kz1048-1251.txt', 'ereje-kz1048-utf8.txt'];

interface Shown {
  id: string;
  files: Array<{ sha256: string; originalName: string }>;
  textRepair: { kind: string; mapping: string } | null;
  pages: Array<{ text: string }>;
}

describe('legacy Kazakh font files', () => {
  it('are imported as Unicode Kazakh, found by Үкіметінің / қаулысы, shown as repaired, with the original kept as it was', () => {
    const data = path.join(tempDir(), 'archive');
    const docs = tempDir();
    for (const name of FILES) fs.copyFileSync(path.join(LEGACY, name), path.join(docs, name));
    // A Unicode Kazakh control: it must not be marked repaired.
    fs.writeFileSync(path.join(docs, 'unicode.txt'), 'Қазақстан Республикасы Үкіметінің 2015 жылғы 31 желтоқсандағы № 1194 қаулысы туралы хабарлама және оның орындалуы');

    const imported = runMuragat(['--data', data, 'import', docs, '--json', '--ocr', 'never']);
    expect(imported.stderr).toBe('');
    expect(imported.status).toBe(0);
    const lines = jsonLines(imported.stdout).filter((line) => 'status' in line);
    const idOf = (name: string): string => String(lines.find((line) => path.basename(String(line.path)) === name)!.id);

    for (const name of FILES) {
      const shown = JSON.parse(runMuragat(['--data', data, 'show', idOf(name), '--json']).stdout) as Shown;
      const text = shown.pages.map((page) => page.text).join('\n');
      expect(text, name).toContain('Қазақстан Республикасы Үкіметінің');
      expect(text, name).toContain('Қаулысын басшылыққа алады');
      expect(text, name).not.toMatch(/[ЌќЅѕЇїЈјЄєҐґЎў]/);
      expect(shown.textRepair, name).toEqual({ kind: 'legacy-kazakh-font', mapping: 'kz1048' });
      // The stored original is the file as it came, legacy letters and all.
      const original = fs.readFileSync(path.join(LEGACY, name));
      const sha256 = createHash('sha256').update(original).digest('hex');
      expect(shown.files[0]!.sha256).toBe(sha256);
      expect(fs.readFileSync(path.join(data, 'files', sha256.slice(0, 2), sha256)).equals(original)).toBe(true);
    }
    const plain = runMuragat(['--data', data, 'show', idOf('ereje-kz1048.doc')]).stdout;
    expect(plain).toMatch(/typed in an old Kazakh font \(kz1048\), converted to standard letters; the original file is unchanged/);
    const unicode = JSON.parse(runMuragat(['--data', data, 'show', idOf('unicode.txt'), '--json']).stdout) as Shown;
    expect(unicode.textRepair).toBeNull();
    expect(runMuragat(['--data', data, 'show', idOf('unicode.txt')]).stdout).not.toMatch(/old Kazakh font/);

    for (const query of ['Үкіметінің', 'қаулысы', 'Қазақстан', 'Еңбекшіқазақ']) {
      const found = JSON.parse(runMuragat(['--data', data, 'search', query, '--json']).stdout) as { hits: Array<{ id: string }> };
      const ids = found.hits.map((hit) => hit.id);
      for (const name of FILES) expect(ids, `${query} → ${name}`).toContain(idOf(name));
    }
  });
});
