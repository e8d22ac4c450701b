/**
 * pdf.js set-up for the renderer: the worker (bundled by Vite as a separate asset, so no
 * `blob:`/eval is needed), the CMap, standard-font and wasm folders copied next to index.html by
 * electron.vite.config.ts, and a per-document cache of pages and their text.
 */
import { getDocument, GlobalWorkerOptions, PDFWorker, type PDFDocumentLoadingTask, type PDFDocumentProxy, type PDFPageProxy } from 'pdfjs-dist';
import type { TextContent, TextItem } from 'pdfjs-dist/types/src/display/api';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import { joinTextRuns, type PageText, type TextRun } from './hits';
import { RenderQueue } from './queue';

GlobalWorkerOptions.workerSrc = workerUrl;

/**
 * Absolute URL of a folder next to index.html. Absolute because pdf.js may hand it to its worker,
 * which would resolve a relative one against the worker script's own folder.
 */
function besideIndex(folder: string): string {
  return new URL(folder, document.baseURI).href;
}

/**
 * One worker for every document: starting pdf.js's worker (parsing ~1 MB of script) is the
 * slowest part of opening a small PDF, and secretaries open one document after another.
 */
let sharedWorker: PDFWorker | null = null;

function worker(): PDFWorker {
  if (!sharedWorker || sharedWorker.destroyed) sharedWorker = new PDFWorker();
  return sharedWorker;
}

/**
 * Starts the worker ahead of the first document (e.g. while the user reads search results), so
 * opening it does not wait for the worker script to load and compile.
 */
export function warmUpPdfWorker(): void {
  worker();
}

export function openPdf(url: string): PDFDocumentLoadingTask {
  return getDocument({
    url,
    worker: worker(),
    // Our CSP has no 'unsafe-eval': pdf.js must not compile font programs with `new Function`.
    isEvalSupported: false,
    cMapUrl: besideIndex('./pdfjs/cmaps/'),
    cMapPacked: true,
    standardFontDataUrl: besideIndex('./pdfjs/standard_fonts/'),
    // JPEG 2000 and JBIG2 decoders of scanned pages (pdf.js falls back to JS when wasm is refused).
    wasmUrl: besideIndex('./pdfjs/wasm/'),
  });
}

/** A page's text as pdf.js extracted it, plus the joined string highlighters run on. */
export interface PageTextData {
  content: TextContent;
  runs: TextRun[];
  pageText: PageText;
}

function isTextItem(item: TextContent['items'][number]): item is TextItem {
  return 'str' in item;
}

/**
 * Pages and their text, fetched once per document. The text layer and the hit scanner share the
 * text content, so a page's text is extracted only once.
 */
export class PdfDocumentCache {
  readonly #doc: PDFDocumentProxy;
  readonly #pages = new Map<number, Promise<PDFPageProxy>>();
  readonly #texts = new Map<number, Promise<PageTextData>>();
  readonly #listeners = new Set<(pageNumber: number, page: PDFPageProxy) => void>();
  /** Canvas drawing of this document's pages and thumbnails, most urgent first. */
  readonly queue = new RenderQueue(2);

  constructor(doc: PDFDocumentProxy) {
    this.#doc = doc;
  }

  get doc(): PDFDocumentProxy {
    return this.#doc;
  }

  page(pageNumber: number): Promise<PDFPageProxy> {
    let page = this.#pages.get(pageNumber);
    if (!page) {
      page = this.#doc.getPage(pageNumber);
      this.#pages.set(pageNumber, page);
      page.then((proxy) => this.#listeners.forEach((listener) => listener(pageNumber, proxy)), () => undefined);
      // A failed fetch may be retried later (e.g. after a transient worker error).
      page.catch(() => this.#pages.delete(pageNumber));
    }
    return page;
  }

  /** Calls `listener` each time a page is fetched (the viewer learns real page sizes so). */
  onPage(listener: (pageNumber: number, page: PDFPageProxy) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  text(pageNumber: number): Promise<PageTextData> {
    let text = this.#texts.get(pageNumber);
    if (!text) {
      text = this.page(pageNumber)
        .then((page) => page.getTextContent())
        .then((content) => {
          // Marked-content markers are not text; the text layer skips them the same way, so
          // run i is text-layer div i.
          const runs = content.items.filter(isTextItem).map((item) => ({ str: item.str, hasEOL: item.hasEOL }));
          return { content, runs, pageText: joinTextRuns(runs) };
        });
      this.#texts.set(pageNumber, text);
      text.catch(() => this.#texts.delete(pageNumber));
    }
    return text;
  }
}
