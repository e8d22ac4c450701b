/**
 * Layout read from where lines sit on a page, for formats that give positions but no paragraph
 * properties: PDF text layers and OCR. Both describe a line by its box on the displayed page, as
 * fractions of the page; this module infers what a clerk sees at a glance: whether a line is
 * centred or pushed to the right, and which lines are running headers or footers.
 */
import type { LayoutLine } from '../../../../shared/metadata/types';

/** A line with its box as fractions of the displayed page (0,0 = top left). */
export interface PlacedLine {
  text: string;
  left: number;
  right: number;
  top: number;
  /** Relative to the page's body text (1 = body). */
  size?: number;
  bold?: boolean;
}

/** A page narrower in text than this many lines takes the document's text column. */
const MIN_LINES_FOR_OWN_COLUMN = 8;
/** A line this share of the column wide or wider is a full line, never "centred". */
const FULL_LINE = 0.85;
/** How far a centred line's midpoint may stray from the column's, as a share of the column. */
const CENTRE_TOLERANCE = 0.04;
/** How close to the right margin a right-aligned line ends, as a share of the column. */
const RIGHT_TOLERANCE = 0.03;

interface Column {
  left: number;
  right: number;
}

/**
 * The text column: where lines start and end. The extremes are taken past a few outliers (a
 * margin note, a stamp hanging into the margin) when the page has enough lines to tell.
 */
function columnOf(lines: readonly PlacedLine[]): Column | null {
  if (lines.length === 0) return null;
  const lefts = lines.map((line) => line.left).sort((a, b) => a - b);
  const rights = lines.map((line) => line.right).sort((a, b) => a - b);
  const skip = lines.length >= 50 ? Math.floor(lines.length * 0.02) : 0;
  const left = lefts[skip]!;
  const right = rights[rights.length - 1 - skip]!;
  return right > left ? { left, right } : null;
}

function alignOf(line: PlacedLine, column: Column): LayoutLine['align'] {
  const width = column.right - column.left;
  const lineWidth = line.right - line.left;
  if (lineWidth >= width * FULL_LINE) return 'left';
  const mid = (line.left + line.right) / 2;
  const columnMid = (column.left + column.right) / 2;
  if (Math.abs(mid - columnMid) <= width * CENTRE_TOLERANCE) return 'center';
  if (Math.abs(line.right - column.right) <= width * RIGHT_TOLERANCE && line.left > columnMid) return 'right';
  return 'left';
}

/** Digits are page numbers, dates and counters that change from page to page. */
function repeatKey(text: string): string {
  return text.toLowerCase().replace(/\d+/g, '#').replace(/\s+/g, ' ').trim();
}

/** Running headers and footers sit within this share of the page height from its top or bottom. */
const HEAD_BAND = 0.2;
/** How far apart (share of the page height) two occurrences of a running line may sit. */
const REPEAT_Y_TOLERANCE = 0.025;

/**
 * Marks lines that sit, with the same words (numbers aside), at about the same height in the
 * head or foot of at least 3 pages and on at least half of the pages that have text: running headers and footers
 * (a record's "Стенографиялық есеп 3", a page number, an act's name in the page head).
 */
function repeatedLines(pages: ReadonlyArray<readonly PlacedLine[]>): Set<PlacedLine> {
  const repeated = new Set<PlacedLine>();
  const pagesWithText = pages.filter((lines) => lines.length > 0).length;
  const needed = Math.max(3, Math.ceil(pagesWithText / 2));
  if (pagesWithText < needed) return repeated;
  const byKey = new Map<string, Array<{ page: number; line: PlacedLine }>>();
  pages.forEach((lines, page) => {
    for (const line of lines) {
      // Running lines live in the head and foot bands; a table repeated page after page in the
      // body (the same figures at the same height) is the document's content.
      if (line.top > HEAD_BAND && line.top < 1 - HEAD_BAND) continue;
      const key = repeatKey(line.text);
      if (key === '') continue;
      const list = byKey.get(key);
      if (list) list.push({ page, line });
      else byKey.set(key, [{ page, line }]);
    }
  });
  for (const occurrences of byKey.values()) {
    if (occurrences.length < needed) continue;
    // Sorted by height, the occurrences within the tolerance of each one form a sliding window;
    // counting the distinct pages in it keeps a line on every page of a long act linear.
    occurrences.sort((a, b) => a.line.top - b.line.top);
    const pagesInWindow = new Map<number, number>();
    let lo = 0;
    let hi = 0;
    for (const occurrence of occurrences) {
      while (hi < occurrences.length && occurrences[hi]!.line.top <= occurrence.line.top + REPEAT_Y_TOLERANCE) {
        const page = occurrences[hi]!.page;
        pagesInWindow.set(page, (pagesInWindow.get(page) ?? 0) + 1);
        hi++;
      }
      while (occurrences[lo]!.line.top < occurrence.line.top - REPEAT_Y_TOLERANCE) {
        const page = occurrences[lo]!.page;
        const left = (pagesInWindow.get(page) ?? 1) - 1;
        if (left === 0) pagesInWindow.delete(page);
        else pagesInWindow.set(page, left);
        lo++;
      }
      if (pagesInWindow.size >= needed) repeated.add(occurrence.line);
    }
  }
  return repeated;
}

const round3 = (value: number): number => Math.round(value * 1000) / 1000;

/**
 * Layout lines of a document's pages: alignment against the text column (the page's own, or
 * the document's for a page with few lines), the position, and running headers and footers.
 */
export function layoutOfPlacedLines(pages: ReadonlyArray<readonly PlacedLine[]>): LayoutLine[][] {
  const documentColumn = columnOf(pages.flat());
  const repeated = repeatedLines(pages);
  return pages.map((lines) => {
    const column = (lines.length >= MIN_LINES_FOR_OWN_COLUMN ? columnOf(lines) : null) ?? documentColumn;
    return lines.map((line) => {
      const out: LayoutLine = { text: line.text, x: round3(line.left), y: round3(line.top) };
      if (line.size !== undefined) out.size = line.size;
      if (line.bold !== undefined) out.bold = line.bold;
      if (column) out.align = alignOf(line, column);
      if (repeated.has(line)) out.repeated = true;
      return out;
    });
  });
}
