/**
 * Pure hit bookkeeping shared by the PDF and the text viewer: where the marked ranges of a page
 * fall in its text items, how a text is cut into marked and plain pieces, and how next/previous
 * moves through the hits of a whole document. No DOM, no pdf.js: unit-tested on its own.
 */

/** A [start, end) range of a text, as a highlighter returns it. */
export interface Range {
  start: number;
  end: number;
}

/** One pdf.js text item, reduced to what matters for matching. */
export interface TextRun {
  str: string;
  hasEOL: boolean;
}

/** A page's text as one string, and where each text item starts in it. */
export interface PageText {
  text: string;
  /** starts[i] = offset of item i in `text`. */
  starts: number[];
}

/**
 * Joins the text items of a page the way pdf.js's own find controller does: items back to back
 * (a word split over two items, e.g. at a font change, stays one word) and a line break after an
 * item that ends a line, so words of adjacent lines never fuse.
 */
export function joinTextRuns(runs: readonly TextRun[]): PageText {
  const starts: number[] = [];
  let text = '';
  for (const run of runs) {
    starts.push(text.length);
    text += run.str;
    if (run.hasEOL) text += '\n';
  }
  return { text, starts };
}

/**
 * Sorted, clamped, non-empty, non-overlapping ranges: a highlighter is outside code, and the
 * marking code below relies on this order.
 */
export function normalizeRanges(ranges: readonly Range[], length: number): Range[] {
  const sorted = ranges
    .map((range) => ({ start: Math.max(0, range.start), end: Math.min(length, range.end) }))
    .filter((range) => range.end > range.start)
    .sort((a, b) => a.start - b.start || a.end - b.end);
  const result: Range[] = [];
  for (const range of sorted) {
    const last = result[result.length - 1];
    if (last && range.start < last.end) last.end = Math.max(last.end, range.end);
    else result.push({ ...range });
  }
  return result;
}

/** A marked part of one text item: item-local offsets and the page-local hit it belongs to. */
export interface ItemSegment {
  start: number;
  end: number;
  hit: number;
}

/**
 * Cuts page-level hit ranges into per-item segments. A hit spanning two items (a word split by
 * the PDF generator) yields one segment in each, both with the same hit number, so the two
 * pieces light up together as the current hit.
 *
 * @param runs the items the page text was joined from
 * @param ranges normalized ranges over `pageText.text`
 */
export function segmentsByItem(runs: readonly TextRun[], pageText: PageText, ranges: readonly Range[]): Map<number, ItemSegment[]> {
  const result = new Map<number, ItemSegment[]>();
  let item = 0;
  ranges.forEach((range, hit) => {
    // Items are in text order and ranges are sorted: resume from the previous item.
    while (item < runs.length && (pageText.starts[item] ?? 0) + (runs[item]?.str.length ?? 0) <= range.start) item++;
    for (let i = item; i < runs.length; i++) {
      const itemStart = pageText.starts[i] ?? 0;
      if (itemStart >= range.end) break;
      const itemEnd = itemStart + (runs[i]?.str.length ?? 0);
      const start = Math.max(range.start, itemStart);
      const end = Math.min(range.end, itemEnd);
      if (end <= start) continue;
      const list = result.get(i) ?? [];
      list.push({ start: start - itemStart, end: end - itemStart, hit });
      result.set(i, list);
    }
  });
  return result;
}

/** A piece of a text: plain (`hit` null) or part of hit number `hit`. */
export interface TextPiece {
  text: string;
  hit: number | null;
}

/**
 * Cuts `text` into plain and marked pieces. `segments` must be sorted and non-overlapping (as
 * produced by `normalizeRanges` or `segmentsByItem`); a segment without a `hit` is numbered by
 * its position.
 */
export function splitText(text: string, segments: ReadonlyArray<Range & { hit?: number }>): TextPiece[] {
  const pieces: TextPiece[] = [];
  let at = 0;
  segments.forEach((segment, index) => {
    const start = Math.max(at, Math.min(segment.start, text.length));
    const end = Math.min(segment.end, text.length);
    if (end <= start) return;
    if (start > at) pieces.push({ text: text.slice(at, start), hit: null });
    pieces.push({ text: text.slice(start, end), hit: segment.hit ?? index });
    at = end;
  });
  if (at < text.length) pieces.push({ text: text.slice(at), hit: null });
  return pieces;
}

/** A hit in a document: 1-based page and its index among that page's hits. */
export interface HitPosition {
  page: number;
  index: number;
}

/**
 * Hit counts per page: counts[page - 1]; `undefined` for a page not scanned yet (counted as 0,
 * the counter says the total may still grow).
 */
export type HitCounts = ReadonlyArray<number | undefined>;

export function totalHits(counts: HitCounts): number {
  let total = 0;
  for (const count of counts) total += count ?? 0;
  return total;
}

/** 1-based number of `position` among all hits of the document. */
export function hitOrdinal(counts: HitCounts, position: HitPosition): number {
  let before = 0;
  for (let page = 1; page < position.page; page++) before += counts[page - 1] ?? 0;
  return before + position.index + 1;
}

/**
 * The next (`direction` 1) or previous (-1) hit, wrapping around the document's ends. Without a
 * current hit it starts from `fromPage`: next = first hit on that page or after it, previous =
 * last hit on that page or before it. Null when there is no hit at all.
 */
export function stepHit(counts: HitCounts, current: HitPosition | null, direction: 1 | -1, fromPage: number): HitPosition | null {
  const pages = counts.length;
  if (pages === 0 || totalHits(counts) === 0) return null;
  const countOf = (page: number): number => counts[page - 1] ?? 0;

  if (current && current.index + direction >= 0 && current.index + direction < countOf(current.page)) {
    return { page: current.page, index: current.index + direction };
  }
  // Walk the pages from the start page (inclusive when there is no current hit), wrapping.
  const start = current ? current.page + direction : Math.min(Math.max(fromPage, 1), pages);
  for (let step = 0; step < pages; step++) {
    const page = ((((start - 1 + direction * step) % pages) + pages) % pages) + 1;
    const count = countOf(page);
    if (count > 0) return { page, index: direction === 1 ? 0 : count - 1 };
  }
  // Only the current page has hits (and we stepped off its end): wrap within it.
  if (current && countOf(current.page) > 0) {
    return { page: current.page, index: direction === 1 ? 0 : countOf(current.page) - 1 };
  }
  return null;
}

/** The order a document is scanned for hits: from `startPage` to the end, then from page 1. */
export function scanOrder(pages: number, startPage: number): number[] {
  const start = Math.min(Math.max(startPage, 1), Math.max(pages, 1));
  const order: number[] = [];
  for (let page = start; page <= pages; page++) order.push(page);
  for (let page = 1; page < start; page++) order.push(page);
  return order;
}
