import { collapseSpaces, headerText, tailText, TAIL_CHARS } from './normalize';
import type { LayoutLine } from './types';
import { HEADING_WORDS, KK_SELF_WORDS, SIGNATURE_LOG_RE } from './vocabulary';
import { findDates } from './dates';

/**
 * Before any rule reads a document, its text is put into the shape a clerk sees: running headers
 * and footers dropped (`Стенографиялық есеп 1` on every page is no title), the e-signature log at
 * the end of an e-document cut off (its `Қол қою шешімі` is no decision, its timestamps are no
 * dates), and text that arrived on one line (a PDF dumped without line breaks) split back into
 * sentences and headings, so the line-based rules find the requisites and the title.
 */

/** Pages sampled for running headers: enough to see a pattern, bounded for huge documents. */
const RUNNING_SAMPLE_PAGES = 200;
/** Lines at each end of a page where running headers and footers sit. */
const RUNNING_EDGE_LINES = 3;
/** A line is a running header when it sits at the edge of at least this share of the pages. */
const RUNNING_SHARE = 0.5;
/** Only the end of a long page is searched for the signature log. */
const LOG_SEARCH_CHARS = TAIL_CHARS * 8;
/** The log never opens a document: its markers in the first lines are part of the body. */
const LOG_MIN_LINE = 5;

/** The key of a line for running-header comparison: page numbers and spaces do not count. */
export function runningKey(text: string): string {
  return collapseSpaces(text.replace(/\d+/g, '#')).toLowerCase();
}

function edgeLines(page: string): string[] {
  const lines: string[] = [];
  // Only the ends of the page are looked at, so a huge page costs no more than a small one.
  const head = page.slice(0, 2000).split('\n').map(collapseSpaces).filter(Boolean).slice(0, RUNNING_EDGE_LINES);
  const tail = page.length > 2000 ? page.slice(-2000).split('\n').map(collapseSpaces).filter(Boolean).slice(-RUNNING_EDGE_LINES) : [];
  lines.push(...head, ...tail);
  return lines;
}

/**
 * Keys of running headers and footers: lines at the edge of most pages (page numbers ignored), and
 * lines the layout marks `repeated`. A document needs three pages for the text rule to apply.
 */
export function runningLines(pages: readonly string[], layout?: MaybeLayout): Set<string> {
  const keys = new Set<string>();
  for (const page of (layout ?? []).slice(0, RUNNING_SAMPLE_PAGES)) {
    for (const line of page ?? []) if (line.repeated && typeof line.text === 'string') keys.add(runningKey(line.text));
  }
  const sample = pages.slice(0, RUNNING_SAMPLE_PAGES);
  if (sample.length < 3) return keys;
  const counts = new Map<string, number>();
  for (const page of sample) {
    for (const key of new Set(edgeLines(page).map(runningKey))) {
      if (key.replace(/[^\p{L}]/gu, '').length < 3) continue; // a bare page number is harmless
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  for (const [key, count] of counts) if (count >= Math.max(3, sample.length * RUNNING_SHARE)) keys.add(key);
  return keys;
}

function withoutRunning(page: string, running: ReadonlySet<string>): string {
  if (running.size === 0) return page;
  // Only the page's edges can hold running lines; the middle is passed through untouched.
  const head = page.slice(0, 2000);
  const rest = page.slice(2000);
  const drop = (text: string): string =>
    text
      .split('\n')
      .map((line) => (running.has(runningKey(line)) ? '' : line))
      .join('\n');
  if (rest.length <= 2000) return drop(head + rest);
  return drop(head) + rest.slice(0, -2000) + drop(rest.slice(-2000));
}

/**
 * Where the e-signature log starts (`Қол қою шешімі`, `Подписано ЭЦП`, the statutory note on
 * e-documents), or -1. Markers in the first lines of a text are part of its body.
 */
export function signatureLogStart(text: string): number {
  SIGNATURE_LOG_RE.lastIndex = 0;
  for (const match of text.matchAll(SIGNATURE_LOG_RE)) {
    const lineStart = text.lastIndexOf('\n', match.index) + 1;
    const linesBefore = text.slice(0, lineStart).split('\n').filter((line) => line.trim()).length;
    if (linesBefore >= LOG_MIN_LINE) return lineStart;
  }
  return -1;
}

function cutSignatureLog(text: string): string {
  const start = signatureLogStart(text);
  return start < 0 ? text : text.slice(0, start);
}

// ---------------------------------------------------------------------------------------------
// One-line texts

/**
 * A page dumped without its line breaks: one line of this length at least holds most of the
 * page's text. A web page's long paragraph is one line too, but far from most of the page.
 */
const RUN_ON_LINE = 1500;
const RUN_ON_SHARE = 0.6;
/** Abbreviations after which a full stop does not end a sentence (`г. Астана`, `ст. 5`). */
const ABBREVIATION_RE = /(?:^|[\s(])(?:г|ж|қ|т|п|пп|ст|обл|р-н|им|тел|см|стр|бб|тт|т\.б|т\.с\.с|т\.е|и\.о|м\.а|\p{Lu})\.$/u;
/** Upper-case kind words that open a heading or a requisites statement inside a run-on line. */
const RUN_ON_HEADING_RE =
  /\s+(?=(?:ЗАҢЫ|ЗАКОН|ЖАРЛЫҒЫ|УКАЗ|ҚАУЛЫСЫ|ҚАУЛЫ|ПОСТАНОВЛЕНИЕ|ШЕШІМІ|ШЕШІМ|РЕШЕНИЕ|БҰЙРЫҒЫ|БҰЙРЫҚ|ПРИКАЗ|ӨКІМІ|ӨКІМ|РАСПОРЯЖЕНИЕ|ХАТТАМА|ХАТТАМАСЫ|ПРОТОКОЛ|ЗАКЛЮЧЕНИЕ|ҚОРЫТЫНДЫ|СТЕНОГРАММА)(?![\p{L}]))/gu;

const RUN_ON_STATEMENT_RE =
  /\s+(?=(?:Приказ|Решение|Постановление|Указ|Закон|Распоряжение|Протокол|Кодекс)\s+\p{Lu}\p{Ll})/gu;

/** Whether a page arrived as one line (or a few very long ones). */
export function isRunOn(page: string): boolean {
  const total = page.trim().length;
  if (total < RUN_ON_LINE) return false;
  let longest = 0;
  for (const line of page.split('\n')) longest = Math.max(longest, line.length);
  return longest >= RUN_ON_LINE && longest >= total * RUN_ON_SHARE;
}

/**
 * Split a run-on text into the lines it was printed in, as well as the words allow: after a
 * sentence end or a colon followed by a capital, after a Kazakh title's closing `туралы`, between
 * an upper-case heading and the mixed-case line after it, and before an upper-case kind word.
 */
export function splitRunOn(text: string): string {
  const out: string[] = [];
  for (const line of text.split('\n')) {
    if (line.length < 200) {
      out.push(line);
      continue;
    }
    const pieces = line
      // `…туралы Астана, Ақорда` / `…туралы» Қазақстан`: a Kazakh title ends with туралы.
      .replace(/(туралы[»"”]?)\s+(?=[\p{Lu}«])/gu, '$1\n')
      // An upper-case heading run followed by a capitalised mixed-case word.
      .replace(/((?:\p{Lu}{2,}[\s,-]+)*\p{Lu}{4,}[»"”]?)\s+(?=\p{Lu}\p{Ll})/gu, '$1\n')
      // A mixed-case word followed by an upper-case run (a heading starting mid-line).
      .replace(/(\p{Ll}[.,:;»"”)]?)\s+(?=\p{Lu}{4,}(?:\s+\p{Lu}{2,})+)/gu, '$1\n')
      .replace(RUN_ON_HEADING_RE, '\n')
      // A capitalised kind word naming its issuer opens a requisites statement: `… безопасности»
      // Приказ Министра … от … №`, `Решение маслихата …`, `Қазақстан Республикасы Үкіметінің қаулысы`.
      .replace(RUN_ON_STATEMENT_RE, '\n')
      // A closing quote followed by a capital ends a title.
      .replace(/([»”])\s+(?=\p{Lu}\p{Ll})/gu, '$1\n')
      .split('\n');
    for (const piece of pieces) out.push(...splitSentences(piece));
  }
  return out.join('\n');
}

function splitSentences(text: string): string[] {
  const result: string[] = [];
  let start = 0;
  for (const match of text.matchAll(/[.!?:;]\s+(?=[\p{Lu}«"№\d])/gu)) {
    const end = match.index + 1;
    if (ABBREVIATION_RE.test(text.slice(Math.max(start, end - 8), end))) continue;
    // `1. Утвердить …`: a list item's number stays with its text.
    if (/^\s*\d{1,3}\.$/u.test(text.slice(start, end))) continue;
    // `от 2 ноября 2015 года.` is followed by digits of a list, `1. Утвердить`: both are fine breaks.
    result.push(text.slice(start, end));
    start = match.index + match[0].length;
  }
  result.push(text.slice(start));
  return result;
}

// ---------------------------------------------------------------------------------------------
// OCR's number sign

/**
 * How tesseract reads the sign `№` on Cyrillic scans: `Ме6`, `Мо1`, `Хе 2`, `Ng`, `Ne`, `N°`, `Jb`,
 * or a lone `М`, always directly before the digits. Taken alone these are words or initials, so a
 * token is read as `№` only where a number sign belongs (see `repairNumberSigns`).
 */
const SIGN_LOOKALIKE_RE = /(?<![\p{L}\d№])(?:[МM][еeоo]|[NХX][еe]|N[gqо°º]|Jb|Nb|[МM])\.?(?=\s?\d)/gu;
/** The number that follows the look-alike: digits, then groups joined by - or /. */
const AFTER_SIGN_RE = /^\s?\d[\p{L}\d]*(?:[-/][\p{L}\d]+)*\s*(\p{L}+)?/u;
/** A requisites line is short; a long line is running text, where `М 5` may be anything. */
const SIGN_LINE_CHARS = 80;

function isKindWord(word: string | undefined): boolean {
  if (!word) return false;
  const lower = word.toLowerCase();
  return HEADING_WORDS.has(lower) || KK_SELF_WORDS.has(lower);
}

/**
 * Put back the `№` that OCR misread, where a number sign belongs: directly before a kind word
 * (`Ме6 ХАТТАМАСЫ`, `Мо1 хаттамасы`), directly after one (`ПРОТОКОЛ Ме 5`, `БҰЙРЫҚ Хе 2`), or on
 * a short line that also holds a date (a requisites line: `25.01.2024 ж. Хе 33-05/01`). Elsewhere the
 * token is left alone: `Ме` and `М` are also words and initials.
 */
/**
 * The sign OCR lost altogether: `Протокол 5` heading a page, `протокол 23-29 от 08.06.2023г.` in a
 * stamp. A bare number right after an act's kind word is its number when it closes a line that
 * the kind word opens, or when `от` and the date follow it.
 */
const LOST_SIGN_KIND = '(?:протокол(?:ом|а)?|приказ(?:ом|а)?|решени(?:е|ем|я)|постановлени(?:е|ем|я)|распоряжени(?:е|ем|я)|хаттама(?:сы)?|бұйрық|шешім)';
const LOST_SIGN_NUMBER = '\\d{1,5}(?:[-/]\\d{1,5}){0,3}';
// A year closing the line (`План 2024`) is no number.
const LOST_SIGN_CLOSING_RE = new RegExp(`^(${LOST_SIGN_KIND})\\s+(?=${LOST_SIGN_NUMBER}\\s*$)(?!(?:19|20)\\d{2}\\s*$)`, 'iu');
const LOST_SIGN_BEFORE_DATE_RE = new RegExp(`(?<![\\p{L}])(${LOST_SIGN_KIND})\\s+(?=${LOST_SIGN_NUMBER}\\s+от\\s*[«"]?\\d)`, 'giu');

function restoreLostSign(line: string): string {
  if (line.length > SIGN_LINE_CHARS) return line;
  return line.replace(LOST_SIGN_CLOSING_RE, '$1 № ').replace(LOST_SIGN_BEFORE_DATE_RE, '$1 № ');
}

export function repairNumberSigns(text: string): string {
  if (!/[МMNХXJ]|протокол|приказ|решени|постановлени|распоряжени|хаттама|бұйрық|шешім/iu.test(text)) return text;
  return text
    .split('\n')
    .map(restoreLostSign)
    .map((line) => {
      if (line.length > SIGN_LINE_CHARS * 3) return line;
      const short = line.length <= SIGN_LINE_CHARS;
      const dated = short && findDates(line).length > 0;
      return line.replace(SIGN_LOOKALIKE_RE, (token: string, offset: number) => {
        const after = AFTER_SIGN_RE.exec(line.slice(offset + token.length));
        const before = /(\p{L}+)\s*$/u.exec(line.slice(0, offset))?.[1];
        const lone = /^[МM]\.?$/u.test(token);
        const belongs = isKindWord(after?.[1]) || isKindWord(before) || (dated && !lone);
        return belongs && short ? '№' : token;
      });
    })
    .join('\n');
}

// ---------------------------------------------------------------------------------------------

type MaybeLayout = readonly (readonly LayoutLine[] | undefined)[];

export interface PreparedText {
  /** The first pages, as `headerText` gives them, prepared. */
  header: string;
  /** The end of the document before its signature log. */
  tail: string;
  /** Running header and footer keys (see `runningKey`). */
  running: ReadonlySet<string>;
  /** Whether the text arrived on one line. */
  runOn: boolean;
}

export function prepareText(pages: readonly string[], layout?: MaybeLayout): PreparedText {
  const running = runningLines(pages, layout);
  // The first page keeps its running lines: a header there may carry the document's own date or
  // number (`Протокол № 5 от 12.03.2023` on every page); the title finder skips them instead.
  const headPages = pages.slice(0, 2).map((page, i) => (i === 0 ? page.slice(0, 12000) : withoutRunning(page.slice(0, 12000), running)));
  const runOn = headPages.some(isRunOn);
  const headSource = runOn ? headPages.map(splitRunOn) : headPages;
  const header = repairNumberSigns(cutSignatureLog(headerText(headSource)));

  let tail = '';
  for (let i = pages.length - 1; i >= 0; i--) {
    const page = pages[i] ?? '';
    if (!page.trim()) continue;
    let end = withoutRunning(page.slice(-LOG_SEARCH_CHARS), running);
    if (isRunOn(end)) end = splitRunOn(end);
    const logAt = signatureLogStart(end);
    tail = repairNumberSigns(tailText([logAt < 0 ? end : end.slice(0, logAt)]));
    break;
  }
  return { header, tail, running, runOn };
}
