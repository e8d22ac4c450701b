/**
 * Decompression, page and text limits of extraction (issue 11, point 4), in process: the hostile
 * files are built here, small on disk and huge once inflated.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import * as zlib from 'node:zlib';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { MuragatError } from '../../../shared/errors';
import { extractFile } from '../../../electron/core/ingest/extract/extract-file';
import { MAX_TEXT_CHARS } from '../../../electron/core/ingest/extract/limits';
import { extractPdf } from '../../../electron/core/ingest/extract/pdf';
import { checkPdfStreams, DEFAULT_PDF_LIMITS } from '../../../electron/core/ingest/extract/pdf-limits';
import { deflatedZeros, minimalPdf, pdfBomb, textContent } from './bombs';
import { FIXTURES_DIR } from '../../helpers/temp-dir';

const MiB = 1024 * 1024;

async function limitError(promise: Promise<unknown>): Promise<MuragatError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(MuragatError);
  expect((error as MuragatError).code).toBe('EXTRACTION_LIMIT');
  return error as MuragatError;
}

describe('PDF decompression limits', () => {
  it('a 1 MB PDF whose content inflates to 1 GiB is refused before pdf.js, naming the limit', async () => {
    const bomb = await pdfBomb(1024 * MiB);
    expect(bomb.length).toBeLessThan(1.1 * MiB);
    const before = process.memoryUsage().rss;
    const error = await limitError(extractFile(bomb, 'bomb.pdf'));
    expect(error.message).toMatch(/one stream .* decompresses to more than 128 MiB \(the limit; found at least 128\.\d MiB\)/);
    // Counting discards the output: the scan itself holds chunks, never the stream.
    expect(process.memoryUsage().rss - before).toBeLessThan(64 * MiB);
  });

  it('a bomb hidden as Flate inside Flate, or behind ASCII85, or with an unreadable filter, is refused too', async () => {
    const inner = await deflatedZeros(200 * MiB);
    const nested = minimalPdf({ content: { dictionary: '/Filter [/FlateDecode /FlateDecode]', data: zlib.deflateSync(inner) } });
    expect(nested.length).toBeLessThan(MiB);
    await limitError(extractPdf(nested));

    const a85 = minimalPdf({ content: { dictionary: '/Filter [/A85 /Fl]', data: ascii85(inner) } });
    await limitError(extractPdf(a85));

    const indirect = minimalPdf({ content: { dictionary: '/Filter 9 0 R', data: inner }, extraObjects: ['/FlateDecode'] });
    await limitError(extractPdf(indirect));
  });

  it('a stream inside an object stream (which pdf.js accepts) is measured too', async () => {
    const inner = await deflatedZeros(200 * MiB);
    const hidden = Buffer.concat([Buffer.from(`7 0 << /Filter /FlateDecode /Length ${inner.length} >>\nstream\n`, 'latin1'), inner, Buffer.from('\nendstream\n', 'latin1')]);
    const objstm = minimalPdf({
      content: textContent('hello'),
      extraObjects: [{ dictionary: '/Type /ObjStm /N 1 /First 4 /Filter /FlateDecode', data: zlib.deflateSync(hidden) }],
    });
    await limitError(extractPdf(objstm));
  });

  it('many streams under the per-stream cap are refused by the total cap', async () => {
    const part = await deflatedZeros(3 * MiB);
    const pdf = minimalPdf({ content: textContent('hello'), extraObjects: Array.from({ length: 6 }, () => ({ dictionary: '/Filter /FlateDecode', data: part })) });
    const error = await limitError(extractPdf(pdf, { ...DEFAULT_PDF_LIMITS, maxStreamBytes: 4 * MiB, maxTotalBytes: 16 * MiB }));
    expect(error.message).toMatch(/all streams together decompresses to more than 16 MiB/);
  });

  it('RunLength and LZW streams are measured without decoding them into memory', async () => {
    const runs = Buffer.alloc(2 * 64 * 1024);
    for (let i = 0; i < runs.length; i += 2) runs[i] = 129; // each pair: 128 copies of the next byte
    const rl = minimalPdf({ content: { dictionary: '/Filter /RunLengthDecode', data: runs } });
    const error = await limitError(extractPdf(rl, { ...DEFAULT_PDF_LIMITS, maxStreamBytes: 4 * MiB }));
    expect(error.message).toMatch(/more than 4 MiB/);
    const stats = await checkPdfStreams(lzwBomb(20_000));
    expect(stats.largestStreamBytes).toBeGreaterThan(1000 * 20_000 / 2); // quadratic growth, counted
  });

  it('a file of tens of thousands of stream headers without endstream is scanned in bounded time', async () => {
    // Each header's data runs to the end of the file: searching and inflating it per stream was quadratic (40 s for 2 MB).
    const headers = (unit: string): Buffer => Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.from(unit.repeat(Math.floor(2_000_000 / unit.length)), 'latin1')]);
    let started = Date.now();
    expect((await checkPdfStreams(headers('<</Filter/FlateDecode>>stream\n'))).streams).toBeGreaterThan(60_000);
    expect(Date.now() - started).toBeLessThan(3_000);
    // With a zlib header before damaged data, each stream needs the slow count: refused past a number.
    started = Date.now();
    const error = await limitError(checkPdfStreams(headers('<</Filter/FlateDecode>>stream\n\x78\x9c')));
    expect(error.message).toMatch(/more than 20000 damaged compressed streams/);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('a PDF with more pages than the cap is refused with the numbers', async () => {
    const pdf = minimalPdf({ content: textContent('page'), pages: 12 });
    const error = await limitError(extractPdf(pdf, { ...DEFAULT_PDF_LIMITS, maxPages: 10 }));
    expect(error.message).toBe('the PDF has 12 pages, more than the limit of 10');
    expect((await extractPdf(pdf)).pages).toHaveLength(12);
  });

  it('real PDFs pass: the fixtures, and the corpora when present (largest sizes stay far below the caps)', async () => {
    const files = [join(FIXTURES_DIR, 'import/kk-order-110.pdf'), join(FIXTURES_DIR, 'import/kk-order-110-scan.pdf')];
    for (const corpus of ['/work/shared/corpus/pdf', '/work/shared/corpus2/pdf']) {
      if (existsSync(corpus)) files.push(...readdirSync(corpus).filter((name) => name.endsWith('.pdf')).map((name) => join(corpus, name)));
    }
    let largest = 0;
    let total = 0;
    for (const file of files) {
      const stats = await checkPdfStreams(readFileSync(file));
      largest = Math.max(largest, stats.largestStreamBytes);
      total = Math.max(total, stats.totalBytes);
    }
    console.log(`PDF streams of ${files.length} files: largest ${largest} bytes, largest total ${total} bytes`);
    expect(largest * 16).toBeLessThan(DEFAULT_PDF_LIMITS.maxStreamBytes);
    expect(total * 16).toBeLessThan(DEFAULT_PDF_LIMITS.maxTotalBytes);
  });
});

describe('ZIP and text limits', () => {
  it('a DOCX whose styles part inflates 1000× is refused with EXTRACTION_LIMIT before mammoth reads it', async () => {
    const docx = await JSZip.loadAsync(readFileSync(join(FIXTURES_DIR, 'extract/kaz.docx')));
    docx.file('word/styles.xml', Buffer.alloc(16 * MiB, 0x20));
    const bytes = await docx.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
    expect(bytes.length).toBeLessThan(MiB);
    const error = await limitError(extractFile(bytes, 'bomb.docx'));
    expect(error.message).toMatch(/word\/styles\.xml refused: compression ratio \d+ exceeds the limit of 200/);
  });

  it('a DOCX part that inflates past the size it declares is refused before mammoth inflates it', async () => {
    const docx = await JSZip.loadAsync(readFileSync(join(FIXTURES_DIR, 'extract/kaz.docx')));
    docx.file('word/styles.xml', Buffer.alloc(16 * MiB, 0x20));
    const bytes = await docx.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
    patchCentralDirectory(bytes, 'word/styles.xml', (record) => record.writeUInt32LE(900_000, 24)); // "900 kB": under the ratio rule
    // The file contradicts itself: damaged (or lying), either way refused before JSZip inflates it all.
    const error = await extractFile(bytes, 'liar.docx').then(
      () => null,
      (caught: unknown) => caught as MuragatError,
    );
    expect(error?.code).toBe('DOCX_CORRUPT');
    expect(error?.message).toBe('ZIP entry word/styles.xml inflates to more than the 900000 bytes it declares');
  });

  it('a DOCX with a damaged picture still gives its text (pictures are never read)', async () => {
    const docx = await JSZip.loadAsync(readFileSync(join(FIXTURES_DIR, 'extract/kaz.docx')));
    docx.file('word/media/image9.png', Buffer.from('not really a picture, but compressible '.repeat(500)));
    const bytes = await docx.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
    patchCentralDirectory(bytes, 'word/media/image9.png', (record, zip) => {
      const local = record.readUInt32LE(42);
      const dataStart = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
      zip.fill(0xff, dataStart + 4, dataStart + 40); // garbage in the deflate data
    });
    const outcome = await extractFile(bytes, 'damaged-picture.docx');
    expect(outcome.kind).toBe('extracted');
    expect(outcome.kind === 'extracted' && outcome.document.pages[0]!.text.length).toBeGreaterThan(100);
  });

  it('an ODT that expands through repeated-space elements stops at the text cap', async () => {
    const odt = await JSZip.loadAsync(readFileSync(join(FIXTURES_DIR, 'extract/kaz.odt')));
    const spaces = '<text:s text:c="1000"/>'.repeat(40_000); // 920 KB of XML, 40 M characters
    const content = (await odt.file('content.xml')!.async('string')).replace(/<text:p([^>]*)>/, `<text:p$1>${spaces}`);
    odt.file('content.xml', content);
    const bytes = await odt.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
    const error = await limitError(extractFile(bytes, 'spaces.odt'));
    expect(error.message).toMatch(new RegExp(`more than ${MAX_TEXT_CHARS} characters of text`));
  });
});

/** Calls `patch` with the central-directory record of `name` (a view into `zip`) and the whole archive. */
function patchCentralDirectory(zip: Buffer, name: string, patch: (record: Buffer, zip: Buffer) => void): void {
  const signature = Buffer.from([0x50, 0x4b, 0x01, 0x02]);
  for (let at = zip.indexOf(signature); at >= 0; at = zip.indexOf(signature, at + 4)) {
    const nameLength = zip.readUInt16LE(at + 28);
    if (zip.toString('utf8', at + 46, at + 46 + nameLength) === name) return patch(zip.subarray(at), zip);
  }
  throw new Error(`no central-directory record for ${name}`);
}

/** ASCII85 of `data`, as PDF writes it ("~>" at the end). */
function ascii85(data: Buffer): Buffer {
  let out = '';
  for (let i = 0; i < data.length; i += 4) {
    const chunk = Buffer.alloc(4);
    data.copy(chunk, 0, i, Math.min(i + 4, data.length));
    const n = Math.min(4, data.length - i);
    let value = chunk.readUInt32BE(0);
    if (value === 0 && n === 4) {
      out += 'z';
      continue;
    }
    const digits: string[] = [];
    for (let d = 0; d < 5; d++) {
      digits.unshift(String.fromCharCode((value % 85) + 33));
      value = Math.floor(value / 85);
    }
    out += digits.slice(0, n + 1).join('');
  }
  return Buffer.from(`${out}~>`, 'latin1');
}

/**
 * LZW codes 0, 258, 259, 260, …: each code repeats the previous string plus one byte, so the
 * output grows quadratically (a classic LZW bomb). Codes widen from 9 to 12 bits as PDF says.
 */
function lzwBomb(codes: number): Buffer {
  const bits: number[] = [];
  let width = 9;
  let next = 258;
  const put = (code: number): void => {
    for (let b = width - 1; b >= 0; b--) bits.push((code >> b) & 1);
  };
  put(0);
  for (let i = 0; i < codes; i++) {
    if (next >= 4095) {
      put(256); // clear table
      width = 9;
      next = 258;
      put(0);
      continue;
    }
    put(next);
    next++;
    if (next + 1 >= 1 << width && width < 12) width++;
  }
  put(257);
  const bytes = Buffer.alloc(Math.ceil(bits.length / 8));
  bits.forEach((bit, i) => {
    if (bit) bytes[i >> 3]! |= 0x80 >> (i & 7);
  });
  return minimalPdf({ content: { dictionary: '/Filter /LZWDecode', data: bytes } });
}
