/**
 * DOCX, DOC, ODT and RTF made by LibreOffice from the same Kazakh act: each must give the act's
 * text, paragraph by paragraph, with the table's rows kept together.
 */
import { describe, expect, it } from 'vitest';
import { extractNonPdf } from '../../../electron/core/ingest/extract/non-pdf';
import { DEFAULT_ZIP_LIMITS, entrySizeProblem, openZip } from '../../../electron/core/ingest/extract/zip';
import { KAZAKH_PHRASES, expectInOrder, expectMuragatError, fixture, kazakhOfficeText, pseudoRandomBytes } from './fixtures';

const TITLE = 'Алматы облысында әлеуметтік маңызы бар қатынастардың тізбесін айқындау туралы';

describe('office formats give the act text exactly', () => {
  it.each([
    ['kaz.docx', 'docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
    ['kaz.odt', 'odt', 'application/vnd.oasis.opendocument.text'],
    ['kaz.rtf', 'rtf', 'application/rtf'],
  ] as const)('%s', async (name, format, mediaType) => {
    const doc = await extractNonPdf(fixture(name), format, name);
    expect(doc).toMatchObject({ format, mediaType, embeddedTitle: TITLE });
    expect(doc.pages).toHaveLength(1);
    expect(doc.pages[0]).toMatchObject({ pageNo: 1, needsOcr: false });
    expect(doc.pages[0]!.text).toBe(kazakhOfficeText());
    expectInOrder(doc.pages[0]!.text, KAZAKH_PHRASES);
  });

  it('kaz.doc (word-extractor turns en dashes into hyphens; everything else is exact)', async () => {
    const doc = await extractNonPdf(fixture('kaz.doc'), 'doc', 'kaz.doc');
    expect(doc).toMatchObject({ format: 'doc', mediaType: 'application/msword' });
    expect(doc.pages).toEqual([{ pageNo: 1, text: expect.any(String), needsOcr: false }]);
    expect(doc.pages[0]!.text).toBe(kazakhOfficeText().replaceAll('–', '-'));
  });

  it('puts footnotes after the body, without reference marks, in every format', async () => {
    const expected = [
      '2) № 2 «Қарлығаш» ықшам ауданы – «Қапшағай Ресурс» ЖШС мұнай базасы;',
      '3) № 3 «Строитель» бағбандық қоғамы – 12 ықшам ауданы;',
      'ЖШС – жауапкершілігі шектеулі серіктестігі.',
    ].join('\n');
    for (const format of ['docx', 'odt', 'rtf', 'doc'] as const) {
      const text = (await extractNonPdf(fixture(`footnote.${format}`), format, `footnote.${format}`)).pages[0]!.text;
      expect(text, format).toBe(format === 'doc' ? expected.replaceAll('–', '-') : expected);
    }
  });

  it('keeps table rows on one line, cells separated by a tab', async () => {
    for (const name of ['kaz.docx', 'kaz.odt', 'kaz.rtf', 'kaz.doc']) {
      const format = name.slice(4) as 'docx' | 'odt' | 'rtf' | 'doc';
      const text = (await extractNonPdf(fixture(name), format, name)).pages[0]!.text;
      expect(text, name).toContain('\n2)\t№ 2 «Қарлығаш» ықшам ауданы ');
    }
  });
});

describe('damaged office files throw their specific error', () => {
  it('DOCX cut in half → DOCX_CORRUPT, with the file name in the details', async () => {
    const docx = fixture('kaz.docx');
    const error = await expectMuragatError(extractNonPdf(docx.subarray(0, docx.length >> 1), 'docx', 'half.docx'), 'DOCX_CORRUPT');
    expect(error.details).toMatchObject({ fileName: 'half.docx', format: 'docx' });
  });

  it('a ZIP without word/document.xml → DOCX_CORRUPT', async () => {
    await expectMuragatError(extractNonPdf(fixture('kaz.odt'), 'docx', 'odt-inside.docx'), 'DOCX_CORRUPT');
  });

  it('random bytes as DOC → DOC_CORRUPT; a DOC cut in half → DOC_CORRUPT', async () => {
    await expectMuragatError(extractNonPdf(pseudoRandomBytes(20_000), 'doc', 'random.doc'), 'DOC_CORRUPT');
    const doc = fixture('kaz.doc');
    await expectMuragatError(extractNonPdf(doc.subarray(0, doc.length >> 1), 'doc', 'half.doc'), 'DOC_CORRUPT');
  });

  it('an OLE2 header followed by garbage → DOC_CORRUPT', async () => {
    const doc = fixture('kaz.doc');
    const garbage = Buffer.concat([doc.subarray(0, 512), pseudoRandomBytes(8192, 3)]);
    await expectMuragatError(extractNonPdf(garbage, 'doc', 'garbage.doc'), 'DOC_CORRUPT');
  });

  it('ODT cut in half → ODT_CORRUPT', async () => {
    const odt = fixture('kaz.odt');
    await expectMuragatError(extractNonPdf(odt.subarray(0, odt.length >> 1), 'odt', 'half.odt'), 'ODT_CORRUPT');
  });

  it('a zip-bomb-like ODT (30 MB of spaces in 30 KB) → EXTRACTION_LIMIT before inflating', async () => {
    const bomb = fixture('bomb.odt');
    expect(bomb.length).toBeLessThan(100_000);
    const error = await expectMuragatError(extractNonPdf(bomb, 'odt', 'bomb.odt'), 'EXTRACTION_LIMIT');
    expect(error.message).toMatch(/compression ratio \d+ exceeds the limit of 200/);
  });

  it('password-protected ODT and DOCX → DOCUMENT_ENCRYPTED', async () => {
    await expectMuragatError(extractNonPdf(fixture('encrypted.odt'), 'odt', 'secret.odt'), 'DOCUMENT_ENCRYPTED');
    // An encrypted DOCX is an OLE2 container with an EncryptedPackage stream (built here: LibreOffice
    // cannot write one from a script).
    const header = Buffer.alloc(512);
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(header);
    const ole2 = Buffer.concat([header, Buffer.from('EncryptionInfo', 'utf16le'), Buffer.from('EncryptedPackage', 'utf16le'), Buffer.alloc(512)]);
    await expectMuragatError(extractNonPdf(ole2, 'docx', 'secret.docx'), 'DOCUMENT_ENCRYPTED');
  });

  it('empty input → FILE_EMPTY for every format', async () => {
    for (const format of ['docx', 'doc', 'odt', 'rtf', 'txt', 'html', 'markdown'] as const) {
      await expectMuragatError(extractNonPdf(new Uint8Array(0), format, `empty.${format}`), 'FILE_EMPTY');
    }
  });
});

describe('zip limits', () => {
  const MB = 1024 * 1024;

  it('accepts ordinary office parts, including small ones that compress very well', () => {
    expect(entrySizeProblem({ compressedSize: 60_000, uncompressedSize: 900_000 })).toBeNull();
    expect(entrySizeProblem({ compressedSize: 50, uncompressedSize: 40_000 })).toBeNull(); // 800:1 but tiny
    expect(entrySizeProblem({ compressedSize: 30 * MB, uncompressedSize: 120 * MB })).toBeNull();
  });

  it('refuses entries over 128 MiB or with a ratio over 200 once they are big', () => {
    expect(entrySizeProblem({ compressedSize: 100 * MB, uncompressedSize: 129 * MB })).toMatch(/exceeds the limit/);
    expect(entrySizeProblem({ compressedSize: 10_000, uncompressedSize: 10 * MB })).toMatch(/ratio 1049 exceeds the limit of 200/);
    expect(entrySizeProblem({ compressedSize: 0, uncompressedSize: 2 * MB })).toMatch(/ratio infinite/);
    expect(DEFAULT_ZIP_LIMITS).toMatchObject({ maxEntryBytes: 128 * MB, maxTotalBytes: 256 * MB, maxRatio: 200 });
  });

  it('reads entries of a real archive and refuses the bomb entry as a limit, not as damage', async () => {
    const zip = await openZip(fixture('kaz.odt'), 'ODT_CORRUPT');
    try {
      expect(zip.names).toContain('content.xml');
      expect((await zip.read('mimetype'))?.toString()).toBe('application/vnd.oasis.opendocument.text');
      expect(await zip.read('no/such/entry')).toBeUndefined();
    } finally {
      zip.close();
    }
    const bomb = await openZip(fixture('bomb.odt'), 'DOCX_CORRUPT');
    try {
      await expectMuragatError(bomb.read('content.xml'), 'EXTRACTION_LIMIT');
      expect(() => bomb.assertAllWithinLimits()).toThrow(/content\.xml refused/);
    } finally {
      bomb.close();
    }
  });
});
