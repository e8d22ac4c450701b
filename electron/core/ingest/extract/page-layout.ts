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

/** Left edges this close (share of the page width) are one margin or one indent. */
const SAME_EDGE = 0.005;

/**
 * Whether a line starts where a line near it starts and ends elsewhere: the ragged right of
 * left-aligned text (an indented list item), however near the middle its midpoint falls.
 */
function sharesLeftEdge(line: PlacedLine, neighbours: ReadonlyArray<PlacedLine | undefined>): boolean {
  return neighbours.some((other) => other !== undefined && Math.abs(other.left - line.left) <= SAME_EDGE && Math.abs(other.right - line.right) > SAME_EDGE * 2);
}

function alignOf(line: PlacedLine, column: Column, alone: boolean, neighbours: ReadonlyArray<PlacedLine | undefined>): LayoutLine['align'] {
  const width = column.right - column.left;
  const lineWidth = line.right - line.left;
  if (lineWidth >= width * FULL_LINE) return 'left';
  const mid = (line.left + line.right) / 2;
  const columnMid = (column.left + column.right) / 2;
  // A heading is centred on a row of its own (a block in the middle of a row is a table cell),
  // clear of the right margin (an indented line that runs to it is justified text), and not
  // sharing its start with a line near it while ending elsewhere.
  const centred =
    alone && Math.abs(mid - columnMid) <= width * CENTRE_TOLERANCE && column.right - line.right > width * RIGHT_TOLERANCE && !sharesLeftEdge(line, neighbours);
  if (centred) return 'center';
  if (Math.abs(line.right - column.right) <= width * RIGHT_TOLERANCE && line.left > columnMid) return 'right';
  return 'left';
}

/** Two blocks whose tops are this close (share of the page height) sit on one row. */
const SAME_ROW = 0.006;

/** Lines that share their row with another block (table cells, a stamp beside the addressee). */
function linesInRows(lines: readonly PlacedLine[]): Set<PlacedLine> {
  const sorted = [...lines].sort((a, b) => a.top - b.top);
  const shared = new Set<PlacedLine>();
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i]!.top - sorted[i - 1]!.top <= SAME_ROW) {
      shared.add(sorted[i]!);
      shared.add(sorted[i - 1]!);
    }
  }
  return shared;
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
    const inRows = linesInRows(lines);
    // Neighbours in reading order among the lines alone on their rows (cells have their own).
    const rows = lines.filter((line) => !inRows.has(line)).sort((a, b) => a.top - b.top);
    // Two rows each way: a list with hanging indents starts its items every other line.
    const neighbours = new Map(rows.map((line, index) => [line, [rows[index - 2], rows[index - 1], rows[index + 1], rows[index + 2]]] as const));
    return lines.map((line) => {
      const out: LayoutLine = { text: line.text, x: round3(line.left), y: round3(line.top) };
      if (line.size !== undefined) out.size = line.size;
      if (line.bold !== undefined) out.bold = line.bold;
      if (column) out.align = alignOf(line, column, !inRows.has(line), neighbours.get(line) ?? []);
      if (repeated.has(line)) out.repeated = true;
      return out;
    });
  });
}
