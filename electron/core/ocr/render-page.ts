/**
 * Renders PDF pages to grayscale images for OCR with pdf.js (legacy build, the one for Node 20)
 * and the canvas that pdf.js itself loads (@napi-rs/canvas). Using pdf.js's own canvas factory
 * matters: a second copy of the canvas package crashes on TrueType glyph paths.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { MuragatError } from '../../../shared/errors';
import { grayFromRgba, type GrayImage } from './page-image';

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
type PdfDocument = Awaited<ReturnType<PdfJs['getDocument']>['promise']>;

/** A cap on rendered pixels (about A3 at 300 dpi): a 600-dpi map is rendered smaller, not refused. */
export const MAX_PAGE_PIXELS = 36_000_000;
/** …and on either side, whatever the area (a long strip). */
export const MAX_PAGE_SIDE = 10_000;
/**
 * Most pixels of one image inside a page that pdf.js will draw (its `maxImageSize`). The page
 * caps above bound the canvas, not the images drawn on it: pdf.js decodes an image at the size
 * its dictionary declares, then copies it to RGBA and to a canvas of that size, so a 10-byte
 * image declared 20,000 × 20,000 px took 3.5 GB and 20 s, and one declared 25,000 px square
 * would take about 6 GB (about 9 bytes per image pixel over the ~650 MB of an OCR run). 100
 * million pixels holds an A3 map scanned at 600 dpi (70 million; tests/core/ocr/ocr-service.test.ts)
 * and bounds the worst page near 1.6 GB; a larger image is left out of the page (not drawn; the
 * rest of the page is still read).
 */
export const MAX_IMAGE_PIXELS = 100_000_000;

export interface RenderedPage {
  image: GrayImage;
  dpi: number;
}

let pdfjsPromise: Promise<PdfJs> | null = null;
function loadPdfJs(): Promise<PdfJs> {
  pdfjsPromise ??= import('pdfjs-dist/legacy/build/pdf.mjs');
  return pdfjsPromise;
}

function assetDirs(): { cMapUrl: string; standardFontDataUrl: string } {
  const require = createRequire(import.meta.url);
  const root = path.dirname(require.resolve('pdfjs-dist/package.json'));
  return { cMapUrl: path.join(root, 'cmaps') + path.sep, standardFontDataUrl: path.join(root, 'standard_fonts') + path.sep };
}

/** The resolution to render at: `dpi`, lowered until the page fits the pixel caps. */
export function fittingDpi(widthPt: number, heightPt: number, dpi: number): number {
  const scale = dpi / 72;
  const pixels = widthPt * scale * heightPt * scale;
  let fitted = dpi;
  if (pixels > MAX_PAGE_PIXELS) fitted = dpi * Math.sqrt(MAX_PAGE_PIXELS / pixels);
  const longest = Math.max(widthPt, heightPt) * (fitted / 72);
  if (longest > MAX_PAGE_SIDE) fitted = fitted * (MAX_PAGE_SIDE / longest);
  return Math.max(1, Math.floor(fitted));
}

/** Keeps one PDF open across its pages (a worker reads a document's pages one after another). */
export class PdfPageRenderer {
  private open: { filePath: string; doc: Promise<PdfDocument> } | null = null;

  private async document(filePath: string): Promise<PdfDocument> {
    if (this.open?.filePath !== filePath) {
      await this.close();
      const pdfjs = await loadPdfJs();
      const task = pdfjs.getDocument({
        data: new Uint8Array(await readFile(filePath)),
        ...assetDirs(),
        cMapPacked: true,
        useSystemFonts: false,
        isEvalSupported: false,
        verbosity: 0,
        stopAtErrors: false,
        maxImageSize: MAX_IMAGE_PIXELS,
      });
      const doc = task.promise.catch((error: unknown) => {
        this.open = null;
        const name = (error as { name?: string } | null)?.name;
        if (name === 'PasswordException') throw new MuragatError('PDF_ENCRYPTED', 'the PDF is protected by a password');
        throw new MuragatError('PDF_CORRUPT', `the PDF could not be read: ${(error as Error).message}`);
      });
      this.open = { filePath, doc };
    }
    return this.open!.doc;
  }

  async pageCount(filePath: string): Promise<number> {
    return (await this.document(filePath)).numPages;
  }

  /** The page as displayed (its own /Rotate applied), white paper, at `dpi` or less. */
  async render(filePath: string, pageNo: number, dpi: number): Promise<RenderedPage> {
    const doc = await this.document(filePath);
    if (pageNo < 1 || pageNo > doc.numPages) throw new MuragatError('OCR_PAGE_FAILED', `the PDF has no page ${pageNo}`);
    const page = await doc.getPage(pageNo);
    try {
      const base = page.getViewport({ scale: 1 });
      const fitted = fittingDpi(base.width, base.height, dpi);
      const viewport = page.getViewport({ scale: fitted / 72 });
      const width = Math.max(1, Math.floor(viewport.width));
      const height = Math.max(1, Math.floor(viewport.height));
      const factory = doc.canvasFactory as { create(w: number, h: number): { canvas: unknown; context: CanvasRenderingContext2D }; destroy(entry: unknown): void };
      const entry = factory.create(width, height);
      try {
        entry.context.fillStyle = '#ffffff';
        entry.context.fillRect(0, 0, width, height);
        await page.render({ canvasContext: entry.context, canvas: entry.canvas as HTMLCanvasElement, viewport }).promise;
        const rgba = entry.context.getImageData(0, 0, width, height).data;
        return { image: grayFromRgba(rgba, width, height), dpi: fitted };
      } finally {
        factory.destroy(entry);
      }
    } catch (error) {
      if (error instanceof MuragatError) throw error;
      throw new MuragatError('OCR_PAGE_FAILED', `page ${pageNo} could not be drawn: ${(error as Error).message}`);
    } finally {
      page.cleanup();
    }
  }

  async close(): Promise<void> {
    const open = this.open;
    this.open = null;
    if (open) await open.doc.then((doc) => doc.destroy()).catch(() => undefined);
  }
}
