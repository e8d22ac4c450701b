/**
 * Builders of hostile files for the extraction-limit tests, made in the test rather than
 * committed: a few hundred kilobytes of deflate data that inflate to as much as asked.
 */
import { createHash } from 'node:crypto';
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
export function minimalPdf(options: { content: PdfStream; pages?: number; extraObjects?: Array<string | PdfStream>; tag?: string; trailer?: string }): Buffer {
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
  parts.push(Buffer.from(`${xref}trailer\n<< /Size ${offsets.length + 1} /Root 1 0 R ${options.trailer ?? ''} >>\nstartxref\n${xrefAt}\n%%EOF\n`, 'latin1'));
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

function rc4(key: Buffer, data: Buffer): Buffer {
  const state = Array.from({ length: 256 }, (_, i) => i);
  for (let i = 0, j = 0; i < 256; i++) {
    j = (j + state[i]! + key[i % key.length]!) & 255;
    [state[i], state[j]] = [state[j]!, state[i]!];
  }
  const out = Buffer.alloc(data.length);
  for (let n = 0, i = 0, j = 0; n < data.length; n++) {
    i = (i + 1) & 255;
    j = (j + state[i]!) & 255;
    [state[i], state[j]] = [state[j]!, state[i]!];
    out[n] = data[n]! ^ state[(state[i]! + state[j]!) & 255]!;
  }
  return out;
}

const PASSWORD_PADDING = Buffer.from('28bf4e5e4e758a4164004e56fffa01082e2e00b6d0683e802f0ca9fe6453697a', 'hex');

/**
 * A 1-page PDF encrypted with the standard security handler (RC4, 40 bits, revision 2) and an
 * empty user password, as many office PDFs are ("protected" against editing only): pdf.js opens
 * it without asking, but its streams are ciphertext to anyone who does not decrypt them.
 */
export function encryptedPdf(content: PdfStream, tag = ''): Buffer {
  const owner = createHash('sha256').update(`owner ${tag}`).digest();
  const id = createHash('md5').update(`id ${tag}`).digest();
  const permissions = Buffer.alloc(4);
  permissions.writeInt32LE(-4);
  const key = createHash('md5').update(Buffer.concat([PASSWORD_PADDING, owner, permissions, id])).digest().subarray(0, 5);
  const user = rc4(key, PASSWORD_PADDING);
  // The content is object 3, generation 0.
  const objectKey = createHash('md5').update(Buffer.concat([key, Buffer.from([3, 0, 0, 0, 0])])).digest().subarray(0, 10);
  return minimalPdf({
    content: { dictionary: content.dictionary, data: rc4(objectKey, content.data) },
    extraObjects: [`<< /Filter /Standard /V 1 /R 2 /O <${owner.toString('hex')}> /U <${user.toString('hex')}> /P -4 >>`],
    trailer: `/Encrypt 5 0 R /ID [<${id.toString('hex')}> <${id.toString('hex')}>]`,
    tag,
  });
}
