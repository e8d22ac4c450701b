/**
 * Decompression limits for PDF files, checked on the raw bytes before pdf.js sees them.
 *
 * pdf.js inflates a stream completely into one growing ArrayBuffer (external memory, which a
 * worker's `maxOldGenerationSizeMb` does not cap): a 1 MB PDF whose content stream inflates to
 * 1 GiB peaked at 2.5 GB per worker. pdf.js has no option to bound that, and its stream classes
 * are not exported, so we measure instead: every stream in the file is decoded through its filter
 * chain with decoders that count their output and discard it (memory O(chunk)), and the file is
 * refused with EXTRACTION_LIMIT when one stream or all streams together decode past a cap.
 *
 * What is measured: FlateDecode (also nested chains such as Flate inside Flate), LZWDecode and
 * RunLengthDecode exactly; ASCIIHexDecode and ASCII85Decode shrink, and are decoded to feed the
 * next filter. Image codecs (DCT, JPX, JBIG2, CCITTFax) end the chain: text extraction never
 * decodes images. A stream whose filter cannot be read (an indirect reference, a misspelling) is
 * tried as Flate, since that is what a hostile file would hide. Object streams (/Type /ObjStm)
 * may themselves contain streams, which pdf.js accepts, so their decoded content is scanned too.
 *
 * Not covered here: encrypted PDFs (the streams are ciphertext until pdf.js decrypts them). The
 * extraction worker's allocation guard (allocation-guard.ts) is the backstop for those: pdf.js
 * may not allocate one buffer past the per-stream cap.
 */
import * as zlib from 'node:zlib';
import { MuragatError } from '../../../../shared/errors';

export interface PdfLimits {
  /** Largest decoded size of one stream, in bytes. */
  maxStreamBytes: number;
  /** Largest decoded size of all streams of the file together, in bytes. */
  maxTotalBytes: number;
  /** Most pages a PDF may have. */
  maxPages: number;
}

const MiB = 1024 * 1024;

/**
 * Measured on ../shared/corpus and ../shared/corpus2 and the repository's fixtures (126 PDFs,
 * scans included; tests/core/extract/pdf-limits.test.ts re-measures them when the corpus is
 * present): the largest decoded stream is 1.9 MB, the largest decoded total of one file 13.1 MB,
 * and decoded/file size at most 6.7. The caps leave a margin of about 64× on one stream (a
 * 600 dpi colour page as a Flate image is ~100 MB and still passes) and 40× on the total. pdf.js
 * holds up to ~2.5× a stream's size while decoding it (a doubling buffer), so 128 MiB per stream
 * bounds one worker's decode peak near 320 MiB on top of its heap.
 */
export const DEFAULT_PDF_LIMITS: Readonly<PdfLimits> = {
  maxStreamBytes: 128 * MiB,
  maxTotalBytes: 512 * MiB,
  maxPages: 10_000,
};

/** Nested object streams deeper than this are not followed (pdf.js does not nest them either). */
const MAX_OBJSTM_DEPTH = 2;

/** What the scan found, for tests and measurements. */
export interface PdfStreamStats {
  streams: number;
  largestStreamBytes: number;
  totalBytes: number;
  /** Streams measured the slow way (damaged, or larger than the synchronous probe). */
  slowStreams: number;
}

/** Output of the synchronous first try at inflating a stream. */
const SYNC_PROBE_BYTES = 4 * 1024 * 1024;

/**
 * Damaged Flate streams one file may have (a real file has none or a few; a bad checksum counts).
 * Each costs ~0.1 ms more than a sound one, so this bounds the scan of a hostile file to ~2 s.
 */
const MAX_DAMAGED_STREAMS = 20_000;

type FilterName = 'flate' | 'lzw' | 'runlength' | 'asciihex' | 'ascii85' | 'image' | 'unknown';

const FILTER_NAMES: Readonly<Record<string, FilterName>> = {
  FlateDecode: 'flate',
  Fl: 'flate',
  LZWDecode: 'lzw',
  LZW: 'lzw',
  RunLengthDecode: 'runlength',
  RL: 'runlength',
  ASCIIHexDecode: 'asciihex',
  AHx: 'asciihex',
  ASCII85Decode: 'ascii85',
  A85: 'ascii85',
  DCTDecode: 'image',
  DCT: 'image',
  JPXDecode: 'image',
  JBIG2Decode: 'image',
  CCITTFaxDecode: 'image',
  CCF: 'image',
};

function limitError(what: string, limit: number, found: number, details: Record<string, unknown> = {}): MuragatError {
  return new MuragatError(
    'EXTRACTION_LIMIT',
    `the PDF is refused: ${what} decompresses to more than ${formatBytes(limit)} (the limit; found at least ${formatBytes(found)}), which looks like a decompression bomb`,
    { limit, found, ...details },
  );
}

export function formatBytes(bytes: number): string {
  return bytes >= MiB ? `${(bytes / MiB).toFixed(bytes % MiB === 0 ? 0 : 1)} MiB` : `${bytes} bytes`;
}

/** Stops a decoder once its output passes the cap. */
class OverCap extends Error {
  constructor(readonly produced: number) {
    super('over cap');
  }
}

/**
 * Inflates `input` and returns the output size (collecting the output only when `keep`), stopping
 * past `cap`. Data after the end of the zlib stream is ignored, and a damaged or truncated stream
 * counts what was decoded before the damage, as pdf.js does.
 */
async function inflateCounting(input: Uint8Array, cap: number, keep: boolean, stats: PdfStreamStats): Promise<{ size: number; output?: Buffer }> {
  const source = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  // No zlib header, no data: pdf.js refuses such a stream too ("Invalid header in flate stream").
  if (!hasZlibHeader(source)) return { size: 0, ...(keep ? { output: Buffer.alloc(0) } : {}) };
  // One bounded synchronous call first: nearly every stream of a real PDF ends within it.
  const probe = Math.min(cap, SYNC_PROBE_BYTES);
  try {
    const output = zlib.inflateSync(source, { finishFlush: zlib.constants.Z_SYNC_FLUSH, maxOutputLength: probe });
    return { size: output.length, ...(keep ? { output } : {}) };
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' && probe === cap) throw new OverCap(cap + 1);
    if ((error as { code?: string }).code !== 'ERR_BUFFER_TOO_LARGE') {
      // Damaged data: what came before the damage still counts (pdf.js decodes it), and only a
      // stream can say how much that was. Those cost more, so a file may not have thousands.
      stats.slowStreams++;
      if (stats.slowStreams > MAX_DAMAGED_STREAMS) {
        throw new MuragatError('EXTRACTION_LIMIT', `the PDF has more than ${MAX_DAMAGED_STREAMS} damaged compressed streams (the limit), which only a hostile file has`, {
          limit: MAX_DAMAGED_STREAMS,
        });
      }
    }
  }
  // Larger than the probe, or damaged: through an inflater whose output chunks are counted and dropped.
  return new Promise((resolve, reject) => {
    const inflater = zlib.createInflate({ finishFlush: zlib.constants.Z_SYNC_FLUSH });
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const done = (): void => {
      if (settled) return;
      settled = true;
      resolve({ size, ...(keep ? { output: Buffer.concat(chunks) } : {}) });
    };
    inflater.on('data', (chunk: Buffer) => {
      if (settled) return;
      size += chunk.length;
      if (size > cap) {
        settled = true;
        inflater.destroy();
        reject(new OverCap(size));
        return;
      }
      if (keep) chunks.push(chunk);
    });
    inflater.on('error', done);
    inflater.on('end', done);
    inflater.on('close', done);
    inflater.end(source);
  });
}

function hasZlibHeader(bytes: Buffer): boolean {
  if (bytes.length < 2) return false;
  const cmf = bytes[0]!;
  const flg = bytes[1]!;
  return (cmf & 0x0f) === 8 && (cmf >> 4) <= 7 && ((cmf << 8) | flg) % 31 === 0;
}

/** LZW (PDF flavour, early change 1): the decoded size, tracking only the length of each code. */
function lzwCounting(input: Uint8Array, cap: number, keep: boolean, earlyChange = 1): { size: number; output?: Buffer } {
  const lengths = new Int32Array(4096);
  const prefix = new Int32Array(4096);
  const suffix = new Uint8Array(4096);
  const firstByte = new Uint8Array(4096);
  for (let i = 0; i < 256; i++) {
    lengths[i] = 1;
    suffix[i] = i;
    firstByte[i] = i;
    prefix[i] = -1;
  }
  let next = 258;
  let codeLength = 9;
  let previous = -1;
  let bitBuffer = 0;
  let bitCount = 0;
  let size = 0;
  const out: number[] | null = keep ? [] : null;
  const emit = (code: number): void => {
    if (!out) return;
    const bytes: number[] = [];
    for (let c = code; c >= 0; c = prefix[c]!) bytes.push(suffix[c]!);
    for (let i = bytes.length - 1; i >= 0; i--) out.push(bytes[i]!);
  };
  for (let i = 0; i < input.length; i++) {
    bitBuffer = ((bitBuffer << 8) | input[i]!) >>> 0;
    bitCount += 8;
    while (bitCount >= codeLength) {
      const code = (bitBuffer >>> (bitCount - codeLength)) & ((1 << codeLength) - 1);
      bitCount -= codeLength;
      if (code === 256) {
        next = 258;
        codeLength = 9;
        previous = -1;
        continue;
      }
      if (code === 257) return { size, ...(out ? { output: Buffer.from(out) } : {}) };
      let current: number;
      if (code < next) current = code;
      else if (code === next && previous >= 0) current = -2;
      else return { size, ...(out ? { output: Buffer.from(out) } : {}) }; // damaged: stop, as pdf.js does
      if (previous >= 0 && next < 4096) {
        lengths[next] = lengths[previous]! + 1;
        prefix[next] = previous;
        suffix[next] = current === -2 ? firstByte[previous]! : firstByte[current]!;
        firstByte[next] = firstByte[previous]!;
        next++;
      }
      const decoded = current === -2 ? next - 1 : current;
      size += lengths[decoded]!;
      if (size > cap) throw new OverCap(size);
      emit(decoded);
      previous = decoded;
      if (next + earlyChange >= 1 << codeLength && codeLength < 12) codeLength++;
    }
  }
  return { size, ...(out ? { output: Buffer.from(out) } : {}) };
}

/** RunLengthDecode: the decoded size, exactly. */
function runLengthCounting(input: Uint8Array, cap: number, keep: boolean): { size: number; output?: Buffer } {
  let size = 0;
  const parts: Buffer[] = [];
  let i = 0;
  while (i < input.length) {
    const length = input[i]!;
    if (length === 128) break;
    if (length < 128) {
      const run = Math.min(length + 1, input.length - i - 1);
      if (keep) parts.push(Buffer.from(input.subarray(i + 1, i + 1 + run)));
      size += run;
      i += length + 2;
    } else {
      if (i + 1 >= input.length) break;
      const run = 257 - length;
      if (keep) parts.push(Buffer.alloc(run, input[i + 1]!));
      size += run;
      i += 2;
    }
    if (size > cap) throw new OverCap(size);
  }
  return { size, ...(keep ? { output: Buffer.concat(parts) } : {}) };
}

function asciiHexDecode(input: Uint8Array): Buffer {
  const text = Buffer.from(input).toString('latin1');
  const end = text.indexOf('>');
  const digits = (end >= 0 ? text.slice(0, end) : text).replace(/[^0-9a-fA-F]/g, '');
  return Buffer.from(digits.length % 2 ? `${digits}0` : digits, 'hex');
}

function ascii85Decode(input: Uint8Array): Buffer {
  const out: number[] = [];
  let group: number[] = [];
  for (let i = 0; i < input.length; i++) {
    const c = input[i]!;
    if (c === 0x7e) break; // '~>' ends the data
    if (c === 0x7a && group.length === 0) {
      out.push(0, 0, 0, 0);
      continue;
    }
    if (c < 0x21 || c > 0x75) continue;
    group.push(c - 33);
    if (group.length === 5) {
      let value = 0;
      for (const digit of group) value = value * 85 + digit;
      out.push((value >>> 24) & 255, (value >>> 16) & 255, (value >>> 8) & 255, value & 255);
      group = [];
    }
  }
  if (group.length > 1) {
    const count = group.length - 1;
    while (group.length < 5) group.push(84);
    let value = 0;
    for (const digit of group) value = value * 85 + digit;
    const bytes = [(value >>> 24) & 255, (value >>> 16) & 255, (value >>> 8) & 255, value & 255];
    out.push(...bytes.slice(0, count));
  }
  return Buffer.from(out);
}

/** The filter chain of a stream dictionary (as raw text); 'unknown' when it cannot be read. */
export function parseFilters(dictionary: string): FilterName[] {
  const match = /\/Filter\s*(\[[^\]]*\]|\/[^\s/[\]<>()]+|\d+\s+\d+\s+R)/.exec(dictionary);
  if (!match) return [];
  const value = match[1]!;
  if (/R$/.test(value)) return ['unknown'];
  const names = [...value.matchAll(/\/([^\s/[\]<>()]+)/g)].map((m) => FILTER_NAMES[m[1]!] ?? 'unknown');
  return value.startsWith('[') && names.length === 0 && /\d+\s+\d+\s+R/.test(value) ? ['unknown'] : names;
}

/**
 * Decodes a stream's data through its filter chain, counting the final size (and returning the
 * decoded bytes when `keep`). Throws OverCap past `cap`.
 */
async function decodeChain(data: Uint8Array, filters: readonly FilterName[], cap: number, keep: boolean, stats: PdfStreamStats): Promise<{ size: number; output?: Buffer }> {
  let current: Uint8Array = data;
  for (let index = 0; index < filters.length; index++) {
    const filter = filters[index]!;
    const last = index === filters.length - 1;
    const keepThis = keep || !last;
    let result: { size: number; output?: Buffer };
    switch (filter) {
      case 'flate':
      case 'unknown':
        result = await inflateCounting(current, cap, keepThis, stats);
        if (filter === 'unknown' && result.size === 0) return { size: current.length, ...(keep ? { output: Buffer.from(current) } : {}) };
        break;
      case 'lzw':
        result = lzwCounting(current, cap, keepThis);
        break;
      case 'runlength':
        result = runLengthCounting(current, cap, keepThis);
        break;
      case 'asciihex':
        current = asciiHexDecode(current);
        result = { size: current.length, output: current as Buffer };
        break;
      case 'ascii85':
        current = ascii85Decode(current);
        result = { size: current.length, output: current as Buffer };
        break;
      case 'image':
        // Image codecs are decoded only when a page is drawn; its input is what we hold.
        return { size: current.length, ...(keep ? { output: Buffer.from(current) } : {}) };
    }
    if (last || !result.output) return result;
    current = result.output;
  }
  return { size: current.length, ...(keep ? { output: Buffer.from(current) } : {}) };
}

/** The text of the stream dictionary that ends at `end` (just after the `>>` before `stream`). */
function dictionaryBefore(bytes: Buffer, end: number): string {
  // Only a window is decoded to text: a dictionary is small, and the file may be hundreds of MB.
  // A small window first; the large one only for a dictionary that does not fit in it.
  const small = dictionaryIn(bytes, end, 2048);
  return small ?? dictionaryIn(bytes, end, 64 * 1024) ?? bytes.toString('latin1', Math.max(0, end - 64 * 1024), end);
}

function dictionaryIn(bytes: Buffer, end: number, window: number): string | null {
  const windowStart = Math.max(0, end - window);
  const text = bytes.toString('latin1', windowStart, end);
  // Walk back over nested << >> to the dictionary's own `<<`.
  let depth = 0;
  for (let i = text.length - 1; i > 0; i--) {
    if (text[i] === '>' && text[i - 1] === '>') {
      depth++;
      i--;
    } else if (text[i] === '<' && text[i - 1] === '<') {
      depth--;
      i--;
      if (depth === 0) return text.slice(i);
    }
  }
  return windowStart === 0 ? text : null;
}

const STREAM = Buffer.from('stream', 'latin1');
const ENDSTREAM = Buffer.from('endstream', 'latin1');

function isPdfWhitespace(byte: number | undefined): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09 || byte === 0x0c || byte === 0x00;
}

/**
 * Where the `>>` that opens a stream ends, when `stream` at `at` is a stream keyword (after a
 * dictionary, not inside `endstream`); -1 otherwise.
 */
function dictionaryEndBefore(bytes: Buffer, at: number): number {
  let i = at - 1;
  while (i >= 0 && isPdfWhitespace(bytes[i])) i--;
  return i >= 1 && bytes[i] === 0x3e && bytes[i - 1] === 0x3e ? i + 1 : -1;
}

/**
 * Measures every stream of a PDF held in `bytes` and throws EXTRACTION_LIMIT past the limits.
 * Memory: the input plus one decoder's working chunk; object streams are decoded (under the cap)
 * to look inside them.
 */
export async function checkPdfStreams(bytes: Uint8Array, limits: Readonly<PdfLimits> = DEFAULT_PDF_LIMITS): Promise<PdfStreamStats> {
  const stats: PdfStreamStats = { streams: 0, largestStreamBytes: 0, totalBytes: 0, slowStreams: 0 };
  await scan(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), limits, stats, 0);
  return stats;
}

async function scan(bytes: Buffer, limits: Readonly<PdfLimits>, stats: PdfStreamStats, depth: number): Promise<void> {
  // The next `endstream` at or after a position, remembered: a hostile file with thousands of
  // streams and no `endstream` must not make every stream search to the end of the file.
  let nextEnd = -2;
  const endAfter = (position: number): number => {
    if (nextEnd === -1 || nextEnd >= position) return nextEnd;
    nextEnd = bytes.indexOf(ENDSTREAM, position);
    return nextEnd;
  };
  for (let at = bytes.indexOf(STREAM); at >= 0; at = bytes.indexOf(STREAM, at + STREAM.length)) {
    const dictionaryEnd = dictionaryEndBefore(bytes, at);
    if (dictionaryEnd < 0) continue;
    // The keyword is followed by an end of line (CRLF, LF, or a lone CR in damaged files).
    let dataStart = at + STREAM.length;
    if (bytes[dataStart] === 0x0d) dataStart++;
    if (bytes[dataStart] === 0x0a) dataStart++;
    const dictionary = dictionaryBefore(bytes, dictionaryEnd);
    const filters = parseFilters(dictionary);
    if (filters.length === 0) continue; // raw data: its size is its size in the file
    // Where the data ends: a direct /Length when it reaches further, else the next `endstream`.
    let dataEnd = endAfter(dataStart);
    if (dataEnd < 0) dataEnd = bytes.length;
    const lengthMatch = /\/Length\s+(\d+)(?!\s+\d+\s+R)/.exec(dictionary);
    if (lengthMatch) {
      const declared = dataStart + Number(lengthMatch[1]);
      if (declared <= bytes.length && declared > dataEnd) dataEnd = declared;
    }
    const data = bytes.subarray(dataStart, dataEnd);
    const isObjectStream = /\/Type\s*\/ObjStm\b/.test(dictionary) && depth < MAX_OBJSTM_DEPTH;
    const remaining = limits.maxTotalBytes - stats.totalBytes;
    const cap = Math.min(limits.maxStreamBytes, remaining);
    let result: { size: number; output?: Buffer };
    try {
      result = await decodeChain(data, filters, cap, isObjectStream, stats);
    } catch (error) {
      if (!(error instanceof OverCap)) throw error;
      stats.streams++;
      if (cap === limits.maxStreamBytes) {
        throw limitError(`one stream (at byte ${dataStart})`, limits.maxStreamBytes, error.produced, { offset: dataStart });
      }
      throw limitError('all streams together', limits.maxTotalBytes, stats.totalBytes + error.produced);
    }
    stats.streams++;
    stats.totalBytes += result.size;
    stats.largestStreamBytes = Math.max(stats.largestStreamBytes, result.size);
    if (isObjectStream && result.output && result.output.length > 0) await scan(result.output, limits, stats, depth + 1);
  }
}

/** Throws EXTRACTION_LIMIT when a PDF has more pages than allowed. */
export function checkPdfPageCount(pages: number, limits: Readonly<PdfLimits> = DEFAULT_PDF_LIMITS): void {
  if (pages > limits.maxPages) {
    throw new MuragatError('EXTRACTION_LIMIT', `the PDF has ${pages} pages, more than the limit of ${limits.maxPages}`, { limit: limits.maxPages, found: pages });
  }
}
