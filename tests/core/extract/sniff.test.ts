import { describe, expect, it } from 'vitest';
import { SUPPORTED_EXTENSIONS, fileExtension, isSupportedExtension, sniffFormat } from '../../../electron/core/ingest/extract/sniff';
import { expectMuragatError, fixture, pseudoRandomBytes } from './fixtures';

const HTML_PAGE = Buffer.from('\uFEFF\n  <!DOCTYPE html><html><head><title>404</title></head><body>Бет табылмады</body></html>', 'utf8');
const MINIMAL_PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n', 'latin1');

/** An OLE2 header followed by a directory naming the given streams (UTF-16LE), as Office writes them. */
function ole2With(...streams: string[]): Buffer {
  const header = Buffer.alloc(512);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(header);
  return Buffer.concat([header, ...streams.map((name) => Buffer.from(name, 'utf16le')), Buffer.alloc(512)]);
}

describe('supported extensions', () => {
  it('lists the formats Muragat reads', () => {
    expect([...SUPPORTED_EXTENSIONS].sort()).toEqual(['doc', 'docx', 'htm', 'html', 'markdown', 'md', 'odt', 'pdf', 'rtf', 'text', 'txt', 'xhtml']);
  });

  it('matches extensions case-insensitively, on the last dot, ignoring folders', () => {
    expect(isSupportedExtension('C:\\Шешімдер\\2023.09.14 Шешім № 6-38.PDF')).toBe(true);
    expect(isSupportedExtension('/home/user/решение.Docx')).toBe(true);
    expect(isSupportedExtension('data.jsonl')).toBe(false);
    expect(isSupportedExtension('.hidden')).toBe(false);
    expect(isSupportedExtension('README')).toBe(false);
    expect(fileExtension('archive.tar.gz')).toBe('gz');
  });
});

describe('sniffFormat: extension and content agree', () => {
  it.each([
    ['kaz.docx', 'docx'],
    ['kaz.doc', 'doc'],
    ['kaz.odt', 'odt'],
    ['kaz.rtf', 'rtf'],
    ['kaz.md', 'markdown'],
    ['kaz-utf8.txt', 'txt'],
    ['kaz-utf16le-bom.txt', 'txt'],
    ['rus-utf16le-nobom.txt', 'txt'],
    ['kaz-kz1048.txt', 'txt'],
    ['rus-cp1251.html', 'html'],
  ])('%s is %s', async (name, format) => {
    expect(await sniffFormat(fixture(name), name)).toEqual({ format });
  });

  it('finds a PDF header after junk, within the first kilobyte', async () => {
    const junk = Buffer.alloc(700, 0x20);
    expect(await sniffFormat(Buffer.concat([junk, MINIMAL_PDF]), 'scan.pdf')).toEqual({ format: 'pdf' });
  });

  it('reads an HTML fragment saved as .htm', async () => {
    expect(await sniffFormat(Buffer.from('<p>Хаттама</p>'), 'fragment.htm')).toEqual({ format: 'html' });
  });
});

describe('sniffFormat: the extension lies', () => {
  it('refuses a .pdf that is an HTML page with FILE_TYPE_MISMATCH', async () => {
    const error = await expectMuragatError(sniffFormat(HTML_PAGE, 'decision.pdf'), 'FILE_TYPE_MISMATCH');
    expect(error.message).toBe('expected PDF but the file is HTML');
    expect(error.details).toMatchObject({ expected: 'pdf', actual: 'html' });
  });

  it('refuses a .docx that is a text file', async () => {
    const error = await expectMuragatError(sniffFormat(fixture('kaz-utf8.txt'), 'decision.docx'), 'FILE_TYPE_MISMATCH');
    expect(error.message).toBe('expected DOCX but the file is plain text');
  });

  it('refuses a .txt that is a PDF, and a .pdf that is a JPEG', async () => {
    await expectMuragatError(sniffFormat(MINIMAL_PDF, 'notes.txt'), 'FILE_TYPE_MISMATCH');
    const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(100)]);
    const error = await expectMuragatError(sniffFormat(jpeg, 'scan.pdf'), 'FILE_TYPE_MISMATCH');
    expect(error.message).toBe('expected PDF but the file is a JPEG image');
  });

  it('reads word-processor files saved under each other\'s extension as what they are', async () => {
    expect(await sniffFormat(fixture('kaz.docx'), 'decision.odt')).toMatchObject({ format: 'docx', note: expect.stringContaining('DOCX') });
    expect(await sniffFormat(fixture('kaz.rtf'), 'decision.doc')).toMatchObject({ format: 'rtf' });
    expect(await sniffFormat(HTML_PAGE, 'web-page.doc')).toMatchObject({ format: 'html' });
  });

  it('reads a .txt that is HTML as HTML', async () => {
    expect(await sniffFormat(HTML_PAGE, 'page.txt')).toMatchObject({ format: 'html' });
  });
});

describe('sniffFormat: damaged files', () => {
  it('throws FILE_EMPTY for zero bytes', async () => {
    await expectMuragatError(sniffFormat(new Uint8Array(0), 'empty.docx'), 'FILE_EMPTY');
  });

  it('throws DOCX_CORRUPT for a DOCX cut in half', async () => {
    const docx = fixture('kaz.docx');
    await expectMuragatError(sniffFormat(docx.subarray(0, docx.length >> 1), 'decision.docx'), 'DOCX_CORRUPT');
  });

  it('throws ODT_CORRUPT for an ODT cut in half', async () => {
    const odt = fixture('kaz.odt');
    await expectMuragatError(sniffFormat(odt.subarray(0, odt.length >> 1), 'decision.odt'), 'ODT_CORRUPT');
  });

  it('throws the format\'s CORRUPT code for random bytes under a document name', async () => {
    await expectMuragatError(sniffFormat(pseudoRandomBytes(8192), 'decision.doc'), 'DOC_CORRUPT');
    await expectMuragatError(sniffFormat(pseudoRandomBytes(8192), 'decision.pdf'), 'PDF_CORRUPT');
    await expectMuragatError(sniffFormat(pseudoRandomBytes(8192), 'decision.txt'), 'TEXT_UNDECODABLE');
  });

  it('throws DOCUMENT_ENCRYPTED for a password-protected DOCX', async () => {
    await expectMuragatError(sniffFormat(ole2With('EncryptionInfo', 'EncryptedPackage'), 'secret.docx'), 'DOCUMENT_ENCRYPTED');
  });

  it('names an Excel file saved as .doc', async () => {
    const error = await expectMuragatError(sniffFormat(ole2With('Workbook'), 'table.doc'), 'FILE_TYPE_MISMATCH');
    expect(error.message).toBe('expected DOC but the file is an Excel spreadsheet');
  });
});

describe('sniffFormat: files Muragat does not read are skipped, not failed', () => {
  it.each([
    ['news.jsonl', Buffer.from('{"text":"Жаңалық"}\n')],
    ['data.csv', Buffer.from('a,b\n1,2\n')],
    ['config.yaml', Buffer.from('a: 1\n')],
    ['photo.jpg', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0])],
    ['bundle.zip', fixture('kaz.docx')],
    ['budget.xlsx', fixture('kaz.docx')],
    ['setup.exe', Buffer.from('MZ\x90\x00')],
  ])('%s', async (name, bytes) => {
    const result = await sniffFormat(bytes, name);
    expect(result).toMatchObject({ unsupported: true });
    expect('reason' in result && result.reason).toContain(name.slice(name.lastIndexOf('.')));
  });

  it('takes the format from the content when the name has no known extension', async () => {
    expect(await sniffFormat(MINIMAL_PDF, 'download')).toMatchObject({ format: 'pdf' });
    expect(await sniffFormat(fixture('kaz.docx'), 'attachment.bin')).toMatchObject({ format: 'docx' });
    expect(await sniffFormat(fixture('kaz.doc'), 'attachment.dat')).toMatchObject({ format: 'doc' });
  });

  it('skips text files of unknown kinds and unknown binaries', async () => {
    expect(await sniffFormat(Buffer.from('[core]\nbare = false\n'), 'config')).toMatchObject({ unsupported: true });
    expect(await sniffFormat(pseudoRandomBytes(512), 'blob.bin')).toMatchObject({ unsupported: true, reason: '.bin: binary data' });
    expect(await sniffFormat(Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(20)]), 'x.bin')).toMatchObject({ unsupported: true });
  });
});
