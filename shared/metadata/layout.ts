import { collapseSpaces } from './normalize';
import type { LayoutLine } from './types';
import type { Feature } from './weights';

/**
 * The layout of the head of a document, looked up by a line's text: detection reads the text's
 * lines, and asks here how each was set (bold, centred, larger than the body). A format without
 * layout gives an empty index, and every line is then "unknown", never "plain".
 */

/** Layout lines looked at: the first pages' heads, where titles and requisites sit. */
const LAYOUT_PAGES = 2;
const LAYOUT_LINES_PER_PAGE = 80;
/** A line this much larger than the body text is a heading. */
const LARGE_SIZE = 1.15;

export interface LayoutIndex {
  /** Whether the format gave any layout at all. */
  known: boolean;
  lines: ReadonlyMap<string, LayoutLine>;
}

function key(text: string): string {
  return collapseSpaces(text).toLowerCase();
}

export function buildLayoutIndex(layout: readonly (readonly LayoutLine[] | undefined)[] | undefined): LayoutIndex {
  const lines = new Map<string, LayoutLine>();
  if (!Array.isArray(layout)) return { known: false, lines };
  for (const page of layout.slice(0, LAYOUT_PAGES)) {
    if (!Array.isArray(page)) continue;
    for (const line of page.slice(0, LAYOUT_LINES_PER_PAGE)) {
      if (!line || typeof line.text !== 'string') continue;
      const k = key(line.text);
      if (k && !lines.has(k)) lines.set(k, line);
    }
  }
  return { known: lines.size > 0, lines };
}

/** The layout line holding `text` (a text line, or a title block joined from several lines). */
function find(index: LayoutIndex, text: string): LayoutLine | undefined {
  const k = key(text);
  const direct = index.lines.get(k);
  if (direct) return direct;
  // A joined title block: its first line carries the layout of the block.
  for (const [lineKey, line] of index.lines) if (lineKey.length >= 8 && k.startsWith(lineKey)) return line;
  return undefined;
}

/** Layout features of a line for the weight table: emphasis, or `plain` when known and unemphasised. */
export function layoutFeatures(index: LayoutIndex, text: string): Feature[] {
  if (!index.known) return [];
  const line = find(index, text);
  if (!line) return [];
  const features: Feature[] = [];
  if (line.bold === true) features.push('bold');
  if (line.align === 'center') features.push('centred');
  if (typeof line.size === 'number' && line.size >= LARGE_SIZE) features.push('large');
  if (line.repeated === true) features.push('running-header');
  if (features.length === 0 && line.bold === false && (line.size ?? 1) <= 1.05) features.push('plain');
  return features;
}

/** The line is set as a heading: bold, centred or large. */
export function isEmphasised(index: LayoutIndex, text: string): boolean {
  return layoutFeatures(index, text).some((f) => f === 'bold' || f === 'centred' || f === 'large');
}

/**
 * The text line begins with a layout line of its own: `text` was joined from two blocks set apart
 * on one baseline (PDF: a wide gap parts an outgoing stamp from the addressee beside it), and
 * `part` is that first block. Unknown layout → false.
 */
export function startsWithSeparateBlock(index: LayoutIndex, text: string, part: (block: string) => boolean): boolean {
  if (!index.known) return false;
  const k = key(text);
  for (const [lineKey, line] of index.lines) {
    if (lineKey.length < k.length && k.startsWith(lineKey) && part(line.text)) return true;
  }
  return false;
}
