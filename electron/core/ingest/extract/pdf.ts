import { createRequire } from 'node:module';
import * as path from 'node:path';
import { MuragatError } from '../../../../shared/errors';
import { allocationRefused } from './allocation-guard';
import { MAX_TEXT_CHARS, textLimitError } from './limits';
import { checkPdfPageCount, checkPdfStreams, DEFAULT_PDF_LIMITS, type PdfLimits } from './pdf-limits';
import { isGarbledText } from './text-quality';
import type { LayoutLine } from '../../../../shared/metadata/types';
import { layoutOfPlacedLines, type PlacedLine } from './page-layout';
import type { ExtractedDocument, ExtractedPage } from './types';

// The legacy build is the one that runs on Node 20 (the modern one needs DOMMatrix / Node 22).
type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
type PdfDocument = Awaited<ReturnType<PdfJs['getDocument']>['promise']>;

let pdfjsPromise: Promise<PdfJs> | null = null;
function loadPdfJs(): Promise<PdfJs> {
  pdfjsPromise ??= import('pdfjs-dist/legacy/build/pdf.mjs');
  return pdfjsPromise;
}

/** Where pdf.js finds its CMaps (needed for CJK/CID fonts) and standard fonts, on disk. */
function pdfjsAssetDirs(): { cMapUrl: string; standardFontDataUrl: string } {
  const require = createRequire(import.meta.url);
  const root = path.dirname(require.resolve('pdfjs-dist/package.json'));
  return {
    cMapUrl: path.join(root, 'cmaps') + path.sep,
    standardFontDataUrl: path.join(root, 'standard_fonts') + path.sep,
  };
}

/** A page with fewer visible characters than this, in a file with images, is treated as a scan. */
const SCAN_TEXT_THRESHOLD = 16;

interface TextItemLike {
  str: string;
  hasEOL?: boolean;
  transform: number[];
  width: number;
  height: number;
  /** pdf.js's id of the run's font (`g_d0_f2`): the same id is the same font program. */
  fontName?: string;
}

function isTextItem(item: unknown): item is TextItemLike {
  return typeof item === 'object' && item !== null && 'str' in item && 'transform' in item;
}

/**
 * The matrix that maps the PDF's user space (y up) onto the page as displayed (y down, in points,
 * crop box and /Rotate applied): pdf.js's `viewport.transform` at scale 1.
 */
export type PageMatrix = readonly number[];

/**
 * One text line of a page (or one block of it, where a wide gap parts a line) before layout is
 * inferred: where it sits on the displayed page (in PDF points, y down) and the font heights of
 * its characters.
 */
export interface PdfTextLine {
  text: string;
  left: number;
  right: number;
  top: number;
  bottom: number;
  /** The font height that carries most of the line's characters (the line's size). */
  height: number;
  /** Visible characters per rounded font height (for the page's body size). */
  charsByHeight: Map<number, number>;
  /** The font (pdf.js id) that carries most of the line's characters. */
  font: string | undefined;
  /** Visible characters per font (for the page's body font). */
  charsByFont: Map<string, number>;
}

interface OpenLine {
  start: number;
  /** Where the last visible run ends, in user space along the baseline. */
  inkEnd: number;
  left: number;
  right: number;
  top: number;
  bottom: number;
  charsByHeight: Map<number, number>;
  charsByFont: Map<string, number>;
}

/** A gap between two runs on one baseline wider than this many font heights parts two blocks. */
const COLUMN_GAP = 2;

/** Heights are bucketed to a quarter point: 11.96 and 12.04 are the same 12-point type. */
const roundHeight = (height: number): number => Math.round(height * 4) / 4;

/**
 * Joins pdf.js text items into lines. pdf.js gives positioned fragments; a change of baseline
 * starts a new line, and a horizontal gap wider than a fraction of the font size is a space
 * (many generators position words individually without space characters).
 *
 * With `toPage` (the page's matrix), each line's position and font heights are kept too (for
 * metadata detection); the text is the same either way.
 */
export function readTextItems(items: readonly unknown[], toPage?: PageMatrix): { text: string; lines: PdfTextLine[] } {
  let out = '';
  let lastY: number | null = null;
  let lastEndX = 0;
  let lastStartX = 0;
  let lastHeight = 0;
  const lines: PdfTextLine[] = [];
  let open: OpenLine | null = null;
  const close = (): void => {
    if (!open) return;
    const text = tidyLineText(out.slice(open.start));
    if (text !== '' && open.charsByHeight.size > 0) {
      const { charsByHeight, charsByFont } = open;
      const height = dominant([charsByHeight]).key ?? 0;
      lines.push({ text, left: open.left, right: open.right, top: open.top, bottom: open.bottom, height, charsByHeight, font: dominant([charsByFont]).key, charsByFont });
    }
    open = null;
  };
  const newline = (): void => {
    if (!out.endsWith('\n')) out += '\n';
    close();
  };
  for (const item of items) {
    if (!isTextItem(item)) continue;
    const x = item.transform[4] ?? 0;
    const y = item.transform[5] ?? 0;
    const height = Math.abs(item.height) || Math.abs(item.transform[3] ?? 0) || lastHeight || 10;
    if (lastY !== null && item.str.length > 0) {
      const sameLine = Math.abs(y - lastY) < Math.max(height, lastHeight) * 0.5;
      if (!sameLine) {
        newline();
      } else {
        // A wide gap or a jump back to the left parts blocks that share a baseline: the outgoing
        // stamp and the addressee, the place and the date, table cells. The text joins them on
        // one line as before; the layout keeps each where it stands.
        // (From the last visible run: pdf.js fills such a gap with a wide run of one space.)
        if (open && (x - open.inkEnd > height * COLUMN_GAP || x < lastStartX)) close();
        if ((x - lastEndX > height * 0.2 || x < lastStartX) && !/\s$/.test(out) && !/^\s/.test(item.str)) {
          // A gap, or a jump back to the left (the next table cell on the same baseline): a space.
          out += ' ';
        }
      }
    }
    if (toPage && hasInk(item.str)) {
      open ??= { start: out.length, inkEnd: x, left: Infinity, right: -Infinity, top: Infinity, bottom: -Infinity, charsByHeight: new Map(), charsByFont: new Map() };
      addItemBox(open, item, height, toPage);
      open.inkEnd = x + item.width;
    }
    out += item.str;
    if (item.hasEOL) newline();
    if (item.str.length > 0) {
      lastY = y;
      lastEndX = x + item.width;
      lastStartX = x;
      lastHeight = height;
    }
  }
  close();
  return { text: tidyPageText(out), lines };
}

/** Text only: see `readTextItems`. */
export function joinTextItems(items: readonly unknown[]): string {
  return readTextItems(items).text;
}

/** Whether a run has anything but white space. */
function hasInk(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (!isSpaceCode(text.charCodeAt(i))) return true;
  return false;
}

function isSpaceCode(code: number): boolean {
  return code === 32 || code === 160 || (code >= 9 && code <= 13) || code === 0x3000 || (code >= 0x2000 && code <= 0x200b);
}

/**
 * Grows a line's box by one item's: the four corners of its run, along its own direction, mapped
 * onto the displayed page. Runs by the thousand on a long act: no arrays, no regular expressions.
 */
function addItemBox(line: OpenLine, item: TextItemLike, height: number, m: PageMatrix): void {
  const t = item.transform;
  const a = t[0] ?? 1;
  const b = t[1] ?? 0;
  const c = t[2] ?? 0;
  const d = t[3] ?? 1;
  const e = t[4] ?? 0;
  const f = t[5] ?? 0;
  const along = Math.hypot(a, b) || 1;
  const across = Math.hypot(c, d) || 1;
  const ux = (a / along) * item.width;
  const uy = (b / along) * item.width;
  const vx = (c / across) * height;
  const vy = (d / across) * height;
  const [ma = 1, mb = 0, mc = 0, md = 1, me = 0, mf = 0] = m;
  for (let corner = 0; corner < 4; corner++) {
    const px = e + (corner & 1 ? ux : 0) + (corner & 2 ? vx : 0);
    const py = f + (corner & 1 ? uy : 0) + (corner & 2 ? vy : 0);
    const qx = ma * px + mc * py + me;
    const qy = mb * px + md * py + mf;
    if (qx < line.left) line.left = qx;
    if (qx > line.right) line.right = qx;
    if (qy < line.top) line.top = qy;
    if (qy > line.bottom) line.bottom = qy;
  }
  let chars = 0;
  for (let i = 0; i < item.str.length; i++) if (!isSpaceCode(item.str.charCodeAt(i))) chars++;
  const bucket = roundHeight(height);
  line.charsByHeight.set(bucket, (line.charsByHeight.get(bucket) ?? 0) + chars);
  if (item.fontName) line.charsByFont.set(item.fontName, (line.charsByFont.get(item.fontName) ?? 0) + chars);
}

/** One line as the page text holds it (see `tidyPageText`). */
function tidyLineText(text: string): string {
  return text.normalize('NFC').replaceAll('\u0000', '').trim();
}

function tidyPageText(text: string): string {
  return text
    .normalize('NFC')
    .replaceAll('\u0000', '')
    .replace(/[ \t\u00a0]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** A page's text lines in PDF points on the displayed page, and the page's size. */
interface PdfPageLines {
  width: number;
  height: number;
  lines: PdfTextLine[];
}

/** A page with fewer visible characters than this takes the document's body size. */
const MIN_CHARS_FOR_OWN_BODY = 200;

/** The key (a font height, a font) that carries the most characters of these tallies together. */
function dominant<K>(tallies: Iterable<ReadonlyMap<K, number>>): { key: K | undefined; chars: number } {
  const total = new Map<K, number>();
  let chars = 0;
  for (const tally of tallies) {
    for (const [key, count] of tally) {
      total.set(key, (total.get(key) ?? 0) + count);
      chars += count;
    }
  }
  let key: K | undefined;
  let most = 0;
  for (const [candidate, count] of total) {
    if (count > most) [key, most] = [candidate, count];
  }
  return { key, chars };
}

/**
 * Layout lines of a PDF's pages (null: a page without usable text): sizes relative to the
 * page's body text (the document's, on a page with little text, such as a title page or the
 * last lines and signatures), then positions, alignment and running lines.
 *
 * `bold` is false for a line set in the body text's font (body text is not bold), and unknown
 * otherwise: a line in another font may be bold, italic or another face. pdf.js names a run's
 * font only by an internal id; the font's real name (`TimesNewRoman,Bold`) reaches this side
 * only through the page's operator list, which also decodes its images and builds every
 * glyph's outline: measured on the text PDFs of ../shared/corpus, asking for it on the first
 * page alone cost 27% of all text extraction (every page: about 3×), against a budget of 10%
 * for layout as a whole.
 */
export function layoutOfPdfPages(pages: ReadonlyArray<PdfPageLines | null>): Array<LayoutLine[] | undefined> {
  const documentBody = dominant(pages.flatMap((page) => page?.lines.map((line) => line.charsByHeight) ?? [])).key ?? 0;
  const documentFont = dominant(pages.flatMap((page) => page?.lines.map((line) => line.charsByFont) ?? [])).key;
  const placed: PlacedLine[][] = pages.map((page) => {
    if (!page || page.width <= 0 || page.height <= 0) return [];
    const own = dominant(page.lines.map((line) => line.charsByHeight));
    const enough = own.chars >= MIN_CHARS_FOR_OWN_BODY;
    const body = (enough ? own.key : documentBody || own.key) ?? 0;
    const bodyFont = enough ? dominant(page.lines.map((line) => line.charsByFont)).key : documentFont;
    return page.lines.map((line) => ({
      text: line.text,
      left: line.left / page.width,
      right: line.right / page.width,
      top: line.top / page.height,
      ...(body > 0 ? { size: Math.round((line.height / body) * 100) / 100 } : {}),
      ...(bodyFont !== undefined && line.font === bodyFont ? { bold: false } : {}),
    }));
  });
  const layout = layoutOfPlacedLines(placed);
  return pages.map((page, index) => (page ? layout[index] : undefined));
}

/**
 * Whether the file holds any image XObject. Images are streams, and streams are never packed
 * into object streams, so their dictionaries are visible in the raw bytes. Asking pdf.js for a
 * page's operator list instead would decode every scan image (~100 ms a page) just to learn
 * that it is there.
 */
export function pdfHasImages(bytes: Uint8Array): boolean {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  return /\/Subtype\s*\/Image\b/.test(text);
}

function visibleLength(text: string): number {
  return text.replace(/\s+/g, '').length;
}

function classifyPdfError(error: unknown): MuragatError {
  const name = (error as { name?: string } | null)?.name ?? '';
  const message = (error as Error | null)?.message ?? String(error);
  if (name === 'PasswordException') {
    return new MuragatError('PDF_ENCRYPTED', 'the PDF is protected by a password; open it, remove the password and import it again');
  }
  if (name === 'InvalidPDFException') {
    return new MuragatError('PDF_CORRUPT', `the PDF is damaged or not a PDF (${message})`);
  }
  if (error instanceof MuragatError) return error;
  // Out of memory inside pdf.js: a limit, not a damaged file.
  if (error instanceof RangeError && /array buffer|invalid (?:array|string|typed array) length/i.test(message)) {
    return new MuragatError('EXTRACTION_LIMIT', `the PDF needs more memory than is allowed to read (${message})`, {}, { cause: error });
  }
  return new MuragatError('PDF_CORRUPT', `the PDF could not be read (${message})`, {}, { cause: error });
}

/**
 * Text of every page of a PDF, from its text layer. Pages that carry an image but (almost) no
 * text, and pages whose text layer is garbage, are marked `needsOcr`: the document is kept, and
 * OCR fills them in later.
 */
export async function extractPdf(bytes: Uint8Array, limits: Readonly<PdfLimits> = DEFAULT_PDF_LIMITS): Promise<ExtractedDocument> {
  // Before pdf.js: it would inflate a decompression bomb whole, into memory no worker limit caps.
  await checkPdfStreams(bytes, limits);
  const pdfjs = await loadPdfJs();
  const { cMapUrl, standardFontDataUrl } = pdfjsAssetDirs();
  // pdf.js takes ownership of (and may detach) the buffer it is given: pass a copy.
  const task = pdfjs.getDocument({
    data: new Uint8Array(bytes),
    cMapUrl,
    cMapPacked: true,
    standardFontDataUrl,
    useSystemFonts: false,
    disableFontFace: true,
    isEvalSupported: false,
    verbosity: 0,
    stopAtErrors: false,
    // Text needs no images; should anything decode one, no larger than a 600 dpi A3 page.
    maxImageSize: 100_000_000,
  });
  let doc: PdfDocument;
  try {
    doc = await task.promise;
  } catch (error) {
    await task.destroy().catch(() => undefined);
    throw classifyPdfError(error);
  }
  const warnings: string[] = [];
  const hasImages = pdfHasImages(bytes);
  try {
    checkPdfPageCount(doc.numPages, limits);
    const pages: ExtractedPage[] = [];
    const placed: Array<PdfPageLines | null> = [];
    let failedPages = 0;
    let textChars = 0;
    for (let pageNo = 1; pageNo <= doc.numPages; pageNo++) {
      try {
        const page = await doc.getPage(pageNo);
        const content = await page.getTextContent({ includeMarkedContent: false, disableNormalization: false });
        const viewport = page.getViewport({ scale: 1 });
        const { text, lines } = readTextItems(content.items, viewport.transform);
        // A scan (an image, next to no text), or a text layer that is garbage (a broken font encoding).
        const needsOcr = (hasImages && visibleLength(text) < SCAN_TEXT_THRESHOLD) || isGarbledText(text);
        pages.push({ pageNo, text, needsOcr });
        // Lines of a page OCR will read again say nothing about its layout.
        placed.push(needsOcr ? null : { width: viewport.width, height: viewport.height, lines });
        page.cleanup();
        textChars += text.length;
        if (textChars > MAX_TEXT_CHARS) throw textLimitError(textChars);
        // pdf.js swallows a refused allocation and goes on with an empty page: stop here instead.
        if (allocationRefused()) break;
      } catch (error) {
        if (error instanceof MuragatError && error.code === 'EXTRACTION_LIMIT') throw error;
        if (allocationRefused()) break;
        failedPages++;
        warnings.push(`page ${pageNo}: ${(error as Error).message}`);
        pages.push({ pageNo, text: '', needsOcr: false });
        placed.push(null);
      }
    }
    const layout = layoutOfPdfPages(placed);
    pages.forEach((page, index) => {
      const lines = layout[index];
      if (lines) page.lines = lines;
    });
    if (doc.numPages === 0 || failedPages === doc.numPages) {
      throw new MuragatError('PDF_CORRUPT', 'the PDF has no readable pages');
    }
    let embeddedTitle: string | undefined;
    try {
      const metadata = await doc.getMetadata();
      const info = metadata.info as { Title?: unknown } | undefined;
      if (typeof info?.Title === 'string' && info.Title.trim()) embeddedTitle = info.Title.trim();
    } catch {
      // metadata is optional
    }
    return {
      format: 'pdf',
      mediaType: 'application/pdf',
      pages,
      ...(embeddedTitle ? { embeddedTitle } : {}),
      warnings,
    };
  } catch (error) {
    throw classifyPdfError(error);
  } finally {
    await doc.destroy().catch(() => undefined);
  }
}
