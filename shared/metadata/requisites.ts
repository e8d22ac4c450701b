import type { KindCode } from '../domain/kinds';
import {
  type Line,
  type TextContext,
  datesIn,
  lineIndexAt,
  nextNonBlank,
  nonBlankLineIndices,
  numbersIn,
  previousNonBlank,
} from './context';
import type { DateMatch } from './dates';
import { kazakhIssuerBefore, russianIssuerAfter } from './issuer';
import type { NumberMatch } from './numbers';
import {
  APPROVAL_CONTEXT_RE,
  APPROVAL_INSTRUMENTAL_RE,
  APPROVAL_MARK_RE,
  INCOMING_MARK_RE,
  INSTITUTION_RE,
  KK_REFERENCE_WORD_RE,
  KK_SELF_ADJECTIVES_RE,
  KK_SELF_WORDS,
  OUTGOING_MARK_RE,
  CITATION_RE,
  REPEALED_LIST_RE,
  RU_SELF_WORDS,
} from './vocabulary';
import { CandidateSet } from './candidates';
import { type LayoutIndex, startsWithSeparateBlock } from './layout';
import { numberAtStart } from './numbers';
import type { CandidateSource, Feature } from './weights';

/**
 * The document's own number and date ("requisites"). A header names many acts: the one being
 * amended, the law it is based on, its registration with the Ministry of Justice. The rules below
 * look for the shapes in which a document states its own requisites, strongest first, and take
 * nothing from running text: a date or number that matches no rule stays unknown.
 */

export type RequisitesSource =
  | 'self' // `…2016 жылғы 22 қаңтардағы № 66 бұйрығы.`, `Приказ … от … № 66`, `ПРОТОКОЛ № 5`
  | 'stamp' // `Утверждено решением Правления … № 22-22 от «23» июня 2022 года`
  | 'standalone' // a line holding only a date or a number: `15.04.2021 жыл`, `№ KZ27LAA00028039`
  | 'signature' // the end of an act: `Москва, Кремль / 30 декабря 2001 года / № 197-ФЗ`
  | 'adoption' // `Принята на референдуме 30 августа 1995 года`
  | 'dateline' // `АТЫРАУ, 2016 жылғы 10 маусым – …`
  | 'label' // `Дата проведения публичных слушаний: 30 июля 2021 года`
  | 'registration'; // `№ 13487 болып тіркелді`: the Ministry of Justice register, a last resort

export interface Requisites {
  number: string | null;
  numberSource: RequisitesSource | null;
  date: string | null;
  dateSource: RequisitesSource | null;
  /** Kind named by the document's own requisites statement (`№ 66 бұйрығы`, `Приказ … от`). */
  kind: KindCode | null;
  issuer: string | null;
  /** Header line where the act's own requisites statement starts (for the title finder). */
  statementLine: number | null;
  /** Header line of a press-release dateline. */
  datelineLine: number | null;
}

interface Finding {
  number?: string;
  date?: string;
  kind?: KindCode;
  issuer?: string | null;
  line?: number;
}

/**
 * The document's own requisites statement sits at the very top (adilet prints it under the
 * title); further down, the same shapes describe other acts (a licence's appendix names the
 * licensing order, a page of drafts lists decisions).
 */
export const STATEMENT_LINES = 15;

/** Offset where the first `count` non-blank lines end. */
function topBoundary(ctx: TextContext, count: number): number {
  const top = nonBlankLineIndices(ctx, count);
  return ctx.lines[top[top.length - 1] ?? 0]?.end ?? 0;
}

/** Lines this short are stamps, headings or requisites lines, not running text. */
const SHORT_LINE = 120;
const REQUISITES_LINE = 70;
/** Longer lines are paragraphs of running text (one line per paragraph in HTML and DOCX). */
const PARAGRAPH_LINE = 150;
/**
 * How far into the header requisites lines are looked for (non-blank lines): a cover page can
 * spend thirty lines on addresses before the date line. Stamps sit in the top corner; further
 * down, `Утвержден распоряжением …` heads a table or schedule inside the document.
 */
const TOP_LINES = 40;
const STAMP_LINES = 12;
const LIST_ITEM_RE = /^(?:\d{1,3}[.)]|[-–•*]|\p{Ll}\))\s*/u;

// ---------------------------------------------------------------------------------------------
// Shapes shared by the rules

/** Text between a date and a number that still makes them one requisites pair. */
const DATE_THEN_NUMBER_GAP_RE = /^\s*(?:года|год|г\.?|жылғы|жыл|ж\.?)?\s*[,]?\s*$/iu;
const NUMBER_THEN_DATE_GAP_RE = /^\s*(?:от|dated|of)?\s*$/iu;

interface Pair {
  number: NumberMatch | null;
  date: DateMatch | null;
  start: number;
}

/** The first date–number pair written next to each other (`от 2 ноября 2015 года № 383-V`). */
function adjacentPair(ctx: TextContext, dates: DateMatch[], numbers: NumberMatch[], inStamp = false): Pair | null {
  let best: Pair | null = null;
  for (const n of numbers) {
    if (isReference(ctx, n, inStamp)) continue;
    for (const d of dates) {
      const adjacent =
        (d.end <= n.index && DATE_THEN_NUMBER_GAP_RE.test(ctx.text.slice(d.end, n.index))) ||
        (n.end <= d.index && NUMBER_THEN_DATE_GAP_RE.test(ctx.text.slice(n.end, d.index)));
      if (!adjacent) continue;
      const start = Math.min(d.index, n.index);
      if (!best || start < best.start) best = { number: n, date: d, start };
    }
  }
  return best;
}

/**
 * A number that names another act: followed by that act's quoted title (`№ 12 «Об утверждении…»`)
 * or by a Kazakh kind noun with a case ending (`№ 506 бұйрығына`, `№ 37-204 шешімінің`), except
 * the instrumental of an approval stamp (`№ 30-43 шешімімен бекітілді`).
 */
function isReference(ctx: TextContext, n: NumberMatch, inStamp = false): boolean {
  const after = ctx.text.slice(n.end, n.end + 80);
  // In an approval stamp the quoted title after the number is the approving act's own.
  if (!inStamp && /^\s*[«"“„]\s*(?:О|Об|Обо)\s/u.test(after)) return true;
  const word = /^\s*(\p{L}+)/u.exec(after)?.[1]?.toLowerCase();
  if (word && KK_REFERENCE_WORD_RE.test(word) && !KK_SELF_WORDS.has(word)) {
    if (/(?:мен|бен|пен)$/u.test(word) && /^\s*\p{L}+\s+бекіт/u.test(after)) return false;
    // `№ 6-38 шешіміне қосымша`: the appendix names the decision it belongs to.
    return !(inStamp && /^\s*\p{L}+\s+қосымша/u.test(after));
  }
  return false;
}

/**
 * What is left of a line once its dates, numbers and filler words are removed. Requisites lines
 * (`г. Астана 09.00 29 июня 2023 года`, `15.04.2021 жыл`) leave a place name at most.
 */
const FILLER_WORDS = new Set([
  'от', 'г', 'года', 'год', 'гг', 'жыл', 'жылғы', 'жылы', 'ж', 'қ', 'қаласы', 'город', 'часов', 'час',
  'сағат', 'берілген', 'выдана', 'выдан', 'дата', 'күні', 'date', 'dated', 'no', 'номер', 'нөмірі',
]);

function residue(ctx: TextContext, line: Line): { words: number; letters: number } {
  let text = ctx.text.slice(line.start, line.end);
  const spans = [...datesIn(ctx, line.start, line.end), ...numbersIn(ctx, line.start, line.end)]
    .sort((a, b) => b.index - a.index);
  for (const span of spans) text = text.slice(0, span.index - line.start) + ' ' + text.slice(span.end - line.start);
  const words = text
    .replace(/\d{1,2}[.:]\d{2}/g, ' ')
    .split(/[^\p{L}-]+/u)
    .filter((word) => /\p{L}/u.test(word) && !FILLER_WORDS.has(word.toLowerCase()));
  return { words: words.length, letters: words.join('').length };
}

export function isRequisitesLine(ctx: TextContext, line: Line): boolean {
  if (!line.text || line.text.length > REQUISITES_LINE || line.text.includes('___')) return false;
  const dates = datesIn(ctx, line.start, line.end).length;
  const numbers = numbersIn(ctx, line.start, line.end).length;
  // Two dates make a period (`с 1 января 2022 года по 1 июня 2023 года`), not a document date.
  if (dates + numbers === 0 || dates > 1) return false;
  const rest = residue(ctx, line);
  return rest.words <= 2 && rest.letters <= 12;
}

// ---------------------------------------------------------------------------------------------
// Rules

/**
 * Kazakh self-identification, as printed under every act on adilet.zan.kz and in official
 * headers: `<issuer>-ның <date> № <number> <kind>-ы.` The kind noun is nominative with the
 * possessive ending and closes the sentence or line; any case ending makes it a reference.
 */
function kazakhStatement(ctx: TextContext): Finding | null {
  const topEnd = topBoundary(ctx, STATEMENT_LINES);
  for (const n of ctx.numbers) {
    if (n.index >= topEnd) break;
    const after = ctx.text.slice(n.end, n.end + 60);
    // `№ 2529 Конституциялық заңы`, also broken after the adjective (`N 2529 Конституциялық` / `заңы`).
    const match = /^\s*(?:(\p{L}+)\s+)?(\p{L}+)\s*(\.|\n|$)/u.exec(after);
    const adjectiveOk = !match?.[1] || KK_SELF_ADJECTIVES_RE.test(match[1]);
    const kind = match?.[2] && adjectiveOk ? KK_SELF_WORDS.get(match[2].toLowerCase()) : undefined;
    if (!kind) continue;
    const date = ctx.dates.find((d) => d.end <= n.index && /^\s*$/u.test(ctx.text.slice(d.end, n.index)));
    if (!date) continue;
    const lineIndex = lineIndexAt(ctx, date.index);
    const line = ctx.lines[lineIndex];
    if (!line || LIST_ITEM_RE.test(line.text)) continue;
    return { number: n.value, date: date.iso, kind, issuer: kazakhIssuerBefore(phraseBeforeDate(ctx, date)), line: lineIndex };
  }
  return null;
}

/**
 * The words before a date on its line, with the previous line when the date opens its own line
 * (`Еңбекшіқазақ аудандық мәслихаттың` / `2018 жылғы 5 маусымдағы № 30-43 шешімімен бекітілді`).
 */
function phraseBeforeDate(ctx: TextContext, date: DateMatch): string {
  const lineIndex = lineIndexAt(ctx, date.index);
  const line = ctx.lines[lineIndex];
  if (!line) return '';
  const before = ctx.text.slice(line.start, date.index);
  if (before.trim().split(/\s+/).filter(Boolean).length >= 2) return before;
  const previous = ctx.lines[previousNonBlank(ctx, lineIndex)];
  return previous ? `${previous.text} ${before}` : before;
}

/** A line opening with a kind word: `Приказ`, `Совместный приказ`, `РЕШЕНИЕ`, `ШЕШІМ`, `ПРОТОКОЛ № 5`. */
const KK_HEADING_SELF_WORDS: ReadonlyMap<string, KindCode> = new Map<string, KindCode>([
  ['шешім', 'decision'], ['бұйрық', 'order'], ['қаулы', 'resolution'], ['өкім', 'directive'],
  ['жарлық', 'decree'], ['хаттама', 'protocol'],
]);
const RU_ADJECTIVE_RE = /^\p{L}+(?:ый|ий|ой|ое|ая|ые|ие)$/iu;

/** The kind word opening a line, directly or after an adjective (`Совместный приказ`). */
function lineKindWord(text: string): { kind: KindCode; word: string } | null {
  const [first = '', second = ''] = text.split(/[^\p{L}-]+/u, 2);
  const direct = RU_SELF_WORDS.get(first.toLowerCase()) ?? KK_HEADING_SELF_WORDS.get(first.toLowerCase());
  if (direct) return { kind: direct, word: first };
  const after = RU_ADJECTIVE_RE.test(first) ? RU_SELF_WORDS.get(second.toLowerCase()) : undefined;
  return after ? { kind: after, word: second } : null;
}

/** The act an extract is taken from, in the genitive: `Выписка из решения`, `из протокола`. */
const EXTRACT_SOURCE_KINDS: ReadonlyMap<string, KindCode> = new Map<string, KindCode>([
  ['решения', 'decision'], ['протокола', 'protocol'], ['приказа', 'order'], ['постановления', 'resolution'],
  ['распоряжения', 'directive'], ['указа', 'decree'],
]);

/**
 * An extract heads its own blank: `ВЫПИСКА` / `из решения Наблюдательного совета …`. It is a
 * document of the kind it is taken from (the README's rule), with that act's number and date.
 */
function extractHeading(ctx: TextContext, index: number): { kind: KindCode; word: string } | null {
  const line = ctx.lines[index];
  const heading = line ? /^(ВЫПИСКА|Выписка|ИЗВЛЕЧЕНИЕ|Извлечение)(?:\s+из\s+(\p{L}+))?/u.exec(line.text) : null;
  if (!heading?.[1]) return null;
  const source = heading[2] ?? /^из\s+(\p{L}+)/iu.exec(ctx.lines[nextNonBlank(ctx, index)]?.text ?? '')?.[1];
  const kind = source ? EXTRACT_SOURCE_KINDS.get(source.toLowerCase()) : undefined;
  return kind ? { kind, word: heading[1] } : null;
}

/**
 * Russian (and heading-style) self-identification: a line that starts with the kind and carries,
 * within its statement, the date and number (`Решение … маслихата № 30-2 от 7 апреля 2014 года`),
 * or a heading with its number (`ПРОТОКОЛ № 5`) or followed by a requisites line
 * (`РЕШЕНИЕ` / `14 сентября 2023 года № 6-38`).
 */
function headingStatement(ctx: TextContext): Finding | null {
  for (const i of nonBlankLineIndices(ctx, STATEMENT_LINES)) {
    const line = ctx.lines[i];
      if (!line || !/^[\p{Lu}№]/u.test(line.text) || LIST_ITEM_RE.test(line.text)) continue;
    // `№ 2 ХАТТАМАСЫ` closing a Kazakh heading: the number first, the kind word after it, also at
    // the end of a one-line heading (`Педагогикалық кеңес отырысының №1 хаттамасы`) or glued to
    // the number (`№1-Хаттама`).
    const prefixedKind = numberedKindWord(line.text);
    if (prefixedKind) {
      const own = numbersIn(ctx, line.start, line.end).at(-1);
      const near = nearbyRequisites(ctx, i);
      const kind = approvedAbove(ctx, i) ? undefined : prefixedKind;
      if (own) return { number: own.value, date: near.date, kind, issuer: null, line: i };
    }
    const found = lineKindWord(line.text) ?? extractHeading(ctx, i);
    if (!found) continue;
    // A line under `См. о внесении изменений в настоящий Кодекс:` is one of a list of other acts.
    // Its members end with `;` or follow one that does.
    const previousText = ctx.lines[previousNonBlank(ctx, i)]?.text ?? '';
    const listed = /[:;]\s*$/u.test(previousText) || /;\s*$/u.test(line.text);
    if (listed && !/^\p{Lu}+$/u.test(found.word)) continue;
    const { word } = found;
    // The act that approved or considered the document, printed on its cover: its number and date
    // are how the document is filed, its kind is not the document's.
    const kind = approvedAbove(ctx, i) ? undefined : found.kind;
    // Where the kind word ends in the raw text (the line text is collapsed, the raw one is not).
    const wordEnd = ctx.text.indexOf(word, line.start) + word.length;

    // The statement: this line and, for wrapped text, the next two; at most 300 characters.
    const second = nextNonBlank(ctx, i);
    const third = second < 0 ? -1 : nextNonBlank(ctx, second);
    const last = ctx.lines[third] ?? ctx.lines[second] ?? line;
    const windowEnd = Math.min(line.start + 300, last.end);
    const pair = adjacentPair(ctx, datesIn(ctx, line.start, windowEnd), numbersIn(ctx, line.start, windowEnd));
    // `Кодекс дополнен … в соответствии с Законом РК от 25.03.11 г. № 421-IV`: an editorial note
    // citing the amending act; the pair after a citation is that act's.
    const lead = ctx.text.slice(line.start, pair?.start ?? line.start);
    if (pair && pair.start - line.start <= 250 && !/зарегистр|тіркел/iu.test(lead) && !CITATION_RE.test(lead)) {
      return {
        number: pair.number?.value,
        date: pair.date?.iso,
        kind,
        issuer: russianIssuerAfter(ctx.text.slice(wordEnd, pair.start)),
        line: i,
      };
    }

    // `ПРОТОКОЛ № 5`: the number right after the kind word; the date on a nearby short line.
    const own = ctx.numbers.find((n) => n.index >= wordEnd && /^\s*$/u.test(ctx.text.slice(wordEnd, n.index)));
    const bare = line.text.length <= 40 && (!own || own.end >= line.end - 1);
    if (own || (bare && line.text.split(' ').length <= 2)) {
      const near = nearbyRequisites(ctx, i);
      const number = own?.value ?? near.number;
      if (number || near.date) return { number, date: near.date, kind, issuer: null, line: i };
    }
  }
  return null;
}

/**
 * The kind word next to a number closing a heading line: `… №1 хаттамасы`, `№ 2 ХАТТАМАСЫ`,
 * `№1-Хаттама`, `… отырысы хаттамасы №1`.
 */
function numberedKindWord(text: string): KindCode | undefined {
  if (text.length > 120) return undefined;
  // The possessive kind word may also come before the number (`… отырысы хаттамасы №1`).
  const before = /(?:^|\s)(\p{L}+)\s+№\s*\d[\p{L}\d/.-]*$/u.exec(text)?.[1]?.toLowerCase();
  if (before && KK_SELF_WORDS.has(before)) return KK_SELF_WORDS.get(before);
  const match = /(?:^|\s)№\s*\d[\p{L}\d/.-]*?(?:\s+|-)(\p{L}+)\.?$/u.exec(text);
  const word = match?.[1]?.toLowerCase() ?? '';
  // Text before the number makes a heading only with the possessive form (`отырысының №1 хаттамасы`).
  const glued = match !== null && match.index === 0;
  return KK_SELF_WORDS.get(word) ?? (glued ? KK_HEADING_SELF_WORDS.get(word) : undefined);
}

/**
 * Whether the line is the approving act printed on a document's cover: it, or the line above,
 * says the document was considered, approved or agreed (`Рассмотрен и одобрен на заседании …` /
 * `Протокол № 1 от 28 августа 2020 года`).
 */
export function approvedAbove(ctx: TextContext, index: number): boolean {
  const line = ctx.lines[index];
  if (!line) return false;
  const kindAt = line.text.search(/протокол|хаттама|решени|шешім|приказ|бұйрық/iu);
  if (kindAt > 0 && APPROVAL_CONTEXT_RE.test(line.text.slice(0, kindAt))) return true;
  const previous = ctx.lines[previousNonBlank(ctx, index)]?.text ?? '';
  return previous.length <= SHORT_LINE && APPROVAL_CONTEXT_RE.test(previous) && !/[.;]$/u.test(previous);
}

/** Dates and numbers on requisites lines within three lines of `index` (both directions). */
function nearbyRequisites(ctx: TextContext, index: number): { number?: string; date?: string } {
  const found: { number?: string; date?: string } = {};
  const candidates = [index];
  for (const step of [nextNonBlank, previousNonBlank]) {
    for (let k = 0, j = step(ctx, index); k < 3 && j >= 0; k++, j = step(ctx, j)) candidates.push(j);
  }
  const below = new Set(candidates.slice(1, 4));
  for (const j of candidates) {
    const line = ctx.lines[j];
    if (!line) continue;
    if (j !== index && !isRequisitesLine(ctx, line)) continue;
    found.date ??= datesIn(ctx, line.start, line.end)[0]?.iso;
    if (j !== index) found.number ??= numbersIn(ctx, line.start, line.end).find((n) => !isReference(ctx, n))?.value;
    // A blank's number field under its heading is often filled without the sign.
    if (below.has(j)) found.number ??= bareNumber(ctx, line) ?? undefined;
  }
  return found;
}

/**
 * A number written without its sign next to the date on a blank's requisites line:
 * `25.01.2024ж. 33-05/01`, `город Шымкент 01/21 от «28» января 2021 года`. Only numbers with a
 * separator count (a lone `5` could be anything), and never a span of years (`2023-2024`).
 */
const BARE_NUMBER_RE = /(?<![\p{L}\d.,:/-])(\d{1,6}(?:[-/]\d{1,6}){1,3}(?:-\p{Lu}{1,3})?)(?![\p{L}\d.,:/-]|\.\d)/gu;

function bareNumber(ctx: TextContext, line: Line): string | null {
  const dates = datesIn(ctx, line.start, line.end);
  if (dates.length !== 1 || numbersIn(ctx, line.start, line.end).length > 0) return null;
  const date = dates[0]!;
  const text = ctx.text.slice(line.start, line.end);
  const masked = text.slice(0, date.index - line.start).padEnd(date.end - line.start, ' ') + text.slice(date.end - line.start);
  const codes = [...masked.matchAll(BARE_CODE_RE)].map((m) => m[1] ?? '');
  if (codes.length === 1) return codes[0]!;
  const found = [...masked.matchAll(BARE_NUMBER_RE)].map((m) => m[1] ?? '');
  if (found.length !== 1) return null;
  const value = found[0]!;
  if (/^(?:19|20)\d{2}[-/](?:(?:19|20)\d{2}|\d{2})$/u.test(value)) return null;
  return value;
}

/**
 * A licence's or permit's number printed next to its date without the sign: digits and Latin
 * capitals together, six characters at least (`0000055DX`, `KZ27LAA00028039`). Nothing else on
 * a requisites line looks like that (a BIN is digits only).
 */
const BARE_CODE_RE = /(?<![\p{L}\d])((?=[A-Z0-9]*\d)(?=[A-Z0-9]*[A-Z])[A-Z0-9]{6,20})(?![\p{L}\d])/gu;

/** A licence number beside the date on a requisites line (`25.10.2018 года 0000055DX`). */
function bareCode(ctx: TextContext, line: Line): string | undefined {
  const code = bareNumber(ctx, line);
  return code !== null && /^[A-Z0-9]+$/u.test(code) ? code : undefined;
}

/**
 * Approval and attachment stamps in the top corner: `Утверждено решением Правления АО «…» № 22-22
 * от «23» июня 2022 года`, `…2018 жылғы 5 маусымдағы № 30-43 шешімімен бекітілді`. The number and
 * date are those of the approving act, which is how an approved regulation is filed.
 */
function stampStatement(ctx: TextContext): Finding | null {
  for (const i of nonBlankLineIndices(ctx, STAMP_LINES)) {
    const line = ctx.lines[i];
    if (!line || line.text.length > SHORT_LINE) continue;
    if (!APPROVAL_MARK_RE.test(line.text) && !isAppendixRequisitesLine(ctx, line)) continue;
    const window = [i];
    for (let k = 0, j = i; k < 3; k++) {
      j = previousNonBlank(ctx, j);
      if (j < 0 || (ctx.lines[j]?.text.length ?? 999) > SHORT_LINE) break;
      window.unshift(j);
    }
    for (let k = 0, j = i; k < 4; k++) {
      j = nextNonBlank(ctx, j);
      if (j < 0 || (ctx.lines[j]?.text.length ?? 999) > SHORT_LINE) break;
      window.push(j);
    }
    const first = ctx.lines[window[0] ?? i] ?? line;
    const last = ctx.lines[window[window.length - 1] ?? i] ?? line;
    const dates = datesIn(ctx, first.start, last.end);
    const numbers = numbersIn(ctx, first.start, last.end).filter((n) => !isReference(ctx, n, true));
    const text = ctx.text.slice(first.start, last.end);
    const instrumental = APPROVAL_INSTRUMENTAL_RE.exec(text);
    const pair = adjacentPair(ctx, dates, numbers, true);
    // A number in a stamp counts only when it is the approving or parent act's: `решением`,
    // `протокол`, `Приложение к решению`, `шешіміне қосымша`, or the Kazakh appendix header.
    const actNamed =
      instrumental !== null || /протокол|хаттама/iu.test(text) || APPENDIX_RE.test(text) || isAppendixRequisitesLine(ctx, line);
    const number = actNamed ? (pair?.number ?? numbers[0]) : undefined;
    const date = pair?.date ?? dates[0];
    if (!number && !date) continue;
    const issuer =
      (instrumental ? russianIssuerAfter(text.slice(instrumental.index + instrumental[0].length)) : null) ??
      (date && actNamed ? kazakhIssuerBefore(phraseBeforeDate(ctx, date)) : null);
    return { number: number?.value, date: date?.iso, issuer, line: i };
  }
  return null;
}

/** A licence's first-issue date (`Алғашқы берілген күні`, `Дата первичной выдачи`) is not this copy's. */
const FIRST_ISSUE_RE = /алғашқы|первичн/iu;

/** `Приложение к решению …`, `Приложение 2 к приказу …`, `… шешіміне қосымша`. */
const APPENDIX_RE =
  /приложени\p{L}*\s+(?:№?\s*\d+\s+)?к\s+(?:решению|приказу|постановлению|распоряжению|указу|протоколу)|(?:шешіміне|шешімге|бұйрығына|бұйрыққа|қаулысына|қаулыға|өкіміне|жарлығына)\s+\d*-?\s*қосымша/iu;

/**
 * The Kazakh appendix header, sometimes printed without its last words: `Алматы облыстық
 * мәслихатының 2023 жылғы 14 қыркүйектегі № 6-38` — an institution in the genitive, the date and
 * the number of the act the appendix belongs to, and nothing else.
 */
function isAppendixRequisitesLine(ctx: TextContext, line: Line): boolean {
  const dates = datesIn(ctx, line.start, line.end);
  const numbers = numbersIn(ctx, line.start, line.end);
  const date = dates[0];
  const n = numbers[0];
  if (!date || !n || dates.length > 1 || numbers.length > 1 || n.index < date.end) return false;
  const before = ctx.text.slice(line.start, date.index);
  const after = ctx.text.slice(n.end, line.end);
  return (
    /^\s*$/u.test(ctx.text.slice(date.end, n.index)) &&
    /(?:ның|нің|дың|дің|тың|тің)[\s*_]*$/u.test(before) &&
    INSTITUTION_RE.test(before) &&
    /^[\s*_.]*$/u.test(after)
  );
}

/**
 * Lines that hold only a date or a number near the top: `15.04.2021 жыл`, `№ KZ27LAA00028039`,
 * `г. Астана 09.00 29 июня 2023 года`. Three or more different such dates make a list (a news
 * feed, a schedule), and none of them is trusted.
 */
function standaloneRequisites(ctx: TextContext): { number?: string; date?: string; distinctDates: number; numberLine?: number; dateLine?: number } {
  const dates: string[] = [];
  let numberLine: number | undefined;
  let dateLine: number | undefined;
  let number: string | undefined;
  const top = nonBlankLineIndices(ctx, TOP_LINES);
  // Once running text has begun (a paragraph line), a date on a line of its own belongs to the
  // content: a schedule, a table, an inserted stamp.
  const body = top.find((i) => (ctx.lines[i]?.text.length ?? 0) > PARAGRAPH_LINE) ?? Number.MAX_SAFE_INTEGER;
  top.forEach((i, rank) => {
    const line = ctx.lines[i];
    if (!line || i > body || !isRequisitesLine(ctx, line) || FIRST_ISSUE_RE.test(line.text)) return;
    // `На № 12-3/45 от 01.02.2024`: the request a letter answers, not the letter.
    if (INCOMING_MARK_RE.test(line.text)) return;
    // `2023 жылғы 06 қаңтардағы № 5-Ө` / `бұйрығына өзгерістер енгізу`: a title wrapped over the
    // requisites of the act it amends.
    if (continuesAsReference(ctx, i)) return;
    const date = datesIn(ctx, line.start, line.end)[0];
    if (date) {
      dates.push(date.iso);
      dateLine ??= i;
    }
    if (rank < 15 && number === undefined) {
      number = numbersIn(ctx, line.start, line.end).find((n) => !isReference(ctx, n))?.value ?? bareCode(ctx, line);
      if (number !== undefined) numberLine = i;
    }
  });
  const distinct = new Set(dates);
  // Further down, a number counts only on the requisites line that gave the date
  // (`Лицензия` / `№ KZ27LAA00028039 15.04.2021 год` after a cover of addresses).
  const dated = dateLine === undefined ? undefined : ctx.lines[dateLine];
  if (number === undefined && dated && distinct.size < 3) {
    number = numbersIn(ctx, dated.start, dated.end).find((n) => !isReference(ctx, n))?.value ?? bareCode(ctx, dated);
    if (number !== undefined) numberLine = dateLine;
  }
  return {
    number,
    numberLine,
    dateLine,
    date: distinct.size >= 3 ? undefined : dates[0],
    distinctDates: distinct.size,
  };
}

/** The next line opens with a Kazakh kind noun in a case ending (`бұйрығына`, `шешімінің`). */
function continuesAsReference(ctx: TextContext, index: number): boolean {
  // The cited act's number closes the line (`… қаңтардағы № 5-Ө`); a line that is only a date is
  // the document's own, whatever heading follows it (`28/11/2019` / `Шешімнің жобасы`).
  const line = ctx.lines[index];
  const date = line ? datesIn(ctx, line.start, line.end)[0] : undefined;
  if (!line || !date || !/\d[\p{L}\d/-]*\s*$/u.test(ctx.text.slice(date.end, line.end))) return false;
  const next = ctx.lines[nextNonBlank(ctx, index)]?.text ?? '';
  const word = /^(\p{L}+)/u.exec(next)?.[1]?.toLowerCase();
  return word !== undefined && KK_REFERENCE_WORD_RE.test(word) && !KK_SELF_WORDS.has(word);
}

/** The signature block at the very end: a date and a number on short lines next to each other. */
function signatureRequisites(tail: TextContext): Finding | null {
  // A list of repealed or amended acts at the end names other acts, never this one.
  if (REPEALED_LIST_RE.test(tail.text)) return null;
  const lines = tail.lines
    .map((line, i) => ({ line, i }))
    .filter(({ line }) => line.text && !LIST_ITEM_RE.test(line.text) && !INCOMING_MARK_RE.test(line.text))
    .slice(-10);
  for (let k = 0; k < lines.length; k++) {
    const group = lines.slice(k, k + 4).filter(({ line }) => line.text.length <= 60);
    // `Утверждены приказом … / от … № …` at the very end heads an annex that follows; it is no signature.
    // The stamp's words come first (`Утверждены приказом` / `…` / `от … № …`): look at the group's
    // first line and the three before it, not at an annex heading that follows a real signature.
    if (lines.slice(Math.max(0, k - 3), k + 1).some(({ line }) => APPROVAL_MARK_RE.test(line.text))) continue;
    const dates = group.flatMap(({ line }) => (isRequisitesLine(tail, line) ? datesIn(tail, line.start, line.end) : []));
    const numbers = group.flatMap(({ line }) => (isRequisitesLine(tail, line) ? numbersIn(tail, line.start, line.end) : []));
    if (dates[0] && numbers[0]) return { number: numbers[0].value, date: dates[0].iso, line: group[0]?.i };
  }
  return null;
}

/** `Принята на референдуме 30 августа 1995 года`, `Қабылданды …`, `Adopted on …`. */
function adoptionDate(ctx: TextContext): string | undefined {
  for (const i of nonBlankLineIndices(ctx, TOP_LINES)) {
    const line = ctx.lines[i];
    // `Введен в действие Постановлением Верховного Совета РК от 27 декабря 1994 года`: a code enacted
    // by the resolution of the day it was adopted; the resolution's number is not the code's.
    if (!line || !/^(?:Принят[аоы]?|Введен[аоы]?\s+в\s+действие|Қабылданды|Қабылданған|Adopted)(?![\p{L}])/u.test(line.text)) continue;
    const date = datesIn(ctx, line.start, line.end)[0];
    if (date) return date.iso;
  }
  return undefined;
}

/** A news dateline: `АТЫРАУ, 2016 жылғы 10 маусым – …`, `АСТАНА, 10 июня 2016 года — …`. */
function dateline(ctx: TextContext): { date: string; line: number } | null {
  for (const i of nonBlankLineIndices(ctx, 60)) {
    const line = ctx.lines[i];
    if (!line) continue;
    const date = datesIn(ctx, line.start, line.end)[0];
    if (!date || date.index - line.start > 40) continue;
    const before = ctx.text.slice(line.start, date.index);
    const after = ctx.text.slice(date.end, Math.min(line.end, date.end + 20));
    if (/^\s*\p{Lu}{3,}(?:[ -]\p{Lu}+)?\s*(?:,|\s[–—-])\s*$/u.test(before) && /^\s*(?:ж\.|жыл\p{L}*|г\.|года)?\s*[–—-]/u.test(after)) {
      return { date: date.iso, line: i };
    }
  }
  return null;
}

/** `Дата проведения публичных слушаний: 30 июля 2021 года`, `Өткізілген күні: …`. */
function labelledDate(ctx: TextContext): string | undefined {
  for (const i of nonBlankLineIndices(ctx, 40)) {
    const line = ctx.lines[i];
    if (!line) continue;
    const date = datesIn(ctx, line.start, line.end)[0];
    if (!date) continue;
    const before = ctx.text.slice(line.start, date.index);
    if (FIRST_ISSUE_RE.test(before)) continue;
    if (/(?:дата(?:\s+\p{L}+){0,4}|өткізілген күні|өткізу күні|күні|date)\s*:\s*$/iu.test(before)) return date.iso;
  }
  return undefined;
}

/** `№ 13487 болып тіркелді`, `Зарегистрирован в … № 13487`: the register number, if nothing else. */
function registrationNumber(ctx: TextContext): string | undefined {
  const topEnd = topBoundary(ctx, STATEMENT_LINES);
  for (const n of ctx.numbers) {
    if (n.index >= topEnd) break;
    const before = ctx.text.slice(Math.max(0, n.index - 160), n.index);
    const after = ctx.text.slice(n.end, n.end + 30);
    // A statement of the document's own registration, not the parenthesised registration of an
    // act it cites: `(… тізілімінде № 4959 болып тіркелген)`, `(зарегистрировано в Реестре … № 4959)`.
    if (insideParentheses(before)) continue;
    if (/^\s*болып\s+тіркелді/u.test(after) || /(?:^|[.\n]\s*)Зарегистрирован\p{L}*[^.]*$/u.test(before)) return n.value;
  }
  return undefined;
}

function insideParentheses(textBefore: string): boolean {
  return textBefore.lastIndexOf('(') > textBefore.lastIndexOf(')');
}

// ---------------------------------------------------------------------------------------------

/**
 * A letter's outgoing stamp: `Исх. № 01-12/345 от 02.03.2024`, `№ исх: 16-13-183Д/С от: 31.05.2024`,
 * `Шығ. № 15-04/112`. The number follows the mark (with or without its sign); the date is the one
 * on the same line or the next, after the number.
 */
function outgoingStamp(ctx: TextContext, lines: readonly number[], layout?: LayoutIndex): (Finding & { excerpt: string }) | null {
  for (const i of lines) {
    const line = ctx.lines[i];
    if (!line || line.text.length > SHORT_LINE) continue;
    const raw = ctx.text.slice(line.start, line.end);
    const mark = OUTGOING_MARK_RE.exec(raw);
    if (!mark || INCOMING_MARK_RE.test(raw.slice(0, mark.index))) continue;
    const markEnd = line.start + mark.index + mark[0].length;
    // The sign may stand before the mark (`№ исх:`) or after it (`Исх. №`); the number follows.
    const found = numberAtStart(ctx.text.slice(markEnd, markEnd + 60));
    if (!found) continue;
    // A stamp stands alone; `…письмом исх.№ 05-13/530 от 20.12.2019 года. На основании …` cites a letter.
    // The page text may join it with the addressee set beside it; the layout then shows it apart.
    const apart = layout !== undefined && startsWithSeparateBlock(layout, line.text, (block) => OUTGOING_MARK_RE.test(block));
    if (residue(ctx, line).words > 3 && !apart) continue;
    const numberEnd = markEnd + found.length;
    const next = nextNonBlank(ctx, i);
    const windowEnd = ctx.lines[next]?.end ?? line.end;
    const date = datesIn(ctx, line.start, windowEnd).find((d) => d.index >= numberEnd) ?? datesIn(ctx, line.start, line.end)[0];
    return { number: found.value, date: date?.iso, line: i, excerpt: line.text };
  }
  return null;
}

/** Where the body begins: the first paragraph line among the top lines. */
function bodyStart(ctx: TextContext): number {
  const top = nonBlankLineIndices(ctx, TOP_LINES);
  return top.find((i) => (ctx.lines[i]?.text.length ?? 0) > PARAGRAPH_LINE) ?? Number.MAX_SAFE_INTEGER;
}

/**
 * The stamp of an annex that follows the body: `Приложение к постановлению Правительства … от …
 * № …`, `… шешіміне қосымша`. It names the act the annex belongs to, which is this document when
 * the body states no requisites of its own (a scan of an annex, an adilet page of an annex).
 */
function annexStamp(ctx: TextContext, after: number): (Finding & { excerpt: string }) | null {
  for (let i = after + 1; i < ctx.lines.length; i++) {
    const line = ctx.lines[i];
    if (!line?.text || line.text.length > SHORT_LINE || !APPENDIX_RE.test(line.text)) continue;
    const last = ctx.lines[Math.min(ctx.lines.length - 1, i + 3)] ?? line;
    const numbers = numbersIn(ctx, line.start, last.end).filter((n) => !isReference(ctx, n, true));
    const pair = adjacentPair(ctx, datesIn(ctx, line.start, last.end), numbers, true);
    if (pair?.number || pair?.date) return { number: pair.number?.value, date: pair.date?.iso, line: i, excerpt: line.text };
  }
  return null;
}

/**
 * A form prescribed by rules opens with their stamp (`Приложение 5 к Правилам осуществления …`,
 * `… қағидаларына 2-қосымша`, `Форма 1`): the act stamps inside it name the order that approved
 * the rules or the form, never the filled-in form itself.
 */
const FORM_STAMP_RE =
  /(?:^|\n)(?:приложени\p{L}*\s+(?:№?\s*\d+\s+)?к\s+(?:правилам|инструкции|положению|методике|стандарту)|форма\s*(?:№\s*)?\d|нысан\s*(?:№\s*)?\d)|(?:қағидаларына|нұсқаулығына|ережесіне|әдістемесіне)\s+\d*-?\s*қосымша/iu;

function isPrescribedForm(ctx: TextContext): boolean {
  // The stamp wraps (`Приложение 5` / `к Правилам …`): its lines are read as one.
  const top = nonBlankLineIndices(ctx, 5).map((i) => ctx.lines[i]?.text ?? '');
  return FORM_STAMP_RE.test(top.join(' ')) || top.some((text) => FORM_STAMP_RE.test(text));
}

/** Line index where a list of repealed or amended acts begins, below the title lines; or -1. */
function repealedListStart(ctx: TextContext): number {
  const top = nonBlankLineIndices(ctx, Number.MAX_SAFE_INTEGER);
  for (const [rank, i] of top.entries()) {
    if (rank < 5) continue; // `О признании утратившими силу …` in the title is the act's subject
    const text = ctx.lines[i]?.text ?? '';
    if (REPEALED_LIST_RE.test(text) && text.length <= PARAGRAPH_LINE * 2) return i;
  }
  return -1;
}

/**
 * Every other date and number in the head block, with the features that say whose it is. They
 * score below the threshold (source `head-text`): never chosen, but offered to the reviewer.
 */
function headTextCandidates(ctx: TextContext, numbers: CandidateSet, dates: CandidateSet, repealedAt: number): void {
  const top = nonBlankLineIndices(ctx, TOP_LINES);
  for (const [rank, i] of top.entries()) {
    const line = ctx.lines[i];
    if (!line) continue;
    const features: Feature[] = [];
    if (rank < STAMP_LINES) features.push('head-block');
    if (repealedAt >= 0 && i >= repealedAt) features.push('repealed-list');
    if (CITATION_RE.test(line.text)) features.push('in-citation');
    if (INCOMING_MARK_RE.test(line.text)) features.push('incoming-reference');
    const excerpt = line.text;
    for (const d of datesIn(ctx, line.start, line.end)) dates.add({ value: d.iso, source: 'head-text', features, excerpt });
    for (const n of numbersIn(ctx, line.start, line.end)) {
      const own = isReference(ctx, n) ? [...features, 'in-citation' as const] : features;
      numbers.add({ value: n.value, source: 'head-text', features: own, excerpt });
    }
  }
}

export interface RequisitesCandidates {
  number: CandidateSet;
  date: CandidateSet;
  /** A letter's outgoing stamp was found (for the kind). */
  outgoing: boolean;
}

export function findRequisites(header: TextContext, tail: TextContext, layout?: LayoutIndex): Requisites & { candidates: RequisitesCandidates } {
  const statement = kazakhStatement(header) ?? headingStatement(header);
  const stamp = stampStatement(header);
  const standalone = standaloneRequisites(header);
  const signature = signatureRequisites(tail);
  const news = dateline(header);
  const outgoing =
    outgoingStamp(header, nonBlankLineIndices(header, TOP_LINES), layout) ??
    outgoingStamp(tail, tail.lines.map((_, i) => i).filter((i) => tail.lines[i]?.text));
  const body = bodyStart(header);
  const annex = body === Number.MAX_SAFE_INTEGER || isPrescribedForm(header) ? null : annexStamp(header, body);
  const repealedAt = repealedListStart(header);
  const adoption = adoptionDate(header);
  const labelled = labelledDate(header);

  const numbers = new CandidateSet();
  const dates = new CandidateSet();
  const lineText = (ctx: TextContext, line: number | undefined): string | undefined => (line === undefined ? undefined : ctx.lines[line]?.text);
  const add = (finding: Finding | null, source: CandidateSource, ctx: TextContext, extra: { excerpt?: string } = {}): void => {
    if (!finding) return;
    const excerpt = extra.excerpt ?? lineText(ctx, finding.line);
    if (finding.number) numbers.add({ value: finding.number, source, excerpt });
    if (finding.date) dates.add({ value: finding.date, source, excerpt });
  };
  add(statement, 'own-statement', header);
  add(outgoing, 'outgoing-stamp', outgoing && header.lines[outgoing.line ?? -1]?.text === outgoing.excerpt ? header : tail, outgoing ?? {});
  add(stamp, 'approval-stamp', header);
  add(signature, 'signature-block', tail);
  if (adoption) dates.add({ value: adoption, source: 'adoption' });
  if (news) dates.add({ value: news.date, source: 'dateline', excerpt: lineText(header, news.line) });
  const competing: Feature[] = standalone.distinctDates === 2 ? ['competing'] : [];
  if (standalone.number) numbers.add({ value: standalone.number, source: 'requisites-line', excerpt: lineText(header, standalone.numberLine) });
  if (standalone.date) dates.add({ value: standalone.date, source: 'requisites-line', features: competing, excerpt: lineText(header, standalone.dateLine) });
  if (labelled) dates.add({ value: labelled, source: 'labelled' });
  add(annex, 'annex-stamp', header, annex ?? {});
  const strongNumber = numbers.ranked()[0];
  const registered = strongNumber ? undefined : registrationNumber(header);
  if (registered) numbers.add({ value: registered, source: 'registration' });
  headTextCandidates(header, numbers, dates, repealedAt);

  // A date stated together with the chosen number belongs to it (`от … № 66`).
  const numberRules: Array<[Finding | null, RequisitesSource]> = [
    [statement, 'self'],
    [stamp, 'stamp'],
    [standalone.number ? { number: standalone.number, date: standalone.date } : null, 'standalone'],
    [signature, 'signature'],
  ];
  const numbered = numberRules.find(([finding]) => finding?.number);
  const dateSource: Record<string, RequisitesSource> = {
    'own-statement': 'self', 'approval-stamp': 'stamp', 'signature-block': 'signature', adoption: 'adoption',
    dateline: 'dateline', 'requisites-line': 'standalone', labelled: 'label', 'outgoing-stamp': 'self', 'annex-stamp': 'stamp',
  };
  const bestNumber = numbers.ranked()[0];
  const findings: Partial<Record<string, Finding | null>> = {
    'own-statement': statement, 'outgoing-stamp': outgoing, 'approval-stamp': stamp, 'signature-block': signature,
    'requisites-line': standalone.number ? { number: standalone.number, date: standalone.date } : null, 'annex-stamp': annex,
  };
  const pairedSource = bestNumber?.evidence[0] as CandidateSource | undefined;
  const pairedDate = pairedSource ? findings[pairedSource]?.date : undefined;
  if (pairedSource && pairedDate) dates.add({ value: pairedDate, source: pairedSource, features: ['paired'] });
  const bestDate = dates.ranked()[0];
  return {
    number: bestNumber?.value ?? null,
    numberSource: numbered?.[1] ?? (registered ? 'registration' : null),
    date: bestDate?.value ?? null,
    dateSource: bestDate ? (dateSource[bestDate.evidence[0] ?? ''] ?? null) : null,
    kind: statement?.kind ?? null,
    issuer: statement?.issuer ?? stamp?.issuer ?? null,
    statementLine: statement?.line ?? null,
    datelineLine: news?.line ?? null,
    candidates: { number: numbers, date: dates, outgoing: outgoing !== null },
  };
}
