/**
 * Layout of recognised pages, for metadata detection after OCR: a scan's lines placed where the
 * recogniser found them, sized by their height against the page's median line, aligned against
 * the text column, with running headers marked (page-layout.ts, shared with PDF text layers).
 *
 * Built from what the archive already keeps, the page text (lines by '\n') and its words with
 * their boxes, in the same reading order, so nothing new is stored and a document read across
 * several runs (or restarts) gets its layout all the same.
 */
import type { OcrWord } from '../../../shared/domain/ocr';
import type { LayoutLine } from '../../../shared/metadata/types';
import { layoutOfPlacedLines, type PlacedLine } from '../ingest/extract/page-layout';

/** A recognised page as stored: its text, its words (page_ocr.words) and the turn it was read at. */
export interface RecognisedPage {
  text: string;
  words: readonly OcrWord[];
  rotation: number;
}

/**
 * Word boxes are stored on the page as displayed; a page that was scanned sideways was read
 * turned upright, and its layout is that of the upright page (this inverts `unrotateBox`).
 */
function upright(word: OcrWord, rotation: number): { x0: number; y0: number; x1: number; y1: number } {
  const turn = (x: number, y: number): [number, number] => {
    switch (rotation) {
      case 90:
        return [1 - y, x];
      case 180:
        return [1 - x, 1 - y];
      case 270:
        return [y, 1 - x];
      default:
        return [x, y];
    }
  };
  const [ax, ay] = turn(word.x0, word.y0);
  const [bx, by] = turn(word.x1, word.y1);
  return { x0: Math.min(ax, bx), y0: Math.min(ay, by), x1: Math.max(ax, bx), y1: Math.max(ay, by) };
}

/** Letters that rise above the x-height (capitals, digits, tall lowercase) and that hang below the baseline. */
const TALL = /[\p{Lu}\p{N}бйёіїfbdhiklt]/u;
const DEEP = /[рудфщцүұgjpqy]/u;

/**
 * The type size a word's box shows, in the box's units. A box reaches from the word's highest
 * letter to its lowest: "совета" is only as tall as a small letter, "КАЗАХСТАН" as a capital,
 * "Республики" spans capital to descender. Scaled by the share of the type size those letters
 * span (typical of the serif and sans faces of office documents), words of one size agree.
 */
function typeSize(word: { text: string; y0: number; y1: number }): number {
  const tall = TALL.test(word.text);
  const deep = DEEP.test(word.text);
  const share = tall && deep ? 0.93 : tall || deep ? 0.72 : 0.5;
  return (word.y1 - word.y0) / share;
}

/**
 * Two words on one line further apart than this many type sizes are two blocks (stamp, addressee).
 * Gaps are fractions of the page's width and sizes of its height: on an A4 page about 3 sizes.
 */
const COLUMN_GAP = 2;

interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

interface Block extends Box {
  words: string[];
  /** The words' type sizes, weighted by their letters. */
  sizes: Array<{ size: number; letters: number }>;
}

function weightedMedian(values: ReadonlyArray<{ size: number; letters: number }>): number {
  const sorted = [...values].sort((a, b) => a.size - b.size);
  const half = sorted.reduce((sum, value) => sum + value.letters, 0) / 2;
  let seen = 0;
  for (const value of sorted) {
    seen += value.letters;
    if (seen >= half) return value.size;
  }
  return sorted[sorted.length - 1]?.size ?? 0;
}

/**
 * The page's lines with their boxes, or null when the words do not spell the text line by line
 * (a text that is not the recogniser's: then the layout is unknown rather than wrong). A wide
 * gap between two words of a text line parts it into two blocks, as on a PDF page.
 */
export function placeRecognisedLines(page: RecognisedPage): PlacedLine[] | null {
  const blocks: Block[] = [];
  let next = 0;
  for (const text of page.text.split('\n')) {
    if (text.trim() === '') continue;
    let block: Block | null = null;
    for (const token of text.split(' ')) {
      const word = page.words[next++];
      if (!word || word.text !== token) return null;
      const box = upright(word, page.rotation);
      const size = typeSize({ text: word.text, ...box });
      if (block && box.x0 - block.x1 > COLUMN_GAP * Math.max(size, weightedMedian(block.sizes))) {
        blocks.push(block);
        block = null;
      }
      const letters = Math.max(1, word.text.replace(/[^\p{L}\p{N}]/gu, '').length);
      if (!block) block = { ...box, words: [], sizes: [] };
      else Object.assign(block, { x0: Math.min(block.x0, box.x0), y0: Math.min(block.y0, box.y0), x1: Math.max(block.x1, box.x1), y1: Math.max(block.y1, box.y1) });
      block.words.push(word.text);
      block.sizes.push({ size, letters });
    }
    if (block) blocks.push(block);
  }
  if (next !== page.words.length) return null;
  // The body's type size is the one most letters of the page are set in.
  const body = weightedMedian(blocks.flatMap((block) => block.sizes));
  return blocks.map((block) => ({
    text: block.words.join(' '),
    left: block.x0,
    right: block.x1,
    top: block.y0,
    ...(body > 0 ? { size: Math.round((weightedMedian(block.sizes) / body) * 100) / 100 } : {}),
  }));
}

/**
 * Layout lines of a document whose pages were recognised (null: a page not read by OCR, or
 * whose words no longer match its text), one entry per page, parallel to the page texts.
 */
export function layoutOfRecognisedPages(pages: ReadonlyArray<RecognisedPage | null>): Array<LayoutLine[] | undefined> {
  const placed = pages.map((page) => (page ? placeRecognisedLines(page) : null));
  const layout = layoutOfPlacedLines(placed.map((lines) => lines ?? []));
  return placed.map((lines, index) => (lines ? layout[index] : undefined));
}
