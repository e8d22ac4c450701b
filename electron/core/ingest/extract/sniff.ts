/**
 * Which format a file is, decided by its name AND its bytes.
 *
 * The extension says what the sender meant; the first bytes say what the file is. When they
 * agree we extract; when a supported extension lies (a `.pdf` that is an HTML error page saved
 * by a browser, a `.docx` that is a text file) we refuse with FILE_TYPE_MISMATCH rather than
 * importing rubbish. Two lies are so common in Kazakh and Russian offices that we accept them:
 * Word-processor files under each other's extension (RTF or DOCX saved as `.doc`, HTML "web page"
 * documents saved as `.doc`), and text files that are really HTML. The importer is told through
 * `note`. Files Muragat does not read at all (images, spreadsheets, data files, archives,
 * programs) are reported as unsupported, which the importer lists as skipped, not failed.
 */
import { MuragatError, type ErrorCode } from '../../../../shared/errors';
import { decodeBytes, detectBom, detectUtf16WithoutBom, looksBinary } from './text';
import type { SourceFormat } from './types';
import { openZip } from './zip';

export type SniffResult = { format: SourceFormat; note?: string } | { unsupported: true; reason: string };

/** File extensions Muragat imports, lower case, without the dot. */
export const SUPPORTED_EXTENSIONS = ['pdf', 'docx', 'doc', 'odt', 'rtf', 'txt', 'text', 'html', 'htm', 'xhtml', 'md', 'markdown'] as const;
export type SupportedExtension = (typeof SUPPORTED_EXTENSIONS)[number];

const FORMAT_BY_EXTENSION: Readonly<Record<SupportedExtension, SourceFormat>> = {
  pdf: 'pdf',
  docx: 'docx',
  doc: 'doc',
  odt: 'odt',
  rtf: 'rtf',
  txt: 'txt',
  text: 'txt',
  html: 'html',
  htm: 'html',
  xhtml: 'html',
  md: 'markdown',
  markdown: 'markdown',
};

/** IANA media type of each format's original file. */
export const MEDIA_TYPES: Readonly<Record<SourceFormat, string>> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  doc: 'application/msword',
  odt: 'application/vnd.oasis.opendocument.text',
  rtf: 'application/rtf',
  txt: 'text/plain',
  html: 'text/html',
  markdown: 'text/markdown',
};

/** Extensions we know and deliberately do not import, with the reason shown in the import report. */
const UNSUPPORTED_EXTENSIONS: Readonly<Record<string, string>> = (() => {
  const groups: Array<[string, string[]]> = [
    ['data file', ['json', 'jsonl', 'ndjson', 'csv', 'tsv', 'yaml', 'yml', 'xml', 'toml', 'ini', 'cfg', 'log', 'sql', 'db', 'sqlite', 'sqlite3', 'muragat']],
    ['spreadsheet', ['xlsx', 'xlsm', 'xls', 'ods', 'numbers']],
    ['presentation', ['pptx', 'ppt', 'odp', 'key']],
    ['archive', ['zip', 'rar', '7z', 'gz', 'tgz', 'bz2', 'xz', 'tar', 'cab', 'iso']],
    ['image', ['png', 'jpg', 'jpeg', 'gif', 'bmp', 'tif', 'tiff', 'webp', 'heic', 'heif', 'svg', 'ico', 'psd', 'djvu']],
    ['audio or video', ['mp3', 'wav', 'ogg', 'm4a', 'mp4', 'avi', 'mov', 'mkv', 'wmv', 'webm']],
    ['program or script', ['exe', 'dll', 'msi', 'bat', 'cmd', 'com', 'sh', 'ps1', 'vbs', 'js', 'mjs', 'ts', 'py', 'jar', 'apk', 'lnk']],
    ['e-mail', ['eml', 'msg', 'pst']],
  ];
  const map: Record<string, string> = {};
  for (const [kind, extensions] of groups) for (const extension of extensions) map[extension] = kind;
  return map;
})();

/** The lower-case extension of a file name, without the dot; '' when there is none. */
export function fileExtension(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
}

/** True when the file name has an extension Muragat imports (`.PDF`, `.docx`, …). */
export function isSupportedExtension(fileName: string): boolean {
  return (SUPPORTED_EXTENSIONS as readonly string[]).includes(fileExtension(fileName));
}

/* ------------------------------------------------------------------------------------------------
 * What the bytes are
 * ---------------------------------------------------------------------------------------------- */

/** What the content is, independent of the name. `other` carries a human description. */
export type ContentKind =
  | { kind: 'pdf' }
  | { kind: 'docx' }
  | { kind: 'odt' }
  | { kind: 'doc' }
  | { kind: 'rtf' }
  | { kind: 'html' }
  | { kind: 'text' }
  | { kind: 'encrypted-office' }
  | { kind: 'broken-zip'; error: MuragatError }
  /** An OLE2 compound file whose streams we could not identify (damaged, or an unusual writer). */
  | { kind: 'unknown-ole2' }
  /** Bytes that are no format we know and not text: damaged, encrypted or random. */
  | { kind: 'binary' }
  | { kind: 'other'; label: string };

function startsWith(bytes: Uint8Array, signature: readonly number[], offset = 0): boolean {
  if (bytes.length < offset + signature.length) return false;
  return signature.every((byte, i) => bytes[offset + i] === byte);
}

function ascii(text: string): number[] {
  return [...text].map((ch) => ch.charCodeAt(0));
}

/** Index of an ASCII signature within the first `limit` bytes, or -1. */
function indexOfAscii(bytes: Uint8Array, text: string, limit: number): number {
  return Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, limit)).indexOf(text, 0, 'latin1');
}

/** Binary formats we recognise only to name them in the skip reason. */
const OTHER_SIGNATURES: ReadonlyArray<{ label: string; bytes: number[]; offset?: number }> = [
  { label: 'a PNG image', bytes: [0x89, 0x50, 0x4e, 0x47] },
  { label: 'a JPEG image', bytes: [0xff, 0xd8, 0xff] },
  { label: 'a GIF image', bytes: ascii('GIF8') },
  { label: 'a TIFF image', bytes: [0x49, 0x49, 0x2a, 0x00] },
  { label: 'a TIFF image', bytes: [0x4d, 0x4d, 0x00, 0x2a] },
  { label: 'a BMP image', bytes: ascii('BM') },
  { label: 'a WebP image', bytes: ascii('WEBP'), offset: 8 },
  { label: 'a DjVu document', bytes: ascii('AT&TFORM') },
  { label: 'a program', bytes: ascii('MZ') },
  { label: 'a program', bytes: [0x7f, 0x45, 0x4c, 0x46] },
  { label: 'a gzip archive', bytes: [0x1f, 0x8b] },
  { label: 'a 7-Zip archive', bytes: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c] },
  { label: 'a RAR archive', bytes: ascii('Rar!') },
  { label: 'an SQLite database', bytes: ascii('SQLite format 3\0') },
  { label: 'an MP3 file', bytes: ascii('ID3') },
  { label: 'a video or audio file', bytes: ascii('ftyp'), offset: 4 },
];

const PDF_MAGIC_WINDOW = 1024;
const OLE2_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const EMPTY_ZIP_MAGIC = [0x50, 0x4b, 0x05, 0x06];

/** The start of the file as text, for tag and `{\rtf` checks (ASCII-compatible is enough). */
function headText(bytes: Uint8Array): string {
  const bom = detectBom(bytes);
  const start = bom?.length ?? 0;
  const encoding = bom?.encoding ?? detectUtf16WithoutBom(bytes.subarray(0, 4096));
  const head = bytes.subarray(start, start + 2048);
  if (encoding === 'utf-16le' || encoding === 'utf-16be') return decodeBytes(head.subarray(0, head.length & ~1), encoding);
  if (encoding === 'utf-32le' || encoding === 'utf-32be') return decodeBytes(head.subarray(0, head.length & ~3), encoding);
  return Buffer.from(head.buffer, head.byteOffset, head.byteLength).toString('latin1');
}

/** `<!doctype html>`, `<html>` or a document-level tag first, after comments and an XML declaration. */
export function looksLikeHtml(head: string): boolean {
  const start = head
    .replace(/^\uFEFF/, '')
    .replace(/^(?:\s+|<\?xml[^>]*\?>|<!--[\s\S]*?-->)*/i, '')
    .slice(0, 64)
    .toLowerCase();
  return /^<!doctype\s+html\b/.test(start) || /^<(?:html|head|body|meta|title)\b/.test(start);
}

function looksLikeRtf(head: string): boolean {
  return /^\s*\{\\rtf/.test(head.replace(/^\uFEFF/, ''));
}


/** The UTF-16LE bytes of an OLE2 stream name, found anywhere in the file's directory. */
function hasOleStream(bytes: Uint8Array, name: string): boolean {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).indexOf(Buffer.from(name, 'utf16le')) >= 0;
}

const ODT_MIMETYPE = 'application/vnd.oasis.opendocument.text';

/** A password-protected DOCX (or XLSX…): an OLE2 container holding an `EncryptedPackage` stream. */
export function isEncryptedOoxml(bytes: Uint8Array): boolean {
  return startsWith(bytes, OLE2_MAGIC) && hasOleStream(bytes, 'EncryptedPackage');
}

/** Tells a Word document from other OLE2 files by the names of the streams in its directory. */
function ole2ContentKind(bytes: Uint8Array): ContentKind {
  if (isEncryptedOoxml(bytes)) return { kind: 'encrypted-office' };
  if (hasOleStream(bytes, 'WordDocument')) return { kind: 'doc' };
  if (hasOleStream(bytes, 'Workbook') || hasOleStream(bytes, 'Book')) return { kind: 'other', label: 'an Excel spreadsheet' };
  if (hasOleStream(bytes, 'PowerPoint Document')) return { kind: 'other', label: 'a PowerPoint presentation' };
  if (hasOleStream(bytes, '__substg1.0_')) return { kind: 'other', label: 'an Outlook message' };
  return { kind: 'unknown-ole2' };
}

/** Looks into a ZIP's directory to tell DOCX from ODT from any other ZIP. */
async function zipContentKind(bytes: Uint8Array): Promise<ContentKind> {
  let zip;
  try {
    zip = await openZip(bytes, 'FILE_UNREADABLE');
  } catch (error) {
    return { kind: 'broken-zip', error: error as MuragatError };
  }
  try {
    if (zip.has('word/document.xml')) return { kind: 'docx' };
    const mimetypeSize = zip.sizes('mimetype')?.uncompressedSize ?? 0;
    if (mimetypeSize > 0 && mimetypeSize < 256) {
      const mimetype = (await zip.read('mimetype'))?.toString('latin1').trim();
      if (mimetype === ODT_MIMETYPE) return { kind: 'odt' };
      if (mimetype?.startsWith('application/vnd.oasis.opendocument.')) return { kind: 'other', label: 'an OpenDocument file that is not a text document' };
      if (mimetype === 'application/epub+zip') return { kind: 'other', label: 'an EPUB book' };
    }
    if (zip.has('xl/workbook.xml')) return { kind: 'other', label: 'an Excel spreadsheet' };
    if (zip.has('ppt/presentation.xml')) return { kind: 'other', label: 'a PowerPoint presentation' };
    return { kind: 'other', label: 'a ZIP archive' };
  } catch (error) {
    return { kind: 'broken-zip', error: error as MuragatError };
  } finally {
    zip.close();
  }
}

/** Decides what the bytes are, without looking at the name. */
export async function sniffContent(bytes: Uint8Array): Promise<ContentKind> {
  // Containers first: a ZIP may hold a stored PDF whose header falls within the first kilobyte.
  if (startsWith(bytes, ZIP_MAGIC) || startsWith(bytes, EMPTY_ZIP_MAGIC)) return zipContentKind(bytes);
  if (startsWith(bytes, OLE2_MAGIC)) return ole2ContentKind(bytes);
  // PDF readers accept junk (a mail header, a BOM) before the header; so do we, up to 1 KB.
  if (indexOfAscii(bytes, '%PDF-', PDF_MAGIC_WINDOW) >= 0) return { kind: 'pdf' };
  for (const signature of OTHER_SIGNATURES) {
    if (startsWith(bytes, signature.bytes, signature.offset)) return { kind: 'other', label: signature.label };
  }
  const head = headText(bytes);
  if (looksLikeRtf(head)) return { kind: 'rtf' };
  if (looksBinary(bytes)) return { kind: 'binary' };
  if (looksLikeHtml(head)) return { kind: 'html' };
  return { kind: 'text' };
}

/* ------------------------------------------------------------------------------------------------
 * Name and bytes together
 * ---------------------------------------------------------------------------------------------- */

const FORMAT_LABEL: Readonly<Record<SourceFormat, string>> = {
  pdf: 'PDF',
  docx: 'DOCX',
  doc: 'DOC',
  odt: 'ODT',
  rtf: 'RTF',
  txt: 'plain text',
  html: 'HTML',
  markdown: 'Markdown',
};

function contentLabel(content: ContentKind): string {
  switch (content.kind) {
    case 'text':
      return 'plain text';
    case 'encrypted-office':
      return 'a password-protected Office document';
    case 'broken-zip':
      return 'a damaged ZIP archive';
    case 'unknown-ole2':
      return 'a Microsoft Office file of an unknown kind';
    case 'binary':
      return 'binary data';
    case 'other':
      return content.label;
    default:
      return FORMAT_LABEL[content.kind];
  }
}

/** Word-processor formats that offices routinely save under each other's extension. */
const WORD_PROCESSOR_FORMATS: ReadonlySet<string> = new Set(['doc', 'docx', 'odt', 'rtf']);

/** The format to read when the content is a document we can read in its own right. */
function readableFormat(content: ContentKind): SourceFormat | undefined {
  switch (content.kind) {
    case 'pdf':
    case 'docx':
    case 'odt':
    case 'doc':
    case 'rtf':
    case 'html':
      return content.kind;
    default:
      return undefined;
  }
}

/** What to say when a file has the right extension but unreadable bytes: it is damaged. */
const CORRUPT_CODE: Readonly<Record<SourceFormat, ErrorCode>> = {
  pdf: 'PDF_CORRUPT',
  docx: 'DOCX_CORRUPT',
  doc: 'DOC_CORRUPT',
  odt: 'ODT_CORRUPT',
  rtf: 'RTF_CORRUPT',
  txt: 'TEXT_UNDECODABLE',
  html: 'TEXT_UNDECODABLE',
  markdown: 'TEXT_UNDECODABLE',
};

/** Reconciles the extension's promise with the content. */
function reconcile(expected: SourceFormat, content: ContentKind, extension: string): SniffResult {
  const actual = readableFormat(content);
  if (actual === expected) return { format: expected };
  if ((expected === 'txt' || expected === 'markdown') && content.kind === 'text') return { format: expected };

  if (content.kind === 'encrypted-office') {
    throw new MuragatError('DOCUMENT_ENCRYPTED', 'the document is password-protected', { expected, actual: 'encrypted' });
  }
  if (content.kind === 'broken-zip' && (expected === 'docx' || expected === 'odt')) {
    throw new MuragatError(CORRUPT_CODE[expected], `the ${FORMAT_LABEL[expected]} file is damaged: ${content.error.message}`, { expected }, { cause: content.error });
  }
  // Bytes that are nothing recognisable: from the user's side, a damaged file of the promised kind.
  if (content.kind === 'binary') {
    throw new MuragatError(CORRUPT_CODE[expected], `the ${FORMAT_LABEL[expected]} file is damaged or is not ${FORMAT_LABEL[expected]}`, { expected, actual: 'binary' });
  }
  // An OLE2 file we could not identify, named .doc: let the DOC reader decide.
  if (content.kind === 'unknown-ole2' && expected === 'doc') return { format: 'doc' };
  // A text file that is HTML: read it as HTML, or the text would be full of tags.
  if ((expected === 'txt' || expected === 'markdown') && content.kind === 'html') {
    return { format: 'html', note: `.${extension} file contains HTML; read as HTML` };
  }
  // An HTML fragment without <html>/<!doctype>: the HTML reader handles plain text too.
  if (expected === 'html' && content.kind === 'text') return { format: 'html' };
  if (
    actual !== undefined &&
    WORD_PROCESSOR_FORMATS.has(expected) &&
    (WORD_PROCESSOR_FORMATS.has(actual) || (expected === 'doc' && actual === 'html'))
  ) {
    return { format: actual, note: `.${extension} file is really ${FORMAT_LABEL[actual]}; read as ${FORMAT_LABEL[actual]}` };
  }
  const actualLabel = contentLabel(content);
  throw new MuragatError('FILE_TYPE_MISMATCH', `expected ${FORMAT_LABEL[expected]} but the file is ${actualLabel}`, {
    expected,
    actual: actual ?? content.kind,
    actualLabel,
  });
}

/** A name without a known extension: the content decides, but only for real documents. */
function fromContentOnly(content: ContentKind, extension: string): SniffResult {
  const actual = readableFormat(content);
  // A `.bin` or extension-less PDF or Word file is a document; a random text file (.xml, .conf,
  // a README) is not something the archive should swallow when a whole folder is dropped in.
  if (actual !== undefined && actual !== 'html') return { format: actual, note: `format taken from the content (${extension ? `.${extension}` : 'no extension'})` };
  if (content.kind === 'encrypted-office') {
    throw new MuragatError('DOCUMENT_ENCRYPTED', 'the document is password-protected', { actual: 'encrypted' });
  }
  const what = content.kind === 'html' || content.kind === 'text' ? 'a text file of an unknown type' : contentLabel(content);
  return { unsupported: true, reason: extension ? `.${extension}: ${what}` : `no file extension: ${what}` };
}

/**
 * Decides the format of a file from its name and its bytes.
 * @returns the format to extract, or `unsupported` (skipped by the importer, not an error).
 * @throws MuragatError FILE_EMPTY, FILE_TYPE_MISMATCH (the extension promises another format),
 *   DOCX_CORRUPT / ODT_CORRUPT (the promised ZIP is damaged), DOCUMENT_ENCRYPTED.
 */
export async function sniffFormat(bytes: Uint8Array, fileName: string): Promise<SniffResult> {
  if (bytes.byteLength === 0) throw new MuragatError('FILE_EMPTY', 'the file is empty (0 bytes)', { fileName });
  const extension = fileExtension(fileName);
  const unsupportedKind = UNSUPPORTED_EXTENSIONS[extension];
  if (unsupportedKind) return { unsupported: true, reason: `.${extension}: ${unsupportedKind}, not a document Muragat reads` };

  const content = await sniffContent(bytes);
  const expected = (SUPPORTED_EXTENSIONS as readonly string[]).includes(extension)
    ? FORMAT_BY_EXTENSION[extension as SupportedExtension]
    : undefined;
  return expected ? reconcile(expected, content, extension) : fromContentOnly(content, extension);
}
