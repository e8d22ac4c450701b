/**
 * Legacy Kazakh font repair where every format's text passes (extractFile): the text comes out
 * in Unicode Kazakh and says it was repaired, for a Word 97 DOC, a UTF-8 text, a Windows-1251
 * HTML page and its layout lines; Unicode Kazakh and Russian files come out as they were.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { extractFile } from '../../../electron/core/ingest/extract/extract-file';
import { repairLegacyKazakhText } from '../../../electron/core/ingest/extract/legacy-font';
import type { ExtractedDocument } from '../../../electron/core/ingest/extract/types';
import { FIXTURES_DIR } from '../../helpers/temp-dir';
import { fixture } from './fixtures';

const LEGACY = join(FIXTURES_DIR, 'legacy-font');

async function extracted(bytes: Uint8Array, name: string): Promise<ExtractedDocument> {
  const outcome = await extractFile(bytes, name);
  if (outcome.kind !== 'extracted') throw new Error(`${name} was not extracted: ${outcome.reason}`);
  return outcome.document;
}

const LEGACY_LETTERS = /[ЌќЅѕЇїЈјЄєҐґЎў]/;

describe('extractFile: legacy Kazakh font text', () => {
  it.each(['ereje-kz1048.doc', 'ereje-kz1048-utf8.txt', 'ereje-kz1048-1251.txt'])('%s comes out in Unicode Kazakh, marked repaired', async (name) => {
    const doc = await extracted(readFileSync(join(LEGACY, name)), name);
    const text = doc.pages.map((page) => page.text).join('\n');
    expect(text).toContain('Қазақстан Республикасы Үкіметінің');
    expect(text).not.toMatch(LEGACY_LETTERS);
    expect(doc.textRepair).toEqual({ kind: 'legacy-kazakh-font', mapping: 'kz1048' });
  });

  it('an HTML page in Windows-1251 typed in the font is repaired, title included', async () => {
    const body = readFileSync(join(LEGACY, 'ereje-kz1048-utf8.txt'), 'utf8').trim().split(/\r?\n/);
    const html = `<html><head><meta charset="windows-1251"><title>${body[1]}</title></head><body>${body.map((line) => `<p>${line}</p>`).join('')}</body></html>`;
    const doc = await extracted(iconv.encode(html, 'windows-1251'), 'ereje.html');
    expect(doc.pages[0]!.text).toContain('Қоғамдық кеңесі туралы ереже');
    expect(doc.pages[0]!.text).not.toMatch(LEGACY_LETTERS);
    expect(doc.embeddedTitle ?? '').not.toMatch(LEGACY_LETTERS);
    // The page's layout lines (what detection reads first) are repaired with it.
    for (const line of doc.pages[0]!.lines ?? []) expect(line.text).not.toMatch(LEGACY_LETTERS);
    expect(doc.textRepair?.mapping).toBe('kz1048');
  });

  it('layout lines are repaired with their page', () => {
    const legacyLine = 'Ќазаќстан Республикасы Їкіметініѕ 2015 жылєы 31 желтоќсандаєы № 1194 Ќаулысы';
    const document: ExtractedDocument = {
      format: 'docx',
      mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      pages: [{ pageNo: 1, text: `${legacyLine}\nЌарыз алушыныѕ барлыќ банктік шоттарыныѕ тізімі`, needsOcr: false, lines: [{ text: legacyLine, bold: true, align: 'center' }] }],
      warnings: [],
    };
    const repaired = repairLegacyKazakhText(document);
    expect(repaired.pages[0]!.lines).toEqual([{ text: 'Қазақстан Республикасы Үкіметінің 2015 жылғы 31 желтоқсандағы № 1194 Қаулысы', bold: true, align: 'center' }]);
    expect(document.pages[0]!.lines![0]!.text).toBe(legacyLine); // the extractor's own object is not changed
  });

  it.each(['kaz.docx', 'kaz.doc', 'kaz-utf8.txt', 'rus-cp1251.html'])('%s (Unicode Kazakh or Russian) is left as it was', async (name) => {
    const doc = await extracted(fixture(name), name);
    expect(doc.textRepair).toBeUndefined();
    expect(doc.warnings.join(' ')).not.toMatch(/legacy Kazakh font/);
  });
});
