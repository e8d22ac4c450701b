/**
 * HTML to text: what a reader sees in the page body, one paragraph per line.
 *
 * Government sites and "Save as web page" from Word produce most of the HTML we get. Their
 * declared charset is usually right but sometimes stale (a site moved to UTF-8 and kept
 * `<meta charset=windows-1251>`), so the declaration is checked against the bytes.
 * The parser is htmlparser2 in streaming mode: a 2 MB code of laws is one pass, no DOM.
 *
 * A page saved from a site is the site's header, menus, breadcrumbs, sidebar and footer around
 * the document; only the document is text (a menu item "Решения" is not the kind of the act, the
 * site's name in <title> is not its title). Pages with such chrome get a second look over a DOM
 * (linkedom) with Mozilla's Readability to find the main content; pages without it (a document
 * saved as HTML, an editor's fragment) are all document. Each line also says how it is set
 * (tag, bold, alignment, size relative to the body) for metadata detection.
 */
import { Readability } from '@mozilla/readability';
import iconv from 'iconv-lite';
import { Parser } from 'htmlparser2';
import { parseHTML } from 'linkedom';
import { MuragatError } from '../../../../shared/errors';
import { MEDIA_TYPES } from './sniff';
import {
  checkUtf8,
  decodeBytes,
  decodeText,
  detectBom,
  detectUtf16WithoutBom,
  iconvEncodingFor,
  normalizeExtractedText,
  type TextEncodingName,
} from './text';
import { MAX_TEXT_CHARS, textLimitError } from './limits';
import type { LayoutLine } from '../../../../shared/metadata/types';
import type { ExtractedDocument } from './types';
import { BOLD_SHARE, mostCommonSize } from './layout-measures';

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
 * Text and layout
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

/**
 * Site chrome: navigation, the site's header and footer, sidebars. `header`/`footer` inside an
 * `article` or `main` are the document's own (HTML: "the header of its nearest sectioning
 * content"), so only those outside are chrome.
 */
const CHROME_TAGS = new Set(['nav', 'aside', 'menu']);
const SECTION_CHROME_TAGS = new Set(['header', 'footer']);
const CHROME_ROLES = new Set(['navigation', 'banner', 'contentinfo', 'complementary', 'menubar', 'menu', 'search']);
/** Class or id tokens that name chrome outright (bootstrap, WordPress, Bitrix and hand-made sites). */
const CHROME_TOKEN = /^(?:breadcrumbs?|nav|navbar|navigation|menu|main-menu|top-menu|left-menu|sidebar|site-header|site-footer)$/i;
/**
 * A class or id that suggests chrome somewhere: enough to look for the main content, not to drop.
 * Word's own classes (`MsoHeader`, `MsoFooter`: its page header and footer paragraph styles) are
 * the document's, not a site's.
 */
const CHROME_HINT = /nav|menu|sidebar|breadcrumb|footer|header|banner/i;

function hintsChrome(value: string | undefined): boolean {
  return value !== undefined && value.split(/\s+/).some((token) => !/^Mso/.test(token) && CHROME_HINT.test(token));
}

type Align = NonNullable<LayoutLine['align']>;

/**
 * A page with at least this many links holding this share of its text is taken for a site page
 * even without marked chrome. A document saved as HTML has few links (a table of contents, a
 * few references); a site's menus alone are tens.
 */
const MIN_MENU_LINKS = 5;
const MIN_LINK_SHARE = 0.05;

/** CSS `medium`: a browser's body text with no styles. Sizes are kept in CSS px. */
const MEDIUM_PX = 16;
/** Browsers' default heading sizes (em of the parent). */
const HEADING_EM: Readonly<Record<string, number>> = { h1: 2, h2: 1.5, h3: 1.17, h4: 1, h5: 0.83, h6: 0.67 };
/** `<font size=1…7>` in px. */
const FONT_SIZE_PX = [10, 13, 16, 18, 24, 32, 48] as const;

/** The attributes the collector reads; both drivers (parser events, DOM walk) give these. */
type Attributes = Readonly<Record<string, string | undefined>>;

/** Formatting in force inside an element, inherited from its ancestors. */
interface Frame {
  bold: boolean;
  align: Align | undefined;
  px: number;
  /** Innermost block element (the line's style). */
  block: string | undefined;
  inArticle: boolean;
  inLink: boolean;
  /** This element started a skipped region (script, chrome…). */
  skips: boolean;
}

function boldOf(name: string, attributes: Attributes, inherited: boolean): boolean {
  const weight = /font-weight\s*:\s*([a-z0-9]+)/i.exec(attributes.style ?? '')?.[1]?.toLowerCase();
  if (weight) {
    if (weight === 'bold' || weight === 'bolder' || /^[6-9]00$/.test(weight)) return true;
    if (weight === 'normal' || weight === 'lighter' || /^[1-5]00$/.test(weight)) return false;
  }
  return inherited || name === 'b' || name === 'strong' || name === 'th' || name in HEADING_EM;
}

function alignOf(name: string, attributes: Attributes, inherited: Align | undefined): Align | undefined {
  const css = /text-align\s*:\s*([a-z-]+)/i.exec(attributes.style ?? '')?.[1]?.toLowerCase();
  const value = css ?? (name === 'table' || name === 'img' ? undefined : attributes.align?.trim().toLowerCase());
  if (value === 'left' || value === 'start') return 'left';
  if (value === 'right' || value === 'end') return 'right';
  if (value === 'center' || value === 'justify') return value;
  if (name === 'center') return 'center';
  return inherited;
}

function pxOf(name: string, attributes: Attributes, inherited: number): number {
  const css = /font-size\s*:\s*([\d.]+)\s*(pt|px|em|rem|%)/i.exec(attributes.style ?? '');
  if (css) {
    const value = Number.parseFloat(css[1]!);
    const unit = css[2]!.toLowerCase();
    const px = unit === 'pt' ? (value * 4) / 3 : unit === 'px' ? value : unit === 'rem' ? value * MEDIUM_PX : unit === '%' ? (inherited * value) / 100 : inherited * value;
    if (Number.isFinite(px) && px > 0 && px < 1000) return px;
  }
  if (name === 'font' && attributes.size) {
    const size = attributes.size.trim();
    const step = /^[1-7]$/.test(size) ? Number(size) : /^[+-][0-7]$/.test(size) ? Math.min(7, Math.max(1, 3 + Number(size))) : undefined;
    if (step !== undefined) return FONT_SIZE_PX[step - 1]!;
  }
  const em = HEADING_EM[name] ?? (name === 'small' ? 0.83 : name === 'big' ? 1.2 : undefined);
  return em === undefined ? inherited : inherited * em;
}

function isChrome(name: string, attributes: Attributes, inArticle: boolean): boolean {
  if (CHROME_TAGS.has(name) || (SECTION_CHROME_TAGS.has(name) && !inArticle)) return true;
  const role = attributes.role?.trim().toLowerCase();
  if (role && CHROME_ROLES.has(role)) return true;
  const tokens = `${attributes.class ?? ''} ${attributes.id ?? ''}`.split(/\s+/);
  return tokens.some((token) => CHROME_TOKEN.test(token));
}

/** A line being collected, with what is known of how its characters are set. */
interface Draft {
  text: string;
  /** Set by the first visible character: the line's block element and alignment. */
  started: boolean;
  style: string | undefined;
  align: Align | undefined;
  inTable: boolean;
  /** Visible characters set in bold, and not. */
  bold: number;
  plain: number;
  /** Visible characters per font size (px). */
  sizes: Map<number, number>;
}

function newDraft(): Draft {
  return { text: '', started: false, style: undefined, align: undefined, inTable: false, bold: 0, plain: 0, sizes: new Map() };
}

/** Drafts joined into one line (cells of a row, paragraphs of a short cell). */
function mergeDrafts(drafts: readonly Draft[], separator: string, style: string | undefined): Draft {
  const merged = newDraft();
  merged.text = drafts.map((draft) => draft.text).join(separator);
  for (const draft of drafts) {
    merged.bold += draft.bold;
    merged.plain += draft.plain;
    for (const [px, count] of draft.sizes) merged.sizes.set(px, (merged.sizes.get(px) ?? 0) + count);
    if (!merged.started && draft.started) {
      merged.started = true;
      merged.align = draft.align;
      merged.style = style ?? draft.style;
    }
  }
  return merged;
}

/** Where text is collected: the document, or a table cell being read. */
interface Container {
  lines: Draft[];
  line: Draft;
  /** `td` or `th` for a cell. */
  tag?: string;
}

function breakLine(container: Container): void {
  if (container.line.text !== '') container.lines.push(container.line);
  container.line = newDraft();
}

interface CollectorOptions {
  /** Leave out navigation, site headers and footers, sidebars (see `isChrome`). */
  dropChrome?: boolean;
}

/**
 * Collects the visible text of a page and how each line is set. Driven by htmlparser2's
 * streaming events, or by a walk over a DOM (the main content found by Readability): both
 * give the same open/close/text sequence, so both give the same lines.
 */
class HtmlTextCollector {
  private readonly document: Container = { lines: [], line: newDraft() };
  /** The document, then open cells, innermost last. */
  private readonly containers: Container[] = [this.document];
  /** Open table rows (their cells' drafts), innermost last. */
  private readonly rows: Draft[][] = [];
  /** Open elements' formatting; the first is the page's defaults. */
  private readonly frames: Frame[] = [{ bold: false, align: undefined, px: MEDIUM_PX, block: undefined, inArticle: false, inLink: false, skips: false }];
  private skipDepth = 0;
  private preDepth = 0;
  private inHead = false;
  private inTitle = false;
  private titleText = '';
  /** Elements open now (htmlparser2 reports implied and void closes too, so this mirrors its stack). */
  private depth = 0;
  /** The deepest nesting, and the number of elements seen: what a DOM pass would cost. */
  maxDepth = 0;
  elements = 0;
  /** Characters of text taken so far: past the per-file limit, stop while streaming, not after. */
  private collected = 0;
  /** The page has navigation, a site header or footer, or elements named like them. */
  private chromeMarked = false;
  /** Links, and visible characters of text: in links and in all. */
  private links = 0;
  private linkChars = 0;
  private visibleChars = 0;

  constructor(private readonly options: CollectorOptions = {}) {}

  get title(): string | undefined {
    const title = normalizeExtractedText(this.titleText).replace(/\s+/g, ' ').trim();
    return title === '' ? undefined : title;
  }

  private get top(): Container {
    return this.containers[this.containers.length - 1]!;
  }

  private get frame(): Frame {
    return this.frames[this.frames.length - 1]!;
  }

  onopentag(name: string, attributes: Attributes): void {
    if (++this.depth > MAX_HTML_DEPTH) {
      throw new MuragatError('EXTRACTION_LIMIT', `the page nests more than ${MAX_HTML_DEPTH} elements inside each other (the limit)`, { limit: MAX_HTML_DEPTH });
    }
    this.maxDepth = Math.max(this.maxDepth, this.depth);
    this.elements++;
    const parent = this.frame;
    const frame: Frame = {
      bold: boldOf(name, attributes, parent.bold),
      align: alignOf(name, attributes, parent.align),
      px: pxOf(name, attributes, parent.px),
      block: (BLOCKS.has(name) && name !== 'br') || CELLS.has(name) ? name : parent.block,
      inArticle: parent.inArticle || name === 'article' || name === 'main' || attributes.role?.trim().toLowerCase() === 'main',
      // Links out of the page: a document's own table of contents links to its anchors (#_Toc…).
      inLink: parent.inLink || (name === 'a' && attributes.href !== undefined && !attributes.href.trim().startsWith('#')),
      skips: false,
    };
    this.frames.push(frame);
    if (name === 'head') {
      this.inHead = true;
      return;
    }
    if (this.inHead && !HEAD_CONTENT.has(name)) this.inHead = false;
    if (name === 'title') this.inTitle = true;
    const chrome = isChrome(name, attributes, parent.inArticle);
    if (chrome || hintsChrome(attributes.class) || hintsChrome(attributes.id)) this.chromeMarked = true;
    if (frame.inLink && !parent.inLink) this.links++;
    if (SKIPPED.has(name) || (chrome && this.options.dropChrome)) {
      frame.skips = true;
      this.skipDepth++;
    }
    if (name === 'pre') this.preDepth++;
    if (BLOCKS.has(name)) breakLine(this.top);
    if (name === 'tr') this.rows.push([]);
    if (CELLS.has(name)) this.containers.push({ lines: [], line: newDraft(), tag: name });
  }

  onclosetag(name: string): void {
    this.depth = Math.max(0, this.depth - 1);
    const frame = this.frames.length > 1 ? this.frames.pop() : undefined;
    if (frame?.skips) this.skipDepth = Math.max(0, this.skipDepth - 1);
    if (name === 'head') this.inHead = false;
    if (name === 'title') this.inTitle = false;
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
    const piece = this.preDepth > 0 ? text : text.replace(/[ \t\n\f\r]+/g, ' ');
    const draft = this.top.line;
    draft.text += piece;
    const visible = piece.replace(/\s+/g, '').length;
    if (visible === 0) return;
    const frame = this.frame;
    this.visibleChars += visible;
    if (frame.inLink) this.linkChars += visible;
    if (!draft.started) {
      draft.started = true;
      draft.style = frame.block;
      draft.align = frame.align;
    }
    if (frame.bold) draft.bold += visible;
    else draft.plain += visible;
    const px = Math.round(frame.px * 100) / 100;
    draft.sizes.set(px, (draft.sizes.get(px) ?? 0) + visible);
  }

  /** Puts a short cell on its row's line, or a long one's paragraphs on lines of their own. */
  private closeCell(): void {
    const cell = this.containers.pop()!;
    breakLine(cell);
    const row = this.rows[this.rows.length - 1];
    if (row && cell.lines.length <= MAX_INLINE_CELL_PARAGRAPHS) {
      row.push(mergeDrafts(cell.lines, ' ', cell.tag));
      return;
    }
    if (row && row.length > 0) {
      this.top.lines.push(this.rowLine(row));
      row.length = 0;
    }
    // A layout cell's paragraphs are the page's own lines, not a table's (inTable stays false).
    this.top.lines.push(...cell.lines);
  }

  private rowLine(row: readonly Draft[]): Draft {
    const line = mergeDrafts(row, '\t', undefined);
    line.inTable = true;
    return line;
  }

  private closeRow(): void {
    const row = this.rows.pop();
    if (!row || row.every((cell) => cell.text.trim() === '')) return;
    breakLine(this.top);
    this.top.lines.push(this.rowLine(row));
  }

  /**
   * The page looks like a site's page: it marks navigation, a header or footer, or (an old site
   * laid out in tables, with no such marks) a good part of its text is links.
   */
  get sawChrome(): boolean {
    return this.chromeMarked || (this.links >= MIN_MENU_LINKS && this.linkChars >= this.visibleChars * MIN_LINK_SHARE);
  }

  /** The collected lines, once the input has ended. */
  finish(): LayoutLine[] {
    while (this.containers.length > 1) this.closeCell();
    while (this.rows.length > 0) this.closeRow();
    breakLine(this.document);
    return toLayoutLines(this.document.lines);
  }
}

/**
 * Drafts to lines, cleaned exactly as `joinParagraphs` cleans text, so that the lines joined by
 * '\n' are the page text. Sizes become relative to the body: the size of most characters.
 */
function toLayoutLines(drafts: readonly Draft[]): LayoutLine[] {
  const totals = new Map<number, number>();
  for (const draft of drafts) for (const [px, count] of draft.sizes) totals.set(px, (totals.get(px) ?? 0) + count);
  const body = mostCommonSize(totals) ?? MEDIUM_PX;
  const lines: LayoutLine[] = [];
  for (const draft of drafts) {
    const px = mostCommonSize(draft.sizes);
    const visible = draft.bold + draft.plain;
    for (const part of normalizeExtractedText(draft.text).split('\n')) {
      const text = part.replace(/[ \u00A0\u2007\u202F]+/g, ' ').replace(/ *\t */g, '\t').trim();
      if (text === '' || /^\t+$/.test(text)) continue;
      const line: LayoutLine = { text, inTable: draft.inTable };
      if (px !== undefined) line.size = Math.round((px / body) * 100) / 100;
      // Bold is known when marked; plain text may still be bold by a style sheet we do not read.
      if (visible > 0 && draft.bold >= visible * BOLD_SHARE) line.bold = true;
      if (draft.align) line.align = draft.align;
      if (draft.style) line.style = draft.style;
      lines.push(line);
    }
  }
  return lines;
}

export interface HtmlLayout {
  /** The page text: the lines' texts joined by '\n'. */
  text: string;
  lines: LayoutLine[];
  /** The page's <title>. */
  title?: string;
  /** The page has site chrome (navigation, a site header or footer…), left out or not. */
  sawChrome: boolean;
  /** Elements in the page, and their deepest nesting. */
  elements: number;
  maxDepth: number;
}

function runParser(html: string, collector: HtmlTextCollector): void {
  const parser = new Parser(
    {
      onopentag: (name, attributes) => collector.onopentag(name, attributes),
      onclosetag: (name) => collector.onclosetag(name),
      ontext: (text) => collector.ontext(text),
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.write(html);
  parser.end();
}

function layoutOf(collector: HtmlTextCollector): HtmlLayout {
  const lines = collector.finish();
  const title = collector.title;
  return { text: lines.map((line) => line.text).join('\n'), lines, ...(title ? { title } : {}), sawChrome: collector.sawChrome, elements: collector.elements, maxDepth: collector.maxDepth };
}

/** The visible text of an HTML document with its layout lines, in one streaming pass. */
export function htmlToLayout(html: string, options: CollectorOptions = {}): HtmlLayout {
  const collector = new HtmlTextCollector(options);
  runParser(html, collector);
  return layoutOf(collector);
}

/** The visible text of an HTML document and its <title>. */
export function htmlToText(html: string): { text: string; title?: string } {
  const { text, title } = htmlToLayout(html);
  return { text, ...(title ? { title } : {}) };
}

/* ------------------------------------------------------------------------------------------------
 * Main content
 * ---------------------------------------------------------------------------------------------- */

/**
 * Pages past these are not given to Readability; the body without chrome is used. Readability
 * over linkedom took 1.6 s for a page of 3,000 elements (300 KB) and 20 s for 10,000 nested
 * `div`s on this machine; a maslikhat's decision page has a few hundred elements, tens deep.
 */
export const MAX_READABILITY_ELEMENTS = 6000;
export const MAX_READABILITY_DEPTH = 256;

/**
 * Readability's article holding less than this share of the text of the body without chrome
 * means it took a part for the whole (a list of short items, a long table): the body is kept.
 */
const MIN_ARTICLE_SHARE = 0.25;

const STAMP = 'data-muragat-node';

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;

/** The attributes the collector reads, from a DOM element. */
function attributesOf(element: Element): Attributes {
  return {
    align: element.getAttribute('align') ?? undefined,
    style: element.getAttribute('style') ?? undefined,
    role: element.getAttribute('role') ?? undefined,
    class: element.getAttribute('class') ?? undefined,
    id: element.getAttribute('id') ?? undefined,
    size: element.getAttribute('size') ?? undefined,
    href: element.getAttribute('href') ?? undefined,
  };
}

/**
 * Walks a document in order, feeding the collector the same events as the parser would, with
 * text only from inside `roots` (formatting is still inherited from their ancestors). Iterative:
 * pages nest thousands deep.
 */
function walkDocument(document: Document, roots: ReadonlySet<Element>, collector: HtmlTextCollector): void {
  const open: Element[] = [];
  let inside = 0;
  const close = (element: Element): void => {
    collector.onclosetag(element.localName);
    if (roots.has(element)) inside--;
  };
  // From the root element: linkedom keeps the doctype outside the node chain.
  let node: Node | null = document.documentElement;
  while (node) {
    if (node.nodeType === ELEMENT_NODE) {
      const element = node as Element;
      collector.onopentag(element.localName, attributesOf(element));
      if (roots.has(element)) inside++;
      if (element.firstChild) {
        open.push(element);
        node = element.firstChild;
        continue;
      }
      close(element);
    } else if (node.nodeType === TEXT_NODE && inside > 0) {
      collector.ontext((node as Text).data);
    }
    while (node && !node.nextSibling) {
      const parent = open.pop();
      if (!parent) {
        node = null;
        break;
      }
      close(parent);
      node = parent;
    }
    node = node?.nextSibling ?? null;
  }
}

/** The elements, in document order, of a linkedom document. */
function elementsOf(document: Document): Element[] {
  return Array.from(document.querySelectorAll('*'));
}

/** The outermost stamped elements under `root` (Readability wraps what it keeps in new elements). */
function outermostStamped(root: Element): Element[] {
  const found: Element[] = [];
  const pending: Element[] = [root];
  while (pending.length > 0) {
    const element = pending.pop()!;
    if (element !== root && element.hasAttribute(STAMP)) {
      found.push(element);
      continue;
    }
    for (let child = element.lastElementChild; child; child = child.previousElementSibling) pending.push(child);
  }
  return found;
}

/**
 * The elements that hold the page's own content: the one `<main>` (or role=main) when the page
 * says so, else the top candidate and siblings Readability keeps. Readability runs on a second
 * parse of the page whose elements carry their index, and what it chose is mapped back to the
 * first parse: its own output is cleaned for reading (headings that repeat the title and
 * "conditionally" unwanted tables are removed, alignment is stripped), and a document must keep
 * all of that.
 */
interface MainContent {
  document: Document;
  roots: Set<Element>;
  source: 'main' | 'readability';
  readabilityTitle?: string;
}

function mainContentRoots(html: string): MainContent | undefined {
  const { document } = parseHTML(html) as unknown as { document: Document };
  const mains = Array.from(document.querySelectorAll('main, [role="main"]'));
  if (mains.length === 1) return { document, roots: new Set(mains), source: 'main' };

  const { document: copy } = parseHTML(html) as unknown as { document: Document };
  const originals = elementsOf(document);
  const copies = elementsOf(copy);
  if (originals.length !== copies.length) return undefined;
  copies.forEach((element, index) => element.setAttribute(STAMP, String(index)));
  let article: { content: Element | null | undefined; title?: string | null } | null;
  try {
    article = new Readability<Element>(copy, { serializer: (element) => element as Element, maxElemsToParse: MAX_READABILITY_ELEMENTS }).parse();
  } catch {
    // Too many elements, or a page Readability cannot score: the body without chrome is used.
    return undefined;
  }
  if (!article?.content) return undefined;
  const roots = new Set<Element>();
  for (const stamped of outermostStamped(article.content)) {
    const original = originals[Number(stamped.getAttribute(STAMP))];
    if (original) roots.add(original);
  }
  // An element whose ancestor is kept too is read through the ancestor.
  for (const root of [...roots]) {
    for (let parent = root.parentElement; parent; parent = parent.parentElement) {
      if (roots.has(parent)) {
        roots.delete(root);
        break;
      }
    }
  }
  if (roots.size === 0) return undefined;
  return { document, roots: widened(roots), source: 'readability', ...(article.title ? { readabilityTitle: article.title } : {}) };
}

/**
 * Readability's pick, grown to the enclosing element while what that adds is little and is not
 * links: the act's heading and requisites often sit just outside the element with most text
 * (an `h1` above the body's `div`), and a sidebar or a list of links is where the page's own
 * content ends.
 */
function widened(roots: ReadonlySet<Element>): Set<Element> {
  let current = [...roots];
  for (;;) {
    const parent = current[0]!.parentElement;
    if (!parent || parent.localName === 'body' || parent.localName === 'html') break;
    if (current.some((element) => element.parentElement !== parent)) break;
    const kept = textLength(current);
    let added = 0;
    let links = 0;
    let chrome = false;
    for (let child: ChildNode | null = parent.firstChild; child; child = child.nextSibling) {
      if (current.includes(child as Element)) continue;
      if (child.nodeType === TEXT_NODE) added += (child as Text).data.trim().length;
      if (child.nodeType !== ELEMENT_NODE) continue;
      const element = child as Element;
      if (SKIPPED.has(element.localName)) continue;
      if (isChrome(element.localName, attributesOf(element), false)) chrome = true;
      added += (element.textContent ?? '').replace(/\s+/g, ' ').trim().length;
      links += textLength(Array.from(element.querySelectorAll('a')));
    }
    if (chrome || added > kept * MAX_WIDENING_SHARE || links > added * MAX_WIDENING_LINK_SHARE) break;
    current = [parent];
  }
  return new Set(current);
}

/** Growing the main content stops at a parent adding more than this share of text… */
const MAX_WIDENING_SHARE = 0.25;
/** …or whose added text is mostly links. */
const MAX_WIDENING_LINK_SHARE = 0.5;

function textLength(elements: readonly Element[]): number {
  return elements.reduce((sum, element) => sum + (element.textContent ?? '').replace(/\s+/g, ' ').trim().length, 0);
}

/** Text compared for "does the title occur in the content": case and spacing aside. */
function comparable(text: string): string {
  return text.toLocaleLowerCase('ru').replace(/[\s\u00A0]+/g, ' ').replace(/[\s.:;,]+$/, '').trim();
}

/** A heading further down is a section's (a news item's on a page of several), not the document's. */
const MAX_HEADING_LINE = 5;

/**
 * The heading that opens the content: the first run of lines of the highest heading level among
 * its first lines, joined. On a site page an `h2` counts too (sites often keep `h1` for their
 * logo and set an article's title as `h2`); in a document, an `h2` opens a section, not it.
 */
function firstHeading(lines: readonly LayoutLine[], levels: readonly string[] = ['h1']): string | undefined {
  const head = lines.slice(0, MAX_HEADING_LINE);
  const level = levels.find((tag) => head.some((line) => line.style === tag));
  if (!level) return undefined;
  const start = head.findIndex((line) => line.style === level);
  const parts: string[] = [];
  for (let index = start; index < lines.length && lines[index]!.style === level; index++) parts.push(lines[index]!.text);
  return parts.join(' ').slice(0, 300);
}

/**
 * The document's title on a page with chrome: its heading, else whichever of Readability's
 * title and the <title> (or one of its parts: "Decision … | Maslikhat | Site") is a line of the
 * content by itself. Occurring inside a line is not enough: the site's name ("Маслихат
 * Алматинской области") occurs in the acts it publishes, and is not their title.
 */
function titleWithinContent(layout: HtmlLayout, candidates: readonly (string | undefined)[]): string | undefined {
  const heading = firstHeading(layout.lines, ['h1', 'h2']);
  if (heading) return heading;
  const lines = new Set(layout.lines.map((line) => comparable(line.text)));
  for (const candidate of candidates) {
    if (!candidate) continue;
    const parts = [candidate, ...candidate.split(/\s+[|\-–—:»/\\]+\s+/)].map((part) => part.trim()).filter((part) => part.length >= 3);
    const found = parts.sort((a, b) => b.length - a.length).find((part) => lines.has(comparable(part)));
    if (found) return found;
  }
  return undefined;
}

export interface HtmlPage extends HtmlLayout {
  /** The title for `embeddedTitle`. */
  documentTitle?: string;
  /** How the main content was found, for logs: the whole body, the body without chrome, or Readability. */
  source: 'body' | 'body-without-chrome' | 'main' | 'readability';
}

/**
 * A page's own content. A page without chrome (a document saved as HTML, a fragment from an
 * editor) is all document. A site page keeps only its main content, found by Readability; when
 * Readability keeps too little of it, the body without chrome is kept instead.
 */
export function htmlMainContent(html: string): HtmlPage {
  const body = htmlToLayout(html, { dropChrome: true });
  if (!body.sawChrome) {
    const documentTitle = body.title ?? firstHeading(body.lines);
    return { ...body, ...(documentTitle ? { documentTitle } : {}), source: 'body' };
  }
  const fallback = (): HtmlPage => {
    const documentTitle = titleWithinContent(body, [body.title]);
    return { ...body, ...(documentTitle ? { documentTitle } : {}), source: 'body-without-chrome' };
  };
  if (body.elements > MAX_READABILITY_ELEMENTS || body.maxDepth > MAX_READABILITY_DEPTH) return fallback();
  let main: MainContent | undefined;
  let content: HtmlLayout;
  try {
    main = mainContentRoots(html);
    if (!main) return fallback();
    const collector = new HtmlTextCollector({ dropChrome: true });
    walkDocument(main.document, main.roots, collector);
    content = layoutOf(collector);
  } catch (error) {
    if (error instanceof MuragatError) throw error;
    // The page's text is already read; a DOM library's failure costs only the chrome.
    return fallback();
  }
  if (content.text.length < body.text.length * MIN_ARTICLE_SHARE) return fallback();
  const documentTitle = titleWithinContent(content, [main.readabilityTitle, body.title]);
  return { ...content, ...(body.title ? { title: body.title } : {}), ...(documentTitle ? { documentTitle } : {}), sawChrome: true, source: main.source };
}

/** An HTML file as one page of text: the page's own content, with its layout. */
export function extractHtml(bytes: Uint8Array): ExtractedDocument {
  const decoded = decodeHtml(bytes);
  let page: HtmlPage;
  try {
    page = htmlMainContent(decoded.html);
  } catch (error) {
    if (error instanceof MuragatError) throw error;
    // htmlparser2 is forgiving to a fault; reaching here means a bug, not a bad file.
    throw new MuragatError('EXTRACTION_FAILED', `HTML could not be parsed: ${error instanceof Error ? error.message : String(error)}`, {}, { cause: error });
  }
  const warnings = [...decoded.warnings];
  if (page.source !== 'body') warnings.push(`site navigation left out (main content: ${page.source})`);
  return {
    format: 'html',
    mediaType: MEDIA_TYPES.html,
    pages: [{ pageNo: 1, text: page.text, needsOcr: false, lines: page.lines }],
    ...(page.documentTitle ? { embeddedTitle: page.documentTitle } : {}),
    encoding: decoded.encoding,
    warnings,
  };
}
