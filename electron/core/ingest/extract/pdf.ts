import { createRequire } from 'node:module';
import * as path from 'node:path';
import { MuragatError } from '../../../../shared/errors';
import { allocationRefused } from './allocation-guard';
import { MAX_TEXT_CHARS, textLimitError } from './limits';
import { checkPdfPageCount, checkPdfStreams, DEFAULT_PDF_LIMITS, type PdfLimits } from './pdf-limits';
import { isGarbledText } from './text-quality';
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
}

function isTextItem(item: unknown): item is TextItemLike {
  return typeof item === 'object' && item !== null && 'str' in item && 'transform' in item;
}

/**
 * Joins pdf.js text items into lines. pdf.js gives positioned fragments; a change of baseline
 * starts a new line, and a horizontal gap wider than a fraction of the font size is a space
 * (many generators position words individually without space characters).
 */
export function joinTextItems(items: readonly unknown[]): string {
  let out = '';
  let lastY: number | null = null;
  let lastEndX = 0;
  let lastStartX = 0;
  let lastHeight = 0;
  for (const item of items) {
    if (!isTextItem(item)) continue;
    const x = item.transform[4] ?? 0;
    const y = item.transform[5] ?? 0;
    const height = Math.abs(item.height) || Math.abs(item.transform[3] ?? 0) || lastHeight || 10;
    if (lastY !== null && item.str.length > 0) {
      const sameLine = Math.abs(y - lastY) < Math.max(height, lastHeight) * 0.5;
      if (!sameLine) {
        if (!out.endsWith('\n')) out += '\n';
      } else if ((x - lastEndX > height * 0.2 || x < lastStartX) && !/\s$/.test(out) && !/^\s/.test(item.str)) {
        // A gap, or a jump back to the left (the next table cell on the same baseline): a space.
        out += ' ';
      }
    }
    out += item.str;
    if (item.hasEOL && !out.endsWith('\n')) out += '\n';
    if (item.str.length > 0) {
      lastY = y;
      lastEndX = x + item.width;
      lastStartX = x;
      lastHeight = height;
    }
  }
  return tidyPageText(out);
}

function tidyPageText(text: string): string {
  return text
    .normalize('NFC')
    .replaceAll('\u0000', '')
    .replace(/[ \t\u00a0]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
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
    let failedPages = 0;
    let textChars = 0;
    for (let pageNo = 1; pageNo <= doc.numPages; pageNo++) {
      try {
        const page = await doc.getPage(pageNo);
        const content = await page.getTextContent({ includeMarkedContent: false, disableNormalization: false });
        const text = joinTextItems(content.items);
        // A scan (an image, next to no text), or a text layer that is garbage (a broken font encoding).
        const needsOcr = (hasImages && visibleLength(text) < SCAN_TEXT_THRESHOLD) || isGarbledText(text);
        pages.push({ pageNo, text, needsOcr });
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
      }
    }
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
