/**
 * Builders of hostile files for the extraction-limit tests, made in the test rather than
 * committed: a few hundred kilobytes of deflate data that inflate to as much as asked.
 */
import * as zlib from 'node:zlib';

/** `bytes` of zeros, deflated (zlib format, as PDF FlateDecode wants) without holding them. */
export async function deflatedZeros(bytes: number): Promise<Buffer> {
  const deflater = zlib.createDeflate({ level: 9 });
  const chunks: Buffer[] = [];
  deflater.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<void>((resolve, reject) => {
    deflater.on('end', resolve);
    deflater.on('error', reject);
  });
  const block = Buffer.alloc(4 * 1024 * 1024);
  for (let left = bytes; left > 0; left -= block.length) {
    const part = left >= block.length ? block : block.subarray(0, left);
    if (!deflater.write(part)) await new Promise((resolve) => deflater.once('drain', resolve));
  }
  deflater.end();
  await done;
  return Buffer.concat(chunks);
}

export interface PdfStream {
  /** Extra dictionary entries, e.g. '/Filter /FlateDecode'. */
  dictionary: string;
  data: Buffer;
}

/**
 * A minimal valid PDF (catalog, page tree, `pages` pages, correct xref) whose first page's
 * content is `content`, plus any `extraObjects` (raw object bodies numbered after the pages).
 * `tag` goes into a comment so that otherwise identical files differ in their bytes.
 */
export function minimalPdf(options: { content: PdfStream; pages?: number; extraObjects?: Array<string | PdfStream>; tag?: string }): Buffer {
  const pageCount = options.pages ?? 1;
  const parts: Buffer[] = [Buffer.from(`%PDF-1.7\n%\xe2\xe3\xcf\xd3 ${options.tag ?? ''}\n`, 'latin1')];
  const offsets: number[] = [];
  let length = parts[0]!.length;
  const add = (body: Buffer): void => {
    offsets.push(length);
    const number = offsets.length;
    const chunk = Buffer.concat([Buffer.from(`${number} 0 obj\n`, 'latin1'), body, Buffer.from('\nendobj\n', 'latin1')]);
    parts.push(chunk);
    length += chunk.length;
  };
  const stream = (s: PdfStream): Buffer =>
    Buffer.concat([Buffer.from(`<< ${s.dictionary} /Length ${s.data.length} >>\nstream\n`, 'latin1'), s.data, Buffer.from('\nendstream', 'latin1')]);
  // 1 catalog, 2 page tree, 3 content, 4.. pages, then the extra objects.
  const pageIds = Array.from({ length: pageCount }, (_, i) => 4 + i);
  add(Buffer.from('<< /Type /Catalog /Pages 2 0 R >>', 'latin1'));
  add(Buffer.from(`<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pageCount} >>`, 'latin1'));
  add(stream(options.content));
  for (let i = 0; i < pageCount; i++) {
    add(Buffer.from('<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 3 0 R /Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >> >>', 'latin1'));
  }
  for (const extra of options.extraObjects ?? []) add(typeof extra === 'string' ? Buffer.from(extra, 'latin1') : stream(extra));
  const xrefAt = length;
  const xref = [`xref\n0 ${offsets.length + 1}\n0000000000 65535 f \n`, ...offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`)].join('');
  parts.push(Buffer.from(`${xref}trailer\n<< /Size ${offsets.length + 1} /Root 1 0 R >>\nstartxref\n${xrefAt}\n%%EOF\n`, 'latin1'));
  return Buffer.concat(parts);
}

/** A page that shows `text` in Helvetica (ASCII only). */
export function textContent(text: string): PdfStream {
  return { dictionary: '', data: Buffer.from(`BT /F1 12 Tf 72 760 Td (${text}) Tj ET`, 'latin1') };
}

/** A 1-page PDF whose content stream is `inflatedBytes` of zeros behind FlateDecode. */
export async function pdfBomb(inflatedBytes: number, tag = ''): Promise<Buffer> {
  return minimalPdf({ content: { dictionary: '/Filter /FlateDecode', data: await deflatedZeros(inflatedBytes) }, tag });
}
