/**
 * Text recognised on scanned pages (OCR), as the PDF viewer uses it: the words of a page joined
 * into one text in reading order (so the same highlighter as the text layer runs on it), which
 * words a query hits, and a per-document cache of the words fetched from the core.
 *
 * A scanned page has no usable pdf.js text, so its hits are whole OCR words: the word boxes are
 * all we know of where the letters are.
 */
import type { OcrWord, PageOcr } from '../../../shared/domain/ocr';
import { normalizeRanges, type Range } from './hits';
import type { HighlighterFn } from './useFind';

export type OcrRotation = PageOcr['rotation'];

/** A page's recognised words and the text highlighters run on. */
export interface OcrPageText {
  pageNo: number;
  /** Non-empty words in reading order (the recogniser's order). */
  words: readonly OcrWord[];
  rotation: OcrRotation;
  /** The words joined: a space between words of a line, a line break between lines. */
  text: string;
  /** starts[i]: offset of words[i] in `text`. */
  starts: number[];
}

interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/**
 * A word box in the frame the page was read in. Boxes are given on the page as displayed; the
 * recogniser turned the image `rotation` degrees clockwise first, so lines of a sideways scan run
 * up or down the displayed page. Turning the box the same way makes lines horizontal again.
 */
export function uprightBox(box: Box, rotation: OcrRotation): Box {
  switch (rotation) {
    case 90:
      return { x0: 1 - box.y1, y0: box.x0, x1: 1 - box.y0, y1: box.x1 };
    case 180:
      return { x0: 1 - box.x1, y0: 1 - box.y1, x1: 1 - box.x0, y1: 1 - box.y0 };
    case 270:
      return { x0: box.y0, y0: 1 - box.x1, x1: box.y1, y1: 1 - box.x0 };
    default:
      return box;
  }
}

/**
 * True when `next` starts a new line after `previous` (in reading order): it goes back to the
 * left, or its middle lies outside the previous word's height.
 */
export function startsNewLine(previous: Box, next: Box, rotation: OcrRotation): boolean {
  const a = uprightBox(previous, rotation);
  const b = uprightBox(next, rotation);
  const middle = (b.y0 + b.y1) / 2;
  return b.x0 < a.x0 || middle < a.y0 || middle > a.y1;
}

/** Joins a page's words into one text, keeping where each word starts. */
export function joinOcrWords(page: PageOcr): OcrPageText {
  const words = page.words.filter((word) => word.text.trim() !== '');
  const starts: number[] = [];
  let text = '';
  words.forEach((word, index) => {
    const previous = words[index - 1];
    if (previous) text += startsNewLine(previous, word, page.rotation) ? '\n' : ' ';
    starts.push(text.length);
    text += word.text;
  });
  return { pageNo: page.pageNo, words, rotation: page.rotation, text, starts };
}

/** The [start, end) span of word `index` in the page text. */
export function wordSpan(page: OcrPageText, index: number): Range {
  const start = page.starts[index] ?? 0;
  return { start, end: start + (page.words[index]?.text.length ?? 0) };
}

/**
 * The page's hits for a highlighter: one range per word that holds a match, covering the whole
 * word (a word with two matches, `іс-шаралар` for `іс шара`, is one hit). Sorted, so hit k is
 * the k-th marked word.
 */
export function ocrHitRanges(page: OcrPageText, highlighter: HighlighterFn): Range[] {
  const matches = normalizeRanges(highlighter(page.text), page.text.length);
  const hits: Range[] = [];
  let word = 0;
  for (const match of matches) {
    // Both lists are in text order: resume from the word of the previous match.
    while (word < page.words.length && wordSpan(page, word).end <= match.start) word++;
    for (let index = word; index < page.words.length; index++) {
      const span = wordSpan(page, index);
      if (span.start >= match.end) break;
      const last = hits[hits.length - 1];
      if (!last || last.start !== span.start) hits.push(span);
    }
  }
  return hits;
}

/**
 * The hit number of each word (null: not a hit): the index of the range it overlaps. Ranges are
 * the page's hits from `ocrHitRanges` (normally one word each; a range over several words lights
 * them up together).
 */
export function wordHitNumbers(page: OcrPageText, ranges: readonly Range[]): Array<number | null> {
  const numbers: Array<number | null> = page.words.map(() => null);
  let hit = 0;
  page.words.forEach((_, index) => {
    const span = wordSpan(page, index);
    while (hit < ranges.length && (ranges[hit]?.end ?? 0) <= span.start) hit++;
    const range = ranges[hit];
    if (range && range.start < span.end && range.end > span.start) numbers[index] = hit;
  });
  return numbers;
}

/** Where the viewer gets the recognised words of its OCR pages. */
export interface OcrSource {
  /** True when the page's text comes from OCR (it gets the word overlay instead of pdf.js text). */
  has(pageNo: number): boolean;
  /** The page's words (null when the core has none for it). Shared: callers must not abort it. */
  text(pageNo: number): Promise<OcrPageText | null>;
}

export type OcrFetch = (pageNo: number, signal: AbortSignal) => Promise<PageOcr | null>;

/**
 * The recognised words of one document's OCR pages, fetched once per page: the page overlay and
 * the hit scanner share them. `abort` cancels what is still in flight (the document or its
 * recognised text changed); a failed or aborted fetch is forgotten, so a page asked again is
 * fetched anew.
 */
export class OcrTextCache implements OcrSource {
  readonly #pages: ReadonlySet<number>;
  readonly #fetch: OcrFetch;
  readonly #texts = new Map<number, Promise<OcrPageText | null>>();
  #abort = new AbortController();

  constructor(pages: Iterable<number>, fetch: OcrFetch) {
    this.#pages = new Set(pages);
    this.#fetch = fetch;
  }

  has(pageNo: number): boolean {
    return this.#pages.has(pageNo);
  }

  get size(): number {
    return this.#pages.size;
  }

  text(pageNo: number): Promise<OcrPageText | null> {
    if (!this.has(pageNo)) return Promise.resolve(null);
    let text = this.#texts.get(pageNo);
    if (!text) {
      text = this.#fetch(pageNo, this.#abort.signal).then((page) => (page ? joinOcrWords(page) : null));
      this.#texts.set(pageNo, text);
      text.catch(() => this.#texts.delete(pageNo));
    }
    return text;
  }

  /**
   * Cancels the requests in flight (their promises reject with an AbortError). The cache stays
   * usable: React may run an effect's cleanup and then the effect again on the same cache.
   */
  abort(): void {
    this.#abort.abort();
    this.#abort = new AbortController();
  }
}
