/**
 * HTML to text: what a reader sees in the page body, one paragraph per line.
 *
 * Government sites and "Save as web page" from Word produce most of the HTML we get. Their
 * declared charset is usually right but sometimes stale (a site moved to UTF-8 and kept
 * `<meta charset=windows-1251>`), so the declaration is checked against the bytes.
 * The parser is htmlparser2 in streaming mode: a 2 MB code of laws is one pass, no DOM.
 */
import iconv from 'iconv-lite';
import { Parser } from 'htmlparser2';
import { MuragatError } from '../../../../shared/errors';
import { MEDIA_TYPES } from './sniff';
import {
  checkUtf8,
  decodeBytes,
  decodeText,
  detectBom,
  detectUtf16WithoutBom,
  iconvEncodingFor,
  joinParagraphs,
  normalizeExtractedText,
  type TextEncodingName,
} from './text';
import { MAX_TEXT_CHARS, textLimitError } from './limits';
import type { ExtractedDocument } from './types';

/**
 * Most elements open at once. htmlparser2 keeps its open elements in an array it unshifts on
 * every start tag, so depth costs quadratic time: a file of 1,000,000 `<div>`s ran 2 minutes into
 * the extraction timeout at 2 GB. Browsers stop nesting at 512; Word's deepest pages are tens.
 */
export const MAX_HTML_DEPTH = 10_000;

/* ------------------------------------------------------------------------------------------------
 * Charset
 * ---------------------------------------------------------------------------------------------- */

/** How far into the file a charset declaration is looked for (browsers use 1024; Word writes long heads). */
const DECLARATION_WINDOW = 2048;

/** The charset label declared by `<meta charset>`, `<meta http-equiv=Content-Type>` or `<?xml encoding>`. */
export function declaredCharset(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, DECLARATION_WINDOW)).toString('latin1');
  const withoutComments = head.replace(/<!--[\s\S]*?-->/g, '');
  const meta = /<meta\b[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_:.+-]+)/i.exec(withoutComments);
  if (meta?.[1]) return meta[1].toLowerCase();
  const xml = /^\s*<\?xml\b[^>]*\bencoding\s*=\s*["']([A-Za-z0-9_:.+-]+)["']/i.exec(withoutComments);
  return xml?.[1]?.toLowerCase();
}

/**
 * Charset labels of the encodings we name, mapped to our names (so the reported encoding does
 * not depend on how a page spelled it). WHATWG reads "iso-8859-1" and "ascii" as Windows-1252.
 */
const CHARSET_ALIASES: Readonly<Record<string, TextEncodingName>> = {
  'windows-1251': 'windows-1251', cp1251: 'windows-1251', 'x-cp1251': 'windows-1251', 'win-1251': 'windows-1251',
  'koi8-r': 'koi8-r', koi8r: 'koi8-r', koi8: 'koi8-r', cskoi8r: 'koi8-r',
  ibm866: 'ibm866', cp866: 'ibm866', '866': 'ibm866',
  'kz-1048': 'kz-1048', kz1048: 'kz-1048', rk1048: 'kz-1048', 'strk1048-2002': 'kz-1048',
  'windows-1252': 'windows-1252', cp1252: 'windows-1252', 'iso-8859-1': 'windows-1252', 'iso8859-1': 'windows-1252',
  latin1: 'windows-1252', l1: 'windows-1252', 'us-ascii': 'windows-1252', ascii: 'windows-1252',
};

export interface DecodedHtml {
  html: string;
  encoding: string;
  warnings: string[];
}

/**
 * Decodes HTML bytes: BOM, then the declared charset (checked against the bytes), then the same
 * detection as plain text.
 */
export function decodeHtml(bytes: Uint8Array): DecodedHtml {
  if (detectBom(bytes) || detectUtf16WithoutBom(bytes)) return asDecodedHtml(decodeText(bytes));

  const label = declaredCharset(bytes);
  if (!label) return asDecodedHtml(decodeText(bytes));

  const warnings: string[] = [];
  const utf8 = checkUtf8(bytes);
  const declaredUtf8 = label === 'utf-8' || label === 'utf8';
  if (declaredUtf8) {
    if (utf8.valid) return { html: decodeBytes(bytes, 'utf-8'), encoding: 'utf-8', warnings };
    warnings.push('the page declares UTF-8 but is not valid UTF-8; encoding detected instead');
    const detected = decodeText(bytes);
    return { html: detected.text, encoding: detected.encoding, warnings: [...warnings, ...detected.warnings] };
  }
  // Non-ASCII text that is valid UTF-8 is UTF-8 whatever the page says: no 1251 text is.
  if (utf8.valid && utf8.nonAscii > 0) {
    warnings.push(`the page declares ${label} but its bytes are UTF-8`);
    return { html: decodeBytes(bytes, 'utf-8'), encoding: 'utf-8', warnings };
  }
  const known = CHARSET_ALIASES[label];
  if (known) return { html: normalizeExtractedText(decodeBytes(bytes, known)), encoding: known, warnings };
  const iconvName = iconvEncodingFor(label);
  // A declared UTF-16 without a BOM cannot be true of bytes whose declaration we read as ASCII.
  if (!iconvName || /^utf-?16/.test(iconvName)) {
    warnings.push(`unknown or impossible declared charset "${label}"; encoding detected instead`);
    const detected = decodeText(bytes);
    return { html: detected.text, encoding: detected.encoding, warnings: [...warnings, ...detected.warnings] };
  }
  // Another charset iconv-lite knows (ISO-8859-5, Mac Cyrillic…): trust the declaration.
  const html = iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), iconvName);
  return { html: normalizeExtractedText(html), encoding: iconvName, warnings };
}

function asDecodedHtml(decoded: { text: string; encoding: string; warnings: string[] }): DecodedHtml {
  return { html: decoded.text, encoding: decoded.encoding, warnings: decoded.warnings };
}

/* ------------------------------------------------------------------------------------------------
 * Text
 * ---------------------------------------------------------------------------------------------- */

/** Elements whose content is not page text. */
const SKIPPED = new Set(['script', 'style', 'noscript', 'template', 'svg', 'math', 'iframe', 'object', 'embed', 'canvas', 'select', 'button']);

/** Elements allowed in <head>; anything else means the body has begun (a missing </head>). */
const HEAD_CONTENT = new Set(['title', 'meta', 'link', 'style', 'script', 'base', 'noscript', 'template', 'object']);

/** Elements that start and end a line. */
const BLOCKS = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'caption', 'center', 'dd', 'details', 'dialog', 'dir', 'div',
  'dl', 'dt', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header',
  'hgroup', 'hr', 'legend', 'li', 'main', 'menu', 'nav', 'ol', 'p', 'pre', 'section', 'summary', 'table', 'tbody',
  'tfoot', 'thead', 'tr', 'ul', 'br',
]);

const CELLS = new Set(['td', 'th']);

/**
 * A cell with at most this many paragraphs stays on its row's line (Word tables put a <p> in
 * every cell); a longer one is a layout cell (old sites put the whole page in one) and keeps
 * its paragraphs as lines.
 */
const MAX_INLINE_CELL_PARAGRAPHS = 3;

/** Where text is collected: the document, or a table cell being read. */
interface Container {
  lines: string[];
  line: string;
}

function breakLine(container: Container): void {
  if (container.line !== '') container.lines.push(container.line);
  container.line = '';
}

/** Collects the visible text of a page while htmlparser2 streams through it. */
class HtmlTextCollector {
  private readonly document: Container = { lines: [], line: '' };
  /** The document, then open cells, innermost last. */
  private readonly containers: Container[] = [this.document];
  /** Open table rows (their cells' texts), innermost last. */
  private readonly rows: string[][] = [];
  private skipDepth = 0;
  private preDepth = 0;
  private inHead = false;
  private inTitle = false;
  private titleText = '';
  /** Elements open now (htmlparser2 reports implied and void closes too, so this mirrors its stack). */
  private depth = 0;
  /** Characters of text taken so far: past the per-file limit, stop while streaming, not after. */
  private collected = 0;

  get title(): string | undefined {
    const title = normalizeExtractedText(this.titleText).replace(/\s+/g, ' ').trim();
    return title === '' ? undefined : title;
  }

  private get top(): Container {
    return this.containers[this.containers.length - 1]!;
  }

  onopentag(name: string): void {
    if (++this.depth > MAX_HTML_DEPTH) {
      throw new MuragatError('EXTRACTION_LIMIT', `the page nests more than ${MAX_HTML_DEPTH} elements inside each other (the limit)`, { limit: MAX_HTML_DEPTH });
    }
    if (name === 'head') {
      this.inHead = true;
      return;
    }
    if (this.inHead && !HEAD_CONTENT.has(name)) this.inHead = false;
    if (name === 'title') this.inTitle = true;
    if (SKIPPED.has(name)) this.skipDepth++;
    if (name === 'pre') this.preDepth++;
    if (BLOCKS.has(name)) breakLine(this.top);
    if (name === 'tr') this.rows.push([]);
    if (CELLS.has(name)) this.containers.push({ lines: [], line: '' });
  }

  onclosetag(name: string): void {
    this.depth = Math.max(0, this.depth - 1);
    if (name === 'head') this.inHead = false;
    if (name === 'title') this.inTitle = false;
    if (SKIPPED.has(name)) this.skipDepth = Math.max(0, this.skipDepth - 1);
    if (name === 'pre') this.preDepth = Math.max(0, this.preDepth - 1);
    if (CELLS.has(name) && this.containers.length > 1) this.closeCell();
    if (name === 'tr') this.closeRow();
    if (BLOCKS.has(name) && name !== 'br') breakLine(this.top);
  }

  ontext(text: string): void {
    this.collected += text.length;
    if (this.collected > MAX_TEXT_CHARS) throw textLimitError(this.collected);
    if (this.inTitle) {
      this.titleText += text;
      return;
    }
    if (this.inHead || this.skipDepth > 0) return;
    this.top.line += this.preDepth > 0 ? text : text.replace(/[ \t\n\f\r]+/g, ' ');
  }

  /** Puts a short cell on its row's line, or a long one's paragraphs on lines of their own. */
  private closeCell(): void {
    const cell = this.containers.pop()!;
    breakLine(cell);
    const row = this.rows[this.rows.length - 1];
    if (row && cell.lines.length <= MAX_INLINE_CELL_PARAGRAPHS) {
      row.push(cell.lines.join(' '));
      return;
    }
    if (row && row.length > 0) {
      this.top.lines.push(row.join('\t'));
      row.length = 0;
    }
    this.top.lines.push(...cell.lines);
  }

  private closeRow(): void {
    const row = this.rows.pop();
    if (!row || row.every((cell) => cell.trim() === '')) return;
    breakLine(this.top);
    this.top.lines.push(row.join('\t'));
  }

  /** The collected lines, once the parser has ended. */
  finish(): string[] {
    while (this.containers.length > 1) this.closeCell();
    while (this.rows.length > 0) this.closeRow();
    breakLine(this.document);
    return this.document.lines;
  }
}

/** The visible text of an HTML document and its <title>. */
export function htmlToText(html: string): { text: string; title?: string } {
  const collector = new HtmlTextCollector();
  const parser = new Parser(
    {
      onopentag: (name) => collector.onopentag(name),
      onclosetag: (name) => collector.onclosetag(name),
      ontext: (text) => collector.ontext(text),
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.write(html);
  parser.end();
  const lines = collector.finish();
  const title = collector.title;
  return { text: joinParagraphs(lines), ...(title ? { title } : {}) };
}

/** An HTML file as one page of text. */
export function extractHtml(bytes: Uint8Array): ExtractedDocument {
  const decoded = decodeHtml(bytes);
  let result: { text: string; title?: string };
  try {
    result = htmlToText(decoded.html);
  } catch (error) {
    if (error instanceof MuragatError) throw error;
    // htmlparser2 is forgiving to a fault; reaching here means a bug, not a bad file.
    throw new MuragatError('EXTRACTION_FAILED', `HTML could not be parsed: ${error instanceof Error ? error.message : String(error)}`, {}, { cause: error });
  }
  return {
    format: 'html',
    mediaType: MEDIA_TYPES.html,
    pages: [{ pageNo: 1, text: result.text, needsOcr: false }],
    ...(result.title ? { embeddedTitle: result.title } : {}),
    encoding: decoded.encoding,
    warnings: decoded.warnings,
  };
}
