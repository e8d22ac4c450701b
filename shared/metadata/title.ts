import type { LanguageCode } from '../domain/kinds';
import { type TextContext, letterCount, nextNonBlank, nonBlankLineIndices, previousNonBlank, startsLowerCase, wordCount } from './context';
import { type HeadingMatch, isBlockLine, isTitleLine, joinLines, opensNext } from './headings';
import type { KindResult } from './kind';
import { collapseSpaces } from './normalize';
import { CandidateSet } from './candidates';
import { type LayoutIndex, isEmphasised, layoutFeatures } from './layout';
import { runningKey } from './prepare';
import { nonTitleLines } from './title-lines';
import { CONFIDENCE_THRESHOLD } from './types';
import type { CandidateSource, Feature } from './weights';
import type { Requisites } from './requisites';

/**
 * The act's name. Kazakh acts are named by a block of lines ending in `…туралы` (`…бекіту
 * туралы`), Russian ones by a line starting with `О`/`Об` (`Об утверждении …`); other documents
 * by their heading (`ПОЛОЖЕНИЕ об …`, `…ЖҰМЫС ЖОСПАРЫ`, `Протокол № 5 совещания …`); news by the
 * headline above the dateline. Then the title stored in the file, if it is a real one, and at last
 * the first substantial line.
 */

export const MAX_TITLE_CHARS = 300;
const TOP_LINES = 40;
const RICHEST_HEADING_LINES = 10;
const FULLER_LINES = 6;
const MAX_BLOCK_LINES = 8;
const MAX_ACT_TITLE_LINE_CHARS = 600;
const FIRST_LINE_MAX_CHARS = 400;

const KK_TITLE_END_RE = /туралы\s*[»"”]?\s*\.?$/iu;
const RU_TITLE_START_RE = /^[«"“]?(?:О|Об|Обо|ОБ|ОБО)\s+[\p{L}«"]/u;
/** Titles that word processors and scanners fill in by themselves. */
const JUNK_EMBEDDED_TITLE_RE =
  /^(?:microsoft\s+(?:word|excel|powerpoint)|untitled|без названия|безымянный|новый документ|слайд|presentation|page\s*\d+|(?:document|документ|doc|subject|title|тема|заголовок|scan|скан|img|image)[\s_-]*\d*$)/iu;
/** Below this many letters a header without a language is just short, above it unreadable. */
const UNREADABLE_LETTERS = 200;
const FILE_NAME_RE = /\.(?:docx?|pdf|rtf|odt|txt|html?|xlsx?|pptx?)$/iu;

export interface TitleInput {
  ctx: TextContext;
  layout?: LayoutIndex;
  /** Running header keys (`prepare.ts`). */
  running?: ReadonlySet<string>;
  lang: LanguageCode | null;
  kind: KindResult;
  headings: readonly HeadingMatch[];
  requisites: Requisites;
  embeddedTitle?: string;
}

export interface TitleDetection {
  title: string | null;
  candidates: CandidateSet;
}

/** Kinds whose heading names the document even with its number (`Протокол № 5 заседания …`). */
const NAMED_BY_HEADING: ReadonlySet<string> = new Set(['protocol', 'transcript', 'plan', 'report', 'regulation', 'opinion', 'other']);
/** Kinds named by their own heading before any subject line (`Протокол № 5 совещания по …`). */
const NAMED_BY_HEADING_FIRST: ReadonlySet<string> = new Set(['protocol', 'transcript']);
/** A stored title that is a web site's or portal's name rather than the document's. */
const SITE_NAME_RE = /\s[|·—–-]\s|www\.|\.(?:kz|ru|com|gov)(?![\p{L}])|сайт|портал|порталы|главная|басты бет|official|интернет-ресурс/iu;
const APPROVAL_STAMP_RE = /(?:бекітілді|бекітілген|утвержден\p{L}*)\s*$/iu;
const URL_RE = /https?:|www\.|(?<![\p{L}])www(?![\p{L}])/iu;
const HAS_REQUISITES_RE = /№|(?<![\p{L}])N\s?\d|\d{1,2}[./]\d{1,2}[./]\d{4}|\d{4}\s*(?:жылғы|года|г\.)/u;

/**
 * Title candidates in the order the kind's evidence suggests (see the module comment), each scored
 * by its source (`weights.ts`), its layout (a bold, centred, larger line is a heading; a running
 * header is never a title) and, lightly, its rank in that order.
 */
export function detectTitle(input: TitleInput): TitleDetection {
  const { ctx, kind, requisites } = input;
  const set = new CandidateSet(false);
  const embedded = meaningfulEmbeddedTitle(input.embeddedTitle);
  const found: Array<[string | null, CandidateSource, Feature[]?]> = [];
  // Plenty of letters but no language: a broken text layer (mojibake). Its lines are no title.
  const unreadable = input.lang === null && letterCount(ctx.text) >= UNREADABLE_LETTERS;
  const headingBlocks = (): Array<[string, CandidateSource]> => {
    const ranked = rankedHeadings(ctx, input.headings, kind.kind);
    // A bare heading word (`Ереже`, `План работы`) is a web page's label more often than a title:
    // it yields to a subject line or a fuller heading, and stands only as a last guess.
    // A heading word alone (`ТАЛДАМАЛЫҚ АНЫҚТАМА`) takes the subject block that follows it.
    const withSubject = ranked.map((h) => {
      const subject = subjectBelow(ctx, h, skip);
      return subject ? { ...h, block: subject, weak: false } : h;
    });
    const blocks = withSubject.filter((h) => !h.weak).map((h) => h.block);
    const bare = withSubject.filter((h) => h.weak).map((h): [string, CandidateSource] => [h.block, 'first-line']);
    // `Указ Президента … № 314` is the requisites line; the subject line (`О …`) names the act.
    if (NAMED_BY_HEADING.has(kind.kind)) return [...blocks.map((b): [string, CandidateSource] => [b, 'heading-block']), ...bare];
    return [
      ...blocks.filter((b) => !HAS_REQUISITES_RE.test(b)).map((b): [string, CandidateSource] => [b, 'heading-block']),
      ...actTitles(ctx).map((b): [string, CandidateSource] => [b, 'act-title']),
      ...blocks.filter((b) => HAS_REQUISITES_RE.test(b)).map((b): [string, CandidateSource] => [b, 'first-line']),
      ...bare,
    ];
  };
  const acts = (): Array<[string, CandidateSource]> => actTitles(ctx).map((b) => [b, 'act-title']);
  // Stamps, positions, names and the issuer's letterhead are never the title, however they are set.
  const excluded = nonTitleLines(ctx, TOP_LINES);
  const skip = (i: number): boolean => excluded.blocked.has(i) || excluded.letterhead.has(i);
  // A guess from a table cell (a form's or price list's content) is offered for review, never chosen.
  const inTable = (i: number): Feature[] =>
    input.layout?.lines.get(collapseSpaces(ctx.lines[i]?.text ?? '').toLowerCase())?.inTable === true ? ['in-table'] : [];

  if (!unreadable) {
    switch (kind.source) {
      case 'requisites': {
        // Minutes are named by their heading (`Протокол № 5 совещания по …`); other acts by the
        // name written next to their requisites (`…бекіту туралы`, `Об утверждении …`).
        const own = input.headings.find((h) => h.line === requisites.statementLine);
        if (own && NAMED_BY_HEADING_FIRST.has(kind.kind)) found.push([own.block, 'subject-line']);
        found.push([actTitleNear(ctx, requisites.statementLine), 'subject-line']);
        if (own) found.push([own.block, 'heading-block']);
        found.push(...acts(), ...headingBlocks());
        break;
      }
      case 'operative':
      case 'self-reference':
        found.push(...acts(), ...headingBlocks());
        break;
      case 'protocol-heading':
      case 'heading':
      case 'weak-heading':
        found.push(...headingBlocks(), ...acts());
        break;
      case 'news':
        if (requisites.datelineLine !== null) found.push([headlineAbove(ctx, requisites.datelineLine), 'headline']);
        break;
      default:
        break;
    }
  }
  // A page label or stored title may stand for a fuller heading just below it.
  if (embedded) {
    const full = unreadable ? embedded : fuller(ctx, embedded, input.lang);
    const confirmed = full !== embedded || nonBlankLineIndices(ctx, FULLER_LINES).some((i) => repeatsWords(ctx.lines[i]?.text ?? '', embedded));
    found.push([full, confirmed ? 'embedded-confirmed' : 'embedded']);
    if (!confirmed && SITE_NAME_RE.test(embedded)) found[found.length - 1] = [null, 'embedded'];
  }
  if (!unreadable) {
    const first = firstSubstantialLine(ctx, input.lang, skip);
    const firstBlock = first === null ? null : blockFrom(ctx, first, input.layout, skip);
    // A news item without a headline is named by its first sentence; elsewhere running text is no name.
    const news = kind.kind === 'press_release' || kind.kind === 'announcement';
    if (first !== null && firstBlock && (news || !isProse(firstBlock))) {
      // The very first line of the text outranks a large line further down (`Кассада … 586,6 мың теңге`).
      const opening = nonBlankLineIndices(ctx, 2).includes(first);
      found.push([fuller(ctx, firstBlock, input.lang), 'first-line', [...(opening ? ['head-block' as const] : []), ...inTable(first)]]);
    }
    // A line set as a heading (bold, centred, large) near the top names the document.
    if (input.layout?.known) {
      for (const i of nonBlankLineIndices(ctx, FULLER_LINES * 2)) {
        const text = ctx.lines[i]?.text ?? '';
        if (skip(i) || !isTitleLine(ctx, i) || wordCount(text) < 2 || !isEmphasised(input.layout, text)) continue;
        const block = blockFrom(ctx, i, input.layout, skip);
        if (!isProse(block)) found.push([block, 'first-line', inTable(i)]);
      }
    }
  }

  // A candidate opening on a stamp's or signatory's line (`Протокол №1 от …` under `Рассмотрен и одобрен …`) is none.
  const blockedTexts = [...excluded.blocked].map((i) => ctx.lines[i]?.text ?? '').filter((text) => text.length >= 8);
  for (const [candidate, source, extra] of found) {
    const fromText = source !== 'embedded' && source !== 'embedded-confirmed'; // a stored title may name a post (`Председатель сессии`)
    if (candidate && fromText && blockedTexts.some((text) => candidate.startsWith(text))) continue;
    const title = candidate ? finishTitle(candidate) : null;
    if (!title || !fitsLanguage(title, input.lang)) continue;
    if (URL_RE.test(title)) continue; // `Источник: ИС Параграф WWW http://…`: a source note, no title
    if (input.running?.has(runningKey(title))) continue; // a running header is never the title
    const features = [...(input.layout ? layoutFeatures(input.layout, candidate ?? title) : []), ...(extra ?? [])];
    if (features.includes('running-header')) continue;
    // Ties keep the kind's order (the set ranks stably); layout may lift a later candidate.
    set.add({ value: title, source, features, excerpt: candidate ?? title });
  }
  const best = set.ranked()[0];
  return { title: best && best.score >= CONFIDENCE_THRESHOLD ? best.value : null, candidates: set };
}

/**
 * Kazakh subject blocks of a report or plan close with a postposition: `… нәтижелері бойынша`.
 * (An act's `… туралы` block is its subject line on its own: see actTitleBlocks.)
 */
const KK_SUBJECT_END_RE = /(?:бойынша|жөнінде|жөніндегі|арналған)$/iu;
const SUBJECT_BELOW_LINES = 4;

/**
 * A short heading that is only the kind (`ТАЛДАМАЛЫҚ АНЫҚТАМА`, `АНЫҚТАМА`) with the block below it
 * that names the subject and closes with a postposition (`Қызылорда … 2023` / `жылдың … жүргізу` /
 * `нәтижелері бойынша`); null when no such block follows.
 */
function subjectBelow(ctx: TextContext, heading: HeadingMatch, skip: (i: number) => boolean): string | null {
  const line = ctx.lines[heading.line]?.text ?? '';
  if (!NAMED_BY_HEADING.has(heading.kind) || wordCount(heading.block) > 3 || collapseSpaces(heading.block) !== collapseSpaces(line)) return null;
  let index = heading.line;
  for (let k = 0; k < SUBJECT_BELOW_LINES; k++) {
    index = nextNonBlank(ctx, index);
    const text = ctx.lines[index]?.text ?? '';
    if (index < 0 || !isBlockLine(ctx, index) || skip(index) || /[.:;!?]$/u.test(text)) return null;
    if (KK_SUBJECT_END_RE.test(text)) return joinLines(ctx, heading.line, index);
  }
  return null;
}

/**
 * A heading line with the lines that continue it: lower-case starts, open ends, or, when the
 * layout is known, the following lines set in the same heading type (`Сырттай оқу бөлімінің
 * білім алушыларына` / `2019-2020 оқу жылының …` / `арналған … кестесі`, all large).
 */
function blockFrom(ctx: TextContext, index: number, layout?: LayoutIndex, skip?: (i: number) => boolean): string {
  let last = index;
  for (let k = 0; k < MAX_BLOCK_LINES; k++) {
    const next = last + 1;
    const text = ctx.lines[next]?.text;
    const current = ctx.lines[last]?.text ?? '';
    if (!text || /[.:;!?]$/u.test(current) || !isBlockLine(ctx, next) || skip?.(next)) break;
    if (!startsLowerCase(text) && !opensNext(current) && !sameHeadingType(layout, current, text)) break;
    last = next;
  }
  return joinLines(ctx, index, last);
}

/** Two lines set alike as a heading: both larger than the body or both bold, at the same size. */
function sameHeadingType(layout: LayoutIndex | undefined, a: string, b: string): boolean {
  if (!layout?.known) return false;
  const first = layout.lines.get(collapseSpaces(a).toLowerCase());
  const second = layout.lines.get(collapseSpaces(b).toLowerCase());
  if (!first || !second) return false;
  const sizeA = first.size ?? 1;
  const sizeB = second.size ?? 1;
  if (Math.abs(sizeA - sizeB) > 0.03 || first.bold !== second.bold || first.align !== second.align) return false;
  return sizeA >= 1.1 || first.bold === true;
}

/**
 * A short name (a web page's label `Өткізу тәртібі`, a PDF's stored title) that is followed near
 * the top by a fuller line repeating its words (`Мәслихат сессиясын өткізу тәртібі`) gives way
 * to the fuller line.
 */
function fuller(ctx: TextContext, title: string, lang: LanguageCode | null): string {
  if (wordCount(title) > 4) return title;
  const top = nonBlankLineIndices(ctx, FULLER_LINES);
  for (const i of top) {
    const text = ctx.lines[i]?.text ?? '';
    if (
      wordCount(text) > wordCount(title) && text.length <= 200 && !/[.!?:;,]$/u.test(text) && isTitleLine(ctx, i) &&
      fitsLanguage(text, lang) && repeatsWords(text, title)
    ) {
      return text;
    }
  }
  return title;
}

// ---------------------------------------------------------------------------------------------

/** Kazakh `…туралы` blocks and Russian `О …`/`Об …` blocks near the top, in order. */
function actTitles(ctx: TextContext): string[] {
  return actTitleBlocks(ctx).map((block) => block.text);
}

interface Block {
  first: number;
  last: number;
  text: string;
}

function actTitleBlocks(ctx: TextContext): Block[] {
  const blocks: Block[] = [];
  const top = nonBlankLineIndices(ctx, TOP_LINES);
  for (const i of top) {
    const line = ctx.lines[i];
    // An act's name can fill a long paragraph of its own (one line in HTML and DOCX).
    if (!line || !isTitleLine(ctx, i, MAX_ACT_TITLE_LINE_CHARS)) continue;
    if (KK_TITLE_END_RE.test(line.text)) {
      // Walk back over the wrapped lines of the title; titles are contiguous lines.
      let first = i;
      while (i - first < MAX_BLOCK_LINES) {
        const previous = first - 1;
        const text = ctx.lines[previous]?.text;
        // A heading above (`Шешімнің жобасы`) is a block of its own, and so is an approval stamp
        // (`… 2018 жылғы 5 маусымдағы № 30-43 шешімімен бекітілді`).
        if (!text || /[.:;]$/u.test(text) || APPROVAL_STAMP_RE.test(text)) break;
        // `«… бекіту туралы»` / `2023 жылғы 06 қаңтардағы № 5-Ө` / `бұйрығына өзгерістер енгізу
        // туралы`: a cited act's requisites inside the sentence of the title.
        const citation = startsLowerCase(ctx.lines[first]?.text ?? '') && isCitationLine(ctx, previous);
        if (!isBlockLine(ctx, previous) && !citation) break;
        first = previous;
      }
      // A title opens the block (`Медициналық …`, `«2023 жылға …`); a lone `туралы.` or a block
      // starting in lower case is the end of a sentence from the body.
      const text = joinLines(ctx, first, i);
      if (wordCount(text) >= 3 && !startsLowerCase(ctx.lines[first]?.text ?? '')) blocks.push({ first, last: i, text });
    } else if (RU_TITLE_START_RE.test(line.text)) {
      let last = i;
      while (last - i < MAX_BLOCK_LINES) {
        const next = last + 1;
        const current = ctx.lines[last]?.text ?? '';
        const text = ctx.lines[next]?.text;
        if (!text || /[.:;]$/u.test(current) || !isBlockLine(ctx, next)) break;
        if (!startsLowerCase(text) && !/[«"“]/u.test(text.charAt(0)) && !opensNext(current)) break;
        last = next;
      }
      blocks.push({ first: i, last, text: joinLines(ctx, i, last) });
    }
  }
  // A quoted act title inside a longer one (`«… бекіту туралы» … бұйрығына … енгізу туралы`) is no title of its own.
  return blocks.filter((b) => !blocks.some((o) => o !== b && o.first <= b.first && o.last >= b.last && o.last - o.first > b.last - b.first));
}

/** A short line stating a cited act's date or number, inside a sentence: no stamp, no noise. */
function isCitationLine(ctx: TextContext, index: number): boolean {
  const line = ctx.lines[index];
  if (!line || line.text.length > 120 || /[.:;]$/u.test(line.text) || !HAS_REQUISITES_RE.test(line.text) && !/\d/u.test(line.text)) return false;
  return isTitleLine(ctx, index, MAX_ACT_TITLE_LINE_CHARS) || /(?:жылғы|года|от)\s/u.test(line.text);
}

/** The act title written just above the requisites statement (adilet), or just below it. */
function actTitleNear(ctx: TextContext, statementLine: number | null): string | null {
  if (statementLine === null) return null;
  const blocks = actTitleBlocks(ctx);
  const above = blocks.find((b) => b.last < statementLine && nextNonBlank(ctx, b.last) === statementLine);
  if (above) return above.text;
  const near = new Set(nonBlankLineIndices(ctx, Number.MAX_SAFE_INTEGER).filter((i) => i > statementLine).slice(0, 4));
  const below = blocks.find((b) => near.has(b.first));
  return below?.text ?? null;
}

/**
 * Headings of the chosen kind, best first: near the top the one with the most words (a web
 * page's `Жұмыс жоспары` label gives way to `…2019 жылға арналған ЖҰМЫС ЖОСПАРЫ` below it), then
 * the rest in order, bare words last.
 */
function rankedHeadings(ctx: TextContext, headings: readonly HeadingMatch[], kind: string): HeadingMatch[] {
  const top = new Set(nonBlankLineIndices(ctx, RICHEST_HEADING_LINES));
  const same = headings.filter((h) => h.kind === kind);
  const near = same.filter((h) => top.has(h.line) && !h.weak).sort((a, b) => wordCount(b.block) - wordCount(a.block));
  const rest = same.filter((h) => !near.includes(h));
  return [...near, ...rest.filter((h) => !h.weak), ...rest.filter((h) => h.weak)];
}

/** The headline of a news item: the nearest line above the dateline that is not a lead sentence. */
function headlineAbove(ctx: TextContext, datelineLine: number): string | null {
  let index = datelineLine;
  for (let k = 0; k < 4; k++) {
    index = previousNonBlank(ctx, index);
    const text = ctx.lines[index]?.text;
    if (index < 0 || !text) return null;
    if (!/[.!?]$/u.test(text) && isTitleLine(ctx, index) && wordCount(text) >= 2) return text;
  }
  return null;
}

function meaningfulEmbeddedTitle(title: string | undefined): string | null {
  if (!title) return null;
  const clean = collapseSpaces(title.normalize('NFC'));
  if (letterCount(clean) < 4 || JUNK_EMBEDDED_TITLE_RE.test(clean) || FILE_NAME_RE.test(clean)) return null;
  return clean;
}

/**
 * A guessed block that reads as running text, not a name: a sentence ends inside it
 * (`… институт. В 1998 году …`), or it is a long sentence closed by a full stop.
 */
function isProse(block: string): boolean {
  return /\p{L}{3,}[.!?]\s+\p{Lu}/u.test(block) || (/\.$/u.test(block.trim()) && wordCount(block) > 14);
}

/**
 * The first line that reads like a name: two words at least, not a stamp, position, letterhead,
 * date or page mark.
 */
function firstSubstantialLine(ctx: TextContext, lang: LanguageCode | null, skip: (i: number) => boolean): number | null {
  for (const i of nonBlankLineIndices(ctx, TOP_LINES)) {
    const text = ctx.lines[i]?.text ?? '';
    if (/[:;,]$/u.test(text) || skip(i)) continue; // introduces or continues something: not a name
    // A web page or DOCX keeps a long title in one paragraph.
    if (isTitleLine(ctx, i, FIRST_LINE_MAX_CHARS) && wordCount(text) >= 2 && letterCount(text) >= 6 && fitsLanguage(text, lang)) return i;
  }
  return null;
}

/** Most words of `short` occur in `long`, inflected or not (same first five letters). */
function repeatsWords(long: string, short: string): boolean {
  const stems = (text: string): string[] => (text.toLowerCase().match(/\p{L}+/gu) ?? []).map((word) => word.slice(0, 5));
  const have = new Set(stems(long));
  const want = stems(short);
  return want.length > 0 && want.filter((stem) => have.has(stem)).length / want.length >= 0.6;
}

const KK_LETTERS_RE = /[әғқңөұүһіӘҒҚҢӨҰҮҺІ]/u;
const RU_FUNCTION_RE = /(?<![\p{L}])(?:и|в|на|по|о|об|для|от|с|к|при)(?![\p{L}])/iu;

/**
 * Bilingual headers carry both titles; keep the one in the document's language. Kazakh titles
 * almost always have a Kazakh letter; a Russian one has none and has Russian prepositions.
 */
function fitsLanguage(raw: string, lang: LanguageCode | null): boolean {
  // Roman numerals are often typed with Cyrillic/Kazakh І and Х (`ХХІІ сессия`): not Kazakh words.
  const title = raw.replace(/(?<![\p{L}])[IVXLCMІХМС]+(?![\p{L}])/gu, ' ');
  const cyrillic = /\p{Script=Cyrillic}/u.test(title);
  if ((lang === 'kk' || lang === 'ru') && !cyrillic && /\p{Script=Latin}/u.test(title)) {
    // A Latin title on a Cyrillic document is a template name (`Complex`), unless it is Latin Kazakh.
    return false;
  }
  if (lang === 'ru') return !KK_LETTERS_RE.test(title);
  if (lang === 'kk' && cyrillic && !KK_LETTERS_RE.test(title)) return !(wordCount(title) >= 4 && RU_FUNCTION_RE.test(title));
  return true;
}

/** Single spaces, no wrapping quotes or trailing punctuation, at most MAX_TITLE_CHARS. */
export function finishTitle(raw: string): string | null {
  let title = collapseSpaces(raw).replace(/[\s,;:–—-]+$/u, '').replace(/\.$/u, '');
  const wrapped = /^[«"“](.*)[»"”]$/u.exec(title);
  if (wrapped?.[1] && !/[«»"“”]/u.test(wrapped[1])) title = wrapped[1].trim();
  if (letterCount(title) < 3) return null;
  return shorten(title, MAX_TITLE_CHARS);
}

/**
 * Long titles keep their beginning and their end: in `"…" бұйрығына өзгерістер енгізу туралы`
 * and `О внесении изменений в … «…»` the end says what the act does.
 */
function shorten(title: string, max: number): string {
  if (title.length <= max) return title;
  const tailLength = Math.floor(max * 0.3);
  const headLength = max - tailLength - 3;
  const head = title.slice(0, headLength).replace(/\s+\S*$/u, '');
  const tail = title.slice(-tailLength).replace(/^\S*\s+/u, '');
  return `${head} … ${tail}`;
}
