import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import {
  decodeText,
  extractTxt,
  joinParagraphs,
  normalizeExtractedText,
  rankSingleByteEncodings,
} from '../../../electron/core/ingest/extract/text';
import { KAZAKH_PHRASES, expectInOrder, expectMuragatError, fixture, kazakhParagraphs, pseudoRandomBytes } from './fixtures';

const RUSSIAN_PHRASE = 'В соответствии с подпунктом 5) пункта 1 статьи 14 Закона Республики Казахстан';

describe('TXT: encoding detection on real files', () => {
  const kazakh = kazakhParagraphs().join('\n');

  it('reads UTF-8 and turns CRLF into \\n', () => {
    const doc = extractTxt(fixture('kaz-utf8.txt'));
    expect(doc.encoding).toBe('utf-8');
    expect(doc.pages[0]!.text).toBe(kazakh);
    expect(doc.pages[0]!.text).not.toContain('\r');
  });

  it('reads UTF-16 LE with a BOM, letter for letter', () => {
    const doc = extractTxt(fixture('kaz-utf16le-bom.txt'));
    expect(doc.encoding).toBe('utf-16le');
    expect(doc.pages[0]!.text).toBe(kazakh);
  });

  it('reads KZ-1048 Kazakh text with every Kazakh letter intact', () => {
    const doc = extractTxt(fixture('kaz-kz1048.txt'));
    expect(doc.encoding).toBe('kz-1048');
    expect(doc.pages[0]!.text).toBe(kazakh);
    expectInOrder(doc.pages[0]!.text, KAZAKH_PHRASES);
  });

  it('reads UTF-16 without a BOM, both byte orders', () => {
    const le = extractTxt(fixture('rus-utf16le-nobom.txt'));
    expect(le.encoding).toBe('utf-16le');
    expect(le.pages[0]!.text).toContain(RUSSIAN_PHRASE);
    const be = extractTxt(fixture('rus-utf16be-nobom.txt'));
    expect(be.encoding).toBe('utf-16be');
    expect(be.pages[0]!.text).toContain(RUSSIAN_PHRASE);
  });

  it('reads Windows-1251, and does not mistake Russian 1251 for KZ-1048', () => {
    const doc = extractTxt(fixture('rus-cp1251.txt'));
    expect(doc.encoding).toBe('windows-1251');
    // Same text as the UTF-16 copy made from the same source.
    expect(doc.pages[0]!.text).toBe(extractTxt(fixture('rus-utf16be-nobom.txt')).pages[0]!.text);
  });

  it('reads KOI8-R and CP866', () => {
    for (const [file, encoding] of [['rus-koi8r.txt', 'koi8-r'], ['rus-cp866.txt', 'ibm866']] as const) {
      const doc = extractTxt(fixture(file));
      expect(doc.encoding, file).toBe(encoding);
      expect(doc.pages[0]!.text, file).toContain(RUSSIAN_PHRASE);
      expect(doc.pages[0]!.text, file).toContain('Алматинский областной маслихат РЕШИЛ:');
    }
  });
});

describe('TXT: detection edge cases', () => {
  it('reads short Russian phrases in every Cyrillic code page', () => {
    const phrase = 'Решение маслихата от 14 сентября';
    for (const encoding of ['windows-1251', 'koi8-r', 'cp866']) {
      const decoded = decodeText(iconv.encode(phrase, encoding));
      expect(decoded.text, encoding).toBe(phrase);
    }
  });

  it('reads a short Kazakh phrase in KZ-1048', () => {
    const phrase = 'Қоғамдық кеңестің отырысы өтті';
    const decoded = decodeText(iconv.encode(phrase, 'rk1048'));
    expect(decoded).toMatchObject({ encoding: 'kz-1048', text: phrase });
  });

  it('ranks the right code page far above the wrong ones', () => {
    const bytes = iconv.encode('Алматинский областной маслихат РЕШИЛ: определить перечень сообщений', 'koi8-r');
    const [best, second] = rankSingleByteEncodings(bytes);
    expect(best!.encoding).toBe('koi8-r');
    expect(best!.plausibility.score - second!.plausibility.score).toBeGreaterThan(0.5);
  });

  it('reads Latin-1 text as Windows-1252, not as Cyrillic', () => {
    const decoded = decodeText(iconv.encode('Le café du conseil, façade rénovée, naïve idée.', 'windows-1252'));
    expect(decoded).toMatchObject({ encoding: 'windows-1252', text: 'Le café du conseil, façade rénovée, naïve idée.' });
  });

  it('takes a UTF-8 BOM as proof and drops it', () => {
    const decoded = decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('Шешім', 'utf8')]));
    expect(decoded).toMatchObject({ encoding: 'utf-8', text: 'Шешім' });
  });

  it('forgives a UTF-8 file cut in the middle of a letter', () => {
    const bytes = Buffer.from('Мәслихат шешімі', 'utf8');
    const decoded = decodeText(bytes.subarray(0, bytes.length - 1));
    expect(decoded.encoding).toBe('utf-8');
    expect(decoded.text.startsWith('Мәслихат шешім')).toBe(true);
  });

  it('keeps UTF-8 with one stray byte as UTF-8, with a warning', () => {
    const text = 'Қазақстан Республикасының Заңы қоғамдық кеңестер туралы. '.repeat(3);
    const bytes = Buffer.concat([Buffer.from(text, 'utf8'), Buffer.from([0xe0]), Buffer.from(' соңы', 'utf8')]);
    const decoded = decodeText(bytes);
    expect(decoded.encoding).toBe('utf-8');
    expect(decoded.text).toContain('қоғамдық кеңестер');
    expect(decoded.warnings.join(' ')).toMatch(/invalid UTF-8/);
  });

  it('refuses binary data with TEXT_UNDECODABLE', async () => {
    await expectMuragatError(() => decodeText(pseudoRandomBytes(4096)), 'TEXT_UNDECODABLE');
  });

  it('refuses high bytes that no code page makes readable', async () => {
    const noise = pseudoRandomBytes(4096, 7).map((b) => 0x80 | b);
    await expectMuragatError(() => decodeText(noise), 'TEXT_UNDECODABLE');
  });

  it('gives an empty page for a file of blank lines', () => {
    expect(extractTxt(Buffer.from('\r\n\r\n  \n')).pages).toEqual([{ pageNo: 1, text: '', needsOcr: false }]);
  });
});

describe('text normalisation', () => {
  it('unifies line ends, drops control and invisible characters, composes to NFC', () => {
    const raw = 'А\r\nБ\rВ\fГ\u0000Д\u0007Е\u00ADЖ\u200BЗ и\u0306\tт';
    expect(normalizeExtractedText(raw)).toBe('А\nБ\nВ\nГДЕЖЗ й\tт');
  });

  it('drops unpaired surrogates but keeps real pairs', () => {
    expect(normalizeExtractedText('a\uD800b\uDC00c😀')).toBe('abc😀');
  });

  it('makes one trimmed paragraph per line, without empty ones', () => {
    expect(joinParagraphs(['  Бірінші   абзац ', '', '\u00A0', 'Екінші\u00A0абзац', 'ұяшық 1 \t ұяшық 2'])).toBe(
      'Бірінші абзац\nЕкінші абзац\nұяшық 1\tұяшық 2',
    );
  });
});
