import type { KindCode } from '../domain/kinds';
import {
  type TextContext,
  datesIn,
  isUpperCaseLine,
  letterCount,
  nextNonBlank,
  nonBlankLineIndices,
  numbersIn,
  previousNonBlank,
  startsLowerCase,
  wordCount,
} from './context';
import { STATEMENT_LINES, isRequisitesLine } from './requisites';
import {
  DRAFT_PREFIX_KINDS,
  HEADING_PREFIXES,
  HEADING_SUFFIXES,
  HEADING_WORDS,
  KK_HEADING_FORMS,
  SECTION_HEADINGS_RE,
  UPPER_CASE_ONLY_HEADING_WORDS,
} from './vocabulary';
import { isNoiseLine } from './title-noise';
import { isPersonName, isPositionLine } from './title-people';

/**
 * Heading lines that name a kind (`ПОЛОЖЕНИЕ`, `План мероприятий по …`, `…жылға арналған ЖҰМЫС
 * ЖОСПАРЫ`, `Протокол № 5`) and the block of lines that belongs to each: the title.
 */

export interface HeadingMatch {
  /** Header line index of the kind word. */
  line: number;
  kind: KindCode;
  /** Where the kind word sits: Russian headings lead with it, Kazakh ones end with it. */
  position: 'first' | 'last';
  /** The heading with the lines that belong to it. */
  block: string;
  /** Two words at most (`Ереже`, `План работы`): a web page's section name more often than a title. */
  weak: boolean;
}

const HEADING_LINES = 40;
const MAX_HEADING_CHARS = 150;
const MAX_BLOCK_LINES = 8;
const MAX_TITLE_LINE_CHARS = 250;
const LIST_ITEM_RE = /^(?:\d{1,3}[.)]|[-–•*]|\p{Ll}\))\s*/u;
const RU_ADJECTIVE_RE = /^\p{L}+(?:ый|ий|ой|ая|ое|ые|ие|яя)$/u;
const EDGE_PUNCTUATION_RE = /^[\s«»"“”„'(),.:;–—-]+|[\s«»"“”„'(),:;–—-]+$/gu;

const STAMP_LINE_RE =
  /^[«"“]?\s*(?:утвержд\p{L}*|бекітемін|бекітілді|бекітілген|согласовано|согласен|келісемін|келісілді|приложение|қосымша|approved)(?![\p{L}])/iu;
const PLACE_LINE_RE = /^(?:г\.|қ\.|город\s|\p{Lu}\p{L}+\s+қ\.|\p{Lu}[\p{L}-]+,\s*\d{4})/u;
/** A line naming only the place (`Астана қаласы город Астана`, `Қызылорда қаласы`). */
const PLACE_ONLY_RE = /^\p{Lu}[\p{L}-]+\s+(?:қаласы|ауылы|кенті|ауданы)(?:\s+(?:город|г\.)\s*\p{Lu}[\p{L}-]+)?$/u;
/** A Russian subject line (`О НЕДРАХ И НЕДРОПОЛЬЗОВАНИИ`, `Об утверждении …`). */
const RU_SUBJECT_START_RE = /^[«"“]?(?:О|Об|Обо|ОБ|ОБО)\s+[\p{L}«"]/u;
const FIELD_LABEL_RE = /^[\p{L}][\p{L} ]{1,30}:\s/u;
/** Kazakh words that leave a heading open to the next line: `…2019 жылға арналған` / `ЖҰМЫС ЖОСПАРЫ`. */
export const KK_OPEN_END_RE = /(?:арналған|туралы|бойынша|жөніндегі|қатысты|ның|нің|дың|дің|тың|тің|дағы|дегі|тағы|тегі)$/iu;
const KK_GENITIVE_END_RE = /\p{L}{3,}(?:ның|нің|дың|дің|тың|тің)$/u;
/** Russian line ends that leave a heading open: a preposition or conjunction. */
const RU_OPEN_END_RE = /(?:^|\s)(?:по|о|об|на|для|в|во|и|с|со|к|при|от|за)$/iu;

function normaliseHeading(text: string): string {
  return text
    // `Педагогикалық кеңес отырысының №1 хаттамасы`: the number goes, the Kazakh kind word after it stays.
    .replace(/\s*(?:№|(?<![\p{L}])N(?=\s?\d))\s*\d[\p{L}\d/-]*(?=\s+\p{L}+$)/u, '')
    .replace(/\s*(?:№|(?<![\p{L}])N\s?\d).*$/u, '')
    // `І. ЖАЛПЫ ЕРЕЖЕ`, `2. Общие положения`: a numbered section heading.
    .replace(/^(?:[IVXІХ]{1,5}|\d{1,2})\.\s*/u, '')
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(EDGE_PUNCTUATION_RE, '')
    .trim();
}

/** The kind a single line names as a heading, and where the word sits. */
export function headingKind(text: string): { kind: KindCode; position: 'first' | 'last' } | null {
  if (!text || text.length > MAX_HEADING_CHARS || LIST_ITEM_RE.test(text)) return null;
  // `№ 2 ХАТТАМАСЫ` closing a three-line Kazakh heading: the number, then the kind word.
  const numbered = /^№\s*\S+\s+(\p{Lu}+)$/u.exec(text)?.[1]?.toLowerCase();
  if (numbered && KK_HEADING_FORMS.has(numbered)) {
    const kind = HEADING_WORDS.get(numbered);
    return kind ? { kind, position: 'last' } : null;
  }
  // Headings start with a capital (or a quoted capital); `план факт` is a table's column header.
  // A Kazakh heading may open with its year (`2023-2024 оқу жылына арналған жылдық жоспар`).
  if (!/^[«"“„(]?(?:\p{Lu}|(?:19|20)\d{2}(?:[-–](?:19|20)\d{2})?\s+\p{L})/u.test(text)) return null;
  const norm = normaliseHeading(text);
  if (!norm || SECTION_HEADINGS_RE.test(norm)) return null;
  const upper = isUpperCaseLine(text);

  for (const [re, kind] of HEADING_PREFIXES) if (re.test(norm)) return { kind, position: 'first' };
  const draft = /^проект (\p{L}+)/u.exec(norm)?.[1];
  const draftKind = draft ? DRAFT_PREFIX_KINDS.get(draft) : undefined;
  if (draftKind) return { kind: draftKind, position: 'first' };
  for (const [re, kind] of HEADING_SUFFIXES) if (re.test(norm)) return { kind, position: 'last' };

  const words = norm.split(/\s+/);
  const accept = (word: string | undefined): KindCode | null => {
    if (!word) return null;
    const kind = HEADING_WORDS.get(word);
    if (!kind) return null;
    return UPPER_CASE_ONLY_HEADING_WORDS.has(word) && !upper ? null : kind;
  };

  // A lone Kazakh kind word (`ЕРЕЖЕ`, `НҰСҚАУЛЫҚ`) closes the lines above it.
  if (words.length === 1 && KK_HEADING_FORMS.has(words[0] ?? '')) {
    const kind = accept(words[0]);
    return kind ? { kind, position: 'last' } : null;
  }
  // A sentence is not a heading: a first-word match must not end like one.
  const sentence = /[.!?]$/u.test(text.trim()) && text.length > 40;
  const first = accept(words[0]) ?? (RU_ADJECTIVE_RE.test(words[0] ?? '') ? accept(words[1]) : null);
  if (first && !sentence) return { kind: first, position: 'first' };

  // Kazakh order: the kind closes the heading (`…туралы ЕРЕЖЕ`, `…жылға арналған ЖҰМЫС ЖОСПАРЫ`).
  const lastWord = words[words.length - 1];
  if (words.length > 1 && lastWord && KK_HEADING_FORMS.has(lastWord) && !/[.:;,]$/u.test(text.trim())) {
    const last = accept(lastWord);
    if (last) return { kind: last, position: 'last' };
  }
  return null;
}

/** A line that can be part of a title: not a stamp, a requisites line, a place or a blank field. */
export function isTitleLine(ctx: TextContext, index: number, maxChars = MAX_TITLE_LINE_CHARS): boolean {
  const line = ctx.lines[index];
  if (!line || !line.text || line.text.length > maxChars) return false;
  if (line.text.includes('___') || STAMP_LINE_RE.test(line.text) || PLACE_LINE_RE.test(line.text) || PLACE_ONLY_RE.test(line.text)) return false;
  if (isNoiseLine(line.text)) return false; // OCR noise (`20 2.1 жыл Хе 2 Jb`)
  if (/^(?:\d{1,3}[.)]|[-–•*])\s/u.test(line.text)) return false;
  return letterCount(line.text) >= 3 && !isRequisitesLine(ctx, line);
}

/**
 * A line that can join a multi-line title block: a title line that is not a form field
 * (`Әзірлеуші орган: …`, `Докладчик: …`) and not a heading of its own (`Шешімнің жобасы`).
 */
export function isBlockLine(ctx: TextContext, index: number): boolean {
  const text = ctx.lines[index]?.text ?? '';
  // A signatory's post or name (`… бас дәрігері` / `К.Мырзахметов`) ends the block above a heading.
  return isTitleLine(ctx, index) && !FIELD_LABEL_RE.test(text) && headingKind(text) === null && !isPositionLine(text) && !isPersonName(text);
}

/** The heading leaves its sentence open: an unclosed quote, a trailing preposition or Kazakh connective. */
export function opensNext(text: string): boolean {
  const quotes = (text.match(/[«“]/g) ?? []).length - (text.match(/[»”]/g) ?? []).length;
  return quotes > 0 || RU_OPEN_END_RE.test(text) || KK_OPEN_END_RE.test(text);
}

/**
 * First and last line of a heading's block. A heading that ends with the kind word takes the
 * lines above it (`…жылға арналған` / `ЖҰМЫС ЖОСПАРЫ`); a heading that starts with it takes its
 * continuation below (`ПЛАН` / `работы … на 2019 год`), across blank lines only when the next line
 * visibly continues it: a lower-case start, the same capitals, an open end, or the name after a
 * short capitals heading (`ПЛАН РАБОТЫ` / `Общественного совета … на 2018 год`).
 */
function blockBounds(ctx: TextContext, line: number, position: 'first' | 'last'): [number, number] {
  const base = ctx.lines[line]?.text ?? '';
  const upper = isUpperCaseLine(base);
  let first = line;
  let last = line;
  if (position === 'last') {
    while (line - first < MAX_BLOCK_LINES) {
      const previous = previousNonBlank(ctx, first);
      const text = ctx.lines[previous]?.text;
      const current = ctx.lines[first]?.text ?? '';
      // A Kazakh heading's date line belongs to it when it ends in the genitive
      // (`2023 жылғы 15 наурыздағы отырысының` / `№ 2 ХАТТАМАСЫ`).
      const genitiveDateLine = text !== undefined && KK_GENITIVE_END_RE.test(text) && headingKind(text) === null && !STAMP_LINE_RE.test(text);
      if (previous < 0 || !text || /[.:;]$/u.test(text) || (!isBlockLine(ctx, previous) && !genitiveDateLine)) break;
      // A lone Kazakh kind word (`ХАТТАМАСЫ`, `ЖОСПАРЫ`) closes the block of lines right above it.
      const lone = wordCount(base.replace(/№\s*\S+/u, '')) === 1 && previous === first - 1;
      // `«Қызылорда облыстық … диспансері»` / `ШЖҚ КМК-ның Байқау кеңесі отырысының`: a quoted name, then its legal form.
      const namedForm = /[»"”]$/u.test(text) && /^\p{Lu}{2,5}(?:\s|-)/u.test(current);
      const belongs = startsLowerCase(current) || (upper && isUpperCaseLine(text)) || KK_OPEN_END_RE.test(text) || lone || namedForm;
      if (!belongs) break;
      first = previous;
    }
    return [first, last];
  }
  while (last - line < MAX_BLOCK_LINES) {
    const next = nextNonBlank(ctx, last);
    const text = ctx.lines[next]?.text;
    const current = ctx.lines[last]?.text ?? '';
    if (next < 0 || !text || /[.:;]$/u.test(current) || !isBlockLine(ctx, next)) break;
    const shortCapitals = last === line && upper && wordCount(base) <= 3 && !/[.!?]$/u.test(text);
    // A heading word with its name, then the subject: `Кодекс Республики Казахстан` / `О недрах …`.
    const subject = last === line && wordCount(base) <= 5 && RU_SUBJECT_START_RE.test(text);
    const continues =
      startsLowerCase(text) || /^[«"“]/u.test(text) || (upper && isUpperCaseLine(text)) || opensNext(current) || shortCapitals || subject;
    if (!continues) break;
    last = next;
  }
  return [first, last];
}

/** Lines joined with single spaces; a line broken after a hyphen joins without one. */
export function joinLines(ctx: TextContext, first: number, last: number): string {
  let out = '';
  for (let i = first; i <= last; i++) {
    const text = ctx.lines[i]?.text;
    if (!text) continue;
    out += out && !/\p{L}-$/u.test(out) ? ' ' + text : text;
  }
  return out;
}

/** Heading lines among the first lines of the header, in order. */
export function findHeadings(ctx: TextContext): HeadingMatch[] {
  const result: HeadingMatch[] = [];
  const top = nonBlankLineIndices(ctx, HEADING_LINES);
  top.forEach((i, rank) => {
    const line = ctx.lines[i];
    if (!line) return;
    // `Решение … № 58-1 от 26 февраля 2016 года` below the top names an act the page quotes.
    if (rank >= STATEMENT_LINES && datesIn(ctx, line.start, line.end).length > 0 && numbersIn(ctx, line.start, line.end).length > 0) return;
    let found = headingKind(line.text);
    // A heading broken after its first words: `Информация` / `об исполнении … по итогам 2022 года`.
    const next = ctx.lines[nextNonBlank(ctx, i)]?.text ?? '';
    // Not a Kazakh kind word closing the lines above (`…іс-шаралар` / `ЖОСПАРЫ` / `орындаушылар`: a column header follows).
    if (wordCount(line.text) <= 2 && startsLowerCase(next) && found?.position !== 'last') found = headingKind(`${line.text} ${next}`) ?? found;
    // A Kazakh heading broken before its kind word: `…2023-2024 жылына арналған` / `медбике жылдық жоспары`.
    const previous = ctx.lines[previousNonBlank(ctx, i)]?.text ?? '';
    const loneKindWord = wordCount(line.text) === 1 && KK_HEADING_FORMS.has(line.text.toLowerCase().replace(/[.\s]+$/u, ''));
    if (!found && startsLowerCase(line.text) && (KK_OPEN_END_RE.test(previous) || loneKindWord)) {
      // The closing full stop some typists put after a heading (`…жылдық жоспары.`) is no sentence end.
      const joined = headingKind(`${previous} ${line.text}`.replace(/\.$/u, ''));
      if (joined?.position === 'last') found = joined;
    }
    if (!found) return;
    const [first, last] = blockBounds(ctx, i, found.position);
    const block = joinLines(ctx, first, last);
    result.push({ line: i, kind: found.kind, position: found.position, block, weak: wordCount(block) <= 2 });
  });
  return result;
}
