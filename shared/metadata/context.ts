import { findDates, type DateMatch } from './dates';
import { findNumbers, type NumberMatch } from './numbers';
import { collapseSpaces } from './normalize';

/** One line of a text, single-spaced, with its place in the text. */
export interface Line {
  /** Collapsed text; empty for a blank line. Markdown heading marks removed. */
  text: string;
  /** Offsets of the raw line in the searched text, end exclusive. */
  start: number;
  end: number;
}

/**
 * A cleaned text with its lines, dates and numbers found once; every rule reads from it.
 * Dates and numbers are searched in the whole text, so a `№` at the end of one line and its
 * digits on the next (`№\n578`, common in narrow PDF columns) are still one number.
 */
export interface TextContext {
  text: string;
  lines: Line[];
  dates: DateMatch[];
  numbers: NumberMatch[];
}

export function buildContext(text: string): TextContext {
  const lines: Line[] = [];
  let start = 0;
  for (const raw of text.split('\n')) {
    lines.push({ text: collapseSpaces(raw.replace(/^\s*#{1,6}\s+/, '')), start, end: start + raw.length });
    start += raw.length + 1;
  }
  return { text, lines, dates: findDates(text), numbers: findNumbers(text) };
}

/** Index of the line that holds `offset`. */
export function lineIndexAt(ctx: TextContext, offset: number): number {
  let lo = 0;
  let hi = ctx.lines.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    const line = ctx.lines[mid];
    if (line && line.start <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

export function datesIn(ctx: TextContext, start: number, end: number): DateMatch[] {
  return ctx.dates.filter((d) => d.index >= start && d.end <= end);
}

export function numbersIn(ctx: TextContext, start: number, end: number): NumberMatch[] {
  return ctx.numbers.filter((n) => n.index >= start && n.end <= end);
}

/** Indices of the first `limit` non-blank lines. */
export function nonBlankLineIndices(ctx: TextContext, limit: number): number[] {
  const result: number[] = [];
  for (let i = 0; i < ctx.lines.length && result.length < limit; i++) {
    if (ctx.lines[i]?.text) result.push(i);
  }
  return result;
}

/** The nearest non-blank line before / after `index`, or -1. */
export function previousNonBlank(ctx: TextContext, index: number): number {
  for (let i = index - 1; i >= 0; i--) if (ctx.lines[i]?.text) return i;
  return -1;
}

export function nextNonBlank(ctx: TextContext, index: number): number {
  for (let i = index + 1; i < ctx.lines.length; i++) if (ctx.lines[i]?.text) return i;
  return -1;
}

export function isUpperCaseLine(text: string): boolean {
  const letters = text.replace(/[^\p{L}]/gu, '');
  return letters.length >= 3 && letters === letters.toUpperCase() && letters !== letters.toLowerCase();
}

export function startsLowerCase(text: string): boolean {
  return /^\p{Ll}/u.test(text);
}

export function letterCount(text: string): number {
  return text.replace(/[^\p{L}]/gu, '').length;
}

export function wordCount(text: string): number {
  return text.split(/\s+/).filter((word) => /\p{L}/u.test(word)).length;
}
