import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openArchive } from '../../../electron/core/archive';
import { codePointOffsets, ftsColumn, ftsToken, splitIntoChunks } from '../../../electron/core/search/fts-forms';
import { tempDir } from '../../helpers/temp-dir';

describe('ftsColumn', () => {
  it('joins forms with spaces, each as ftsToken makes it', () => {
    expect(ftsColumn(['кеңес', "o'z", '383-v', 'a.b'])).toBe("кеңес o'z 383-v a.b");
    expect(ftsColumn([])).toBe('');
  });

  it('a form holding a separator is rewritten like ftsToken does, and only that form', () => {
    const forms = ['кеңес', 'a(b)', 'x"y', 'шешім', 'tab\there', 'c*', 'two words'];
    expect(ftsColumn(forms)).toBe(forms.map(ftsToken).join(' '));
    expect(ftsColumn(forms).split(' ')).toHaveLength(forms.length);
  });
});

describe('codePointOffsets (passage bounds as SQLite counts them)', () => {
  it('maps UTF-16 offsets to code points past characters beyond the BMP, and is the identity without them', () => {
    const plain = 'Қоғамдық кеңес шешімі';
    expect([0, 5, plain.length].map(codePointOffsets(plain))).toEqual([0, 5, plain.length]);
    const text = 'a😀b𝑥c кеңес';
    const map = codePointOffsets(text);
    // 'a' 0, '😀' 1–2, 'b' 3, '𝑥' 4–5, 'c' 6, ' ' 7, 'кеңес' 8…
    expect([0, 1, 3, 4, 6, 8, text.length].map(map)).toEqual([0, 1, 2, 3, 4, 6, [...text].length]);
    expect([...text].slice(map(8), map(text.length)).join('')).toBe('кеңес');
  });
});

describe('passages of a page with characters beyond the BMP', () => {
  it('are stored so that SQLite cuts exactly the passage that was indexed, and snippets show the match', async () => {
    const dir = tempDir();
    // Several passages, with emoji and math letters throughout.
    const filler = 'Мәслихат отырысы өтті 😀 және 𝑥 белгісі қойылды. '.repeat(400);
    const text = `${filler}Жатақхана орындары бөлінді.\n${filler}`;
    fs.writeFileSync(path.join(dir, 'note.txt'), text);
    const archive = await openArchive({ dataDir: path.join(dir, 'archive'), extractWorkers: 1 });
    try {
      await archive.importPaths([path.join(dir, 'note.txt')]);
      const { db } = archive.context;
      const page = db.prepare('SELECT id, text FROM pages').get() as { id: number; text: string };
      const cut = db.prepare('SELECT substr(p.text, c.start + 1, c.end - c.start) AS passage FROM search_chunks c JOIN pages p ON p.id = c.page_id ORDER BY c.id').pluck().all() as string[];
      const indexed = splitIntoChunks(page.text).map((chunk) => page.text.slice(chunk.start, chunk.end));
      expect(indexed.length).toBeGreaterThan(2);
      expect(cut).toEqual(indexed);
      expect(archive.search({ query: 'жатақхана' }).hits[0]!.pages[0]!.snippet).toMatch(/\[Жатақхана\] орындары бөлінді/);
    } finally {
      await archive.close();
    }
  });
});
